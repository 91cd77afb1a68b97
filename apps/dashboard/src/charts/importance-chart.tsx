export function ImportanceChart(_props: Record<string, unknown>) { return <p class="muted">(ImportanceChart placeholder)</p>; }
