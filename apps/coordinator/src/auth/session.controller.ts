import { sessionJsonSchema, type SessionJson } from '@attune/core/api/responses';
import { signInSchema, type SignInRequest } from '@attune/core/auth/auth-requests.schema';
import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { serialize, type CookieSerializeOptions } from 'cookie';
import { API_ERROR_SCHEMA } from '../http/api-error.openapi';
import { openApiSchemaOf } from '../http/openapi-schema-of';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { isLoopback } from '../listening-lines';
import { Access, CurrentPrincipal, Open } from './access.decorator';
import { AuthMode } from './auth-mode.service';
import { Authenticator, clientAddressOf } from './authenticator.service';
import { toSessionJson } from './auth.mapper';
import { CSRF_COOKIE, SESSION_COOKIE } from './credentials';
import { OPEN_PRINCIPAL, type Principal } from './principal';

/** How long a dashboard session lasts, at most (less when its token expires sooner). */
const SESSION_MAX_AGE_SEC = 12 * 3600;

/**
 * The dashboard's sign-in: a token exchanged for an HTTP-only, SameSite=Strict
 * session cookie (the page's script never holds the token), and a readable
 * CSRF cookie the page sends back as X-CSRF-Token on every unsafe request.
 */
@ApiTags('auth')
@Controller('session')
export class SessionController {
  constructor(
    private readonly mode: AuthMode,
    private readonly authenticator: Authenticator,
  ) {}

  @Get()
  @Access('viewer')
  @ApiOkResponse({ schema: openApiSchemaOf(sessionJsonSchema), description: 'who the caller is' })
  @ApiUnauthorizedResponse({ schema: API_ERROR_SCHEMA })
  get(@CurrentPrincipal() principal: Principal): SessionJson {
    return toSessionJson(principal);
  }

  @Post()
  @Open()
  @HttpCode(200)
  @ApiBody({ schema: openApiSchemaOf(signInSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchemaOf(sessionJsonSchema), description: 'signed in: sets the attune_session (HTTP-only) and attune_csrf cookies' })
  @ApiUnauthorizedResponse({ schema: API_ERROR_SCHEMA, description: 'unknown, expired or revoked token' })
  @ApiTooManyRequestsResponse({ schema: API_ERROR_SCHEMA, description: 'too many failed sign-ins from this address' })
  async signIn(@Body(new ZodValidationPipe(signInSchema)) body: SignInRequest, @Req() req: IncomingMessage & { ip?: string }, @Res({ passthrough: true }) res: ServerResponse): Promise<SessionJson> {
    if (!(await this.mode.isOn())) return toSessionJson(OPEN_PRINCIPAL);
    const token = await this.authenticator.verify(body.token, clientAddressOf(req));
    const untilExpiry = token.expiresAt ? Math.floor((token.expiresAt.getTime() - Date.now()) / 1000) : Infinity;
    const options = cookieOptions(req, Math.min(SESSION_MAX_AGE_SEC, untilExpiry));
    res.setHeader('Set-Cookie', [serialize(SESSION_COOKIE, body.token, { ...options, httpOnly: true }), serialize(CSRF_COOKIE, randomBytes(24).toString('base64url'), options)]);
    return toSessionJson({ role: token.role, project: token.project, token, via: 'cookie' });
  }

  @Delete()
  @Open()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'signed out: both cookies cleared' })
  signOut(@Req() req: IncomingMessage, @Res({ passthrough: true }) res: ServerResponse): void {
    const options = cookieOptions(req, 0);
    res.setHeader('Set-Cookie', [serialize(SESSION_COOKIE, '', { ...options, httpOnly: true }), serialize(CSRF_COOKIE, '', options)]);
  }
}

/**
 * SameSite=Strict, the whole site. Secure (sent over HTTPS only) unless the
 * page is plain HTTP on this machine's loopback, where there is no TLS to
 * require; on any other address over plain HTTP the browser drops the cookie,
 * and signing in needs HTTPS (a TLS-terminating proxy in front).
 */
function cookieOptions(req: IncomingMessage, maxAgeSec: number): CookieSerializeOptions {
  const plainLoopback = !(req.socket as TLSSocket).encrypted && isLoopback(req.socket.localAddress ?? '') && req.headers['x-forwarded-proto'] !== 'https';
  return { path: '/', sameSite: 'strict', secure: !plainLoopback, maxAge: Math.max(0, maxAgeSec) };
}
