import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { validateStudySpec } from '@attune/strategies/validate-study-spec';
import type { PipeTransform } from '@nestjs/common';

/** Validates a submitted study spec fully (shape, rules, strategy and its options); throws ValidationError (400 INVALID_SPEC). */
export class StudySpecPipe implements PipeTransform<unknown, StudySpec> {
  transform(value: unknown): StudySpec {
    return validateStudySpec(value);
  }
}
