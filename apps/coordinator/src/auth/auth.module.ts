import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { DatabaseModule } from '../database/database.module';
import { AccessGuard } from './access.guard';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit-log.service';
import { AuthMode } from './auth-mode.service';
import { Authenticator } from './authenticator.service';
import { FailedAuthentications } from './failed-authentications';
import { ProjectDirectory } from './project-directory.service';
import { ProjectsController } from './projects.controller';
import { REQUEST_RATE_OPTIONS, RequestRateGuard } from './request-rate.guard';
import { SessionController } from './session.controller';
import { TokensController } from './tokens.controller';

/**
 * Who may do what: API tokens, projects, the dashboard's session, the audit
 * log, and the two global guards every route passes, in this order: the
 * AccessGuard (who calls, with which role, in which project) and the
 * RequestRateGuard (the project's requests per minute per token).
 */
@Module({
  imports: [DatabaseModule, ThrottlerModule.forRoot(REQUEST_RATE_OPTIONS)],
  controllers: [SessionController, ProjectsController, TokensController, AuditController],
  providers: [
    AuthMode,
    Authenticator,
    FailedAuthentications,
    ProjectDirectory,
    AuditLog,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RequestRateGuard },
  ],
  exports: [AuditLog, Authenticator],
})
export class AuthModule {}
