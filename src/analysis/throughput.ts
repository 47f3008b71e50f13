// What a batch flow (a crawler, an aggregation job: `throughput` on a flow) can sustain, hop by hop.
// Load is linear in a flow's rate, so each limit is kept as "per item/s" against "used by everything
// else": a component's utilization (capacity, the same computation as scalability/utilization, fan-out,
// caches and workers' projections included), and by Little's law the threads (and a bulkhead pool's
// threads) a caller holds per item/s, rate x holding time / replicas, as scalability/thread-capacity
// counts them. The check turns each into a rate: (limit x share allowed - others) / per item.
import type { Model, ModelFlow } from '../specfile/model.js';
import { dict } from '../specfile/dict.js';
import { capacity } from './capacity.js';
import type { OriginLatency, RegionLoad, ServicePools } from './metrics.js';
import { poolDemand } from './pools.js';

/** The rate the job is scaled to when its per-item costs are measured (large, so rounding to 4 places is exact enough). */
const UNIT = 1e6;

export interface ThroughputLimit {
  component: string;
  region?: string;
  /** capacity: utilization of the busiest node; threads: threads per replica; pool: a bulkhead pool's threads per replica. */
  kind: 'capacity' | 'threads' | 'pool';
  /** The pool's name (kind pool). */
  pool?: string;
  /** Units the job uses per item/s: utilization, or threads per replica. */
  perItem: number;
  /** Units the other flows use there at peak. */
  others: number;
  /** The whole: 1 (utilization), or the threads / pool size per replica. */
  available: number;
  /** The other flows sharing it. */
  sharedWith: string[];
}

export interface BatchThroughput {
  flow: string;
  item: string;
  runsIn: string;
  /** Items per second needed (items_per_s, or items / window_s). */
  target: number;
  items?: number;
  windowS?: number;
  /** The rate the job runs at (its load on what it shares): `rate`, else the target. */
  rate: number;
  /** The spec states that rate. */
  paced: boolean;
  limits: ThroughputLimit[];
}

function alone(model: Model, flow: ModelFlow): Model {
  return { ...model, flows: { [flow.name]: { ...flow, rate: UNIT } }, flowOrder: [flow.name] };
}

/** Flows (other than `self`) whose route reaches the component, directly or through a worker that consumes what they write. */
function sharers(
  model: Model,
  self: string,
  loadsAlone: Record<string, Record<string, Record<string, RegionLoad>>>,
  component: string,
): string[] {
  return model.flowOrder.filter((n) => n !== self && loadsAlone[n]?.[component] !== undefined);
}

export function batchThroughput(
  model: Model,
  loads: Record<string, Record<string, RegionLoad>>,
  pools: Record<string, ServicePools>,
  latencies: Record<string, Record<string, OriginLatency>>,
): Record<string, BatchThroughput> | undefined {
  const batches = model.flowOrder.map((n) => model.flows[n]!).filter((f) => f.batch);
  if (batches.length === 0) return undefined;
  // Which components each flow loads (for "shared with"), from each flow alone.
  const perFlow: Record<string, Record<string, Record<string, RegionLoad>>> = dict();
  // And what each worker consumes because of it, so a batch's threads count the consumers it feeds.
  const consumedBy: Record<string, Map<string, Map<string, number>>> = dict();
  for (const n of model.flowOrder) {
    consumedBy[n] = new Map();
    perFlow[n] = capacity(alone(model, model.flows[n]!), undefined, { queueing: false, consumed: consumedBy[n] });
  }
  const out: Record<string, BatchThroughput> = dict();
  for (const flow of batches) {
    const b = flow.batch!;
    const own = perFlow[flow.name]!;
    const limits: ThroughputLimit[] = [];
    for (const [id, byRegion] of Object.entries(own)) {
      for (const [region, l] of Object.entries(byRegion)) {
        const perItem = l.utilization / UNIT;
        if (!(perItem > 0)) continue;
        const total = loads[id]?.[region]?.utilization ?? 0;
        limits.push({
          component: id,
          region,
          kind: 'capacity',
          perItem,
          others: Math.max(0, total - flow.rate * perItem),
          available: 1,
          sharedWith: sharers(model, flow.name, perFlow, id),
        });
      }
    }
    const lat = latencies[flow.name];
    if (lat) {
      const ownPools = poolDemand(alone(model, flow), { [flow.name]: lat }, consumedBy[flow.name]);
      for (const [id, p] of Object.entries(ownPools)) {
        if (!(p.demand > 0)) continue;
        const total = pools[id];
        const shared = sharers(model, flow.name, perFlow, id);
        if (p.threads > 0)
          limits.push({
            component: id,
            kind: 'threads',
            perItem: p.demand / UNIT,
            others: Math.max(0, (total?.demand ?? 0) - (flow.rate * p.demand) / UNIT),
            available: p.threads,
            sharedWith: shared,
          });
        for (const pool of p.pools) {
          if (!pool.dependency || !(pool.demand > 0)) continue;
          const all = total?.pools.find((q) => q.name === pool.name)?.demand ?? 0;
          limits.push({
            component: id,
            kind: 'pool',
            pool: pool.name,
            perItem: pool.demand / UNIT,
            others: Math.max(0, all - (flow.rate * pool.demand) / UNIT),
            available: pool.size,
            sharedWith: shared,
          });
        }
      }
    }
    out[flow.name] = {
      flow: flow.name,
      item: b.item,
      runsIn: b.runsIn,
      target: b.targetPerS,
      rate: flow.rate,
      paced: b.paced,
      limits,
      ...(b.items !== undefined ? { items: b.items } : {}),
      ...(b.windowS !== undefined ? { windowS: b.windowS } : {}),
    };
  }
  return out;
}
