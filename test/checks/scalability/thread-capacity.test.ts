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
        // Queue waits (M/M/c, 2,000 req/s): api 2 x 5,000, rho = 0.2, Erlang C = 2 rho^2 / (1 + rho) = 0.0667,
        // theta = 8,000/s, W99 = ln(0.0667 / 0.01) / 8,000 s = 0.2371 ms; db 1 x 10,000, rho = 0.2 = C, theta = 8,000/s,
        // W99 = ln(20) / 8,000 s = 0.3745 ms. A thread waits for the call, queue included (not for its own queue).
        // gateway: own 4 + api (0.5 + 20.2371 + db 0.5 + 15.3745 = 36.61) = 40.61 > 30; 1,000/s per replica;
        // threads run out at 30 / 0.04061 s = 739 req/s; 40.61 / 30 = 135.4%
        {
          status: 'fail',
          messageId: 'saturated',
          line: 4,
          data: {
            component: 'gateway',
            demand: '40.6',
            threads: 30,
            rate: '1,000',
            holdMs: '40.6',
            maxRate: '739',
            share: '135.4%',
            largest: 'waiting on api',
            largestThreads: '36.6',
          },
        },
        // api: own 20 + db 15.87 = 35.87 > 30; 30 / 0.03587 s = 836 req/s per replica; 35.87 / 30 = 119.6%; own work 20 > db 15.9
        {
          status: 'fail',
          messageId: 'saturated',
          line: 5,
          data: {
            component: 'api',
            demand: '35.9',
            threads: 30,
            holdMs: '35.9',
            maxRate: '836',
            share: '119.6%',
            largest: 'its own work',
            largestThreads: '20',
          },
        },
      ],
    },
  ],
});
