import type { Params, SearchSpace } from '@attune/core/search-space/parameter';

/**
 * The configurations already taken (any trial, plus the batch so far), for
 * duplicate checks that stay cheap on long histories: configurations are
 * bucketed by their first parameter's value and compared value by value only
 * within a bucket, instead of serialising every trial on every ask.
 */
export class TakenConfigs {
  private readonly buckets = new Map<unknown, Params[]>();

  constructor(
    private readonly space: SearchSpace,
    configs: Iterable<Readonly<Params>>,
  ) {
    for (const c of configs) this.add(c);
  }

  add(params: Readonly<Params>): void {
    const key = params[this.space[0]?.name];
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(params);
    else this.buckets.set(key, [params]);
  }

  has(params: Readonly<Params>): boolean {
    const bucket = this.buckets.get(params[this.space[0]?.name]);
    return bucket !== undefined && bucket.some((other) => this.space.every((p) => other[p.name] === params[p.name]));
  }
}
