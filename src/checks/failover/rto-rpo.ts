// failover/rto-rpo: losing a region costs each writable store, and the users who entered by it, no more downtime (RTO) or
// lost writes (RPO) than the targets allow.
import type { StoreFailover, UserSteering } from '../../analysis/metrics.js';
import type { Model } from '../../specfile/model.js';
import { DEFAULT_FAILOVER, DNS_CLIENT_CACHE_S, DNS_TTL_S, ELECTION_TIMEOUT_MS, HEALTH_CHECK } from '../../data/figures.js';
import { defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** Longest acceptable time unavailable, s; default requirements.rto_s. */
  rtoS?: number;
  /** Longest acceptable window of lost writes, s; default requirements.rpo_s. */
  rpoS?: number;
}

/** How the RTO comes about, in the learner's terms. */
function rtoHow(model: Model, s: StoreFailover): string {
  const c = model.components[s.component]!;
  if (s.election) {
    return `losing the leader in ${s.leader ?? '?'}: the followers wait out the ${ms(s.election.timeoutS)} s election timeout, then ${s.election.candidate} wins a majority in one ${ms(s.election.voteRttMs)} ms vote round trip`;
  }
  const fo = c.failover!;
  if (s.mode === 'active-passive') {
    const home = c.primary ?? s.regions[0] ?? 'the old primary';
    return `detect ${fo.detectS} s + promote ${fo.promoteS} s to ${s.standby ?? 'the standby'}; failing back to ${home} later is a second, planned switchover once it has caught up`;
  }
  return `active-active: detect ${fo.detectS} s (health checks) + steer ${fo.steerS} s (its clients move: DNS TTL or a client that retries) before the failed region's writers reach ${s.regions.join(', ')}; failing back is the same steering in reverse once the region is healthy and caught up`;
}

/** How the users of a lost region come back, in the learner's terms. */
function steerHow(u: UserSteering): string {
  const detect =
    u.detectClaimed !== undefined
      ? `detect ${ms(u.detectS)} s (one health-check interval; the ${ms(u.detectClaimed)} s stated is sooner than a health check can notice)`
      : `detect ${ms(u.detectS)} s (health checks)`;
  if (u.steerFrom === 'anycast') return `${detect} + steer 0 s (anycast: no DNS record to expire)`;
  if (u.steerFrom === 'entry' && u.anycast) return `${detect} + steer ${ms(u.steerS)} s (anycast)`;
  if (u.steerClaimed !== undefined)
    return `${detect} + steer ${ms(u.steerS)} s (clients keep a looked-up address that long; the ${ms(u.steerClaimed)} s TTL stated moves no one sooner without anycast)`;
  if (u.steerFrom === 'entry') return `${detect} + steer ${ms(u.steerS)} s (its DNS TTL)`;
  return `${detect} + the default ${ms(u.steerS)} s DNS TTL (${u.component} states no failover.steer_s)`;
}

function rpoHow(model: Model, s: StoreFailover): string {
  if (s.replication === 'async') return `async replication lag ${ms(model.components[s.component]!.replication!.lagMs)} ms`;
  if (s.replication === 'sync') return 'sync replication: every commit is already in a second region';
  return 'consensus: every commit is on a majority of regions';
}

/** Why recovery is manual: one region, or copies that are not kept current. */
function whyManual(s: StoreFailover): string {
  if (s.regions.length <= 1) return `it lives only in ${s.regions[0] ?? 'one region'}`;
  if (s.replication === 'none')
    return `its copies in ${s.regions.join(', ')} are not replicated (replication none: each is a separate data set, not a replica)`;
  if (s.replication === 'consensus' && s.regions.length < 3)
    return `its ${s.regions.length} consensus voters (${s.regions.join(', ')}) cannot form a majority once one region is lost`;
  return `it has copies in ${s.regions.join(', ')} but no automatic failover (failover.mode ${s.mode})`;
}

export default defineCheck<Options>({
  meta: {
    id: 'failover/rto-rpo',
    topic: 'failover',
    title: "Keep failover time (RTO) and data-loss window (RPO) within the targets: each writable store's, and the users' of a lost region",
    concept:
      'RTO is how long a store may be unavailable after its region fails; RPO is how much recently committed data may be lost. ' +
      'Recovery is never instant: active-passive takes detection plus promotion; active-active still has to notice the dead region (health checks) and move its users (DNS TTL, or anycast); a consensus group waits out an election timeout before a follower takes over. ' +
      'Users come back only when they reach another region: the tier they enter by is lost with its region, so their downtime is detection plus the DNS TTL, however fast the stores behind it recover. ' +
      'RPO follows replication: asynchronous copies lose the lag, synchronous or consensus copies lose nothing. After the incident comes the failback: moving back to the repaired region is a second, planned switchover. ' +
      'With no replica to promote, recovery means restoring a backup: hours of downtime and every write since the backup.',
    computes:
      `RTO = failover.detect_s + failover.promote_s for active-passive; failover.detect_s (default ${DEFAULT_FAILOVER.detectS} s: Route 53 fast health checks ${HEALTH_CHECK.intervalS} s x ${HEALTH_CHECK.failures} failures) + failover.steer_s (default DNS TTL ${DNS_TTL_S} s) for active-active; for consensus over 3+ voters, the election timeout (${ELECTION_TIMEOUT_MS / 1000} s, etcd default) + the best surviving candidate's vote round trip to a majority; none (manual restore) otherwise, with replication none (separate data sets) or when the store is in one region. ` +
      `Users: for the tier each flow from users enters by, when it runs in 2+ regions (the first gateway or load balancer after any client; where no flow passes through either, the first service or a worker that consumes nothing; behind a CDN for writes, none for reads, which the CDN moves between origins itself): its own failover.detect_s (else the problem's measured one, else ${DEFAULT_FAILOVER.detectS} s; at least one ${HEALTH_CHECK.intervalS} s health-check interval) + its failover.steer_s, the TTL of its DNS record (else the default, ${DNS_TTL_S} s), never under the ${DNS_CLIENT_CACHE_S} s clients keep a looked-up address; with anycast routing (patterns.multi_region.routing: anycast) no record to expire, so steer_s defaults to 0. A tier in one region steers nobody anywhere: failover/stateless-active-active names it. ` +
      "RPO = async lag_ms / 1000, 0 for sync or consensus, none (since the last backup) without replication or in one region. Compared with the rubric's rtoS/rpoS when it sets either, else the spec's requirements.rto_s/rpo_s.",
    sources: ['awsDr', 'route53HealthChecks', 'route53Ttl', 'jdkDnsCache', 'globalAccelerator', 'raft'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        rtoS: { type: 'number', minimum: 0, description: 'Recovery time objective, seconds. Default: requirements.rto_s of the spec.' },
        rpoS: { type: 'number', minimum: 0, description: 'Recovery point objective, seconds. Default: requirements.rpo_s of the spec.' },
      },
    },
    defaults: {},
    messages: {
      rtoMet: '{{store}} RTO is {{rto}} s ({{how}}), target {{target}} s',
      rtoOver: '{{store}} RTO is {{rto}} s ({{how}}), target {{target}} s',
      rtoManual:
        '{{store}} has no automatic recovery: {{why}}, so losing the region means restoring a backup, which takes hours (target {{target}} s)',
      usersMet:
        'users of a lost region (any of {{regions}}) lose its {{entry}} and reach another region after {{rto}} s ({{how}}), target {{target}} s',
      usersOver:
        'users of a lost region (any of {{regions}}) lose its {{entry}} and reach another region only after {{rto}} s ({{how}}), target {{target}} s, however fast the stores fail over',
      rpoMet: '{{store}} RPO is {{rpo}} s ({{how}}), target {{target}} s',
      rpoOver: '{{store}} RPO is {{rpo}} s ({{how}}), target {{target}} s',
      rpoManual:
        '{{store}} keeps no current copy outside the failed region: {{why}}, so every write since the last backup (hours) is lost (target {{target}} s)',
    },
    hints: {
      rtoOver:
        'RTO is the sum of noticing the failure, making another copy the writer and moving clients to it. Which part dominates here, and which knobs shorten it (health-check interval and threshold, DNS TTL or anycast, a store that elects its own leader)? Plan the failback too: returning to the repaired region is another switchover.',
      rtoManual:
        'Without a second region that can take over, recovery is a restore from backup (AWS: hours). Think about which failover mode fits this data and where the copy that takes over would live.',
      usersOver:
        "A user whose region is lost is down until their requests reach another region's copy of the tier they enter by. Which two delays add up there, and which can the design shorten (how often the health checks run, how long resolvers may cache the answer, or an address that moves by itself)?",
      rpoOver:
        'RPO is the writes the standby has not received when the primary dies. How does this store ship writes to its copies, and what would it cost the write path to wait for them?',
      rpoManual:
        'Data that exists in only one region is lost with it, back to the last backup. Which copy would still have the latest writes after a region outage?',
    },
  },
  run({ model, metrics, options }) {
    // Targets set by the rubric are the problem's; the spec's own requirements apply only when it sets none.
    const fromRubric = options.rtoS !== undefined || options.rpoS !== undefined;
    const rtoTarget = fromRubric ? options.rtoS : model.requirements.rtoS;
    const rpoTarget = fromRubric ? options.rpoS : model.requirements.rpoS;
    if (rtoTarget === undefined && rpoTarget === undefined) return [];
    const out: Finding[] = [];
    if (rtoTarget !== undefined) {
      for (const u of Object.values(metrics.steering ?? {})) {
        const c = model.components[u.component]!;
        const ok = u.rtoS <= rtoTarget;
        out.push({
          status: ok ? 'pass' : 'fail',
          messageId: ok ? 'usersMet' : 'usersOver',
          data: { entry: u.component, regions: u.regions.join(', '), rto: ms(u.rtoS), how: steerHow(u), target: rtoTarget },
          path: c.explicit.includes('failover') ? ['components', u.component, 'failover'] : ['components', u.component],
          evidence: {
            entry: u.component,
            flows: u.flows,
            detectS: u.detectS,
            steerS: u.steerS,
            steerFrom: u.steerFrom,
            rtoS: u.rtoS,
            rtoTarget,
          },
        });
      }
    }
    for (const s of Object.values(metrics.stores)) {
      if (!s.writable || s.kind === 'cache') continue;
      const base = ['components', s.component];
      const evidence = { mode: s.mode, replication: s.replication, regions: s.regions, rtoS: s.rtoS, rpoS: s.rpoS, rtoTarget, rpoTarget };
      if (rtoTarget !== undefined) {
        const data = { store: s.component, target: rtoTarget };
        if (s.rtoS === null)
          out.push({ status: 'fail', messageId: 'rtoManual', data: { ...data, why: whyManual(s) }, path: [...base, 'failover'], evidence });
        else {
          const ok = s.rtoS <= rtoTarget;
          out.push({
            status: ok ? 'pass' : 'fail',
            messageId: ok ? 'rtoMet' : 'rtoOver',
            data: { ...data, rto: ms(s.rtoS), how: rtoHow(model, s) },
            path: [...base, 'failover'],
            evidence,
          });
        }
      }
      if (rpoTarget !== undefined) {
        const data = { store: s.component, target: rpoTarget };
        if (s.rpoS === null)
          out.push({
            status: 'fail',
            messageId: 'rpoManual',
            data: { ...data, why: whyManual(s) },
            path: [...base, 'replication'],
            evidence,
          });
        else {
          const ok = s.rpoS <= rpoTarget;
          out.push({
            status: ok ? 'pass' : 'fail',
            messageId: ok ? 'rpoMet' : 'rpoOver',
            data: { ...data, rpo: ms(s.rpoS), how: rpoHow(model, s) },
            path: [...base, 'replication'],
            evidence,
          });
        }
      }
    }
    return out;
  },
});
