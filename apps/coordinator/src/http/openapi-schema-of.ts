import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/**
 * A zod schema as an OpenAPI 3.0 schema object, for the docs at /docs: a
 * response as the coordinator writes it (`output`, the default), or a
 * request body as a client may send it (`input`: defaults not required).
 * The schemas themselves are declared once, in libs/core/src/api (responses)
 * and beside the parsers (request bodies).
 */
export function openApiSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, override: dropNoise }) as SchemaObject;
}

/**
 * What zod writes that says nothing a reader needs: the regular expression
 * beside a `format` (uuid, date-time) that names it already, and the
 * safe-integer bounds of every `.int()`.
 */
function dropNoise({ jsonSchema }: { jsonSchema: { format?: string; pattern?: string; minimum?: number; maximum?: number } }): void {
  if (jsonSchema.format !== undefined) delete jsonSchema.pattern;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
}
