import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { CHART_THEME_DARK, CHART_THEME_LIGHT } from '../chart-theme';
import { HistoryChart } from '../history-chart';
import { ImportanceChart } from '../importance-chart';
import { IntermediateChart } from '../intermediate-chart';
import { ContourPlot } from '../contour-plot';
import { ParallelCoordinates } from '../parallel-coordinates';
import { ParetoFront } from '../pareto-front';
import { SlicePlots } from '../slice-plots';
import { syntheticCurves, syntheticStudy } from './synthetic-study';

/**
 * Every chart on synthetic studies, for screenshots and draw timings (see
 * screenshot.mjs): `?theme=dark`, `?n=10000` trials, `?live` to grow the
 * first two charts' trials by 50 every half second, as live updates would.
 * Not part of the bundle.
 */
const query = new URLSearchParams(location.search);
const dark = query.get('theme') === 'dark';
const count = Number(query.get('n') ?? 10000);
const theme = dark ? CHART_THEME_DARK : CHART_THEME_LIGHT;
for (const [name, value] of Object.entries(theme)) document.body.style.setProperty(name, value);
document.body.style.background = theme['--chart-surface'];
document.body.style.color = theme['--chart-text'];
document.documentElement.style.colorScheme = dark ? 'dark' : 'light';

const single = syntheticStudy('single', count);
const pareto = syntheticStudy('pareto', count);
const curves = syntheticCurves(Math.min(1000, count), 50);
const twoObjectives = { ...pareto.study.objectives!, objectives: pareto.study.objectives!.objectives.slice(0, 2) };
const pareto2 = { study: { ...pareto.study, objectives: twoObjectives }, trials: pareto.trials.slice(0, 300) };

function Panel({ title, children }: { title: string; children: preact.ComponentChildren }) {
  return (
    <section style={{ padding: '12px 16px', font: '13px system-ui', border: `1px solid ${theme['--chart-grid']}`, borderRadius: '6px' }}>
      <h3 style={{ margin: '0 0 8px', fontSize: '13px' }}>{title}</h3>
      {children}
    </section>
  );
}

const live = query.has('live');

function useLiveCount(total: number): number {
  const [shown, setShown] = useState(live ? Math.min(total, 50) : total);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setShown((n) => Math.min(total, n + 50)), 500);
    return () => clearInterval(timer);
  }, [total]);
  return shown;
}

function Gallery() {
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const shown = useLiveCount(single.trials.length);
  const liveTrials = useMemo(() => single.trials.slice(0, shown), [shown]);
  const [brushed, setBrushed] = useState<ReadonlySet<number> | undefined>(undefined);
  return (
    <main style={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: '12px', padding: '12px' }}>
      <Panel title={`History (single, ${count} trials) — selected ${selected ?? 'none'}`}>
        <HistoryChart study={single.study} trials={liveTrials} verification={single.verification} onSelectTrial={setSelected} />
      </Panel>
      <Panel title="History (pareto, memory)">
        <HistoryChart study={pareto.study} trials={pareto.trials} metric="memory_mb" />
      </Panel>
      <Panel title="History (no trials)">
        <HistoryChart study={single.study} trials={[]} />
      </Panel>
      <Panel title="History (10 trials)">
        <HistoryChart study={single.study} trials={single.trials.slice(0, 10)} />
      </Panel>
      <Panel title={`Intermediate values (${curves.length} curves × 50 steps)`}>
        <IntermediateChart study={single.study} curves={curves} trials={single.trials} onSelectTrial={setSelected} />
      </Panel>
      <Panel title="Intermediate values (40 curves)">
        <IntermediateChart study={single.study} curves={curves.slice(-40)} trials={single.trials} />
      </Panel>
      <Panel title={`Parallel coordinates (single) — brushed ${brushed ? brushed.size : 'none'}`}>
        <ParallelCoordinates study={single.study} trials={liveTrials} onBrush={setBrushed} onSelectTrial={setSelected} />
      </Panel>
      <Panel title="Parallel coordinates (pareto, 300 trials)">
        <ParallelCoordinates study={pareto.study} trials={pareto.trials.slice(0, 300)} />
      </Panel>
      <Panel title="Importance">
        <ImportanceChart importance={single.importance} />
      </Panel>
      <Panel title="Contour (single)">
        <ContourPlot study={single.study} trials={single.trials} onSelectTrial={setSelected} />
      </Panel>
      <Panel title="Contour (categorical x, 200 trials)">
        <ContourPlot study={single.study} trials={single.trials.slice(0, 200)} />
      </Panel>
      <Panel title="Pareto front (3 objectives)">
        <ParetoFront study={pareto.study} trials={pareto.trials} onSelectTrial={setSelected} />
      </Panel>
      <Panel title="Pareto front (2 objectives, 300 trials)">
        <ParetoFront study={pareto2.study} trials={pareto2.trials} />
      </Panel>
      <Panel title="Importance (not yet)">
        <ImportanceChart importance={{ objective: 'latency_ms', problem: 'needs at least 12 completed feasible trials, has 3', trials: 3 }} />
      </Panel>
      <Panel title="Slices (single)">
        <SlicePlots study={single.study} trials={single.trials} onSelectTrial={setSelected} />
      </Panel>
      <Panel title="Slices (pareto, 50 trials, throughput)">
        <SlicePlots study={pareto.study} trials={pareto.trials.slice(0, 50)} metric="throughput_rps" />
      </Panel>
    </main>
  );
}

render(<Gallery />, document.getElementById('app')!);
