// What the design costs to run, per component and region, from the catalog's on-demand prices:
// replicas (x partitions for a partitioned store) in each region it runs in and its standby region x the price per replica-hour of the component's tech/size (or its kind's representative,
// src/data/cost.ts), plus the requests/s that reach it x the price per million requests for services
// billed by use, plus one mesh proxy per meshed replica when the mesh names a sidecar product.
// Monthly = hourly x 730 h. Clients and externals cost 0 (not on the design's bill).
import { HOURS_PER_MONTH, REPRESENTATIVE_TECH } from '../data/cost.js';
import { MESH_TECH, TECH } from '../data/tech.js';
import { dict } from '../specfile/dict.js';
import type { Model, ModelComponent } from '../specfile/model.js';
import { nodesPerRegion } from './capacity.js';
import type { ComponentCost, CostMetrics, RegionCost, RegionLoad } from './metrics.js';

const SECONDS_PER_HOUR = 3600;

/** The catalog entry that prices a component: its own tech/size, its kind's representative, or none (free). */
function priced(c: ModelComponent): { tech: string; size: string; basis: 'spec' | 'representative' } | undefined {
  if (c.tech !== undefined && Object.hasOwn(TECH, c.tech)) {
    const t = TECH[c.tech]!;
    const size = c.size !== undefined && Object.hasOwn(t.sizes, c.size) ? c.size : t.defaultSize;
    return { tech: c.tech, size, basis: 'spec' };
  }
  const rep = REPRESENTATIVE_TECH[c.kind];
  return rep ? { tech: rep.tech, size: rep.size, basis: 'representative' } : undefined;
}

/** 10 ** digits for the digits used here, made once (the same doubles). */
const SCALE = [1, 10, 100, 1e3, 1e4];
const round = (n: number, digits: 2 | 4): number => Math.round(n * SCALE[digits]!) / SCALE[digits]!;

export function designCost(model: Model, capacity: Record<string, Record<string, RegionLoad>>): CostMetrics {
  const mesh = model.patterns.mesh;
  const meshTech = mesh?.tech !== undefined && Object.hasOwn(MESH_TECH, mesh.tech) ? MESH_TECH[mesh.tech]! : undefined;
  const proxyUsdPerHour = meshTech && meshTech.dataPlane === 'sidecar' ? meshTech.usdPerProxyHour : 0;
  const components: Record<string, ComponentCost> = dict();
  const regionTotals: Record<string, number> = dict();
  let total = 0;
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    const p = priced(c);
    const size = p ? TECH[p.tech]!.sizes[p.size]! : undefined;
    const regions: Record<string, RegionCost> = dict();
    let compTotal = 0;
    // A partitioned store runs `replicas` nodes per partition.
    const nodes = nodesPerRegion(c);
    // A standby region runs the same nodes, waiting: it is on the bill (as a drill that promotes it counts its
    // replicas); unpriced, active-passive looked cheaper than active-active by exactly the hardware it needs (review).
    const standby = c.failover?.standby;
    const placed = standby !== undefined && !c.regions.includes(standby) ? [...c.regions, standby] : c.regions;
    for (let i = 0; i < placed.length; i++) {
      const region = placed[i]!;
      // Requests that arrive, not the work of services merged into this one (RegionLoad.merged).
      const load = capacity[id]?.[region];
      const requestsPerS = load ? load.rate - (load.merged?.rate ?? 0) : 0;
      const replicaUsd = size ? nodes * size.usdPerHour : 0;
      const requestUsd = size?.usdPerMillionRequests ? ((requestsPerS * SECONDS_PER_HOUR) / 1e6) * size.usdPerMillionRequests : 0;
      const meshUsd = c.sidecar ? c.replicas * proxyUsdPerHour : 0;
      const hourly = replicaUsd + requestUsd + meshUsd;
      compTotal += hourly;
      regionTotals[region] = (regionTotals[region] ?? 0) + hourly;
      regions[region] = {
        region,
        replicas: nodes,
        requestsPerS,
        replicaUsdPerHour: round(replicaUsd, 4),
        requestUsdPerHour: round(requestUsd, 4),
        meshUsdPerHour: round(meshUsd, 4),
        usdPerHour: round(hourly, 4),
        usdPerMonth: round(hourly * HOURS_PER_MONTH, 2),
      };
    }
    total += compTotal;
    // Two literals in the same key order, not a conditional spread (a temporary object per component).
    const usdPerHour = round(compTotal, 4);
    const usdPerMonth = round(compTotal * HOURS_PER_MONTH, 2);
    components[id] = p
      ? {
          component: id,
          kind: c.kind,
          tech: p.tech,
          size: p.size,
          instance: size!.instance,
          basis: p.basis,
          regions,
          usdPerHour,
          usdPerMonth,
        }
      : { component: id, kind: c.kind, basis: 'free', regions, usdPerHour, usdPerMonth };
  }
  const byRegion: Record<string, { usdPerHour: number; usdPerMonth: number }> = dict();
  for (const [r, h] of Object.entries(regionTotals)) byRegion[r] = { usdPerHour: round(h, 4), usdPerMonth: round(h * HOURS_PER_MONTH, 2) };
  const mostComponent = Object.values(components).reduce<ComponentCost | undefined>(
    (a, b) => (!a || b.usdPerHour > a.usdPerHour ? b : a),
    undefined,
  );
  const mostRegion = Object.entries(byRegion).reduce<[string, { usdPerMonth: number }] | undefined>(
    (a, b) => (!a || b[1].usdPerMonth > a[1].usdPerMonth ? b : a),
    undefined,
  );
  return {
    hoursPerMonth: HOURS_PER_MONTH,
    usdPerHour: round(total, 4),
    usdPerMonth: round(total * HOURS_PER_MONTH, 2),
    components,
    regions: byRegion,
    ...(meshTech ? { meshProxyUsdPerHour: proxyUsdPerHour } : {}),
    ...(mostComponent && mostComponent.usdPerHour > 0 ? { mostExpensiveComponent: mostComponent.component } : {}),
    ...(mostRegion && mostRegion[1].usdPerMonth > 0 ? { mostExpensiveRegion: mostRegion[0] } : {}),
  };
}
