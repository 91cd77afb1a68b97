import { DataSource } from 'typeorm';
import type { DatabaseConfig } from './database.config';
import { dataSourceOptions } from './data-source.options';
import { ensureSchema } from './schema';

/** Creates the schema if needed, then connects. The caller destroys the data source. */
export async function openDataSource(config: DatabaseConfig, poolSize?: number): Promise<DataSource> {
  await ensureSchema(config);
  return new DataSource(dataSourceOptions(config, poolSize)).initialize();
}
