import type { EntityManager } from 'typeorm';

/**
 * An open database transaction, as handed to the work of StudyLocks.run.
 * Code outside libs/persistence only passes it on to repository methods (their
 * optional `tx`), so that apps need no TypeORM import of their own.
 */
export type Transaction = EntityManager;
