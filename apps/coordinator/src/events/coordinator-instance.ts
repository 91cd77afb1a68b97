/** Injection token of this coordinator process's instance id (a UUID made at start), stored as the origin of the events it writes. */
export const COORDINATOR_INSTANCE_ID = Symbol('COORDINATOR_INSTANCE_ID');
