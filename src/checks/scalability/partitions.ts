// scalability/partitions: every partition of a sharded store, the hot key's included, stays within what one primary can write.
import { hotSubKeyShare, hottestPartitionShare, writePartitions } from '../../analysis/capacity.js';
import { DYNAMODB_PARTITION_LIMITS, HOT_KEY_SPLIT_EXAMPLE, WRITE_PRIMARY_LIMIT } from '../../data/figures.js';
import { count, defineCheck, pct, type Finding } from '../types.js';

interface Options {
  /** Highest share of one partition primary's write capacity the busiest partition may take. */
  maxWriteUtilization: number;
}

export default defineCheck<Options>({
  meta: {
    id: 'scalability/partitions',
    topic: 'scalability',
    title: 'Size partitions for the hottest key, not only for the average',
    concept:
      "Partitioning (sharding) splits a store's keys over many primaries, so its write capacity grows with the partition count: P partitions take P times what one node writes. " +
      "That arithmetic assumes the load spreads evenly. Every request for one key goes to the one partition that owns it, so a key that carries a large share of the traffic (a celebrity's post, a flash sale's product, one big tenant) loads its partition with that share whatever the count, on top of the partition's 1 / P of every other key: the busiest partition carries h + (1 - h) / P of the load for a hot share h. " +
      'Once the hot key alone is more than one node can take, no partition count brings it under the limit (more partitions only approach the share of the hot key itself); the hot key itself has to be split (a suffix per writer, merged on read), its writes absorbed before the store (counters aggregated in memory, batched), or the key designed away. ' +
      `Managed stores make the ceiling explicit: one DynamoDB partition takes ${count(DYNAMODB_PARTITION_LIMITS.writeUnitsPerS)} writes/s whatever the table's total capacity.`,
    computes:
      "For each store with `partitions` (count P, key, hot_key_share h, hot_key_split s): the writes/s reaching its primary region at peak W, the even share per partition W / P, the hot key's W x h (W x h / s per sub-key when split), and the busiest partition's W x (ceil(s / P) x h / s + (1 - h) / P) (the hot sub-keys as evenly placed as the count allows, plus its share of every other key; W / P without a hot key), over one node's write capacity (its capacity unless the catalog or a given states a write figure), against maxWriteUtilization. " +
      'Also reported: the partitions an even spread would need, ceil(W / (limit x capacity)), and the most any count can take while the hot key stays as it is, limit x capacity x s / h.',
    sources: ['ddiaPartitioning', 'dynamodbPartitions', 'sdcoach'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxWriteUtilization: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: `Highest share of one partition primary's write capacity the busiest partition may take. Default ${WRITE_PRIMARY_LIMIT}, as scalability/write-primary.`,
        },
      },
    },
    defaults: { maxWriteUtilization: WRITE_PRIMARY_LIMIT },
    messages: {
      spread:
        "{{store}} splits {{writes}} writes/s over {{partitions}} partitions by {{key}}: the busiest takes {{busiestShare}} ({{busiest}} writes/s), {{utilization}} of one primary's {{capacity}} writes/s",
      tooFewPartitions:
        "{{store}} splits {{writes}} writes/s over {{partitions}} partitions by {{key}}: {{busiest}} writes/s each is {{utilization}} of one primary's {{capacity}} writes/s, above {{limit}}; an even spread needs at least {{needed}} partitions",
      hotKey:
        "{{store}}'s hottest {{key}} carries {{hotShare}} of its {{writes}} writes/s{{split}}: {{busiest}} writes/s on one partition is {{utilization}} of one primary's {{capacity}} writes/s, above {{limit}}. More partitions only approach the key's own share: while it stays on one partition, no count takes more than {{ceiling}} writes/s",
    },
    hints: {
      tooFewPartitions:
        'Divide the writes by what one primary can take at the limit. Is the count you chose enough, and is the key spread evenly enough for the division to hold?',
      hotKey: `Count the partitions that key can ever use. Whatever P is, it is one. So the question is how to make that key stop being one key (say, ${HOT_KEY_SPLIT_EXAMPLE} sub-keys with a suffix, read back and merged), or how to keep its writes from reaching the store one by one.`,
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    for (const id of model.componentOrder) {
      const c = model.components[id]!;
      if (!c.partitions) continue;
      const byRegion = Object.values(metrics.capacity[id] ?? {});
      const load =
        (c.primary !== undefined ? metrics.capacity[id]?.[c.primary] : undefined) ??
        byRegion.reduce<(typeof byRegion)[number] | undefined>((a, l) => (a === undefined || l.writeRate > a.writeRate ? l : a), undefined);
      const writeCap = c.writeCapacityRps ?? c.capacityRps;
      if (!load || load.writeRate <= 0 || !Number.isFinite(writeCap)) continue;
      const P = writePartitions(c);
      const hot = c.partitions.hotKeyShare ?? 0;
      const split = c.partitions.hotKeySplit;
      const hotSub = hotSubKeyShare(c);
      const share = hottestPartitionShare(c);
      const W = load.writeRate;
      const busiest = share * W;
      const utilization = busiest / writeCap;
      const limitRps = options.maxWriteUtilization * writeCap;
      const needed = Math.ceil(W / limitRps);
      const ceiling = hotSub > 0 ? limitRps / hotSub : Number.POSITIVE_INFINITY;
      const data = {
        store: id,
        key: c.partitions.key,
        partitions: P,
        writes: count(W),
        busiest: count(busiest),
        busiestShare: pct(share, 1),
        hotShare: pct(hot, 1),
        split:
          split > 1
            ? `, split into ${split} sub-keys of ${pct(hotSub, 2)} each,`
            : c.partitions.splitIgnored !== undefined
              ? ` (not split into ${c.partitions.splitIgnored} sub-keys: a key of one id sends every write of that value to one partition; the key must add the sub-key, ${c.partitions.key} + a bucket)`
              : '',
        capacity: count(writeCap),
        utilization: pct(utilization, 1),
        limit: pct(options.maxWriteUtilization, 1),
        needed: count(needed),
        ceiling: count(ceiling),
      };
      const evidence = {
        region: load.region,
        writeRate: W,
        partitions: P,
        hotKeyShare: hot,
        hotKeySplit: split,
        evenPerPartition: W / P,
        hotKeyWrites: hot * W,
        hotSubKeyWrites: hotSub * W,
        busiestWrites: busiest,
        capacityPerPrimary: writeCap,
        writeUtilization: utilization,
        limit: options.maxWriteUtilization,
        partitionsNeeded: needed,
        ceilingWithHotKey: ceiling,
      };
      if (utilization <= options.maxWriteUtilization) {
        out.push({
          status: 'pass',
          messageId: 'spread',
          data,
          path: ['components', id, 'partitions'],
          evidence,
          slack: 1 - utilization / options.maxWriteUtilization,
        });
      } else if (hotSub * W > limitRps) {
        out.push({ status: 'fail', messageId: 'hotKey', data, path: ['components', id, 'partitions', 'hot_key_share'], evidence });
      } else {
        out.push({ status: 'fail', messageId: 'tooFewPartitions', data, path: ['components', id, 'partitions', 'count'], evidence });
      }
    }
    return out;
  },
});
