import contained from '../../../src/checks/drill/contained.js';
import { testCheck } from '../tester.js';

const SLOW_PAYMENTS = { drills: [{ scenarios: ['slow:payments=5000'] }] };

testCheck(contained, {
  valid: [
    // 240 / 4 = 60 calls/s per replica x 0.5 s timeout = 30 threads <= the pool's 40
    { spec: 'drill/bulkhead-ok.yaml', options: SLOW_PAYMENTS },
    { spec: 'drill/bulkhead-ok.yaml', name: 'payments down', options: { drills: [{ scenarios: ['down:payments'] }] } },
    { spec: 'drill/bulkhead-ok.yaml', name: 'no drills', applies: false },
  ],
  invalid: [
    {
      // 60 calls/s x 5 s = 300 threads > 100: api stops answering, browse fails too
      spec: 'drill/bulkhead-shared.yaml',
      options: SLOW_PAYMENTS,
      findings: [{ messageId: 'spread', line: 15, data: { flow: 'browse', faulty: 'payments', share: '100 %' } }],
    },
    {
      // 1 retry: 60 x 0.5 s x 2 = 60 threads > 40; the pool rejects, but only checkout's calls: still contained
      spec: 'drill/bulkhead-ok.yaml',
      name: 'retries fill the pool, the bulkhead still holds',
      options: { drills: [{ scenarios: ['slow:payments=5000'], retries: 1 }] },
      findings: [],
    },
    {
      spec: 'drill/bulkhead-ok.yaml',
      name: 'a surge is not a fault',
      options: { drills: [{ scenarios: ['surge:2'] }] },
      findings: [{ messageId: 'noFault', line: 3 }],
    },
  ],
});
