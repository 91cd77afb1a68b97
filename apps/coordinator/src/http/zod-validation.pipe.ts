import { AttuneError } from '@attune/core/errors/attune-error';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Validates a route parameter or the query string with a zod schema. Problems
 * become INVALID_ARGUMENT, each naming the parameter (`limit: must be at most
 * 1000`). `name` prefixes paths for a single value such as `:id`.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly name?: string,
  ) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data;
    const issues = formatZodIssues(parsed.error.issues).map((i) => ({
      path: this.name ? [this.name, i.path].filter(Boolean).join('.') : i.path,
      message: i.message,
    }));
    throw new AttuneError('INVALID_ARGUMENT', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
}
