import fanOutTail from '../../../src/checks/latency/fan-out-tail.js';
import { testCheck } from '../tester.js';

testCheck(fanOutTail, {
  valid: [
    // 10 shards, p50 20 / p99 100: sigma = ln 5 / 2.326348 = 0.691830; q = 0.99^(1/10) = 0.998995, z = 3.088890;
    // 20 x exp(0.691830 x 3.088890) = 169.48, so 0.5 + 15 + 0.5 + 169.48 = 185.48 ms <= 300
    { spec: 'latency/fan-out-within.yaml' },
    { spec: 'latency/budget-ok.yaml', name: 'a plain chain', applies: false },
  ],
  invalid: [
    {
      spec: 'latency/fan-out-tail.yaml',
      findings: [
        // one call 0.5 + 200 = 200.5; the slowest of 100: 0.5 + 20 x exp(0.989785 x 3.71776) = 793.26;
        // flow 15.5 + 793.26 = 808.76 > 500, but 808.76 - (793.26 - 200.5) = 216 would fit
        {
          status: 'fail',
          messageId: 'fanOutTail',
          line: 12,
          data: {
            flow: 'search',
            target: 'shard-db',
            calls: 100,
            single: '200.5',
            tail: '793.3',
            latency: '808.8',
            without: '216',
            quantile: '99.99th',
            share: '63.4%',
            p50: '20',
            p99: '200',
          },
        },
      ],
    },
    {
      spec: 'latency/parallel-tail.yaml',
      findings: [
        // three 30/90 ms branches: q = 0.99^(1/3) = 0.996655, z = 2.711943, 30 x exp(0.472248 x 2.711943) = 107.98,
        // group 0.5 + 107.98 = 108.48 (slowest branch alone 90.5); flow 2.5 + 108.48 = 110.98 > 100,
        // without the tail 110.98 - 17.98 = 93 <= 100
        {
          status: 'fail',
          messageId: 'parallelTail',
          line: 14,
          data: {
            flow: 'read-feed',
            target: 'timeline-db, ads-db and profile-db',
            calls: 3,
            single: '90.5',
            tail: '108.5',
            latency: '111',
            without: '93',
          },
        },
      ],
    },
  ],
});
