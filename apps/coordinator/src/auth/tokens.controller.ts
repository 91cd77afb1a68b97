import { createdTokenSchema, tokenJsonSchema, type CreatedToken, type TokenJson } from '@attune/core/api/responses';
import { createTokenSchema, type CreateTokenRequest } from '@attune/core/auth/auth-requests.schema';
import { ALL_PROJECTS } from '@attune/core/auth/roles';
import { AttuneError } from '@attune/core/errors/attune-error';
import { ApiTokenRepository } from '@attune/persistence/repositories/api-token.repository';
import { ProjectRepository } from '@attune/persistence/repositories/project.repository';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { Access, CurrentPrincipal } from './access.decorator';
import { AuditLog } from './audit-log.service';
import { AuthMode } from './auth-mode.service';
import { toTokenJson } from './auth.mapper';
import { seesProject, type Principal } from './principal';
import { noSuchProject } from './study-project';

const idPipe = new ZodValidationPipe(z.uuid({ error: 'must be a UUID' }), 'id');

/** API tokens: an admin lists, creates and revokes those of its project (every token, for an admin of every project). */
@ApiTags('auth')
@Controller('tokens')
export class TokensController {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly projects: ProjectRepository,
    private readonly mode: AuthMode,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @Access('admin')
  @ApiOkResponse({ schema: openApiSchemaOf(tokenJsonSchema.array()), description: 'newest first; never the secrets' })
  async list(@CurrentPrincipal() principal: Principal): Promise<TokenJson[]> {
    return (await this.tokens.list(principal.project)).map(toTokenJson);
  }

  @Post()
  @Access('admin')
  @ApiBody({ schema: openApiSchemaOf(createTokenSchema, 'input') })
  @ApiCreatedResponse({ schema: openApiSchemaOf(createdTokenSchema), description: 'the token, whose secret is shown this once' })
  async create(@Body(new ZodValidationPipe(createTokenSchema)) body: CreateTokenRequest, @CurrentPrincipal() principal: Principal): Promise<CreatedToken> {
    if (body.project === ALL_PROJECTS && principal.project !== ALL_PROJECTS)
      throw new AttuneError('FORBIDDEN', `a token of project ${principal.project} cannot create a token of every project`);
    if (body.project !== ALL_PROJECTS && (!seesProject(principal, body.project) || !(await this.projects.find(body.project)))) throw noSuchProject(body.project);
    const { record, text } = await this.tokens.create({
      project: body.project,
      role: body.role,
      ...(body.name !== undefined && { name: body.name }),
      ...(body.expiresInSec !== undefined && { expiresAt: new Date(Date.now() + body.expiresInSec * 1000) }),
      ...(principal.token && { createdBy: principal.token.id }),
    });
    this.mode.tokenCreated();
    await this.audit.record(principal, 'token.create', { subject: record.id, ...projectOf(record.project), detail: { role: record.role, ...(record.name !== undefined && { name: record.name }) } });
    return { ...toTokenJson(record), token: text };
  }

  @Delete(':id')
  @Access('admin')
  @ApiOkResponse({ schema: openApiSchemaOf(tokenJsonSchema), description: 'the token, revoked (revoking again keeps the first time)' })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  async revoke(@Param('id', idPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TokenJson> {
    const token = await this.tokens.find(id);
    if (!token || !seesProject(principal, token.project)) throw new AttuneError('NOT_FOUND', `token ${id} does not exist`);
    const revoked = (await this.tokens.revoke(id))!;
    await this.audit.record(principal, 'token.revoke', { subject: id, ...projectOf(token.project), detail: { role: token.role, ...(token.name !== undefined && { name: token.name }) } });
    return toTokenJson(revoked);
  }
}

/** The audit entry's project: absent for a token of every project. */
function projectOf(project: string): { project?: string } {
  return project === ALL_PROJECTS ? {} : { project };
}
