import readWriteRatio from '../../../src/checks/cqrs/read-write-ratio.js';
import { testCheck } from '../tester.js';

testCheck(readWriteRatio, {
  valid: [
    // (20000 + 500) reads/s / 100 writes/s = 205:1 >= 100:1
    { spec: 'cqrs/orders-ok.yaml' },
    { spec: 'design/no-patterns.yaml', name: 'no cqrs declared: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'cqrs/low-ratio.yaml',
      // 2000 / 50 = 40:1, both stated in workload
      findings: [
        {
          status: 'fail',
          messageId: 'tooFewReads',
          line: 14,
          data: {
            ratio: '40',
            reads: '2,000',
            writes: '50',
            readsFrom: 'stated in workload',
            writesFrom: 'stated in workload',
            minRatio: 100,
          },
        },
      ],
    },
    {
      spec: 'cqrs/orders-ok.yaml',
      name: 'a stricter rubric: 205:1 is below 300:1',
      options: { minRatio: 300 },
      findings: [
        {
          status: 'fail',
          messageId: 'tooFewReads',
          line: 15,
          data: { ratio: '205', reads: '20,500', readsFrom: 'summed from read flows', writesFrom: 'summed from write flows' },
        },
      ],
    },
    {
      spec: 'cqrs/low-ratio-two-models.yaml',
      // (2000 + 1000) / 100 = 30:1, two read models but no stated reason: fail
      findings: [{ status: 'fail', messageId: 'tooFewReadsSeveralModels', line: 16, data: { ratio: '30', models: 2 } }],
    },
    {
      spec: 'cqrs/low-ratio-two-models-stated.yaml',
      // 30:1 with reason [read-models, read-write-ratio]: the ratio does not hold, two read models do: warn
      findings: [
        {
          status: 'warn',
          messageId: 'tooFewReadsWithReason',
          line: 18,
          data: { ratio: '30', reasons: 'several differently shaped read models' },
        },
      ],
    },
    {
      spec: 'cqrs/low-ratio-scaling.yaml',
      // 2000 / 50 = 40:1, below 100:1, reason "scaling" stated: warn and teach
      findings: [
        {
          status: 'warn',
          messageId: 'tooFewReadsWithReason',
          line: 16,
          data: { ratio: '40', reasons: 'reads and writes need to scale differently' },
        },
      ],
    },
    {
      spec: 'cqrs/low-ratio-ratio-claimed.yaml',
      // the ratio given as the reason at 40:1: fail
      findings: [{ status: 'fail', messageId: 'ratioClaimed', line: 16, data: { ratio: '40', minRatio: 100 } }],
    },
    {
      spec: 'cqrs/low-ratio-one-model-claimed.yaml',
      // "several read models" with 1 read model: fail
      findings: [{ status: 'fail', messageId: 'readModelsClaimed', line: 16, data: { models: 1, queries: 'summary-db', ratio: '40' } }],
    },
    {
      spec: 'cqrs/no-rates.yaml',
      findings: [{ status: 'warn', messageId: 'noWorkload', line: 10 }],
    },
  ],
});
