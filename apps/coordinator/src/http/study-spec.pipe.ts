import { ValidationError } from '@attune/core/errors/attune-error';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { validateStudySpec } from '@attune/strategies/validate-study-spec';
import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { COORDINATOR_CONFIG, type CoordinatorConfig } from '../config/coordinator.config';
import { webhookAllowed } from '../webhooks/webhook-allow-list';

/**
 * Validates a submitted study spec fully (shape, rules, strategy and its
 * options) and its webhook against the operator's allow-list; throws
 * ValidationError (400 INVALID_SPEC).
 */
@Injectable()
export class StudySpecPipe implements PipeTransform<unknown, StudySpec> {
  constructor(@Inject(COORDINATOR_CONFIG) private readonly config: CoordinatorConfig) {}

  transform(value: unknown): StudySpec {
    const spec = validateStudySpec(value);
    if (spec.notify && !webhookAllowed(spec.notify.url, this.config.webhooks.hosts)) {
      const host = new URL(spec.notify.url).host;
      const message =
        this.config.webhooks.hosts.length === 0
          ? 'webhooks are disabled on this coordinator (ATTUNE_WEBHOOK_HOSTS is empty)'
          : `host "${host}" is not in the coordinator's webhook allow-list (ATTUNE_WEBHOOK_HOSTS)`;
      throw new ValidationError([{ path: 'notify.url', message }]);
    }
    return spec;
  }
}
