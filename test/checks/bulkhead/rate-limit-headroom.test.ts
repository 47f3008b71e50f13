import rateLimitHeadroom from '../../../src/checks/bulkhead/rate-limit-headroom.js';
import { testCheck } from '../tester.js';

testCheck(rateLimitHeadroom, {
  valid: [
    // 6,000 req/s arrive at the gateway, under its 8,000 limit: 6,000 / 8,000 = 75 % of it.
    { spec: 'bulkhead/rate-limit-ok.yaml' },
    { spec: 'bulkhead/rate-limit-none.yaml', name: 'no rate limit', applies: false },
  ],
  invalid: [
    {
      spec: 'bulkhead/rate-limit-low.yaml',
      findings: [
        // 6,000 arrive, the limit admits 5,000: 1,000 rejected, 1,000 / 6,000 = 16.67 %.
        {
          status: 'fail',
          messageId: 'rejectsPeak',
          line: 5,
          data: { component: 'gateway', region: 'us-east', rejected: '1,000', share: '16.67%', arriving: '6,000', limit: '5,000' },
        },
      ],
    },
    {
      spec: 'bulkhead/rate-limit-global.yaml',
      name: 'a global limit counts every region together',
      findings: [
        // 12,000 arrive in both regions together (6,000 each), the shared counter admits 10,000:
        // 2,000 rejected, 1,000 in each region; 1 - 10,000 / 12,000 = 16.67 % everywhere. One finding for the one counter.
        {
          status: 'fail',
          messageId: 'rejectsPeak',
          line: 6,
          data: { rejected: '1,000', share: '16.67%', arriving: '12,000', limit: '10,000', per: 'shared by every region' },
        },
      ],
    },
  ],
});
