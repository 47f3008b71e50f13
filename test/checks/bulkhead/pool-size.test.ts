import poolSize from '../../../src/checks/bulkhead/pool-size.js';
import { testCheck } from '../tester.js';

testCheck(poolSize, {
  valid: [{ spec: 'bulkhead/bulkheads-ok.yaml' }, { spec: 'bulkhead/shared-pool.yaml', name: 'no pools to size', applies: false }],
  invalid: [
    {
      spec: 'bulkhead/pools-too-small.yaml',
      findings: [
        // 120/s / 2 replicas = 60 calls/s x 0.3 s p99 = 18 threads + 5 breathing room = 23 (Hystrix) > 10
        {
          status: 'fail',
          messageId: 'undersized',
          line: 11,
          data: { pool: 'payment-api', size: 10, rate: '60', seconds: 0.3, demand: 18, needed: 23 },
        },
        // core: own work (1,000 + 120)/2 = 560/s x 0.02 s = 11.2, users-db 500/s x (5.5 + its queue wait) ms. users-db
        // queues (M/M/1: 10,000 req/s, 1,000/s, rho = 0.1 = Erlang C; theta = 9,000/s; W99 = ln(0.1 / 0.01) / 9,000 s
        // = 0.2558 ms): 500 x 5.7558 ms = 2.878: 14.078 -> 14.1, + 5 -> 20 > 15
        { status: 'fail', messageId: 'undersizedShared', line: 12, data: { pool: 'core', size: 15, demand: 14.1, needed: 20 } },
      ],
    },
    {
      spec: 'bulkhead/bulkheads-ok.yaml',
      name: 'pools far above their worst case warn when maxOversize is set',
      options: { maxOversize: 1.2 },
      findings: [
        // payment-api at its 500 ms timeout: 60/s x 0.5 s = 30 + 5 = 35; 50 > 1.2 x 35 = 42
        { status: 'warn', messageId: 'oversized', line: 11, data: { pool: 'payment-api', worstNeeded: 35, factor: 1.4 } },
        // email-api at its 400 ms timeout: 10/s x 0.4 s = 4 + 5 = 9; 20 > 1.2 x 9 = 10.8
        { status: 'warn', messageId: 'oversized', line: 12, data: { pool: 'email-api', worstNeeded: 9, factor: 2.2 } },
      ],
    },
  ],
});
