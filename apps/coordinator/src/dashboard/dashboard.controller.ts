import { Controller, Get, Inject } from '@nestjs/common';
import { Open } from '../auth/access.decorator';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';

/** What the dashboard needs to know of this deployment, and nothing else: open, since the sign-in page reads it before any token. */
@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(@Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig) {}

  @Get('config')
  @Open()
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { traceUrl: { type: 'string', description: "a trial's trace in the OpenTelemetry UI, `{traceId}` in place of its id (ATTUNE_TRACE_URL); absent when none is configured" } },
    },
  })
  settings() {
    return this.config.dashboard;
  }
}
