/** A plain object of a parsed document (not null, not an array): what rules read fields of before the schema has parsed it. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
