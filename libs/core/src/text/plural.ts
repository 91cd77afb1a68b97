/** `1 trial`, `0 trials`, `2 trials`; `plural(1, 'process', 'processes')` for irregular ones. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
