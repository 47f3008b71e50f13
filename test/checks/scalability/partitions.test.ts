import partitions from '../../../src/checks/scalability/partitions.js';
import { testCheck } from '../tester.js';

testCheck(partitions, {
  valid: [
    // busiest share max(0.05, 1/8 = 0.125) x 30,000 = 3,750 writes/s / 10,000 per primary = 37.5 % <= 60 %
    { spec: 'scalability/partitions-ok.yaml' },
    // hot post split into 16: 0.25 / 16 = 0.015625 < 1/32 = 0.03125; 0.03125 x 30,000 = 937.5 writes/s = 9.4 %
    { spec: 'scalability/partitions-split.yaml', name: 'hot key split into sub-keys' },
    { spec: 'scalability/write-hot.yaml', name: 'no partitioned store', applies: false },
    { spec: 'scalability/partitions-split-colon.yaml', name: 'a compound key written post_id:bucket splits the hot key' },
  ],
  invalid: [
    {
      spec: 'scalability/partitions-few.yaml',
      // 30,000 / 4 = 7,500 writes/s per primary = 75 % of 10,000 > 60 %; even spread needs ceil(30,000 / 6,000) = 5
      findings: [
        {
          status: 'fail',
          messageId: 'tooFewPartitions',
          line: 5,
          data: {
            store: 'likes-db',
            partitions: 4,
            writes: '30,000',
            busiest: '7,500',
            utilization: '75%',
            capacity: '10,000',
            limit: '60%',
            needed: '5',
          },
        },
      ],
    },
    {
      spec: 'scalability/partitions-hot.yaml',
      // busiest: the hot key's 0.25 plus 1/32 of the other 0.75 = 0.2734 x 30,000 = 8,203 = 82 %; the hot key alone
      // 7,500 > 0.6 x 10,000 = 6,000, so no count helps: at most 6,000 / 0.25 = 24,000 writes/s while the key stays whole
      findings: [
        {
          status: 'fail',
          messageId: 'hotKey',
          line: 8,
          data: { store: 'likes-db', key: 'post_id', hotShare: '25%', busiest: '8,203', utilization: '82%', ceiling: '24,000' },
        },
      ],
    },
    {
      spec: 'scalability/partitions-split-one-id.yaml',
      name: 'a split hot key whose key is one id: the split does not count',
      // the same as partitions-hot: 0.25 + 0.75 / 32 of 30,000 = 8,203 of 10,000 = 82 % > 60 %
      findings: [
        {
          status: 'fail',
          messageId: 'hotKey',
          line: 9,
          data: {
            store: 'likes-db',
            key: 'post_id',
            hotShare: '25%',
            busiest: '8,203',
            utilization: '82%',
            split:
              ' (not split into 16 sub-keys: a key of one id sends every write of that value to one partition; the key must add the sub-key, post_id + a bucket)',
          },
        },
      ],
    },
  ],
});
