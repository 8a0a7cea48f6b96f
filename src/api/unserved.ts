/**
 * What the lab answers for Engine API v1.50 routes it does not serve (moby
 * v28.2.2's swagger lists them; dockerd serves them): not `page not found`,
 * which would say the route does not exist, but what is true here.
 *
 * - Swarm's cluster state: dockerd's own 503 for a node that is in no swarm
 *   (daemon/cluster errNoManager, errNoSwarm), which is where the lab stands
 *   (`docker info`: Swarm: inactive).
 * - The rest: 501, saying plainly that Docker Lab does not simulate it, and
 *   which docker command it belongs to.
 */

import { templatePattern } from './wire';

/** daemon/cluster/cluster.go errNoManager, for a node in no swarm. */
const NOT_A_MANAGER = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
/** daemon/cluster/errors.go errNoSwarm. */
const NOT_IN_A_SWARM = 'This node is not part of a swarm';

/** [method, path template, the docker command that calls it (or what it is)]. */
const NOT_SIMULATED: readonly (readonly [string, string, string])[] = [
  ['GET', '/containers/{id}/stats', 'docker stats'],
  ['POST', '/containers/{id}/update', 'docker update'],
  ['GET', '/containers/{id}/attach/ws', 'attach over a websocket'],
  ['POST', '/build/prune', 'docker builder prune'],
  ['POST', '/images/{name}/push', 'docker push'],
  ['GET', '/images/search', 'docker search'],
  ['POST', '/auth', 'docker login'],
  ['GET', '/images/{name}/get', 'docker save'],
  ['GET', '/images/get', 'docker save'],
  ['POST', '/images/load', 'docker load'],
  ['PUT', '/volumes/{name}', 'cluster volumes'],
  ['POST', '/networks/{id}/connect', 'docker network connect'],
  ['POST', '/networks/{id}/disconnect', 'docker network disconnect'],
  ['GET', '/plugins/privileges', 'docker plugin install'],
  ['POST', '/plugins/pull', 'docker plugin install'],
  ['POST', '/plugins/create', 'docker plugin create'],
  ['POST', '/swarm/init', 'docker swarm init'],
  ['POST', '/swarm/join', 'docker swarm join'],
  ['GET', '/distribution/{name}/json', 'reading a registry\'s manifest'],
  ['POST', '/session', 'BuildKit\'s build session'],
];

/** Cluster state, which only a swarm manager holds. */
const SWARM_MANAGER_ONLY: readonly (readonly [string, string])[] = [
  ['GET', '/swarm'], ['POST', '/swarm/update'], ['GET', '/swarm/unlockkey'],
  ['GET', '/nodes'], ['GET', '/nodes/{id}'], ['DELETE', '/nodes/{id}'], ['POST', '/nodes/{id}/update'],
  ['GET', '/services'], ['POST', '/services/create'], ['GET', '/services/{id}'], ['DELETE', '/services/{id}'],
  ['POST', '/services/{id}/update'], ['GET', '/services/{id}/logs'],
  ['GET', '/tasks'], ['GET', '/tasks/{id}'], ['GET', '/tasks/{id}/logs'],
  ['GET', '/secrets'], ['POST', '/secrets/create'], ['GET', '/secrets/{id}'], ['DELETE', '/secrets/{id}'], ['POST', '/secrets/{id}/update'],
  ['GET', '/configs'], ['POST', '/configs/create'], ['GET', '/configs/{id}'], ['DELETE', '/configs/{id}'], ['POST', '/configs/{id}/update'],
];

/** Leaving or unlocking a swarm the node is not in. */
const SWARM_MEMBER_ONLY: readonly (readonly [string, string])[] = [['POST', '/swarm/leave'], ['POST', '/swarm/unlock']];

interface Unserved {
  method: string;
  pattern: RegExp;
  status: number;
  message: string;
}

const UNSERVED: readonly Unserved[] = [
  ...NOT_SIMULATED.map(([method, template, what]): Unserved => ({
    method, pattern: templatePattern(template), status: 501, message: `Docker Lab does not simulate ${method} ${template} (${what}) yet`,
  })),
  ...SWARM_MANAGER_ONLY.map(([method, template]): Unserved => ({ method, pattern: templatePattern(template), status: 503, message: NOT_A_MANAGER })),
  ...SWARM_MEMBER_ONLY.map(([method, template]): Unserved => ({ method, pattern: templatePattern(template), status: 503, message: NOT_IN_A_SWARM })),
];

/** The answer for a route dockerd serves and the lab does not; undefined for a path dockerd does not know either. */
export function unservedAnswer(method: string, path: string): { status: number; message: string } | undefined {
  const found = UNSERVED.find((route) => route.method === method && route.pattern.test(path));
  return found && { status: found.status, message: found.message };
}
