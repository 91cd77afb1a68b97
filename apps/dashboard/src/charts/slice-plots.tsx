export function SlicePlots(_props: Record<string, unknown>) { return <p class="muted">(SlicePlots placeholder)</p>; }
