/** A study's or a trial's state, as a word with its colour (the word carries the meaning; the colour only helps). */
export function StateBadge({ state }: { state: string }) {
  return <span class={`badge state-${state.toLowerCase().replace('_', '-')}`}>{state.replace('_', ' ')}</span>;
}
