// scalability/write-primary: a store with one write primary is not pushed past what one node can write.
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
      'For each store with a single write primary (not active-active, not consensus; queues and streams excluded): writes/s reaching the primary at peak (flows\' writes plus projections written by workers) / the capacity of one replica, against maxWriteUtilization.',
    sources: ['systemforge', 'course'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { maxWriteUtilization: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'Highest share of one node\'s capacity that writes may use on a single primary. Default 0.6.' } },
    },
    defaults: { maxWriteUtilization: 0.6 },
    messages: {
      withinLimit: '{{store}}\'s single primary in {{region}} takes {{writes}} writes/s, {{utilization}} of one node\'s {{capacity}} req/s',
      overLimit: '{{store}} takes every write on one primary in {{region}}: {{writes}} writes/s on a node that serves {{capacity}} req/s is {{utilization}}, above {{limit}}',
    },
    hints: {
      overLimit: 'More replicas will not help: each one applies every write too. Think about how the writes could be split so that no single node takes all of them: by key, or by where the key\'s users are.',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    for (const id of model.componentOrder) {
      const c = model.components[id]!;
      if (!c.stateful || c.primary === undefined || PARTITIONED.has(c.kind)) continue;
      const load = metrics.capacity[id]?.[c.primary];
      if (!load || load.writeRate <= 0 || !Number.isFinite(c.capacityRps)) continue;
      const utilization = load.writeRate / c.capacityRps;
      const data = { store: id, region: c.primary, writes: count(load.writeRate), capacity: count(c.capacityRps), utilization: pct(utilization, 1) };
      const evidence = { writeRate: load.writeRate, capacityPerNode: c.capacityRps, writeUtilization: utilization, limit: options.maxWriteUtilization };
      if (utilization > options.maxWriteUtilization) {
        out.push({ status: 'fail', messageId: 'overLimit', data: { ...data, limit: pct(options.maxWriteUtilization, 1) }, path: ['components', id], evidence });
      } else {
        out.push({ status: 'pass', messageId: 'withinLimit', data, path: ['components', id], evidence });
      }
    }
    return out;
  },
});
