import { expect, it } from 'vitest';
import dataLocality from '../../../src/checks/latency/data-locality.js';
import { runCheckOn, testCheck } from '../tester.js';

testCheck(dataLocality, {
  valid: [
    { spec: 'latency/locality-ok.yaml' },
    { spec: 'latency/locality-chatty.yaml', name: 'a looser network share passes', options: { maxNetworkShare: 0.9 } },
    { spec: 'latency/locality-no-data.yaml', name: 'a flow that touches no store', applies: false },
  ],
  invalid: [
    {
      spec: 'latency/locality-far-db.yaml',
      findings: [
        // eu-west: 0.5 to the local api + 10 + 82 (Azure eu-west -> us-east) + 5 = 97.5 ms > 50
        {
          status: 'fail',
          messageId: 'farData',
          line: 6,
          data: { flow: 'get-order', origin: 'eu-west', latency: '97.5', rtt: '82', region: 'us-east', store: 'orders-db', kind: 'read' },
        },
      ],
    },
    {
      spec: 'latency/locality-far-primary.yaml',
      findings: [
        // eu-west: 0.5 + 10 + 82 to the us-east primary + 10 write = 102.5 ms > 100; points at `primary`
        {
          status: 'fail',
          messageId: 'farData',
          line: 9,
          data: { origin: 'eu-west', latency: '102.5', rtt: '82', kind: 'write', pinned: ' (its single write primary)' },
        },
      ],
    },
    {
      spec: 'latency/locality-far-service.yaml',
      findings: [
        // eu-west: 0.5 to the local gateway + 2 + 82 (eu-west -> us-east to orders-api) + 10 + 0.5 + 5 = 100 ms > 50;
        // the 82 ms crossing lands on orders-api, in front of orders-db in us-east (another continent): fail, not warn
        {
          status: 'fail',
          messageId: 'farDataBehind',
          line: 7,
          data: {
            flow: 'get-order',
            origin: 'eu-west',
            latency: '100',
            rtt: '82',
            from: 'eu-west',
            region: 'us-east',
            component: 'orders-api',
            store: 'orders-db',
            storeRegion: 'us-east',
          },
        },
      ],
    },
    {
      spec: 'latency/locality-chatty.yaml',
      findings: [
        // eu-west: network 0.5 + 82 = 82.5 of 102.5 ms = 80.5% > 50%
        {
          status: 'warn',
          messageId: 'networkHeavy',
          line: 6,
          data: { origin: 'eu-west', network: '82.5 ms', latency: '102.5', share: '80.5%', rtt: '82', component: 'orders-db' },
        },
      ],
    },
  ],
});

it('a passing flow reports its largest network share', () => {
  const [f] = runCheckOn(dataLocality, 'latency/locality-ok.yaml');
  // both origins: 0.5 + 0.5 = 1 ms of network in 0.5 + 10 + 0.5 + 5 = 16 ms = 6.25%
  expect(f).toMatchObject({ status: 'pass', messageId: 'local', data: { share: '6.3%', network: '1 ms', latency: '16' } });
});
