// bulkhead/pool-size: every bulkhead pool holds at least its Little's-law demand plus breathing room.
import type { PoolCall, PoolMetrics, ServicePools } from '../../analysis/metrics.js';
import { POOL_BREATHING_ROOM } from '../../data/figures.js';
import { count, defineCheck, type Finding, type FindingData } from '../types.js';

interface Options {
  /** Spare threads on top of Little's law demand (Hystrix: "+ breathing room"). */
  breathingRoom: number;
  /** Warn when a pool is more than this many times what it needs even at its timeout; unset = never. */
  maxOversize?: number;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
/** Threads to provide for a fractional demand; the rounding guards 12 + 5 against 17.000000001. */
const threadsFor = (demand: number, room: number): number => Math.ceil(Math.round((demand + room) * 1e6) / 1e6);

export default defineCheck<Options>({
  meta: {
    id: 'bulkhead/pool-size',
    topic: 'bulkhead',
    title: "Size every bulkhead pool by Little's law, with breathing room",
    concept:
      "Little's law says how many calls are in flight at once: the arrival rate times how long each call takes. " +
      'A pool smaller than that queues or rejects calls on a normal day, so the bulkhead hurts before it ever protects; the Hystrix rule adds a few spare threads for bursts. ' +
      'A pool far larger than even its worst case wastes threads that the rest of the service could use.',
    computes:
      'Per pool, per replica: demand = calls/s reaching one replica in the busiest region x the p99 time a thread is held (network + processing + mesh), summed over the flows that make the call; ' +
      "a named pool such as core carries the service's own processing plus the calls no dependency pool takes. Needed = ceil(demand + breathingRoom). " +
      'With maxOversize set, a pool above maxOversize x ceil(worst-case demand + breathingRoom) warns, the worst case being every call held for its timeout.',
    sources: ['hystrix', 'course'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        breathingRoom: {
          type: 'integer',
          minimum: 0,
          description: "Spare threads on top of Little's law demand. Default 5 (the Hystrix sizing example).",
        },
        maxOversize: {
          type: 'number',
          minimum: 1,
          description:
            'Warn when a pool has more than this many times the threads it needs even with its dependency at its timeout. Default: never warn.',
        },
      },
    },
    defaults: { breathingRoom: POOL_BREATHING_ROOM },
    messages: {
      sized:
        '{{service}} pool {{pool}} has {{size}} threads per replica: {{rate}} calls/s x {{seconds}} s p99 = {{demand}} + {{breathingRoom}} breathing room needs {{needed}}',
      sizedShared:
        "{{service}} pool {{pool}} has {{size}} threads per replica: its share of the service's own work and unpooled calls is {{demand}} + {{breathingRoom}} breathing room = {{needed}}",
      undersized:
        '{{service}} pool {{pool}} has {{size}} threads per replica; at {{rate}} calls/s x {{seconds}} s p99 it needs {{demand}} + {{breathingRoom}} breathing room = {{needed}}',
      undersizedShared:
        "{{service}} pool {{pool}} has {{size}} threads per replica, but its share of the service's own work and unpooled calls needs {{demand}} + {{breathingRoom}} breathing room = {{needed}}",
      oversized:
        '{{service}} pool {{pool}} has {{size}} threads per replica, {{factor}}x the {{worstNeeded}} it needs even with every call held for its {{timeout}} ms timeout ({{worstDemand}} + {{breathingRoom}})',
    },
    hints: {
      undersized:
        'Work out how many calls are in flight at once on one replica: the rate reaching that replica times how long each call holds a thread at p99. The pool needs at least that, plus some spare for bursts.',
      undersizedShared:
        "A pool that is not keyed by a dependency carries the service's own request handling and every call without its own pool. Add up what each of those keeps in flight on one replica (rate x p99 time).",
      oversized:
        'Even if the dependency slowed to its timeout, this many threads would never fill up. Threads parked here are missing from the rest of the service: compare the pool with its worst case.',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    const room = options.breathingRoom;
    for (const s of Object.values(metrics.pools)) {
      const c = model.components[s.service]!;
      if (!c.pools.length) continue;
      const onFlows = s.ratePerReplica > 0 || s.calls.length > 0;
      for (const pool of s.pools) {
        const call = pool.dependency ? s.calls.find((x) => x.dependency === pool.dependency) : undefined;
        if (pool.dependency ? !call : !onFlows) continue; // no flow reaches it: nothing to size against
        out.push(...poolFindings(s, pool, call, room, options.maxOversize));
      }
    }
    return out;
  },
});

function poolFindings(
  s: ServicePools,
  pool: PoolMetrics,
  call: PoolCall | undefined,
  room: number,
  maxOversize: number | undefined,
): Finding[] {
  const path = ['components', s.service, 'pools', pool.name];
  const needed = threadsFor(pool.demand, room);
  // Behind a queue that grows without bound (analysis/queueing.ts) a call's hold time, and so the demand, is unbounded.
  const finite = (n: number) => (Number.isFinite(n) ? n : 'unbounded');
  const data = {
    service: s.service,
    pool: pool.name,
    size: pool.size,
    demand: finite(round1(pool.demand)),
    breathingRoom: room,
    needed: finite(needed),
  };
  const perCall: FindingData = call ? { rate: count(call.ratePerReplica), seconds: finite(Number((call.p99Ms / 1000).toFixed(4))) } : {};
  const evidence = {
    size: pool.size,
    demand: pool.demand,
    worstDemand: pool.worstDemand,
    breathingRoom: room,
    needed,
    ...(call ? { call } : {}),
  };
  if (pool.size < needed) {
    return [{ status: 'fail', messageId: call ? 'undersized' : 'undersizedShared', data: { ...data, ...perCall }, path, evidence }];
  }
  if (maxOversize !== undefined && Number.isFinite(pool.worstDemand) && pool.timeoutMs !== undefined) {
    const worstNeeded = threadsFor(pool.worstDemand, room);
    if (pool.size > maxOversize * worstNeeded) {
      return [
        {
          status: 'warn',
          messageId: 'oversized',
          data: {
            ...data,
            worstNeeded,
            worstDemand: round1(pool.worstDemand),
            timeout: pool.timeoutMs,
            factor: round1(pool.size / worstNeeded),
          },
          path,
          evidence: { ...evidence, worstNeeded },
        },
      ];
    }
  }
  return [{ status: 'pass', messageId: call ? 'sized' : 'sizedShared', data: { ...data, ...perCall }, path, evidence }];
}
