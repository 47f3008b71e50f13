import { expect, it } from 'vitest';
import utilization from '../../../src/checks/scalability/utilization.js';
import { runCheckOn, testCheck } from '../tester.js';

testCheck(utilization, {
  valid: [
    // busiest: orders-api in us-east, 10,000 x 0.6 + 500 x 0.6 = 6,300 req/s over 4 x 5,000 = 31.5 %, 63 % at 2x
    { spec: 'scalability/capacity-ok.yaml' },
  ],
  invalid: [
    {
      spec: 'scalability/capacity-hot.yaml',
      findings: [
        // 40,000 x 0.85 = 34,000 req/s over 8 x 5,000 = 85 % > 80 %
        {
          status: 'fail',
          messageId: 'overLimit',
          line: 9,
          data: { component: 'orders-api', region: 'us-east', utilization: '85%', rate: '34,000', replicas: 8, perReplica: '5,000' },
        },
        // 34,000 x (1 - 0.85) = 5,100 req/s over 1 x 10,000 = 51 %; at 2x: 102 %
        {
          status: 'warn',
          messageId: 'surgeOverflow',
          line: 11,
          data: { component: 'orders-db', region: 'us-east', utilization: '51%', surge: '102%', rate: '5,100' },
        },
      ],
    },
    {
      spec: 'scalability/capacity-ok.yaml',
      name: 'a stricter limit',
      options: { maxUtilization: 0.3 },
      findings: [
        // 31.5 % > 30 % in us-east; eu-west: 6,300 x 0.4 / 0.6 = 4,200 / 20,000 = 21 %
        {
          status: 'fail',
          messageId: 'overLimit',
          line: 7,
          data: { component: 'orders-api', region: 'us-east', utilization: '31.5%', limit: '30%' },
        },
      ],
    },
  ],
});

it('loads each replica of a store with every write plus its share of the reads', () => {
  const f = runCheckOn(utilization, 'scalability/store-replicas-write.yaml').find((x) => x.data.component === 'orders-db');
  // 6,000 writes + 8,000 / 4 reads = 8,000 req/s per node of 10,000 = 80%... plus nothing else: exactly at the limit
  // (spread evenly it would look like 14,000 / 40,000 = 35%)
  expect(f).toMatchObject({
    data: {
      utilization: '80%',
      load: 'each of 4 replicas applies all 6,000 writes/s plus 1/4 of 8,000 reads/s: 8,000 req/s on a node that serves 10,000',
    },
  });
});

testCheck(utilization, {
  valid: [
    // likes-db: busiest partition max(0.05, 1/8) x 30,000 = 3,750 writes/s on one node = 37.5 %; api 30,000 / (8 x 5,000) = 75 %
    { spec: 'scalability/partitions-ok.yaml', name: 'partitioned store', options: { checkSurge: false } },
  ],
  invalid: [
    {
      spec: 'scalability/partitions-reads.yaml',
      name: "partitioned store: the busiest node applies its partition's writes and its share of the reads",
      options: { checkSurge: false },
      // 4 partitions x 2 replicas: 1/4 x 20,000 writes = 5,000 + 1/4 x 40,000 reads / 2 = 5,000 -> 10,000 / 10,000 = 100 % > 80 %
      // (unpartitioned, one node would carry 20,000 + 20,000 = 400 %); capacity 4 x 2 x 10,000 = 80,000
      findings: [
        {
          status: 'fail',
          messageId: 'overLimit',
          line: 5,
          data: { component: 'carts-db', region: 'us-east', utilization: '100%', perReplica: '10,000' },
        },
      ],
    },
  ],
});
