import { formatDuration } from './format';
import { cut } from './table';
import { escapeControls } from '@attune/core/text/terminal-text';

/** What the live bar shows of a study. */
export interface ProgressBarState {
  readonly name: string;
  readonly finished: number;
  readonly total: number;
  readonly running: number;
  readonly failed: number;
  /** The best value, formatted. */
  readonly best: string;
  readonly elapsedMs: number;
  /** Time left at the rate so far; undefined until a trial finished. */
  readonly etaMs?: number;
}

const BAR_MAX = 30;
const BAR_MIN = 8;
// The parts dropped first when the terminal is narrow, least useful first.
const DROP_ORDER = ['running', 'elapsed', 'failed', 'eta', 'best'] as const;
type Part = (typeof DROP_ORDER)[number];

/**
 * One line of the live progress bar, at most `width - 1` characters (the last
 * column would make some terminals wrap): `name [████░░░░] 12/30 | 4 running |
 * 1 failed | best 0.41 | 12.3s elapsed | ETA 18.0s`. A narrow terminal gets a
 * shorter bar, then fewer parts, then a shortened name.
 */
export function progressBarLine(s: ProgressBarState, width: number): string {
  const room = Math.max(10, width - 1);
  const name = escapeControls(s.name);
  const parts: Record<Part, string> = {
    running: `${s.running} running`,
    failed: `${s.failed} failed`,
    best: `best ${s.best}`,
    elapsed: `${formatDuration(s.elapsedMs)} elapsed`,
    eta: `ETA ${s.etaMs === undefined ? '?' : formatDuration(s.etaMs)}`,
  };
  const shown = new Set<Part>(['running', 'failed', 'best', 'elapsed', 'eta']);
  const text = (barWidth: number, label: string) => {
    const tail = (['running', 'failed', 'best', 'elapsed', 'eta'] as const).filter((p) => shown.has(p)).map((p) => ` | ${parts[p]}`);
    return `${label} [${bar(s.finished, s.total, barWidth)}] ${s.finished}/${s.total}${tail.join('')}`;
  };
  for (const part of [undefined, ...DROP_ORDER]) {
    if (part) shown.delete(part);
    const barWidth = Math.min(BAR_MAX, room - text(0, name).length);
    if (barWidth >= BAR_MIN) return text(barWidth, name);
  }
  // Not even name, bar and counts fit: shorten the name, then the bar, then cut the line.
  const label = cut(name, Math.max(4, name.length - (text(BAR_MIN, name).length - room)));
  return cut(text(Math.max(3, Math.min(BAR_MIN, room - text(0, label).length)), label), room);
}

function bar(done: number, total: number, width: number): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
