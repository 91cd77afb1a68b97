import type { ImportanceJson } from '@attune/core/api/responses';
import { useMemo } from 'preact/hooks';
import { cssVar } from './chart-theme';
import { formatShare, importanceModel, type ImportanceBar } from './importance-model';
import { ChartControls, ChartLegend } from './shared/chart-controls';
import { ChartEmpty } from './shared/chart-empty';

export interface ImportanceChartProps {
  readonly importance: ImportanceJson;
}

const ROW_HEIGHT = 22;

function Bar({ bar }: { bar: ImportanceBar }) {
  const title = `${bar.name}: ${formatShare(bar.importance)} of the importance; first-order index ${bar.firstOrder.toFixed(3)} (alone), total ${bar.total.toFixed(3)} (with interactions)`;
  return (
    <>
      <span title={title} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: '180px' }}>
        {bar.name}
      </span>
      <span title={title} style={{ position: 'relative', height: '12px', background: cssVar('--chart-grid'), borderRadius: '2px' }}>
        <span style={{ position: 'absolute', left: 0, top: 0, bottom: 0, width: `${bar.total * 100}%`, background: cssVar('--chart-bar-total'), borderRadius: '2px' }} />
        <span style={{ position: 'absolute', left: 0, top: '2px', bottom: '2px', width: `${bar.firstOrder * 100}%`, background: cssVar('--chart-bar-first'), borderRadius: '2px' }} />
      </span>
      <span title={title} style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
        {formatShare(bar.importance)}
      </span>
    </>
  );
}

/** The indices' scale under the bars: 0 to 1. */
function IndexScale() {
  return (
    <>
      <span />
      <span style={{ position: 'relative', alignSelf: 'stretch', color: cssVar('--chart-text-muted') }}>
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <span key={t} style={{ position: 'absolute', top: '2px', left: `${t * 100}%`, transform: `translateX(-${t * 100}%)` }}>
            {t}
          </span>
        ))}
      </span>
      <span />
    </>
  );
}

/**
 * Which parameters matter: a bar per parameter, most important first, its
 * total Sobol index (alone and through interactions) as the light bar, its
 * first-order index (alone) as the solid one inside, both on [0, 1], and its
 * share of the importance as a percent; then how it was computed.
 */
export function ImportanceChart({ importance }: ImportanceChartProps) {
  const model = useMemo(() => importanceModel(importance), [importance]);
  if (model.kind === 'problem') return <ChartEmpty message={model.message} height={120} />;
  return (
    <div class="chart importance-chart" style={{ font: cssVar('--chart-font'), color: cssVar('--chart-text') }}>
      <ChartControls>
        <ChartLegend
          entries={[
            { label: 'first-order index', colour: '--chart-bar-first', shape: 'bar' },
            { label: 'total index', colour: '--chart-bar-total', shape: 'bar' },
          ]}
        />
        <span style={{ color: cssVar('--chart-text-muted') }}>percent: share of the importance</span>
      </ChartControls>
      <div role="img" aria-label={model.summary} style={{ display: 'grid', gridTemplateColumns: 'minmax(60px, max-content) 1fr 3.5em', gridAutoRows: `${ROW_HEIGHT}px`, alignItems: 'center', columnGap: '8px' }}>
        {model.bars.map((bar) => (
          <Bar key={bar.name} bar={bar} />
        ))}
        <IndexScale />
      </div>
      <p style={{ margin: '8px 0 0', color: cssVar('--chart-text-muted') }}>{model.caption}</p>
      <p style={{ margin: '2px 0 0', color: cssVar('--chart-text-muted') }}>{model.note}</p>
    </div>
  );
}
