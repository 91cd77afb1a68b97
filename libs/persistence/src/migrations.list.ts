import { InitialSchema1795350084970 } from './migrations/1795350084970-InitialSchema';

/**
 * Every migration, oldest first. Add one line per generated migration; never
 * edit a migration after it has landed.
 */
export const MIGRATIONS: Function[] = [InitialSchema1795350084970];
