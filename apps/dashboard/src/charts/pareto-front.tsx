export function ParetoFront(_props: Record<string, unknown>) { return <p class="muted">(ParetoFront placeholder)</p>; }
