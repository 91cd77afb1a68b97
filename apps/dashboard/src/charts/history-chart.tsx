export function HistoryChart(_props: Record<string, unknown>) { return <p class="muted">(HistoryChart placeholder)</p>; }
