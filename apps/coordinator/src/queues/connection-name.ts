/**
 * The name `CLIENT LIST` shows for one of the coordinator's Redis
 * connections, e.g. `attune-coordinator:attune:queues`: the deployment's
 * prefix tells deployments apart, the role says what the connection is for.
 */
export function coordinatorConnectionName(queuePrefix: string, role: 'queues' | 'results' | 'events' | 'health'): string {
  return `${COORDINATOR_CLIENT}:${queuePrefix}:${role}`;
}

/** How the coordinator names itself in Redis (connection names, the results worker's name). */
export const COORDINATOR_CLIENT = 'attune-coordinator';
