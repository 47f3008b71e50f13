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
    {
      spec: 'scalability/consumer-threads-ok.yaml',
      name: 'a consumer sized on its mean times: 16.5 of 100 threads busy',
      findings: [
        // The mean of the log-normal through (p50, p99) is p50 x exp(sigma^2 / 2), sigma = ln(p99 / p50) / 2.326:
        // own mean(50, 200) = 59.71 ms, write mean(5, 20) = 5.97 + 0.5 ms: 66.19 ms a message. 250/s per replica
        // x 0.06619 s = 16.55 threads busy, 16.5 % of 100, under 80 %; room for 100 x 0.8 / 0.06619 = 1,209/s.
        {
          status: 'pass',
          messageId: 'consumerEnough',
          line: 8,
          data: {
            component: 'mailer',
            input: 'sends',
            rate: '250',
            meanMs: '66.2',
            busy: '16.5',
            threads: 100,
            share: '16.5%',
            limit: '80%',
            maxRate: '1,209',
          },
        },
      ],
    },
  ],
  invalid: [
    {
      spec: 'scalability/consumer-threads-short.yaml',
      findings: [
        // The same mailer with 16 threads: 16.55 busy is 103.4 % of them, above the 80 % (12.8) at which its queue
        // still drains; its threads keep up with 16 x 0.8 / 0.06619 s = 193 messages/s per replica.
        {
          status: 'fail',
          messageId: 'consumerShort',
          line: 8,
          data: {
            component: 'mailer',
            input: 'sends',
            rate: '250',
            meanMs: '66.2',
            busy: '16.5',
            threads: 16,
            share: '103.4%',
            limit: '80%',
            maxRate: '193',
          },
        },
      ],
    },
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
