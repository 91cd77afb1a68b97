/** What the note says of the model. */
export interface ImportanceCounts {
  readonly trials: number;
  readonly modelPoints: number;
  readonly evaluations: number;
}

/** How importance was computed, for the reader of the API, the CLI and the dashboard. */
export function importanceNote(counts: ImportanceCounts): string {
  const points = counts.modelPoints === counts.trials ? `${counts.trials}` : `${counts.modelPoints} of ${counts.trials}`;
  return [
    `Variance-based sensitivity (functional ANOVA, as fANOVA computes on a random forest) of a Gaussian process's posterior mean of the loss (log-warped when heavy-tailed, as the bayesian strategy models it), fitted to ${points} feasible completed trials,`,
    'over the search space taken uniformly (log-scale parameters uniform in log, categoricals uniform over their values).',
    `Sobol indices from ${counts.evaluations} evaluations of the model (Saltelli sampling; first-order by Saltelli 2010, total by Jansen).`,
    "importance: each parameter's total index over the sum of the totals, so the shares sum to 1 and an interaction counts toward every parameter in it.",
  ].join(' ');
}
