import { verificationJsonSchema, type VerificationJson } from '@attune/core/api/responses';
import { z } from 'zod';
import { verificationOptionsSchema, type VerificationOptions } from '@attune/core/verification/verification-options.schema';
import { VerificationRepository } from '@attune/persistence/repositories/verification.repository';
import { AttuneError } from '@attune/core/errors/attune-error';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { studyIdSchema } from '../studies/study-query.schemas';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { toVerificationJson } from './verification.mapper';
import { VerificationRunner } from './verification-runner.service';
import { Access, CurrentPrincipal } from '../auth/access.decorator';
import { AuditLog } from '../auth/audit-log.service';
import type { Principal } from '../auth/principal';

const idPipe = new ZodValidationPipe(studyIdSchema, 'id');
// A request without a body takes every default.
const optionsPipe = new ZodValidationPipe(z.preprocess((body) => body ?? {}, verificationOptionsSchema));

/** Verification of a study's winner: start one on demand, read the latest with its verdict. */
@ApiTags('verification')
@Controller('studies')
export class VerificationController {
  constructor(
    private readonly runner: VerificationRunner,
    private readonly verifications: VerificationRepository,
    private readonly audit: AuditLog,
  ) {}

  @Post(':id/verify')
  @Access('editor', { study: 'id' })
  @HttpCode(202)
  @ApiBody({ schema: openApiSchemaOf(verificationOptionsSchema, 'input'), required: false })
  @ApiAcceptedResponse({ schema: openApiSchemaOf(verificationJsonSchema), description: 'the verification, started: its measurements are taken one at a time' })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  @ApiConflictResponse({ description: 'the study is RUNNING, has a verification running, or nothing to verify (no measured baseline, no candidate)', schema: API_ERROR_SCHEMA })
  async verify(@Param('id', idPipe) id: string, @Body(optionsPipe) options: VerificationOptions, @CurrentPrincipal() principal: Principal): Promise<VerificationJson> {
    const verification = await this.runner.start(id, options, (study, started, tx) =>
      this.audit.record(principal, 'study.verify', { subject: id, project: study.project, detail: { verification: started.id, ...options } }, tx),
    );
    return toVerificationJson(verification, []);
  }

  @Get(':id/verification')
  @Access('viewer', { study: 'id' })
  @ApiOkResponse({ schema: openApiSchemaOf(verificationJsonSchema) })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA, description: 'no such study, or it was never verified' })
  async latest(@Param('id', idPipe) id: string): Promise<VerificationJson> {
    const verification = await this.verifications.latest(id);
    if (!verification) throw new AttuneError('NOT_FOUND', `study ${id} has no verification (POST /studies/${id}/verify starts one)`);
    return toVerificationJson(verification, await this.verifications.measurements(verification.id));
  }
}
