import { DataSource } from 'typeorm';
import { loadDatabaseConfig } from './database.config';
import { dataSourceOptions } from './data-source.options';

/**
 * The data source of the TypeORM CLI (`typeorm migration:generate -d
 * dist/libs/persistence/src/data-source.js`), configured by DATABASE_URL and
 * DATABASE_SCHEMA with the same options the coordinator uses.
 */
export default new DataSource(dataSourceOptions(loadDatabaseConfig(), 2));
