/** Every chart, as one entry: what measure-bundle.mjs weighs. */
export { CHART_THEME_DARK, CHART_THEME_LIGHT, CHART_VARIABLES } from '../chart-theme';
export { ContourPlot } from '../contour-plot';
export { HistoryChart } from '../history-chart';
export { ImportanceChart } from '../importance-chart';
export { IntermediateChart } from '../intermediate-chart';
export { ParallelCoordinates } from '../parallel-coordinates';
export { ParetoFront } from '../pareto-front';
export { SlicePlots } from '../slice-plots';
