// scalability/write-primary: a store with one write primary is not pushed past what one node can write.
import { hottestPartitionShare, writePartitions } from '../../analysis/capacity.js';
import { WRITE_PRIMARY_LIMIT } from '../../data/figures.js';
import { count, defineCheck, pct, type Finding } from '../types.js';

interface Options {
  /** Highest share of one node's capacity the writes may take on a single primary. */
  maxWriteUtilization: number;
}

/** Logs are partitioned by design (each partition has its own leader), so one primary is not their limit. */
const PARTITIONED = new Set(['queue', 'stream']);

export default defineCheck<Options>({
  meta: {
    id: 'scalability/write-primary',
    topic: 'scalability',
    title: 'Do not let a single write primary become the ceiling of the system',
    concept:
      'Replicas scale reads, never writes: with a single primary, every write in every region lands on one node, and every replica applies it too. ' +
      'When writes approach what that node can take, adding replicas or regions does not help; the write load has to be split, by partitioning the data into shards or by giving each key a home region that takes its writes.',
    computes:
      "For each store with a single write primary (not active-active, not consensus; queues and streams excluded): writes/s reaching the primary at peak (flows' writes plus projections written by workers) / the write capacity of one replica (its capacity unless the catalog or a given states a write figure), against maxWriteUtilization. " +
      "A partitioned store (`partitions`) has one primary per partition, so its write capacity is count x one node's; the busiest primary takes its ceil(hot_key_split / count) sub-keys of the hot key (each hot_key_share / hot_key_split) plus its 1 / count of the other keys' writes.",
    sources: ['systemforge', 'course', 'ddiaPartitioning'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxWriteUtilization: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: "Highest share of one node's capacity that writes may use on a single primary. Default 0.6.",
        },
      },
    },
    defaults: { maxWriteUtilization: WRITE_PRIMARY_LIMIT },
    messages: {
      withinLimit: "{{store}}'s single primary in {{region}} takes {{writes}} writes/s, {{utilization}} of one node's {{capacity}} req/s",
      overLimit:
        '{{store}} takes every write on one primary in {{region}}: {{writes}} writes/s on a node that serves {{capacity}} req/s is {{utilization}}, above {{limit}}',
      partitionedWithinLimit:
        "{{store}} splits {{totalWrites}} writes/s over {{partitions}} partitions by {{key}}: the busiest primary in {{region}} takes {{share}} of them, {{writes}} writes/s, {{utilization}} of one node's {{capacity}} req/s",
      partitionedOverLimit:
        '{{store}} splits {{totalWrites}} writes/s over {{partitions}} partitions by {{key}}, but the busiest primary in {{region}} takes {{share}} of them: {{writes}} writes/s on a node that serves {{capacity}} req/s is {{utilization}}, above {{limit}}',
    },
    hints: {
      overLimit:
        "More replicas will not help: each one applies every write too. Think about how the writes could be split so that no single node takes all of them: by key, or by where the key's users are.",
      partitionedOverLimit:
        'Which is it: too few partitions for the total, or one key that carries more than its share? Only the first is fixed by a bigger count.',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    for (const id of model.componentOrder) {
      const c = model.components[id]!;
      if (!c.stateful || c.primary === undefined || PARTITIONED.has(c.kind)) continue;
      const load = metrics.capacity[id]?.[c.primary];
      // One node's write ceiling: its write capacity where the catalog or a given states one, else its capacity.
      const writeCap = c.writeCapacityRps ?? c.capacityRps;
      if (!load || load.writeRate <= 0 || !Number.isFinite(writeCap)) continue;
      // A partitioned store has a primary per partition; the busiest takes its partition's share of the writes.
      const share = hottestPartitionShare(c);
      const writes = share * load.writeRate;
      const utilization = writes / writeCap;
      const parted = c.partitions !== undefined;
      const data = {
        store: id,
        region: c.primary,
        writes: count(writes),
        capacity: count(writeCap),
        utilization: pct(utilization, 1),
        ...(parted
          ? { totalWrites: count(load.writeRate), partitions: writePartitions(c), key: c.partitions!.key, share: pct(share, 1) }
          : {}),
      };
      const evidence = {
        writeRate: load.writeRate,
        busiestPrimaryWrites: writes,
        partitions: writePartitions(c),
        busiestShare: share,
        capacityPerNode: writeCap,
        writeUtilization: utilization,
        limit: options.maxWriteUtilization,
      };
      const path = parted ? ['components', id, 'partitions'] : ['components', id];
      if (utilization > options.maxWriteUtilization) {
        out.push({
          status: 'fail',
          messageId: parted ? 'partitionedOverLimit' : 'overLimit',
          data: { ...data, limit: pct(options.maxWriteUtilization, 1) },
          path,
          evidence,
        });
      } else {
        out.push({ status: 'pass', messageId: parted ? 'partitionedWithinLimit' : 'withinLimit', data, path, evidence });
      }
    }
    return out;
  },
});
