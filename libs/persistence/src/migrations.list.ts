import { InitialSchema1795350084970 } from './migrations/1795350084970-InitialSchema';
import { StudyEvents1796280570244 } from './migrations/1796280570244-StudyEvents';
import { TrialNote1796289700190 } from './migrations/1796289700190-TrialNote';
import { MeasurementModel1796370000000 } from './migrations/1796370000000-MeasurementModel';
import { Verifications1796380000000 } from './migrations/1796380000000-Verifications';
import { TrialTraceId1796390000000 } from './migrations/1796390000000-TrialTraceId';
import { Projects1796400000000 } from './migrations/1796400000000-Projects';
import { TrialSteps1796410000000 } from './migrations/1796410000000-TrialSteps';

/**
 * Every migration, oldest first. Add one line per generated migration; never
 * edit a migration after it has landed.
 */
export const MIGRATIONS: Function[] = [InitialSchema1795350084970, StudyEvents1796280570244, TrialNote1796289700190, MeasurementModel1796370000000, Verifications1796380000000, TrialTraceId1796390000000, Projects1796400000000, TrialSteps1796410000000];
