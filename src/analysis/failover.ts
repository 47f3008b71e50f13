// Failover window of each stateful store after losing the region it depends on (AWS Disaster Recovery
// whitepaper; recovery is never instant):
// RTO = detection + promotion (active-passive); detection (health-check interval x failures) + steering
// the failed region's users elsewhere (DNS TTL) for active-active; for consensus over 3+ voters, the
// election timeout + one vote round trip of the best surviving candidate (Raft, etcd defaults).
// RPO = replication lag for async, 0 for sync or consensus. Copies with replication none are separate
// data sets, not replicas: nothing to fail over to.
import { ELECTION_TIMEOUT_MS } from '../data/figures.js';
import { replicaRegions, rttMs } from '../specfile/lookups.js';
import type { Model, ModelComponent } from '../specfile/model.js';
import type { StoreFailover } from './metrics.js';
import { dict } from '../specfile/dict.js';

/**
 * A new leader after the leader's region is lost: a surviving voter stands after the election timeout
 * and wins once a majority of all n voters (itself included) votes, i.e. one round trip to the
 * (majority - 1)-th nearest other survivor. The best candidate is the one with the shortest such round trip.
 */
export function electionS(model: Model, c: ModelComponent): { seconds: number; voteRttMs: number; candidate: string } | null {
  const voters = replicaRegions(c);
  const leader = c.leader ?? voters[0];
  const survivors = voters.filter((r) => r !== leader);
  const needed = Math.floor(voters.length / 2); // votes from others, besides the candidate's own
  if (survivors.length < needed + 1 || needed === 0) return null; // no majority left
  let best: { seconds: number; voteRttMs: number; candidate: string } | null = null;
  for (const cand of survivors) {
    const rtts = survivors
      .filter((r) => r !== cand)
      .map((r) => rttMs(model, cand, r) ?? 0)
      .sort((a, b) => a - b);
    const vote = rtts[needed - 1];
    if (vote === undefined) continue;
    if (!best || vote < best.voteRttMs) best = { seconds: (ELECTION_TIMEOUT_MS + vote) / 1000, voteRttMs: vote, candidate: cand };
  }
  return best;
}

export function failoverWindow(c: ModelComponent, model?: Model): StoreFailover {
  const mode = c.failover?.mode ?? 'none';
  const replication = c.replication?.mode ?? 'none';
  const regions = replicaRegions(c);
  let rtoS: number | null;
  let election: ReturnType<typeof electionS> = null;
  if (replication === 'none' && regions.length > 1)
    rtoS = null; // separate data sets: nothing to fail over to
  else if (replication === 'consensus' && regions.length >= 3 && model) {
    election = electionS(model, c);
    rtoS = election ? election.seconds : null;
  } else if (mode === 'active-active') rtoS = c.failover!.detectS + c.failover!.steerS;
  else if (mode === 'active-passive') rtoS = c.failover!.detectS + c.failover!.promoteS;
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
  if (election && rtoS !== null)
    out.election = { timeoutS: ELECTION_TIMEOUT_MS / 1000, voteRttMs: election.voteRttMs, candidate: election.candidate };
  if (c.leader !== undefined) out.leader = c.leader;
  return out;
}

export function storeFailovers(model: Model): Record<string, StoreFailover> {
  const out: Record<string, StoreFailover> = dict();
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (c.stateful) out[id] = failoverWindow(c, model);
  }
  return out;
}
