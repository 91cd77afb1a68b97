import type { CoolingSchedule } from './cooling-schedule';

/** Slow logarithmic cooling (Geman & Geman's shape), reaching `final` at the end of the budget. */
export const logarithmicCooling: CoolingSchedule = {
  temperature: (progress, initial, final) => {
    // c chosen so that initial / (1 + c·ln(1 + 100·1)) = final at progress 1.
    const c = (initial / final - 1) / Math.log(101);
    return initial / (1 + c * Math.log(1 + 100 * progress));
  },
};
