// failover/rto-rpo: losing a region costs each writable store no more downtime (RTO) or lost writes (RPO) than the targets allow.
import type { StoreFailover } from '../../analysis/metrics.js';
import type { Model } from '../../spec/model.js';
import { defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** Longest acceptable time unavailable, s; default requirements.rto_s. */
  rtoS?: number;
  /** Longest acceptable window of lost writes, s; default requirements.rpo_s. */
  rpoS?: number;
}

/** How the RTO comes about, in the learner's terms. */
function rtoHow(model: Model, s: StoreFailover): string {
  if (s.mode === 'active-passive') {
    const fo = model.components[s.component]!.failover!;
    return `detect ${fo.detectS} s + promote ${fo.promoteS} s to ${s.standby ?? 'the standby'}`;
  }
  if (s.mode === 'active-active') return `active-active: the other regions (${s.regions.join(', ')}) keep serving`;
  return `a consensus quorum across ${s.regions.join(', ')} elects a new leader`;
}

function rpoHow(model: Model, s: StoreFailover): string {
  if (s.replication === 'async') return `async replication lag ${ms(model.components[s.component]!.replication!.lagMs)} ms`;
  if (s.replication === 'sync') return 'sync replication: every commit is already in a second region';
  return 'consensus: every commit is on a majority of regions';
}

/** Why recovery is manual: one region, or copies that are not kept current. */
function whyManual(s: StoreFailover): string {
  if (s.regions.length <= 1) return `it lives only in ${s.regions[0] ?? 'one region'}`;
  if (s.replication === 'none') return `its copies in ${s.regions.join(', ')} are not replicated`;
  return `it has copies in ${s.regions.join(', ')} but no automatic failover (failover.mode ${s.mode})`;
}

export default defineCheck<Options>({
  meta: {
    id: 'failover/rto-rpo',
    topic: 'failover',
    title: 'Keep each writable store\'s failover time (RTO) and data-loss window (RPO) within the targets',
    concept:
      'RTO is how long a store may be unavailable after its region fails; RPO is how much recently committed data may be lost. ' +
      'Active-passive recovers in detection plus promotion time and active-active in about zero, while RPO follows replication: asynchronous copies lose the lag, synchronous or consensus copies lose nothing. ' +
      'With no replica to promote, recovery means restoring a backup: hours of downtime and every write since the backup.',
    computes:
      'RTO = failover.detect_s + failover.promote_s for active-passive, 0 for active-active or consensus over 3+ regions, none (manual restore) otherwise or when the store is in one region. ' +
      'RPO = async lag_ms / 1000, 0 for sync or consensus, none (since the last backup) without replication or in one region. Compared with the rubric\'s rtoS/rpoS when it sets either, else the spec\'s requirements.rto_s/rpo_s.',
    sources: ['awsDr'],
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
      rtoManual: '{{store}} has no automatic recovery: {{why}}, so losing the region means restoring a backup, which takes hours (target {{target}} s)',
      rpoMet: '{{store}} RPO is {{rpo}} s ({{how}}), target {{target}} s',
      rpoOver: '{{store}} RPO is {{rpo}} s ({{how}}), target {{target}} s',
      rpoManual: '{{store}} keeps no current copy outside the failed region: {{why}}, so every write since the last backup (hours) is lost (target {{target}} s)',
    },
    hints: {
      rtoOver:
        'RTO is the sum of noticing the failure and making another copy the writer. Which of the two dominates here, and which knobs shorten it? Also consider whether this store needs a promotion at all.',
      rtoManual:
        'Without a second region that can take over, recovery is a restore from backup (AWS: hours). Think about which failover mode fits this data and where the copy that takes over would live.',
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
    for (const s of Object.values(metrics.stores)) {
      if (!s.writable || s.kind === 'cache') continue;
      const base = ['components', s.component];
      const evidence = { mode: s.mode, replication: s.replication, regions: s.regions, rtoS: s.rtoS, rpoS: s.rpoS, rtoTarget, rpoTarget };
      if (rtoTarget !== undefined) {
        const data = { store: s.component, target: rtoTarget };
        if (s.rtoS === null) out.push({ status: 'fail', messageId: 'rtoManual', data: { ...data, why: whyManual(s) }, path: [...base, 'failover'], evidence });
        else {
          const ok = s.rtoS <= rtoTarget;
          out.push({ status: ok ? 'pass' : 'fail', messageId: ok ? 'rtoMet' : 'rtoOver', data: { ...data, rto: ms(s.rtoS), how: rtoHow(model, s) }, path: [...base, 'failover'], evidence });
        }
      }
      if (rpoTarget !== undefined) {
        const data = { store: s.component, target: rpoTarget };
        if (s.rpoS === null) out.push({ status: 'fail', messageId: 'rpoManual', data: { ...data, why: whyManual(s) }, path: [...base, 'replication'], evidence });
        else {
          const ok = s.rpoS <= rpoTarget;
          out.push({ status: ok ? 'pass' : 'fail', messageId: ok ? 'rpoMet' : 'rpoOver', data: { ...data, rpo: ms(s.rpoS), how: rpoHow(model, s) }, path: [...base, 'replication'], evidence });
        }
      }
    }
    return out;
  },
});
