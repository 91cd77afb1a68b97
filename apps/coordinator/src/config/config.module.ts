import { Global, Module, type DynamicModule } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from './coordinator.config';

/** Provides the parsed configuration to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: CoordinatorConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: COORDINATOR_CONFIG, useValue: config }], exports: [COORDINATOR_CONFIG] };
  }
}
