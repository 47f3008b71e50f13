// analyse(model) -> Metrics: every number the checks judge, computed once, as a pure function of the Model.
import type { Model } from '../specfile/model.js';
import { flowAvailability } from './availability.js';
import { capacity } from './capacity.js';
import { designCost } from './cost.js';
import { estimateMetrics } from './estimates.js';
import { storeFailovers } from './failover.js';
import { flowLatency, type FlowLatencyInputs } from './latency.js';
import type { FlowMetrics, Metrics, OriginLatency } from './metrics.js';
import { poolDemand } from './pools.js';
import { readWriteRatio } from './read-write.js';
import { replayCost } from './replay.js';
import { residency } from './residency.js';
import { applyRateLimits } from './rate-limit.js';
import { routeFlow, type RoutedHop } from './route.js';
import { storeStaleness } from './staleness.js';
import { userSteering } from './steering.js';
import { batchThroughput } from './throughput.js';
import { fanoutOnWrite } from './fanout.js';
import { dict } from '../specfile/dict.js';

export interface AnalyseOptions {
  /**
   * Queueing in each hop's latency (M/M/c, analysis/queueing.ts). Default true; false only to measure
   * what it costs (scripts/bench.mjs): latencies are then processing + network alone.
   */
  queueing?: boolean;
}

export function analyse(model: Model, options: AnalyseOptions = {}): Metrics {
  const queueing = options.queueing !== false;
  // Route every flow from every origin once: capacity loads the routes, latency walks them, waiting at each
  // hop in front of the replicas that the capacity computation found loaded (load is computed once).
  const routes: Record<string, Record<string, { hops: RoutedHop[] }>> = dict();
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    const byOrigin: Record<string, { hops: RoutedHop[] }> = dict();
    for (const o of flow.origins) byOrigin[o] = { hops: routeFlow(model, flow, o) };
    routes[name] = byOrigin;
  }
  // Rate limits reject what exceeds them before it reaches anything behind (analysis/rate-limit.ts).
  const limited = applyRateLimits(model, routes);
  const consumed = new Map<string, Map<string, number>>();
  const loads = capacity(model, limited.routes, { queueing, consumed });
  const flows: Record<string, FlowMetrics> = dict();
  const latencies: Record<string, Record<string, OriginLatency>> = dict();
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    const origins: Record<string, OriginLatency> = dict();
    // One inputs object per flow, its route set per origin (no spread per call: flowLatency reads it before returning).
    const inputs: FlowLatencyInputs = { route: undefined, loads: queueing ? loads : undefined };
    for (const o of flow.origins) {
      inputs.route = limited.routes[name]![o]!.hops;
      origins[o] = flowLatency(model, flow, o, inputs);
    }
    latencies[name] = origins;
    const all = Object.values(origins);
    const worst = all.reduce((a, b) => (b.p99 > a.p99 ? b : a), all[0]!);
    const availability = flowAvailability(model, flow);
    const target = flow.availability ?? model.requirements.availability;
    flows[name] = {
      name,
      kind: flow.kind,
      rate: flow.rate,
      consistency: flow.consistency,
      path: [...flow.path],
      budget: flow.budget,
      ...(flow.missBudget ? { missBudget: flow.missBudget } : {}),
      ...(limited.flows[name] ? { rejected: limited.flows[name] } : {}),
      origins,
      worst,
      availability: target !== undefined ? Object.assign({}, availability, { target }) : { ...availability },
    };
  }
  const metrics: Metrics = {
    flows,
    workload: {
      readsPerS: model.workload.readsPerS,
      writesPerS: model.workload.writesPerS,
      readWriteRatio: readWriteRatio(model.workload.readsPerS, model.workload.writesPerS),
      derived: model.workload.derived,
    },
    stores: storeFailovers(model),
    pools: poolDemand(model, latencies, consumed),
    residency: residency(model),
    capacity: loads,
    cost: designCost(model, loads),
    staleness: storeStaleness(model, loads),
  };
  const steering = userSteering(model);
  if (steering) metrics.steering = steering;
  if (Object.keys(limited.limits).length) metrics.rateLimits = limited.limits;
  const mesh = model.patterns.mesh;
  if (mesh) {
    const services = model.componentOrder.filter((id) => model.components[id]!.sidecar);
    metrics.mesh = { dataPlane: mesh.dataPlane, mtls: mesh.mtls, reasons: [...mesh.reasons], services, overheadMs: { ...mesh.overheadMs } };
  }
  const throughput = batchThroughput(model, loads, metrics.pools, latencies);
  if (throughput) metrics.throughput = throughput;
  const fanout = fanoutOnWrite(model, loads, latencies);
  if (fanout) metrics.fanout = fanout;
  const replay = replayCost(model);
  if (replay) metrics.replay = replay;
  const estimates = estimateMetrics(model);
  if (estimates) metrics.estimates = estimates;
  return metrics;
}
