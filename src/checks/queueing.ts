// Words for the M/M/c wait in front of a component's replicas (analysis/queueing.ts), shared by the checks
// that show it (latency/flow-budget, scalability/utilization): the wait now, and what the same replicas
// would wait near saturation, so a learner sees the wait explode as utilization nears 100 %.
import { queueWait, unbounded, type QueueWait } from '../analysis/queueing.js';
import { QUEUEING_NEAR_SATURATION } from '../data/figures.js';
import { ms, pct } from './types.js';

/** The wait the learner should look at: its p99, or the mean when fewer than 1 % wait (the p99 wait is then 0). */
export function waitMs(w: QueueWait, percentile: 'p50' | 'p99' = 'p99'): number {
  return Math.max(percentile === 'p50' ? 0 : w.p99Ms, w.meanMs);
}

/** A wait for a message: "4.6 ms", or "under 0.1 ms" where one decimal would print 0. */
function waitText(v: number): string {
  return v > 0 && v < 0.05 ? 'under 0.1 ms' : `${ms(v)} ms`;
}

/**
 * "queueing (M/M/c, 2 replicas of 5,000 req/s): at 79% 71% of requests wait, p99 wait 0.9 ms; at 95% it
 * would be 4.6 ms" or, at or above 100 %, why there is no number.
 */
export function queueStory(w: QueueWait, component: string, region: string | undefined, brief = false): string {
  const where = region !== undefined ? ` in ${region}` : '';
  const servers = `${w.servers} replica${w.servers === 1 ? '' : 's'}`;
  if (unbounded(w)) {
    return `${component}${where} runs at ${pct(w.utilization, 1)} of what its ${servers} serve: requests arrive faster than they are served, so the queue in front of it grows without bound and so does every wait (M/M/c: the wait is finite only below 100 %)`;
  }
  const share = w.probWait < 0.001 ? 'almost no requests wait' : `${pct(w.probWait, 1)} of requests wait`;
  const now = `at ${pct(w.utilization, 1)} utilization ${share} for one of ${component}'s ${servers}${where}, p99 wait ${waitText(waitMs(w))}`;
  if (w.utilization >= QUEUEING_NEAR_SATURATION) return `queueing (M/M/c): ${now}, and it climbs without bound towards 100 %`;
  const near = queueWait(w.servers, w.serviceRate, QUEUEING_NEAR_SATURATION);
  return `queueing (M/M/c): ${now}; at ${pct(QUEUEING_NEAR_SATURATION, 1)} the same replicas would make it ${waitText(waitMs(near))}${brief ? '' : ' (the wait grows as 1 / (1 - utilization))'}`;
}
