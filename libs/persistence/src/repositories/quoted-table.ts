import type { EntityMetadata } from 'typeorm';

/** An entity's table as raw SQL names it: `"schema"."table"`, each part quoted (a schema per test run has odd names). */
export function quotedTable(metadata: EntityMetadata): string {
  return metadata.tablePath.split('.').map((part) => `"${part}"`).join('.');
}
