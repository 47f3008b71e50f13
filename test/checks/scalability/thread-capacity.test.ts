import threadCapacity from '../../../src/checks/scalability/thread-capacity.js';
import { testCheck } from '../tester.js';

// 2,000 req/s over 2 replicas = 1,000 req/s per replica of each tier.
// api holds a thread for its own p99 (20 ms) + the call to db (0.5 ms in-region + 15 ms) = 35.5 ms:
//   1,000 x 0.0355 s = 35.5 threads. Own work 1,000 x 0.020 = 20, db 1,000 x 0.0155 = 15.5.
// gateway holds its own p99 (4 ms) + until api returns (api 0.5 + 20, db 0.5 + 15 = 36 ms) = 40 ms:
//   1,000 x 0.040 s = 40 threads, 36 of them waiting on api.
testCheck(threadCapacity, {
  valid: [
    // gateway 40 of 200, api 35.5 of 100
    { spec: 'scalability/threads-ok.yaml' },
    { spec: 'cqrs/low-ratio.yaml', name: 'no flows: nothing holds a thread, does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'scalability/threads-short.yaml',
      findings: [
        // 40 > 30; threads run out at 30 / 0.040 s = 750 req/s per replica; 40 / 30 = 133.3%
        { status: 'fail', messageId: 'saturated', line: 4, data: { component: 'gateway', demand: '40', threads: 30, rate: '1,000', holdMs: '40', maxRate: '750', share: '133.3%', largest: 'waiting on api', largestThreads: '36' } },
        // 35.5 > 30; 30 / 0.0355 s = 845 req/s per replica; 35.5 / 30 = 118.3%; own work 20 > db 15.5
        { status: 'fail', messageId: 'saturated', line: 5, data: { component: 'api', demand: '35.5', threads: 30, holdMs: '35.5', maxRate: '845', share: '118.3%', largest: 'its own work', largestThreads: '20' } },
      ],
    },
  ],
});
