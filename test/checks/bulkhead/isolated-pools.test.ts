import isolatedPools from '../../../src/checks/bulkhead/isolated-pools.js';
import { testCheck } from '../tester.js';

testCheck(isolatedPools, {
  valid: [
    { spec: 'bulkhead/bulkheads-ok.yaml' },
    { spec: 'bulkhead/pools-too-small.yaml', name: 'a pool that is too small still isolates' },
    { spec: 'scalability/capacity-ok.yaml', name: 'no slow or external dependency', applies: false },
    { spec: 'bulkhead/consumer-one-store.yaml', name: 'a consumer writing one slow store shares its threads with nothing', applies: false },
  ],
  invalid: [
    {
      spec: 'bulkhead/consumer-two-stores.yaml',
      name: 'a consumer writing two stores: the slow one can take the threads the other needs',
      findings: [
        // 600 messages/s over 3 replicas = 200/s per replica; logs-search across the Atlantic: 82 + 30 = 112 ms
        // p99 > 100; archive-db (0.5 + 8 ms) is not slow. No timeout: unbounded.
        {
          status: 'fail',
          messageId: 'sharedPoolNoTimeout',
          line: 7,
          data: { service: 'log-indexer', dependency: 'logs-search', p99: '112', rate: '200', shared: 200 },
        },
      ],
    },
    {
      spec: 'bulkhead/shared-pool.yaml',
      findings: [
        // 500/s / 2 replicas = 250 calls/s per replica x 1 s timeout = 250 threads > the 200 shared
        {
          status: 'fail',
          messageId: 'sharedPool',
          line: 6,
          data: { service: 'web-api', dependency: 'payment-api', rate: '250', worstDemand: 250, shared: 200 },
        },
        // 40/s / 2 = 20 calls/s, no timeout: unbounded
        { status: 'fail', messageId: 'sharedPoolNoTimeout', line: 6, data: { dependency: 'email-api', rate: '20', shared: 200 } },
      ],
    },
    {
      spec: 'bulkhead/bulkheads-ok.yaml',
      name: 'a slow store counts too (slowMs 5: users-db is held 8.6 ms on average)',
      options: { slowMs: 5 },
      findings: [
        // users-db queues (M/M/1: one replica of 10,000 req/s, 2,000 + 240 = 2,240/s, rho = 0.224 = Erlang C;
        // theta = 10,000 - 2,240 = 7,760/s; W99 = ln(0.224 / 0.01) / 7,760 s = 3.1091 / 7,760 = 0.4007 ms), so
        // (500/s x (5.5 + 0.4007) ms + 60/s x (30.5 + 0.4007) ms) / 560/s = (2,950.3 + 1,854.0) / 560 = 8.58 ms;
        // 2,000 + 240 over 4 replicas = 560/s; no timeout
        {
          status: 'fail',
          messageId: 'sharedPoolNoTimeout',
          line: 11,
          data: { dependency: 'users-db', p99: '8.6', rate: '560', shared: 130 },
        },
      ],
    },
  ],
});
