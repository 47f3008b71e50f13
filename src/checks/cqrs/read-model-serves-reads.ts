// cqrs/read-model-serves-reads: every declared read model answers at least one read flow.
import { count, defineCheck, type Finding } from '../types.js';

type Options = Record<string, never>;

export default defineCheck<Options>({
  meta: {
    id: 'cqrs/read-model-serves-reads',
    topic: 'cqrs',
    title: 'Serve reads from the read models you declare',
    concept:
      'A CQRS read model exists to take the queries off the write model. ' +
      'One that no read flow uses only costs a store and a projection, while the reads still land on the write store: the design looks separated and is not. ' +
      'Every read model should answer at least one kind of query, and the queries it was built for should go to it.',
    computes:
      'For each store in patterns.cqrs.queries: the read flows whose path reaches it, and their summed rate. Fails for a read model that no read flow reaches (when the spec has flows).',
    sources: ['course'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      serves: 'read model {{store}} answers {{flows}} ({{rate}} reads/s)',
      unused: 'read model {{store}} serves no read flow: {{reads}}',
    },
    hints: {
      unused:
        'Follow each read flow to the store that answers it. Which queries was this read model built for, and why do they not reach it?',
    },
  },
  run({ model }) {
    const cqrs = model.patterns.cqrs;
    if (!cqrs || !model.flowOrder.length) return [];
    const reads = model.flowOrder.map((n) => model.flows[n]!).filter((f) => f.kind === 'read');
    const single = cqrs.queries.length === 1;
    const out: Finding[] = [];
    cqrs.queries.forEach((store, i) => {
      if (store === cqrs.commands) return; // the same store on both sides is cqrs/separate-stores' concern
      const path = single ? ['patterns', 'cqrs', 'queries'] : ['patterns', 'cqrs', 'queries', i];
      const serving = reads.filter((f) => f.path.includes(store));
      if (!serving.length) {
        const elsewhere = reads.length
          ? `the read flows (${reads.map((f) => `${f.name} -> ${f.path.filter((h) => model.components[h]!.stateful).join(', ') || 'no store'}`).join('; ')}) are answered elsewhere`
          : 'the spec has no read flow';
        out.push({
          status: 'fail',
          messageId: 'unused',
          data: { store, reads: elsewhere },
          path,
          evidence: { store, readFlows: reads.map((f) => f.name) },
        });
        return;
      }
      const rate = serving.reduce((a, f) => a + f.rate, 0);
      out.push({
        status: 'pass',
        messageId: 'serves',
        data: { store, flows: serving.map((f) => f.name).join(', '), rate: count(rate) },
        path,
        evidence: { store, flows: serving.map((f) => f.name), readsPerS: rate },
      });
    });
    return out;
  },
});
