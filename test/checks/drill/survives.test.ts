import survives from '../../../src/checks/drill/survives.js';
import { testCheck } from '../tester.js';

const LOSE_US_EAST = { drills: [{ scenarios: ['region-down:us-east'] }] };

testCheck(survives, {
  valid: [
    // eu-west api after the loss: (1,400 + 100) / (2 x 1,000) = 75 %; orders-db RPO 0.5 s <= 1 s
    { spec: 'drill/survives-ok.yaml', options: LOSE_US_EAST },
    { spec: 'drill/survives-ok.yaml', name: 'no drills: the check does not apply', applies: false },
    // losing eu-west: us-east keeps its primary, the survivor again carries 75 %
    { spec: 'drill/survives-ok.yaml', name: 'losing the standby region', options: { drills: [{ scenarios: ['region-down:eu-west'] }] } },
  ],
  invalid: [
    {
      spec: 'drill/survives-shed.yaml',
      options: LOSE_US_EAST,
      // eu-west's gateway receives 1,400 + 100 = 1,500 req/s after the loss and admits 1,000: 500 / 1,500 = 33.3 %
      // of each flow turned away, while api runs at 1,000 / 2,000 = 50 %: up, but not serving a third of its users.
      findings: [
        { messageId: 'shed', line: 28, data: { flow: 'browse', share: '33.3 %', limiters: 'gateway in eu-west', allowed: '0 %' } },
        { messageId: 'shed', line: 29, data: { flow: 'order', share: '33.3 %' } },
      ],
    },
    {
      spec: 'drill/survives-shed.yaml',
      name: 'a drill that allows shedding a third',
      options: { drills: [{ scenarios: ['region-down:us-east'], maxRejectedShare: 0.34 }] },
      findings: [],
    },
    {
      spec: 'drill/survives-overloaded.yaml',
      options: LOSE_US_EAST,
      findings: [
        // (2,300 + 100) / (2 x 1,000) = 120 %
        {
          messageId: 'overloaded',
          line: 10,
          data: { component: 'api', region: 'eu-west', utilization: '120 %', why: 'requests queue without bound' },
        },
        // async lag 2,000 ms = 2 s > RPO 1 s
        { messageId: 'dataLoss', line: 17, data: { store: 'orders-db', loss: '2 s', target: 1 } },
      ],
    },
    {
      spec: 'drill/survives-overloaded.yaml',
      name: 'a looser utilization limit and RPO from the options',
      options: { drills: [{ scenarios: ['region-down:us-east'], maxUtilization: 1.25, rpoS: 2 }] },
      // 120 % is under the 1.25 limit and 2 s within the RPO, but a tier over 100 % still queues without bound
      findings: [
        { messageId: 'overBudget', line: 20, data: { flow: 'browse', p99: 'unbounded', budget: 200 } },
        { messageId: 'overBudget', line: 21, data: { flow: 'order', p99: 'unbounded', budget: 300 } },
      ],
    },
    {
      spec: 'drill/survives-ok.yaml',
      name: 'a tier below 100 % but over the limit the drill sets',
      options: { drills: [{ scenarios: ['region-down:us-east'], maxUtilization: 0.7 }] },
      // eu-west's api after the loss: (1,400 + 100) / (2 x 1,000) = 75 %, over 70 % but still draining its queue
      findings: [
        {
          messageId: 'overloaded',
          line: 10,
          data: { component: 'api', region: 'eu-west', utilization: '75 %', why: 'above the 70 % this drill allows' },
        },
      ],
    },
    {
      spec: 'drill/survives-stranded.yaml',
      options: LOSE_US_EAST,
      findings: [{ messageId: 'notServed', line: 15, data: { flow: 'order', share: '100 %' } }],
    },
    {
      spec: 'drill/survives-ok.yaml',
      name: 'a region the design does not have',
      options: { drills: [{ scenarios: ['region-down:us-eats'] }] },
      findings: [{ messageId: 'badDrill', line: 3 }],
    },
  ],
});
