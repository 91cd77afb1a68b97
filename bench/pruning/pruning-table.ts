import { fmt, median } from '../bench-stats';
import { row } from '../bench-table';
import { TARGET_SHARE, type PruningResult } from './pruning-job';
import type { SimulationResult } from './simulate-study';

/** Medians over seeds of one arm (no pruning, or a pruner under one budget). */
export interface ArmFigures {
  readonly steps: number;
  readonly trials: number;
  readonly completed: number;
  /** Median regret; Infinity when most seeds completed no trial. */
  readonly regret: number;
}

export interface GroupFigures {
  readonly family: string;
  readonly sampler: string;
  readonly seeds: number;
  readonly none: ArmFigures;
  readonly pruners: Record<string, { sameTrials: ArmFigures; equalSteps: ArmFigures; targetSteps: ArmFigures }>;
  /** The target: ASHA's median regret at TARGET_SHARE of no pruning's steps is at most no pruning's. */
  readonly target?: { readonly regret: number; readonly pass: boolean };
}

const arm = (runs: readonly SimulationResult[]): ArmFigures => ({
  steps: median(runs.map((r) => r.steps)),
  trials: median(runs.map((r) => r.trials)),
  completed: median(runs.map((r) => r.completed)),
  regret: median(runs.map((r) => r.regret ?? Number.POSITIVE_INFINITY)),
});

/** Groups results by family and sampler, with medians over seeds. */
export function figuresOf(results: readonly PruningResult[]): GroupFigures[] {
  const groups = new Map<string, PruningResult[]>();
  for (const r of results) groups.set(`${r.family}\u0000${r.sampler}`, [...(groups.get(`${r.family}\u0000${r.sampler}`) ?? []), r]);
  return [...groups.values()].map((rs) => {
    const pruners: GroupFigures['pruners'] = {};
    for (const name of rs[0].pruners)
      pruners[name] = { sameTrials: arm(rs.map((r) => r.runs[name].sameTrials)), equalSteps: arm(rs.map((r) => r.runs[name].equalSteps)), targetSteps: arm(rs.map((r) => r.runs[name].targetSteps)) };
    const none = arm(rs.map((r) => r.none));
    const asha = pruners['successive-halving'];
    return {
      family: rs[0].family,
      sampler: rs[0].sampler,
      seeds: rs.length,
      none,
      pruners,
      ...(asha && { target: { regret: asha.targetSteps.regret, pass: asha.targetSteps.regret <= none.regret } }),
    };
  });
}

const WIDTHS = [20, 8, 7, 7, 10, 12, 12];
const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const count = (x: number) => String(Math.round(x));
const regret = (x: number) => (Number.isFinite(x) ? fmt(x) : 'none done');

/** One family and sampler: a line per arm, then the target. */
export function groupTable(g: GroupFigures, trials: number): string {
  const share = pct(TARGET_SHARE, 1);
  const lines = [
    `${g.family}, sampler ${g.sampler}, ${g.seeds} seeds, ${trials} trials (medians over seeds)`,
    row(['pruner', 'steps', 'steps%', 'done', 'regret', 'regret@=steps', `regret@${share}`], WIDTHS),
    row(['none', count(g.none.steps), '100%', count(g.none.completed), regret(g.none.regret), regret(g.none.regret), '–'], WIDTHS),
  ];
  for (const [name, p] of Object.entries(g.pruners))
    lines.push(row([name, count(p.sameTrials.steps), pct(p.sameTrials.steps, g.none.steps), count(p.sameTrials.completed), regret(p.sameTrials.regret), regret(p.equalSteps.regret), regret(p.targetSteps.regret)], WIDTHS));
  if (g.target)
    lines.push(
      `target: ASHA reaches the same median regret as no pruning with at most ${share} of the steps: ${regret(g.target.regret)} at ${share} vs ${regret(g.none.regret)} ${g.target.pass ? 'PASS' : 'MISS'}`,
    );
  return lines.join('\n');
}
