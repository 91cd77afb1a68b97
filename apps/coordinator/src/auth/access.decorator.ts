import type { Role } from '@attune/core/auth/roles';
import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { OPEN_PRINCIPAL, type Principal, type WithPrincipal } from './principal';

/** What a route requires; every route has one (the AccessGuard refuses a route without). */
export type AccessRule =
  | { readonly open: true }
  | {
      readonly open?: false;
      readonly role: Role;
      /** The route param holding a study id: the study must be of the caller's project (else 404, as for no study). */
      readonly studyParam?: string;
      /** Only a token of every project ("*") may call it: managing projects, the coordinator's metrics. */
      readonly allProjects?: boolean;
    };

export const ACCESS_RULE = 'attune:access';

/** The role a route needs, and whether it acts on one study (`study: 'id'`) or on every project. */
export const Access = (role: Role, options: { study?: string; allProjects?: boolean } = {}) =>
  SetMetadata<string, AccessRule>(ACCESS_RULE, { role, ...(options.study !== undefined && { studyParam: options.study }), ...(options.allProjects && { allProjects: true }) });

/** A route anyone may call: health, the dashboard's settings, signing in. The OpenAPI document says it needs no token. */
export const Open = () => applyDecorators(SetMetadata<string, AccessRule>(ACCESS_RULE, { open: true }), ApiOperation({ security: [] }));

/** The caller, as the AccessGuard found it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<WithPrincipal>().principal ?? OPEN_PRINCIPAL;
});
