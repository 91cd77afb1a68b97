import { parseColor, type Rgb } from './shared/color-ramp';

/**
 * The charts' colours, read from CSS custom properties on the chart's element
 * (so a theme sets them once on :root, or per theme class), each with a
 * fallback. `CHART_THEME_LIGHT` holds the fallbacks; `CHART_THEME_DARK` the
 * values meant for a dark background. The ramp colours objective values,
 * worse to better (`--chart-ramp-0` is the worst end, `--chart-ramp-4` the best).
 */
export const CHART_THEME_LIGHT = {
  '--chart-font': '11px system-ui, -apple-system, "Segoe UI", sans-serif',
  '--chart-text': '#1f2328',
  '--chart-text-muted': '#656d76',
  '--chart-grid': 'rgba(31, 35, 40, 0.08)',
  '--chart-axis': 'rgba(31, 35, 40, 0.35)',
  '--chart-point': '#4c6ef5',
  '--chart-best': '#e8590c',
  '--chart-baseline': '#2b8a3e',
  '--chart-failed': '#e03131',
  '--chart-pruned': '#868e96',
  '--chart-running': '#1c7ed6',
  '--chart-infeasible': '#ae3ec9',
  '--chart-verification': '#0b7285',
  '--chart-highlight': '#fab005',
  '--chart-faded': 'rgba(101, 109, 118, 0.22)',
  '--chart-bar-first': '#4c6ef5',
  '--chart-bar-total': 'rgba(76, 110, 245, 0.3)',
  '--chart-surface': '#ffffff',
  '--chart-tooltip-bg': 'rgba(255, 255, 255, 0.97)',
  '--chart-tooltip-text': '#1f2328',
  '--chart-tooltip-border': 'rgba(31, 35, 40, 0.18)',
  '--chart-ramp-0': '#3b1c8c',
  '--chart-ramp-1': '#2c6fad',
  '--chart-ramp-2': '#21a38c',
  '--chart-ramp-3': '#8cc63e',
  '--chart-ramp-4': '#f2c918',
} as const;

export type ChartVariable = keyof typeof CHART_THEME_LIGHT;

export const CHART_THEME_DARK: Readonly<Record<ChartVariable, string>> = {
  '--chart-font': CHART_THEME_LIGHT['--chart-font'],
  '--chart-text': '#e6edf3',
  '--chart-text-muted': '#9198a1',
  '--chart-grid': 'rgba(230, 237, 243, 0.08)',
  '--chart-axis': 'rgba(230, 237, 243, 0.35)',
  '--chart-point': '#748ffc',
  '--chart-best': '#ff922b',
  '--chart-baseline': '#51cf66',
  '--chart-failed': '#ff6b6b',
  '--chart-pruned': '#868e96',
  '--chart-running': '#4dabf7',
  '--chart-infeasible': '#da77f2',
  '--chart-verification': '#3bc9db',
  '--chart-highlight': '#ffd43b',
  '--chart-faded': 'rgba(145, 152, 161, 0.2)',
  '--chart-bar-first': '#748ffc',
  '--chart-bar-total': 'rgba(116, 143, 252, 0.32)',
  '--chart-surface': '#0d1117',
  '--chart-tooltip-bg': 'rgba(22, 27, 34, 0.97)',
  '--chart-tooltip-text': '#e6edf3',
  '--chart-tooltip-border': 'rgba(230, 237, 243, 0.2)',
  '--chart-ramp-0': '#4a2f9e',
  '--chart-ramp-1': '#3b7fc4',
  '--chart-ramp-2': '#2bb596',
  '--chart-ramp-3': '#9ad44a',
  '--chart-ramp-4': '#ffe03d',
};

/** Every variable the charts read. */
export const CHART_VARIABLES = Object.keys(CHART_THEME_LIGHT) as ChartVariable[];

/** The colours one draw uses (CSS colour text, the ramp as RGB stops). */
export interface ChartTheme {
  readonly font: string;
  readonly text: string;
  readonly textMuted: string;
  readonly grid: string;
  readonly axis: string;
  readonly point: string;
  readonly best: string;
  readonly baseline: string;
  readonly failed: string;
  readonly pruned: string;
  readonly running: string;
  readonly infeasible: string;
  readonly verification: string;
  readonly highlight: string;
  readonly faded: string;
  readonly surface: string;
  readonly ramp: readonly Rgb[];
}

/** `var(--chart-x, fallback)` for DOM styles (tooltips, bars, controls). */
export function cssVar(name: ChartVariable): string {
  return `var(${name}, ${CHART_THEME_LIGHT[name]})`;
}

/** Any CSS colour as RGB, through the canvas's own colour parser when it is not hex or rgb() (named colours, hsl()). */
function resolveRgb(text: string, fallback: string): Rgb {
  const direct = parseColor(text);
  if (direct) return direct;
  const probe = document.createElement('canvas').getContext('2d');
  if (probe) {
    probe.fillStyle = text;
    const normalised = parseColor(probe.fillStyle);
    if (normalised) return normalised;
  }
  return parseColor(fallback)!;
}

/** The theme as it applies to `element` now. */
export function readChartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const v = (name: ChartVariable) => style.getPropertyValue(name).trim() || CHART_THEME_LIGHT[name];
  const ramp = (['--chart-ramp-0', '--chart-ramp-1', '--chart-ramp-2', '--chart-ramp-3', '--chart-ramp-4'] as const).map((name) => resolveRgb(v(name), CHART_THEME_LIGHT[name]));
  return {
    font: v('--chart-font'),
    text: v('--chart-text'),
    textMuted: v('--chart-text-muted'),
    grid: v('--chart-grid'),
    axis: v('--chart-axis'),
    point: v('--chart-point'),
    best: v('--chart-best'),
    baseline: v('--chart-baseline'),
    failed: v('--chart-failed'),
    pruned: v('--chart-pruned'),
    running: v('--chart-running'),
    infeasible: v('--chart-infeasible'),
    verification: v('--chart-verification'),
    highlight: v('--chart-highlight'),
    faded: v('--chart-faded'),
    surface: v('--chart-surface'),
    ramp,
  };
}
