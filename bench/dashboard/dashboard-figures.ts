import { median, quantile } from '../bench-stats';
import { atMost, figure, type Figure } from '../e2e/e2e-figures';
import type { BundleFile } from './bundle-weight';
import type { PagesRead, StreamRead } from './bare-client-reads';
import type { LoadSample } from './page-load';

/** The targets: a study's page loads in under 2 s, scrolls without long frames, in a bundle under 300 kB gzipped. */
export const TARGETS = { loadMs: 2000, frameP95Ms: 50, bundleGzipKb: 300 };

const kb = (bytes: number) => bytes / 1000;
const p50 = (xs: readonly number[]) => (xs.length > 0 ? median(xs) : undefined);
const max = (xs: readonly number[]) => (xs.length > 0 ? Math.max(...xs) : undefined);

/** The figures of one study's loads: load times judged, where the time and bytes went, the replay, scrolling, memory. */
export function studyFigures(scenario: string, samples: readonly LoadSample[], bare: { readonly streamReads: readonly StreamRead[]; readonly pageReads: readonly PagesRead[] }): Figure[] {
  const { streamReads, pageReads } = bare;
  const cold = samples.filter((s) => s.mode === 'cold');
  const warm = samples.filter((s) => s.mode === 'warm');
  const pick = (of: readonly LoadSample[], f: (s: LoadSample) => number | undefined) => of.map(f).filter((x): x is number => x !== undefined);
  const frames = samples.flatMap((s) => s.scrollFrames);
  const replayed = pick(samples, (s) => s.eventsReplayed);
  const errors = samples.flatMap((s) => s.pageErrors);
  return [
    figure(scenario, 'cold load (empty cache): p50', p50(pick(cold, (s) => s.loadMs)), 'ms', atMost(TARGETS.loadMs)),
    figure(scenario, 'cold load: max', max(pick(cold, (s) => s.loadMs)), 'ms', atMost(TARGETS.loadMs), `${cold.length} loads`),
    figure(scenario, 'warm reload: p50', p50(pick(warm, (s) => s.loadMs)), 'ms', atMost(TARGETS.loadMs)),
    figure(scenario, 'warm reload: max', max(pick(warm, (s) => s.loadMs)), 'ms', atMost(TARGETS.loadMs), `${warm.length} loads`),
    figure(scenario, '  cold: scripts and styles in by (p50)', p50(pick(cold, (s) => s.assetsEndMs)), 'ms'),
    figure(scenario, '  cold: first trial page sent at (p50)', p50(pick(cold, (s) => s.trialPages.firstStartMs)), 'ms'),
    figure(scenario, '  cold: trial pages, first sent → last in', p50(pick(cold, (s) => s.trialPages.spanMs)), 'ms', undefined, `p50; ${cold[0]?.trialPages.count ?? 0} pages in parallel`),
    figure(scenario, '  the same pages read by a bare client (p50)', p50(pageReads.map((r) => r.ms)), 'ms', undefined, 'no page'),
    figure(scenario, '  cold: slowest trial page (p50)', p50(pick(cold, (s) => s.trialPages.slowestMs)), 'ms'),
    figure(scenario, '  cold: last trial page in → table complete', p50(pick(cold, (s) => s.loadMs - s.trialPages.firstStartMs - s.trialPages.spanMs)), 'ms', undefined, 'p50'),
    figure(scenario, '  cold: GET /studies/:id (p50)', p50(pick(cold, (s) => s.studyMs)), 'ms'),
    figure(scenario, '  warm: trial pages, first sent → last in', p50(pick(warm, (s) => s.trialPages.spanMs)), 'ms', undefined, 'p50'),
    figure(scenario, 'bytes over the wire to load, cold (p50)', p50(pick(cold, (s) => kb(s.transfer.total))), 'kB', undefined, transferNote(cold)),
    figure(scenario, '  of which trial pages', p50(pick(cold, (s) => kb(s.transfer.trialPages))), 'kB'),
    figure(scenario, '  of which the event log (replayed in full)', p50(pick(cold, (s) => kb(s.transfer.eventStream))), 'kB'),
    figure(scenario, '  of which scripts and styles', p50(pick(cold, (s) => kb(s.transfer.assets))), 'kB'),
    figure(scenario, 'bytes over the wire to load, warm (p50)', p50(pick(warm, (s) => kb(s.transfer.total))), 'kB', undefined, transferNote(warm)),
    figure(scenario, 'event log replayed by (p50)', p50(pick(samples, (s) => s.streamEndedMs)), 'ms', undefined, replayNote(samples, replayed)),
    figure(scenario, '  the same stream read by a bare client (p50)', p50(streamReads.map((r) => r.ms)), 'ms', undefined, streamNote(streamReads)),
    figure(scenario, '  frame gap while replaying: p95 (p50)', p50(pick(samples, (s) => (s.streamsOpened > 0 && s.replayFrames.count > 0 ? s.replayFrames.p95 : undefined))), 'ms'),
    figure(scenario, '  frame gap while replaying: max', max(pick(samples, (s) => (s.streamsOpened > 0 && s.replayFrames.count > 0 ? s.replayFrames.max : undefined))), 'ms'),
    figure(scenario, '  requests after the load (p50)', p50(pick(samples, (s) => s.afterLoad.requests)), '', undefined, `${num0(p50(pick(samples, (s) => kb(s.afterLoad.bytes))))} kB`),
    figure(scenario, 'scrolling the trial table: frame p95', frames.length > 0 ? quantile(frames, 0.95) : undefined, 'ms', atMost(TARGETS.frameP95Ms), `${frames.length} frames`),
    figure(scenario, 'scrolling the trial table: frame max', max(frames), 'ms', undefined, `median ${num0(p50(frames))} ms`),
    figure(scenario, 'JS heap after load and GC (max)', max(pick(samples, (s) => s.heapBytes / 1e6)), 'MB'),
    figure(scenario, 'page errors', errors.length, '', atMost(0), errors[0]?.slice(0, 80)),
  ];
}

/** The bundle: each file gzipped (its raw size beside it), then the totals, gzipped judged. */
export function bundleFigures(files: readonly BundleFile[]): Figure[] {
  const total = (f: (b: BundleFile) => number) => files.reduce((n, b) => n + f(b), 0);
  return [
    ...files.map((b) => figure('bundle', `${b.file} gzipped`, kb(b.gzipBytes), 'kB', undefined, `${kb(b.bytes).toFixed(1)} kB raw`)),
    figure('bundle', 'total raw', kb(total((b) => b.bytes)), 'kB'),
    figure('bundle', 'total gzipped (level 9)', kb(total((b) => b.gzipBytes)), 'kB', atMost(TARGETS.bundleGzipKb), `${files.length} files`),
  ];
}

function streamNote(reads: readonly StreamRead[]): string {
  return reads.length > 0 ? `${reads[0].events} events, ${num0(kb(reads[0].bytes))} kB; no page` : '';
}

function transferNote(samples: readonly LoadSample[]): string {
  return samples.length > 0 ? `${median(samples.map((s) => s.transfer.requests))} requests` : '';
}

function replayNote(samples: readonly LoadSample[], replayed: readonly number[]): string {
  if (samples.every((s) => s.streamsOpened === 0)) return 'the page opened no event stream (an ended study is not followed)';
  const ended = replayed.length;
  const events = replayed.length > 0 ? `${Math.max(...replayed)} events` : 'no stream ended';
  return ended === samples.length ? events : `${events}; ended in ${ended} of ${samples.length} loads within 60 s`;
}

function num0(x: number | undefined): string {
  return x === undefined ? '–' : x.toFixed(0);
}
