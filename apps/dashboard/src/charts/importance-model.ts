import type { ImportanceJson } from '@attune/core/api/responses';

/** One parameter's bar: its normalised share and its Sobol indices, each in [0, 1]. */
export interface ImportanceBar {
  readonly name: string;
  readonly importance: number;
  readonly firstOrder: number;
  readonly total: number;
}

export type ImportanceModel =
  | { readonly kind: 'problem'; readonly message: string }
  | { readonly kind: 'bars'; readonly bars: readonly ImportanceBar[]; readonly caption: string; readonly note: string; readonly summary: string };

const share = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

/** Percent with one decimal below 10%, whole above: "46%", "2.5%". */
export function formatShare(v: number): string {
  const percent = v * 100;
  return `${percent >= 9.95 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** The bars, most important first (ties by name), or why there are none yet. */
export function importanceModel(importance: ImportanceJson): ImportanceModel {
  if ('problem' in importance) return { kind: 'problem', message: `No parameter importance for ${importance.objective} yet: ${importance.problem}` };
  if (importance.parameters.length === 0) return { kind: 'problem', message: `No parameter importance for ${importance.objective}: the study has no parameters` };
  const bars = importance.parameters
    .map((p) => ({ name: p.name, importance: share(p.importance), firstOrder: share(p.firstOrder), total: share(p.total) }))
    .sort((a, b) => b.importance - a.importance || a.name.localeCompare(b.name));
  const caption = `${importance.method} on ${importance.objective}: ${importance.trials} trials (${importance.modelPoints} in the model), ${importance.evaluations} evaluations`;
  const top = bars.slice(0, 5).map((b) => `${b.name} ${formatShare(b.importance)}`);
  const more = bars.length > 5 ? `, and ${bars.length - 5} more` : '';
  return { kind: 'bars', bars, caption, note: importance.note, summary: `Parameter importance for ${importance.objective}: ${top.join(', ')}${more}.` };
}
