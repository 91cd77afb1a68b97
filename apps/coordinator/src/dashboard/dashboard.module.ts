import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller';

/** The dashboard's settings route; its static bundle is served beside the API (serve-dashboard.ts). */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
