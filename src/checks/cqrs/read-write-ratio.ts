// cqrs/read-write-ratio: a design that separates reads from writes has the read:write ratio that pays for it.
import { CQRS_MIN_READ_WRITE_RATIO } from '../../data/figures.js';
import { count, defineCheck, ms, type Finding } from '../types.js';

/** The course's reasons for CQRS other than the ratio, as the message states them. */
const REASON_TEXT: Record<string, string> = {
  'read-write-ratio': 'the read:write ratio',
  scaling: 'reads and writes need to scale differently',
  'complex-writes': 'the write side has complex logic of its own',
  'read-models': 'several differently shaped read models',
};

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
      `The course gives four reasons to pay it: reads dwarf writes (the line is near ${CQRS_MIN_READ_WRITE_RATIO} reads per write), reads and writes need to scale differently, the write side has complex logic of its own, or reads need several differently shaped models. ` +
      'Below that, one well-indexed store with read replicas usually does the job with less to run.',
    computes:
      'read:write = reads/s / writes/s, from workload.reads_per_s and workload.writes_per_s where stated, else the summed rates of the read and write flows; compared with minRatio. ' +
      'Below it, a reason stated in patterns.cqrs.reason that holds (scaling, complex-writes, or read-models with more than one read model) warns; no reason, or one that does not hold, fails.',
    sources: ['course'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minRatio: {
          type: 'number',
          exclusiveMinimum: 0,
          description: `Reads per write from which CQRS pays off. Default ${CQRS_MIN_READ_WRITE_RATIO} (the course).`,
        },
      },
    },
    defaults: { minRatio: CQRS_MIN_READ_WRITE_RATIO },
    messages: {
      justified:
        'read:write is {{ratio}}:1 ({{reads}} reads/s {{readsFrom}}, {{writes}} writes/s {{writesFrom}}), at or above the {{minRatio}}:1 where CQRS earns its cost',
      readsOnly: 'CQRS with {{reads}} reads/s {{readsFrom}} and no writes ({{writesFrom}}): the read side carries all the load',
      tooFewReads:
        'read:write is {{ratio}}:1 ({{reads}} reads/s {{readsFrom}}, {{writes}} writes/s {{writesFrom}}), below the {{minRatio}}:1 where CQRS earns its cost, and patterns.cqrs states no other reason for it',
      tooFewReadsSeveralModels:
        'read:write is only {{ratio}}:1 ({{reads}} reads/s {{readsFrom}}, {{writes}} writes/s {{writesFrom}}), below {{minRatio}}:1; the {{models}} read models may justify CQRS, but patterns.cqrs states no reason',
      ratioClaimed:
        'patterns.cqrs gives the read:write ratio as its reason, but it is {{ratio}}:1 ({{reads}} reads/s {{readsFrom}}, {{writes}} writes/s {{writesFrom}}), below the {{minRatio}}:1 where that reason holds',
      readModelsClaimed:
        'patterns.cqrs gives several differently shaped read models as its reason, but declares only {{models}} ({{queries}}); and read:write is {{ratio}}:1, below {{minRatio}}:1',
      tooFewReadsWithReason:
        'read:write is {{ratio}}:1 ({{reads}} reads/s {{readsFrom}}, {{writes}} writes/s {{writesFrom}}), below the {{minRatio}}:1 where the ratio alone pays for CQRS; kept for another reason: {{reasons}}',
      noWorkload: 'CQRS is declared but there are no reads or writes to weigh it against: no workload rates and no flow rates',
    },
    hints: {
      tooFewReads:
        'Compare what CQRS costs (a second store, a projection, stale reads) with what it buys at this load. Would one store with read replicas or a cache serve these reads? The course names four reasons for CQRS; if one of the others is yours, say which in patterns.cqrs.reason.',
      tooFewReadsSeveralModels:
        'Several differently shaped read models are a reason for CQRS on their own, but check they really need different shapes: could one store with the right indexes answer them all? If they do, say so in patterns.cqrs.reason.',
      ratioClaimed:
        'The ratio is a number you can compute: reads/s over writes/s. At this load it does not carry CQRS. Is there another reason (scaling, complex writes, several read models), or would one store with replicas do?',
      readModelsClaimed:
        'That reason needs more than one read model, each shaped for a different query. Which queries need a different shape of the data, and where are their stores?',
      tooFewReadsWithReason:
        'A reason other than the ratio can justify CQRS, but an interviewer will ask you to defend it: scaling reads and writes apart, write logic too complex to share a model with the queries, or read models of different shapes. Be ready to say why one store with read replicas would not do.',
      noWorkload:
        'The case for CQRS is a number: give the flows their rates (or workload.reads_per_s and writes_per_s) so the ratio can be computed.',
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
    const reasons = cqrs.reasons ?? [];
    const evidence = { readsPerS, writesPerS, readWriteRatio, derived, minRatio: options.minRatio, readModels: cqrs.queries, reasons };
    const path = ['patterns', 'cqrs'];
    const finding = (
      status: Finding['status'],
      messageId: string,
      extra: Record<string, string | number> = {},
      at: (string | number)[] = path,
    ): Finding[] => [{ status, messageId, data: { ...data, ...extra }, path: at, evidence }];
    if (readsPerS === 0 && writesPerS === 0) return finding('warn', 'noWorkload');
    if (writesPerS === 0) return finding('pass', 'readsOnly');
    if (readWriteRatio >= options.minRatio) return finding('pass', 'justified');
    // Below the ratio: only a stated reason that holds keeps CQRS. The ratio itself does not hold here,
    // and "several read models" needs more than one read model.
    const severalModels = cqrs.queries.length > 1;
    const holding = reasons.filter((r) => r !== 'read-write-ratio' && (r !== 'read-models' || severalModels));
    const reasonPath = [...path, 'reason'];
    if (holding.length)
      return finding('warn', 'tooFewReadsWithReason', { reasons: holding.map((r) => REASON_TEXT[r]).join('; ') }, reasonPath);
    if (reasons.includes('read-models'))
      return finding('fail', 'readModelsClaimed', { models: cqrs.queries.length, queries: cqrs.queries.join(', ') }, reasonPath);
    if (reasons.includes('read-write-ratio')) return finding('fail', 'ratioClaimed', {}, reasonPath);
    if (severalModels) return finding('fail', 'tooFewReadsSeveralModels', { models: cqrs.queries.length });
    return finding('fail', 'tooFewReads');
  },
});
