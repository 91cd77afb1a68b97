import { projectJsonSchema, type ProjectJson } from '@attune/core/api/responses';
import { createProjectSchema, projectNameSchema, updateProjectSchema, type CreateProjectRequest, type UpdateProjectRequest } from '@attune/core/auth/auth-requests.schema';
import { ALL_PROJECTS } from '@attune/core/auth/roles';
import { AttuneError } from '@attune/core/errors/attune-error';
import { ProjectRepository } from '@attune/persistence/repositories/project.repository';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { Access, CurrentPrincipal } from './access.decorator';
import { AuditLog } from './audit-log.service';
import { toProjectJson } from './auth.mapper';
import { ProjectDirectory } from './project-directory.service';
import type { Principal } from './principal';

const namePipe = new ZodValidationPipe(projectNameSchema, 'name');

/** Projects: every viewer lists those it sees; an admin of every project creates them and sets their limits. */
@ApiTags('auth')
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly directory: ProjectDirectory,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @Access('viewer')
  @ApiOkResponse({ schema: openApiSchemaOf(projectJsonSchema.array()), description: "the token's project, or every project for a token of every project" })
  async list(@CurrentPrincipal() principal: Principal): Promise<ProjectJson[]> {
    return (await this.projects.list(principal.project === ALL_PROJECTS ? undefined : principal.project)).map(toProjectJson);
  }

  @Post()
  @Access('admin', { allProjects: true })
  @ApiBody({ schema: openApiSchemaOf(createProjectSchema, 'input') })
  @ApiCreatedResponse({ schema: openApiSchemaOf(projectJsonSchema) })
  @ApiConflictResponse({ schema: API_ERROR_SCHEMA, description: 'a project of that name exists' })
  async create(@Body(new ZodValidationPipe(createProjectSchema)) body: CreateProjectRequest, @CurrentPrincipal() principal: Principal): Promise<ProjectJson> {
    const project = await this.projects.insert(body);
    this.directory.changed(project);
    await this.audit.record(principal, 'project.create', { subject: project.name, project: project.name, detail: { ...body } });
    return toProjectJson({ ...project, studies: { running: 0, total: 0 } });
  }

  @Patch(':name')
  @Access('admin', { allProjects: true })
  @ApiBody({ schema: openApiSchemaOf(updateProjectSchema, 'input'), description: 'a limit set to null is removed; one left out is kept' })
  @ApiOkResponse({ schema: openApiSchemaOf(projectJsonSchema) })
  @ApiNotFoundResponse({ schema: API_ERROR_SCHEMA })
  async update(@Param('name', namePipe) name: string, @Body(new ZodValidationPipe(updateProjectSchema)) body: UpdateProjectRequest, @CurrentPrincipal() principal: Principal): Promise<ProjectJson> {
    const project = await this.projects.update(name, body);
    if (!project) throw new AttuneError('NOT_FOUND', `project ${name} does not exist`);
    this.directory.changed(project);
    await this.audit.record(principal, 'project.update', { subject: name, project: name, detail: { ...body } });
    return toProjectJson((await this.projects.list(name))[0]);
  }
}
