// cqrs/separate-stores: the command side and the query side of CQRS live in different stores with matching roles.
import { count, defineCheck, ms, type Finding } from '../types.js';
import { hopSpecPath } from '../../specfile/steps.js';

type Options = Record<string, never>;

export default defineCheck<Options>({
  meta: {
    id: 'cqrs/separate-stores',
    topic: 'cqrs',
    title: 'Keep the CQRS command store and query stores separate',
    concept:
      'The point of CQRS is that writes and reads stop competing: the write model is shaped for enforcing rules on changes, each read model for one kind of query, and each side is scaled on its own. ' +
      'If both sides are the same store, or a read model also takes the writes, nothing was separated and the design pays for CQRS without getting it. ' +
      'The read side is fed by the projection, not written by requests.',
    computes:
      "Compares patterns.cqrs.commands with each of patterns.cqrs.queries, reads each store's role (write / read-model / both), and sums the rates of the flows that reach each store (read flows on the query side, write flows on the command side).",
    sources: ['course'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      separate: '{{commands}} takes {{writes}} writes/s, {{querySide}} {{reads}} reads/s: each side scales on its own',
      separateNoFlows:
        '{{commands}} takes the commands and {{querySide}} the queries: each side can scale on its own (no flow with a rate reaches them yet)',
      sameStore: '{{store}} is both the command store and a query store: reads and writes still share one store',
      queryStoreIsWriteModel: 'query store {{store}} has role write: a read model is a copy shaped for queries, not the place writes land',
      commandStoreIsReadModel:
        'command store {{store}} has role read-model: the commands need the write model, the one store that holds the latest state',
      queryStoreWrittenByFlow: 'write flow {{flow}} ({{rate}} writes/s) writes query store {{store}} directly, beside the projection',
    },
    hints: {
      sameStore: 'Name two different stores: one that takes the commands and one that answers the queries. What would each be shaped for?',
      queryStoreIsWriteModel: 'Look at the `role` of each store in the pattern: which one is the write model and which are read models?',
      commandStoreIsReadModel: 'Look at the `role` of each store in the pattern: which one is the write model and which are read models?',
      queryStoreWrittenByFlow:
        'In CQRS the read side is derived from the write side. Follow this flow: where should the write land, and what carries the change to the read model?',
    },
  },
  run({ model }) {
    const cqrs = model.patterns.cqrs;
    if (!cqrs) return [];
    const out: Finding[] = [];
    const single = cqrs.queries.length === 1;
    const queryPath = (i: number) => (single ? ['patterns', 'cqrs', 'queries'] : ['patterns', 'cqrs', 'queries', i]);
    cqrs.queries.forEach((q, i) => {
      if (q === cqrs.commands)
        out.push({
          status: 'fail',
          messageId: 'sameStore',
          data: { store: q },
          path: queryPath(i),
          evidence: { commands: cqrs.commands, queries: cqrs.queries },
        });
      // The labels as written: a query store a write flow writes is 'write' by its writers, which
      // queryStoreWrittenByFlow reports below.
      else if (model.components[q]?.roleLabel === 'write')
        out.push({
          status: 'fail',
          messageId: 'queryStoreIsWriteModel',
          data: { store: q },
          path: ['components', q, 'role'],
          evidence: { store: q, role: 'write' },
        });
    });
    if (model.components[cqrs.commands]?.roleLabel === 'read-model') {
      out.push({
        status: 'fail',
        messageId: 'commandStoreIsReadModel',
        data: { store: cqrs.commands },
        path: ['components', cqrs.commands, 'role'],
        evidence: { store: cqrs.commands, role: 'read-model' },
      });
    }
    // A synchronous projection updates the read model inside the write: that is cqrs/async-projection's concern.
    if (!cqrs.sync) {
      for (const name of model.flowOrder) {
        const f = model.flows[name]!;
        if (f.kind !== 'write') continue;
        f.path.forEach((hop, i) => {
          if (hop === cqrs.commands || !cqrs.queries.includes(hop)) return;
          out.push({
            status: 'fail',
            messageId: 'queryStoreWrittenByFlow',
            data: { flow: name, rate: ms(f.rate), store: hop },
            path: hopSpecPath(f, i),
            evidence: { flow: name, store: hop, hop: i },
          });
        });
      }
    }
    if (out.length) return out;
    const rateTo = (kind: 'read' | 'write', stores: string[]) =>
      model.flowOrder
        .map((n) => model.flows[n]!)
        .filter((f) => f.kind === kind && f.path.some((h) => stores.includes(h)))
        .reduce((a, f) => a + f.rate, 0);
    const reads = rateTo('read', cqrs.queries);
    const writes = rateTo('write', [cqrs.commands]);
    return [
      {
        status: 'pass',
        messageId: reads === 0 && writes === 0 ? 'separateNoFlows' : 'separate',
        data: {
          commands: cqrs.commands,
          querySide: `${cqrs.queries.join(' and ')} ${cqrs.queries.length > 1 ? 'serve' : 'serves'}`,
          reads: count(reads),
          writes: count(writes),
        },
        path: ['patterns', 'cqrs'],
        evidence: { commands: cqrs.commands, queries: cqrs.queries, readsPerS: reads, writesPerS: writes },
      },
    ];
  },
});
