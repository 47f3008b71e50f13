// cqrs/async-projection: each CQRS read model is fed by an asynchronous projection whose lag the design can live with.
import { DEFAULT_MAX_STALENESS_MS } from '../../data/figures.js';
import type { SpecPath } from '../../specfile/diagnostic.js';
import { chainText } from '../staleness.js';
import { defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** Oldest a read from a query store may be, ms. Default: requirements.max_staleness_ms, else DEFAULT_MAX_STALENESS_MS. */
  maxStalenessMs?: number;
}

export default defineCheck<Options>({
  meta: {
    id: 'cqrs/async-projection',
    topic: 'cqrs',
    title: 'Feed each read model from an asynchronous projection that keeps up',
    concept:
      'In CQRS a projection turns each change on the write side into updates of the read models, after the write has committed. ' +
      'Doing it asynchronously keeps writes fast and lets the read side fail or fall behind without stopping writes; the price is staleness, the time from a write until readers see it. ' +
      'That staleness is a number the design should know and keep within what its readers accept.',
    computes:
      "For each query store: the workers that write it (patterns.cqrs.projection among them); staleness = lag_ms summed along the slowest chain of workers feeding it, plus the mean wait of a message in front of each worker of the chain at its load (M/M/c; unbounded when a worker receives messages faster than its replicas process them), plus the store's async replication lag when it serves more than one region; " +
      `compared with maxStalenessMs (rubric option, else requirements.max_staleness_ms, else ${DEFAULT_MAX_STALENESS_MS} ms).`,
    sources: ['course', 'awsDr', 'sdcoach'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxStalenessMs: {
          type: 'number',
          minimum: 0,
          description: `Oldest a read from a query store may be, ms. Default: the spec's requirements.max_staleness_ms, else ${DEFAULT_MAX_STALENESS_MS}.`,
        },
      },
    },
    defaults: {},
    messages: {
      fresh: '{{store}} is at most {{staleness}} ms behind the writes ({{parts}}), limit {{limit}} ms ({{limitFrom}})',
      tooStale: '{{store}} can be {{staleness}} ms behind the writes ({{parts}}), over the {{limit}} ms limit ({{limitFrom}})',
      fallsBehind: '{{store}} falls ever further behind the writes ({{parts}}): no staleness limit holds ({{limit}} ms, {{limitFrom}})',
      syncProjection: 'the projection is synchronous (cqrs.sync: true): {{writes}} writes/s each also update {{stores}} before they commit',
      noProjection: 'nothing feeds query store {{store}}: no worker writes it{{declared}}',
      projectionNotWorker:
        'projection {{projection}} is a {{kind}}, not a worker: the read model is updated on the request path, with no lag the design can state',
    },
    hints: {
      fallsBehind:
        'A consumer that receives more messages per second than it can process never catches up, whatever its lag when idle. How many messages per second does each replica handle, and how many replicas does the peak rate need?',
      tooStale:
        "Staleness adds up along the way from the write to the reader: each worker's lag and the time messages wait for it, then replication to the reader's region. Which part is largest? A worker that cannot keep up needs more replicas; a reader far from the projection needs a nearer copy.",
      syncProjection:
        'Ask what a write must wait for when the read side is updated inside it, and what happens to writes when a read store is slow or down.',
      noProjection:
        'A read model must be kept in step with the writes by something: which component consumes the changes and writes this store? Declare it as a worker with `consumes` and `writes`.',
      projectionNotWorker:
        'Think about where the projection runs: inside the request that writes, or after it, fed by the changes? Which of the two lets writes go on when the read side is down?',
    },
  },
  run({ model, metrics, options }) {
    const cqrs = model.patterns.cqrs;
    if (!cqrs) return [];
    const out: Finding[] = [];
    if (cqrs.sync) {
      const writes = model.flowOrder
        .map((n) => model.flows[n]!)
        .filter((f) => f.kind === 'write' && f.path.includes(cqrs.commands))
        .reduce((a, f) => a + f.rate, 0);
      out.push({
        status: 'fail',
        messageId: 'syncProjection',
        data: { writes: ms(writes), stores: cqrs.queries.join(', ') },
        path: ['patterns', 'cqrs', 'sync'],
        evidence: { sync: true, writesPerS: writes },
      });
    }
    if (cqrs.projection !== undefined) {
      const p = model.components[cqrs.projection];
      if (p && p.kind !== 'worker') {
        out.push({
          status: 'warn',
          messageId: 'projectionNotWorker',
          data: { projection: cqrs.projection, kind: p.kind },
          path: ['patterns', 'cqrs', 'projection'],
          evidence: { projection: cqrs.projection, kind: p.kind },
        });
      }
    }
    const limit = options.maxStalenessMs ?? model.requirements.maxStalenessMs ?? DEFAULT_MAX_STALENESS_MS;
    const limitFrom =
      options.maxStalenessMs !== undefined
        ? 'rubric'
        : model.requirements.maxStalenessMs !== undefined
          ? 'requirements.max_staleness_ms'
          : 'default';
    for (const store of cqrs.queries) {
      if (store === cqrs.commands) continue; // cqrs/separate-stores reports it
      const s = metrics.staleness[store];
      if (!s) {
        if (cqrs.sync) continue; // a synchronous projection needs no worker; reported above
        // A projection that writes it but is fed by nothing outside the workers (a loop of workers, analysis/fed.ts).
        const loop = cqrs.projection !== undefined && model.components[cqrs.projection]?.writes.includes(store);
        const declared =
          cqrs.projection === undefined
            ? ''
            : loop
              ? ` that a write reaches (the declared projection ${cqrs.projection} does, but only workers fed by nothing outside them feed it)`
              : ` (the declared projection ${cqrs.projection} does not list it in \`writes\`)`;
        out.push({
          status: 'fail',
          messageId: 'noProjection',
          data: { store, declared },
          path: cqrs.projection !== undefined ? ['components', cqrs.projection] : ['patterns', 'cqrs'],
          evidence: { store },
        });
        continue;
      }
      const parts = `${chainText(s, (w) => model.components[w]!.lagMs ?? 0)}${s.replicationLagMs ? ` + async replication ${ms(s.replicationLagMs)} ms` : ''}`;
      const data = { store, staleness: ms(s.totalMs), parts, limit, limitFrom };
      const evidence = { ...s, limit, limitFrom };
      if (s.totalMs <= limit) {
        out.push({ status: 'pass', messageId: 'fresh', data, path: ['components', store], evidence });
        continue;
      }
      // Point at the biggest contributor: the slowest worker (its lag, or its replicas when its queue is the larger
      // part) or the store's replication lag.
      const partOf = (w: string) => (model.components[w]!.lagMs ?? 0) + (s.queued[w] ?? 0);
      const slowest = s.chain.reduce<string | undefined>((a, w) => (a === undefined || partOf(w) > partOf(a) ? w : a), undefined);
      const slowestPart = slowest ? partOf(slowest) : 0;
      const path: SpecPath =
        s.replicationLagMs > slowestPart || !slowest
          ? ['components', store, 'replication', 'lag_ms']
          : (s.queued[slowest] ?? 0) > (model.components[slowest]!.lagMs ?? 0)
            ? ['components', slowest, 'replicas']
            : ['components', slowest, 'lag_ms'];
      out.push({ status: 'fail', messageId: Number.isFinite(s.totalMs) ? 'tooStale' : 'fallsBehind', data, path, evidence });
    }
    return out;
  },
});
