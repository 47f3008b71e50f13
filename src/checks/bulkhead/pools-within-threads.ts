// bulkhead/pools-within-threads: a service's bulkhead pools fit inside the threads it actually has.
import { defineCheck, type Finding } from '../types.js';

type Options = Record<string, never>;

export default defineCheck<Options>({
  meta: {
    id: 'bulkhead/pools-within-threads',
    topic: 'bulkhead',
    title: 'Carve bulkhead pools out of the threads a service has, not more',
    concept:
      "Bulkheads partition one replica's threads: the course splits 200 threads into payment 50, email 20 and core 130. " +
      'Pools that add up to more than the replica has are a promise the runtime cannot keep, so under load the pools fight over the same threads and the isolation is gone.',
    computes:
      'Per service, gateway or worker with pools: the sum of its pool sizes (per replica) against its threads per replica (stated, or the default 200).',
    sources: ['course'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      withinThreads: '{{service}} pools use {{pooled}} of its {{threads}} threads per replica ({{pools}})',
      overThreads:
        '{{service}} pools add up to {{pooled}} threads per replica ({{pools}}), but a replica has {{threads}} ({{threadsSource}})',
    },
    hints: {
      overThreads:
        "Pools are slices of one replica's threads, not extra threads. Decide how many threads a replica really runs, then split them: which pools need their Little's-law demand, and which can give some up?",
    },
  },
  run({ model, metrics }) {
    const out: Finding[] = [];
    for (const s of Object.values(metrics.pools)) {
      const c = model.components[s.service]!;
      if (!c.pools.length) continue;
      const data = {
        service: s.service,
        pooled: s.pooledThreads,
        threads: s.threads,
        pools: c.pools.map((p) => `${p.name} ${p.size}`).join(' + '),
        threadsSource: c.explicit.includes('threads') ? 'stated' : 'the default',
      };
      const evidence = {
        threads: s.threads,
        pooledThreads: s.pooledThreads,
        pools: Object.fromEntries(c.pools.map((p) => [p.name, p.size])),
      };
      if (s.pooledThreads > s.threads)
        out.push({ status: 'fail', messageId: 'overThreads', data, path: ['components', s.service, 'pools'], evidence });
      else out.push({ status: 'pass', messageId: 'withinThreads', data, path: ['components', s.service, 'pools'], evidence });
    }
    return out;
  },
});
