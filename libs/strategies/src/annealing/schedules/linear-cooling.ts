import type { CoolingSchedule } from './cooling-schedule';

/** Linear cooling: the temperature falls by the same amount every trial. */
export const linearCooling: CoolingSchedule = {
  temperature: (progress, initial, final) => initial + (final - initial) * progress,
};
