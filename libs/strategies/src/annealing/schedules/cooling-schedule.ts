/** Temperature as a function of progress through the budget, from `initial` down to `final`. */
export interface CoolingSchedule {
  /** `progress` is trial number / maxTrials, clamped to [0, 1]. */
  temperature(progress: number, initial: number, final: number): number;
}
