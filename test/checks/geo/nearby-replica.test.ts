import nearbyReplica from '../../../src/checks/geo/nearby-replica.js';
import { testCheck } from '../tester.js';

testCheck(nearbyReplica, {
  valid: [
    // eu-central -> eu-west replica: 8 ms (Azure table), under 30
    { spec: 'geo/replica-near.yaml' },
    { spec: 'geo/replica-cdn.yaml', name: 'a CDN edge in every region serves the reads' },
    { spec: 'geo/writes-only.yaml', name: 'no read flows', applies: false },
    // replication none, but each key is homed in its users' region: eu-west reads its own copy (0.5 ms)
    { spec: 'geo/replica-home-region.yaml', name: "a store that homes each key in its users' region" },
  ],
  invalid: [
    {
      spec: 'geo/replica-none.yaml',
      name: 'copies with replication none are separate data sets, not nearby replicas',
      findings: [
        { status: 'fail', messageId: 'notReplica', line: 6, data: { flow: 'get-order', store: 'orders-db', regions: 'us-east, eu-west' } },
      ],
    },
    {
      spec: 'geo/replica-far.yaml',
      findings: [
        // eu-west -> us-east 82 ms, ap-northeast -> us-east 156 ms (Azure table)
        {
          status: 'fail',
          messageId: 'farReplica',
          line: 6,
          data: { flow: 'get-order', origin: 'eu-west', store: 'orders-db', region: 'us-east', rtt: '82', max: 30 },
        },
        { status: 'fail', messageId: 'farReplica', line: 6, data: { origin: 'ap-northeast', region: 'us-east', rtt: '156' } },
      ],
    },
    {
      spec: 'geo/replica-far.yaml',
      name: 'a looser limit lets eu-west (82 ms) pass but not ap-northeast (156 ms)',
      options: { maxRttMs: 100 },
      findings: [{ status: 'fail', messageId: 'farReplica', line: 6, data: { origin: 'ap-northeast', rtt: '156', max: 100 } }],
    },
  ],
});
