// scalability/thread-capacity: every service, gateway and worker has the threads its traffic holds (Little's law).
import type { ServicePools } from '../../analysis/metrics.js';
import { UTILIZATION_LIMIT } from '../../data/figures.js';
import { count, defineCheck, ms, pct, type Finding } from '../types.js';

interface Options {
  /** Highest share of a replica's threads the traffic may hold at peak. */
  maxThreadShare: number;
}

/** The largest single holder of threads: a dependency call, or the component's own work. */
function largestHolder(p: ServicePools): { what: string; threads: number } {
  const calls = p.calls.map((c) => ({ what: `waiting on ${c.dependency}`, threads: c.demand }));
  const waiting = p.calls.reduce((a, c) => a + c.demand, 0);
  // A call behind a queue that grows without bound holds unbounded threads: it is the largest, whatever the own work.
  const own = Number.isFinite(waiting) ? p.demand - waiting : 0;
  return [{ what: 'its own work', threads: own }, ...calls].reduce((a, b) => (b.threads > a.threads ? b : a));
}

/**
 * A worker no flow runs through: its demand counts each message's mean time over the utilization limit
 * (analysis/pools.ts), so the message says how busy its threads are: demand x the limit of them.
 */
function consumerFinding(id: string, p: ServicePools, holdMs: number, maxRate: number, maxThreadShare: number): Finding {
  const busy = p.demand * UTILIZATION_LIMIT;
  const data = {
    component: id,
    input: p.consumes!,
    rate: count(p.ratePerReplica),
    meanMs: ms(holdMs * UTILIZATION_LIMIT),
    busy: ms(busy),
    threads: p.threads,
    share: pct(busy / p.threads, 1),
    limit: pct(UTILIZATION_LIMIT * maxThreadShare, 1),
    maxRate: count(maxRate),
  };
  const evidence = {
    demand: p.demand,
    busy,
    threads: p.threads,
    ratePerReplica: p.ratePerReplica,
    meanMs: holdMs * UTILIZATION_LIMIT,
    maxRatePerReplica: maxRate,
  };
  const short = p.demand > p.threads * maxThreadShare;
  return {
    status: short ? 'fail' : 'pass',
    messageId: short ? 'consumerShort' : 'consumerEnough',
    data,
    path: ['components', id, 'replicas'],
    evidence,
  };
}

export default defineCheck<Options>({
  meta: {
    id: 'scalability/thread-capacity',
    topic: 'scalability',
    title: 'Give every service the threads its traffic holds at peak',
    concept:
      'A thread-per-request service can serve only as many requests at once as it has threads, and a request holds its thread for its whole time in the service, waits on downstream calls included. ' +
      "By Little's law the threads in use are the arrival rate times the time each is held, so a replica's real capacity is the smaller of what its CPU can do and threads / holding time. " +
      "Little's law holds for the mean time held; sizing with each call's p99 instead (as Hystrix sizes its pools) leaves room for the bursts and slow calls the mean hides. " +
      'When the traffic needs more threads than a replica has, requests queue for a thread and latency climbs without bound, however idle the CPU looks.',
    computes:
      "Per service, gateway and worker, in its busiest region: threads held per replica = sum over its flows of (requests/s reaching one replica x the p99 time a thread is held: its own processing plus every call it makes, a call to another service held until that service returns). A worker holds a thread per message it consumes: messages/s per replica x (its own mean + each write's mean, network included, the means of the log-normals through each p50 and p99), over the utilization limit: nobody waits on a consumer (a full one stops pulling and its queue holds the rest), so like any server it is sized to be at most that busy, not for its tail; where flows also run through it, they count first and only the messages beyond their rate in that region are added. " +
      'Fails when that exceeds maxThreadShare x threads per replica; the message gives the rate one replica can take before its threads run out (threads / mean holding time) and the largest holder, or for a worker no flow runs through how busy its threads are.',
    sources: ['hystrix', 'course', 'erlangC'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxThreadShare: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: "Highest share of a replica's threads held at peak. Default 1: the demand already uses p99 holding times.",
        },
      },
    },
    defaults: { maxThreadShare: 1 },
    messages: {
      enough:
        '{{component}} holds {{demand}} of its {{threads}} threads per replica at peak ({{rate}} req/s per replica x {{holdMs}} ms held at p99, weighted over its flows, downstream waits included): room for {{maxRate}} req/s per replica',
      saturated:
        '{{component}} needs {{demand}} threads per replica at peak ({{rate}} req/s per replica x {{holdMs}} ms held at p99, weighted over its flows, downstream waits included) but has {{threads}} ({{share}}): its threads run out at {{maxRate}} req/s per replica; the largest holder is {{largest}} ({{largestThreads}} threads)',
      consumerEnough:
        '{{component}} takes {{rate}} messages/s per replica from {{input}}, each keeping a thread {{meanMs}} ms on average (its writes included): {{busy}} of its {{threads}} threads busy at peak ({{share}}), within the {{limit}} a consumer may run at; room for {{maxRate}} messages/s per replica',
      consumerShort:
        '{{component}} takes {{rate}} messages/s per replica from {{input}}, each keeping a thread {{meanMs}} ms on average (its writes included): {{busy}} of its {{threads}} threads busy at peak ({{share}}), above the {{limit}} at which its queue still drains; its threads keep up with {{maxRate}} messages/s per replica',
    },
    hints: {
      consumerShort:
        'A consumer that cannot keep up rejects nothing: its queue grows and every message waits longer. Which knob: more replicas, more threads per replica where the work waits on I/O (not where it is CPU-bound: there the threads are the cores), or less work per message?',
      saturated:
        'A thread is held for as long as the request is inside the component, including every call it waits on. Which knob changes threads needed per replica: fewer requests per replica (more replicas), a shorter time held (a faster or parallel or asynchronous call), or more threads (how many can one replica really run)?',
    },
  },
  run({ metrics, options }) {
    const out: Finding[] = [];
    for (const [id, p] of Object.entries(metrics.pools)) {
      if (p.ratePerReplica <= 0 || p.demand <= 0 || p.threads <= 0) continue;
      const holdMs = (p.demand / p.ratePerReplica) * 1000;
      const maxRate = (p.threads * options.maxThreadShare) / (holdMs / 1000);
      if (p.consumes !== undefined) {
        out.push(consumerFinding(id, p, holdMs, maxRate, options.maxThreadShare));
        continue;
      }
      const data = {
        component: id,
        demand: ms(p.demand),
        threads: p.threads,
        rate: count(p.ratePerReplica),
        holdMs: ms(holdMs),
        maxRate: count(maxRate),
        share: pct(p.demand / p.threads, 1),
      };
      const evidence = {
        demand: p.demand,
        threads: p.threads,
        ratePerReplica: p.ratePerReplica,
        holdMs,
        maxRatePerReplica: maxRate,
        calls: p.calls.map((c) => ({ dependency: c.dependency, demand: c.demand })),
      };
      const path = ['components', id, 'threads'];
      if (p.demand > p.threads * options.maxThreadShare) {
        const largest = largestHolder(p);
        out.push({
          status: 'fail',
          messageId: 'saturated',
          data: { ...data, largest: largest.what, largestThreads: ms(largest.threads) },
          path,
          evidence,
        });
      } else {
        out.push({ status: 'pass', messageId: 'enough', data, path, evidence });
      }
    }
    return out;
  },
});
