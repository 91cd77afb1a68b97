import { roleAllows, ALL_PROJECTS } from '@attune/core/auth/roles';
import { AttuneError } from '@attune/core/errors/attune-error';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { changesState } from '../http/request-policy';
import { studyIdSchema } from '../studies/study-query.schemas';
import { ACCESS_RULE, type AccessRule } from './access.decorator';
import { Authenticator, type AuthenticatedPrincipal } from './authenticator.service';
import { csrfHolds } from './credentials';
import { seesProject, type WithPrincipal } from './principal';

type Request = IncomingMessage & WithPrincipal & { params?: Record<string, string> };

/**
 * Every route's check, before its pipes: who calls (Authenticator), whether
 * the role allows the route, whether a cookie-borne request proves it comes
 * from the dashboard (CSRF), and whether the study it names is of the
 * caller's project. Another project's study is answered 404, as one that
 * does not exist: a token cannot learn what it may not see. A route without
 * an AccessRule is refused: forgetting one fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly studies: StudyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw new AttuneError('FORBIDDEN', `${context.getClass().name}.${context.getHandler().name} declares no access rule`);
    if (rule.open) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const principal = await this.authenticate(req, http.getResponse<ServerResponse>());
    req.principal = principal;
    if (!roleAllows(principal.role, rule.role)) throw new AttuneError('FORBIDDEN', `this needs the role ${rule.role}; the token has ${principal.role}`);
    if (rule.allProjects && principal.project !== ALL_PROJECTS) throw new AttuneError('FORBIDDEN', `this needs a token of every project ("${ALL_PROJECTS}"); the token is of project ${principal.project}`);
    if (principal.via === 'cookie' && changesState(req.method) && !csrfHolds(req.headers, principal.csrf))
      throw new AttuneError('FORBIDDEN', 'missing or wrong X-CSRF-Token header: a signed-in page sends the attune_csrf cookie back in it');
    if (rule.studyParam !== undefined) await this.assertStudyVisible(principal, req.params?.[rule.studyParam]);
    return true;
  }

  private authenticate(req: Request, res: ServerResponse): Promise<AuthenticatedPrincipal> {
    return this.authenticator.principalOfRequest(req, res);
  }

  /** NOT_FOUND for a study of another project; a malformed id is left to the route's pipe (400, which tells nothing). */
  private async assertStudyVisible(principal: AuthenticatedPrincipal, id: string | undefined): Promise<void> {
    if (principal.project === ALL_PROJECTS || id === undefined || !studyIdSchema.safeParse(id).success) return;
    const project = await this.studies.projectOf(id);
    if (project === undefined || !seesProject(principal, project)) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
  }
}
