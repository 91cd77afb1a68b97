import { readdirSync } from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseOptions, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, 'fixtures');

/**
 * Each fixture under fixtures/ is a small tree laid out like the repository
 * and named after the one rule of .dependency-cruiser.js it breaks, once;
 * `clean` breaks none. `from` and `to` identify the offending import.
 */
const VIOLATIONS: Record<string, { from: RegExp; to: RegExp }> = {
  'pure-libs-no-io': { from: /^libs\/core\/src\/queue-names\.ts$/, to: /node_modules\/bullmq\// },
  'pure-libs-no-node-io': { from: /^libs\/strategies\/src\/history-file\.ts$/, to: /^(node:)?fs$/ },
  'core-depends-on-nothing-of-ours': { from: /^libs\/core\/src\/default-strategy\.ts$/, to: /^libs\/strategies\/src\/random\.strategy\.ts$/ },
  'strategies-only-core': { from: /^libs\/strategies\/src\/queued\.strategy\.ts$/, to: /^libs\/queue\/src\/queue-names\.ts$/ },
  'libs-not-apps': { from: /^libs\/queue\/src\/coordinator-url\.ts$/, to: /^apps\/coordinator\/src\/main\.ts$/ },
  'apps-not-other-apps': { from: /^apps\/worker\/src\/main\.ts$/, to: /^apps\/coordinator\/src\/main\.ts$/ },
  'cli-starts-apps-by-entry-only': {
    from: /^apps\/cli\/src\/commands\/coordinator\.command\.ts$/,
    to: /^apps\/coordinator\/src\/driver\/study-driver\.service\.ts$/,
  },
  'typeorm-only-in-persistence': { from: /^apps\/coordinator\/src\/studies\/study-commands\.service\.ts$/, to: /node_modules\/typeorm\// },
  'worker-no-database': { from: /^apps\/worker\/src\/main\.ts$/, to: /^libs\/persistence\/src\/study\.repository\.ts$/ },
  'build-no-dev-dependencies': { from: /^libs\/strategies\/src\/strategy-conformance\.ts$/, to: /node_modules\/vitest\// },
  'build-not-test-code': { from: /^apps\/worker\/src\/main\.ts$/, to: /^apps\/worker\/test-support\/fake-target\.ts$/ },
  'no-undeclared-packages': { from: /^libs\/persistence\/src\/pool\.ts$/, to: /node_modules\/pg-pool\// },
  'aliases-in-static-imports-only': {
    from: /^apps\/cli\/src\/commands\/migrate\.command\.ts$/,
    to: /libs\/core\/src\/errors\/attune-error\.ts$/,
  },
  'dashboard-reads-the-api-only': { from: /^apps\/dashboard\/src\/api\/queue-client\.ts$/, to: /^libs\/queue\/src\/queue-names\.ts$/ },
  'no-circular': { from: /^libs\/core\/src\/(trial|study)\.ts$/, to: /^libs\/core\/src\/(trial|study)\.ts$/ },
};

let options: ICruiseOptions;
let tsConfig: ReturnType<typeof extractTSConfig>;

beforeAll(async () => {
  options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.js'));
  tsConfig = extractTSConfig(path.join(ROOT, 'tsconfig.json'));
});

/** Runs the repository's rules over one fixture tree, as `npm run lint` runs them over the repository. */
async function violationsIn(fixture: string): Promise<IViolation[]> {
  const baseDir = path.join(FIXTURES, fixture);
  const roots = ['apps', 'libs'].filter((d) => readdirSync(baseDir).includes(d));
  const result = await cruise(roots, { ...options, baseDir, tsConfig: { fileName: path.join(ROOT, 'tsconfig.json') } }, undefined, { tsConfig });
  if (typeof result.output === 'string') throw new Error(`expected a cruise result, got ${result.output}`);
  return result.output.summary.violations;
}

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} -> ${v.to}`;

describe('architecture rules (.dependency-cruiser.js)', () => {
  it('has a fixture for every rule, and a fixture for every rule there is', () => {
    const rules = (options.ruleSet?.forbidden ?? []).map((r) => r.name);
    const fixtures = readdirSync(FIXTURES).filter((d) => d !== 'clean');
    expect(Object.keys(VIOLATIONS).sort()).toEqual([...rules].sort());
    expect(fixtures.sort()).toEqual([...rules].sort());
  });

  it('passes a tree that keeps every rule', async () => {
    expect((await violationsIn('clean')).map(describeViolation)).toEqual([]);
  });

  for (const [rule, { from, to }] of Object.entries(VIOLATIONS)) {
    it(`${rule} reports the one import that breaks it`, async () => {
      const violations = await violationsIn(rule);
      expect(violations.map(describeViolation)).not.toEqual([]);
      for (const v of violations) {
        expect(v.rule.name, describeViolation(v)).toBe(rule);
        expect(v.from, describeViolation(v)).toMatch(from);
        expect(v.to, describeViolation(v)).toMatch(to);
      }
    });
  }
});
