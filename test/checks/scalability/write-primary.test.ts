import writePrimary from '../../../src/checks/scalability/write-primary.js';
import { testCheck } from '../tester.js';

testCheck(writePrimary, {
  valid: [
    // orders-db primary: 500 order writes + 500 projected by the worker = 1,000 / 10,000 = 10 %
    { spec: 'scalability/capacity-ok.yaml' },
    { spec: 'scalability/capacity-hot.yaml', name: 'no writes', applies: false },
  ],
  invalid: [
    {
      spec: 'scalability/write-hot.yaml',
      findings: [
        // both regions' 3,500 writes/s go to us-east: 7,000 / 10,000 per node = 70 % > 60 %
        {
          status: 'fail',
          messageId: 'overLimit',
          line: 7,
          data: { store: 'events-db', region: 'us-east', writes: '7,000', capacity: '10,000', utilization: '70%' },
        },
      ],
    },
  ],
});

testCheck(writePrimary, {
  valid: [
    // one primary per partition: max(0.05, 1/8) x 30,000 = 3,750 / 10,000 = 37.5 %
    { spec: 'scalability/partitions-ok.yaml', name: 'partitioned store within the limit' },
  ],
  invalid: [
    {
      spec: 'scalability/partitions-hot.yaml',
      // 32 partitions, but the hot key's partition takes its 25 % plus 1/32 of the other 75 %: 27.34 % of 30,000 = 8,203
      // of 10,000 = 82 % > 60 %
      findings: [
        {
          status: 'fail',
          messageId: 'partitionedOverLimit',
          line: 8,
          data: { store: 'likes-db', partitions: 32, totalWrites: '30,000', share: '27.3%', writes: '8,203', utilization: '82%' },
        },
      ],
    },
  ],
});
