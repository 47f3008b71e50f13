// Failover window of each stateful store: RTO = detection + promotion (active-passive), ~0 (active-active);
// RPO = replication lag for async, 0 for sync or consensus (AWS Disaster Recovery whitepaper).
import { replicaRegions } from '../spec/lookups.js';
import type { Model, ModelComponent } from '../spec/model.js';
import type { StoreFailover } from './metrics.js';
import { dict } from '../spec/dict.js';

export function failoverWindow(c: ModelComponent): StoreFailover {
  const mode = c.failover?.mode ?? 'none';
  const replication = c.replication?.mode ?? 'none';
  const regions = replicaRegions(c);
  let rtoS: number | null;
  // Active-active without replication is partitioned: each region's data lives only there.
  if (mode === 'active-active') rtoS = replication === 'none' && regions.length > 1 ? null : 0;
  else if (mode === 'active-passive') rtoS = c.failover!.detectS + c.failover!.promoteS;
  else if (replication === 'consensus' && regions.length >= 3) rtoS = 0; // a quorum elects a new leader by itself
  else rtoS = null;
  let rpoS: number | null;
  if (replication === 'sync' || replication === 'consensus') rpoS = 0;
  else if (replication === 'async') rpoS = c.replication!.lagMs / 1000;
  else rpoS = null; // replication none: no other region ever receives this region's writes
  if (regions.length <= 1) {
    // A store in one region goes down with it, whatever its failover mode says.
    rtoS = null;
    rpoS = null;
  }
  const out: StoreFailover = {
    component: c.id,
    kind: c.kind,
    mode,
    replication,
    regions,
    rtoS,
    rpoS,
    conflict: c.failover?.conflict ?? 'none',
    writable: c.role !== 'read-model',
  };
  if (c.failover?.standby) out.standby = c.failover.standby;
  return out;
}

export function storeFailovers(model: Model): Record<string, StoreFailover> {
  const out: Record<string, StoreFailover> = dict();
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (c.stateful) out[id] = failoverWindow(c);
  }
  return out;
}
