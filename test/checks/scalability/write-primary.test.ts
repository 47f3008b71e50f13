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
        { status: 'fail', messageId: 'overLimit', line: 7, data: { store: 'events-db', region: 'us-east', writes: '7,000', capacity: '10,000', utilization: '70%' } },
      ],
    },
  ],
});
