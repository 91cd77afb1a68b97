import type { CoolingSchedule } from './cooling-schedule';

/** Geometric cooling: the temperature falls by the same factor every trial. */
export const exponentialCooling: CoolingSchedule = {
  temperature: (progress, initial, final) => initial * (final / initial) ** progress,
};
