import withinBudget from '../../../src/checks/cost/within-budget.js';
import { testCheck } from '../tester.js';

testCheck(withinBudget, {
  valid: [
    // lb: 2 x alb $0.0225 = 0.045; api: 2 x app-server large $0.096 = 0.192; db: postgres large 0.225
    // = $0.462/h x 730 = $337.26 a month <= $400
    { spec: 'cost/lean.yaml', options: { maxMonthlyUsd: 400 } },
    { spec: 'cost/lean.yaml', name: 'no budget set', applies: false },
  ],
  invalid: [
    {
      spec: 'cost/overspent.yaml',
      options: { maxMonthlyUsd: 400 },
      findings: [
        // api: 8 x 0.096 = $0.768/h x 730 = $560.64; total 0.045 + 0.768 + 0.225 = $1.038/h x 730 = $757.74,
        // 757.74 - 400 = $357.74 over; api is 560.64 / 757.74 = 74 % of it (dollars from $100 up print whole)
        {
          status: 'fail',
          messageId: 'overBudget',
          line: 5,
          data: {
            monthly: '758',
            hourly: '1.04',
            over: '358',
            budget: '400',
            component: 'api',
            componentMonthly: '561',
            componentShare: '74%',
            componentWhat:
              "8 x app-server large (m6i.large) at $0.096/h in us-east; no tech named, priced as its kind's representative app-server",
            region: 'us-east',
            regionMonthly: '758',
          },
        },
      ],
    },
  ],
});
