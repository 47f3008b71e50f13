// bulkhead/isolated-pools: a slow or external dependency gets a thread pool of its own, so it cannot take every thread.
import type { PoolCall, ServicePools } from '../../analysis/metrics.js';
import type { ModelComponent } from '../../specfile/model.js';
import { count, defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** A call held longer than this at p99 counts as slow. */
  slowMs: number;
}

/** Kinds that run code: a call to one of them is isolated where it makes its own calls, not here. */
const RUNS_CODE = new Set(['service', 'gateway', 'worker']);

/** Threads an unpooled call competes for: the named pools (core), else whatever no dependency pool holds. */
export function sharedThreads(s: ServicePools, c: ModelComponent): number {
  const named = c.pools.filter((p) => !p.dependency);
  if (named.length) return named.reduce((a, p) => a + p.size, 0);
  return Math.max(0, s.threads - s.pooledThreads);
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

export default defineCheck<Options>({
  meta: {
    id: 'bulkhead/isolated-pools',
    topic: 'bulkhead',
    title: 'Give every slow or external dependency its own thread pool',
    concept:
      'A thread that calls a dependency waits for it, so when the dependency slows down, calls pile up and hold threads for as long as it takes. ' +
      'With one shared pool, a slow payment API can hold all 200 threads of a service and logins die too, although they never touch payments. ' +
      'A bulkhead gives the risky dependency a pool of its own: when it slows, only that pool fills up and the rest of the service keeps working.',
    computes:
      'For each service, gateway or worker and each dependency it calls that runs no code of its own (an external API or a store), except a worker no flow runs through that writes one store (nothing shares its threads): the call is risky when the dependency is external or a call holds a thread longer than slowMs at p99 (network + processing + mesh, from the flows). ' +
      "It passes when the service has a pool keyed by that dependency. Otherwise the worst case is Little's law under the timeout: calls/s per replica (busiest region) x the timeout, compared with the threads the call shares (the named pools such as core, else the threads no dependency pool holds).",
    sources: ['course', 'hystrix'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        slowMs: {
          type: 'number',
          minimum: 0,
          description: 'A call held longer than this (ms, p99) counts as slow and needs its own pool; external dependencies always do.',
        },
      },
    },
    defaults: { slowMs: 100 },
    messages: {
      isolated:
        '{{service}} isolates {{dependency}} ({{p99}} ms p99) in its own pool of {{size}} threads: however slow it gets, it holds at most those',
      sharedPool:
        '{{service}} calls {{dependency}} ({{p99}} ms p99) from threads it shares with everything else: slowed to its {{timeout}} ms timeout, {{rate}} calls/s per replica would tie up {{worstDemand}} threads{{verdict}}',
      sharedPoolNoTimeout:
        '{{service}} calls {{dependency}} ({{p99}} ms p99) from threads it shares with everything else, with no timeout: at {{rate}} calls/s per replica a hung {{dependency}} keeps taking threads until all {{shared}} are stuck',
    },
    hints: {
      sharedPool:
        'Picture the dependency hanging until its timeout: which other requests lose their threads while it does? Look at how the service divides its threads (`pools` on the service) and at what decides how many of them one dependency can take.',
      sharedPoolNoTimeout:
        'Nothing here limits how many threads a hung dependency can hold, nor for how long. Which two limits would bound the damage, and where does the spec say how a service divides its threads and how long a caller waits?',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    for (const s of Object.values(metrics.pools)) {
      const c = model.components[s.service]!;
      // A consumer whose one call is its write shares its threads with nothing: a hung store stalls it, and
      // its queue holds the backlog (the point of the queue), but no other work loses a thread.
      if (s.consumes !== undefined && s.calls.length <= 1) continue;
      for (const call of s.calls) {
        const dep = model.components[call.dependency]!;
        if (RUNS_CODE.has(dep.kind)) continue;
        if (!call.external && !(call.p99Ms > options.slowMs)) continue;
        out.push(isolationFinding(s, c, call));
      }
    }
    return out;
  },
});

function isolationFinding(s: ServicePools, c: ModelComponent, call: PoolCall): Finding {
  const base = { service: s.service, dependency: call.dependency, p99: ms(call.p99Ms) };
  const evidence = { ...call, threads: s.threads };
  if (call.pool) {
    const pool = c.pools.find((p) => p.name === call.pool)!;
    return {
      status: 'pass',
      messageId: 'isolated',
      data: { ...base, size: pool.size },
      path: ['components', s.service, 'pools', pool.name],
      evidence,
    };
  }
  const shared = sharedThreads(s, c);
  const path = c.pools.length ? ['components', s.service, 'pools'] : ['components', s.service];
  const rate = count(call.ratePerReplica);
  if (call.timeoutMs === undefined || !Number.isFinite(call.worstDemand)) {
    return { status: 'fail', messageId: 'sharedPoolNoTimeout', data: { ...base, rate, shared }, path, evidence: { ...evidence, shared } };
  }
  const verdict =
    call.worstDemand >= shared
      ? `, more than the ${shared} it shares: nothing else gets a thread`
      : `, ${Math.round((call.worstDemand / Math.max(1, shared)) * 100)}% of the ${shared} it shares with every other request`;
  return {
    status: 'fail',
    messageId: 'sharedPool',
    data: { ...base, rate, timeout: ms(call.timeoutMs), worstDemand: round1(call.worstDemand), shared, verdict },
    path,
    evidence: { ...evidence, shared },
  };
}
