export function ParallelCoordinates(_props: Record<string, unknown>) { return <p class="muted">(ParallelCoordinates placeholder)</p>; }
