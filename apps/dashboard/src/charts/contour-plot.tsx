export function ContourPlot(_props: Record<string, unknown>) { return <p class="muted">(ContourPlot placeholder)</p>; }
