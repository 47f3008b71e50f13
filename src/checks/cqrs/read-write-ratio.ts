// cqrs/read-write-ratio: a design that separates reads from writes has the read:write ratio that pays for it.
import { CQRS_MIN_READ_WRITE_RATIO } from '../../data/figures.js';
import { count, defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** Smallest read:write ratio (reads per write) at which CQRS earns its cost. */
  minRatio: number;
}

export default defineCheck<Options>({
  meta: {
    id: 'cqrs/read-write-ratio',
    topic: 'cqrs',
    title: 'Use CQRS only where reads outnumber writes enough to pay for it',
    concept:
      'CQRS gives reads their own store, shaped and scaled for the queries, at the price of a second store, a projection to keep it current, and reads that lag behind writes. ' +
      `That price is worth paying when reads dwarf writes (the course puts the line near ${CQRS_MIN_READ_WRITE_RATIO} reads per write), or when reads need several differently shaped models. ` +
      'Below that, one well-indexed store with read replicas usually does the job with less to run.',
    computes:
      'read:write = reads/s / writes/s, from workload.reads_per_s and workload.writes_per_s where stated, else the summed rates of the read and write flows; compared with minRatio.',
    sources: ['course'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minRatio: { type: 'number', exclusiveMinimum: 0, description: `Reads per write from which CQRS pays off. Default ${CQRS_MIN_READ_WRITE_RATIO} (the course).` },
      },
    },
    defaults: { minRatio: CQRS_MIN_READ_WRITE_RATIO },
    messages: {
      justified: 'read:write is {{ratio}}:1 ({{reads}} reads/s {{readsFrom}}, {{writes}} writes/s {{writesFrom}}), at or above the {{minRatio}}:1 where CQRS earns its cost',
      readsOnly: 'CQRS with {{reads}} reads/s {{readsFrom}} and no writes ({{writesFrom}}): the read side carries all the load',
      tooFewReads: 'read:write is {{ratio}}:1 ({{reads}} reads/s {{readsFrom}}, {{writes}} writes/s {{writesFrom}}), below the {{minRatio}}:1 where CQRS earns its cost',
      tooFewReadsSeveralModels: 'read:write is only {{ratio}}:1 ({{reads}} reads/s {{readsFrom}}, {{writes}} writes/s {{writesFrom}}), below {{minRatio}}:1, though {{models}} read models may justify it',
      noWorkload: 'CQRS is declared but there are no reads or writes to weigh it against: no workload rates and no flow rates',
    },
    hints: {
      tooFewReads: 'Compare what CQRS costs (a second store, a projection, stale reads) with what it buys at this load. Would one store with read replicas or a cache serve these reads? If you keep CQRS, say what else justifies it.',
      tooFewReadsSeveralModels: 'Several read models are a reason for CQRS on their own, but check they really need different shapes: could one store with the right indexes answer them all?',
      noWorkload: 'The case for CQRS is a number: give the flows their rates (or workload.reads_per_s and writes_per_s) so the ratio can be computed.',
    },
  },
  run({ model, metrics, options }) {
    const cqrs = model.patterns.cqrs;
    if (!cqrs) return [];
    const { readsPerS, writesPerS, readWriteRatio, derived } = metrics.workload;
    const data = {
      ratio: ms(readWriteRatio),
      reads: count(readsPerS),
      writes: count(writesPerS),
      readsFrom: derived.reads ? 'summed from read flows' : 'stated in workload',
      writesFrom: derived.writes ? 'summed from write flows' : 'stated in workload',
      minRatio: options.minRatio,
    };
    const evidence = { readsPerS, writesPerS, readWriteRatio, derived, minRatio: options.minRatio, readModels: cqrs.queries };
    const path = ['patterns', 'cqrs'];
    const finding = (status: Finding['status'], messageId: string, extra: Record<string, string | number> = {}): Finding[] => [
      { status, messageId, data: { ...data, ...extra }, path, evidence },
    ];
    if (readsPerS === 0 && writesPerS === 0) return finding('warn', 'noWorkload');
    if (writesPerS === 0) return finding('pass', 'readsOnly');
    if (readWriteRatio >= options.minRatio) return finding('pass', 'justified');
    if (cqrs.queries.length > 1) return finding('warn', 'tooFewReadsSeveralModels', { models: cqrs.queries.length });
    return finding('fail', 'tooFewReads');
  },
});
