import rateLimitProtects from '../../../src/checks/bulkhead/rate-limit-protects.js';
import { testCheck } from '../tester.js';

// browse: 6,000 reads/s through gateway -> api (4 x 5,000 = 20,000) -> db (1 x 10,000). At the default 2x surge
// 12,000 req/s arrive at the gateway.
testCheck(rateLimitProtects, {
  valid: [
    // Limit 8,000: 12,000 arrive, 8,000 admitted; db 8,000 / 10,000 = 80 %, api 8,000 / 20,000 = 40 %.
    { spec: 'bulkhead/rate-limit-ok.yaml' },
    // No limit, but at 2x: db 12,000 over 2 x 10,000 = 60 %, api 12,000 of 12 x 5,000 = 20 %: nothing saturates.
    { spec: 'bulkhead/rate-limit-overprovisioned.yaml', name: 'enough capacity for the surge, no limit required' },
  ],
  invalid: [
    {
      spec: 'bulkhead/rate-limit-overprovisioned.yaml',
      name: 'requireLimit: capacity for one surge is not a bound',
      options: { requireLimit: true },
      findings: [
        // db is the busiest behind the gateway at 60 % at the 2x surge: it reaches 100 % at 2 / 0.6 = 3.33x the peak.
        { status: 'fail', messageId: 'noLimit', line: 4, data: { gateway: 'gateway', component: 'db', region: 'us-east', breaks: 3.33 } },
      ],
    },
    {
      spec: 'bulkhead/rate-limit-none.yaml',
      findings: [
        // No limit: db takes all 12,000 = 120 %; the gateway admits 12,000 at the surge, so the limit that
        // keeps db below 100 % is 12,000 / 1.2 = 10,000.
        {
          status: 'fail',
          messageId: 'unprotected',
          line: 4,
          data: {
            factor: 2,
            component: 'db',
            region: 'us-east',
            utilization: '120%',
            gateway: 'gateway',
            protect: '10,000',
            admitted: '12,000',
          },
        },
      ],
    },
    {
      spec: 'bulkhead/rate-limit-high.yaml',
      findings: [
        // Limit 11,000: db takes 11,000 = 110 %; 11,000 / 1.1 = 10,000 would protect it.
        {
          status: 'fail',
          messageId: 'limitTooHigh',
          line: 5,
          data: { component: 'db', utilization: '110%', limit: '11,000', per: 'per region', protect: '10,000' },
        },
      ],
    },
  ],
});
