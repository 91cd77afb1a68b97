import { z } from 'zod';
import { countSchema } from './response-primitives';

/** One page of a listing (`?limit=&offset=`), with the total that matched. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), total: countSchema });
}

export type Page<T> = z.output<ReturnType<typeof pageSchema<z.ZodType<T>>>>;
