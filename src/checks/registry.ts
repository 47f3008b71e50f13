// Every check sdcoach ships, by id. Each topic folder lists its own checks in its index.ts.
import { availabilityChecks } from './availability/index.js';
import { bulkheadChecks } from './bulkhead/index.js';
import { consistencyChecks } from './consistency/index.js';
import { costChecks } from './cost/index.js';
import { cqrsChecks } from './cqrs/index.js';
import { designChecks } from './design/index.js';
import { drillChecks } from './drill/index.js';
import { estimationChecks } from './estimation/index.js';
import { eventSourcingChecks } from './event-sourcing/index.js';
import { failoverChecks } from './failover/index.js';
import { geoChecks } from './geo/index.js';
import { interviewChecks } from './interview/index.js';
import { latencyChecks } from './latency/index.js';
import { meshChecks } from './mesh/index.js';
import { reliabilityChecks } from './reliability/index.js';
import { scalabilityChecks } from './scalability/index.js';
import type { Check } from './types.js';

export const ALL_CHECKS: readonly Check<unknown>[] = [
  ...designChecks,
  ...estimationChecks,
  ...latencyChecks,
  ...cqrsChecks,
  ...eventSourcingChecks,
  ...geoChecks,
  ...failoverChecks,
  ...bulkheadChecks,
  ...meshChecks,
  ...availabilityChecks,
  ...scalabilityChecks,
  ...costChecks,
  ...consistencyChecks,
  ...reliabilityChecks,
  ...drillChecks,
  ...interviewChecks,
];

const byId = new Map(ALL_CHECKS.map((c) => [c.meta.id, c]));

export function getCheck(id: string): Check<unknown> | undefined {
  return byId.get(id);
}

export function checkIds(): string[] {
  return [...byId.keys()];
}
