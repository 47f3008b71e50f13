// drill/headroom: under the drilled surge no tier reaches capacity and no pool runs dry; the finding
// names what breaks first, and at what multiple of the peak.
import { defineCheck, type Finding } from '../types.js';
import { DRILLS_OPTIONS_SCHEMA, pct, poolExhaustedFinding, drillsThatRan, shedFindings, type DrillsOptions } from './drills.js';

export default defineCheck<DrillsOptions>({
  meta: {
    id: 'drill/headroom',
    topic: 'drill',
    title: 'Keep headroom for the surge: at the drilled multiple of the peak nothing reaches capacity or runs out of threads',
    concept:
      "A design sized for its average peak fails at the on-sale, the push notification or the retry storm. Load grows every tier's utilization and, by Little's law, every pool's thread demand in proportion, so the first resource to reach 100 % sets how much surge the design can take. " +
      'Knowing which one breaks first, and at what multiple, is what an interviewer asks for.',
    computes:
      "The drill multiplies every flow's rate (surge:<k>) or one flow's (surge:<flow>=<k>) and runs the same analysis. It fails for each component-region at or over maxUtilization (default 100 %) and each pool or thread budget whose demand exceeds its size, and for each flow that rate limits turn away more than maxRejectedShare of (default 0: refusing the surge is not absorbing it). " +
      'The breaking point is the lowest of k / utilization (tiers) and k x size / demand (pools, threads): both grow linearly with load.',
    sources: ['systemforge', 'hystrix'],
    optionsSchema: DRILLS_OPTIONS_SCHEMA,
    defaults: { drills: [] },
    messages: {
      headroom: 'at {{drill}} nothing breaks; the first to go is {{what}} at {{factor}}x {{of}}',
      overloaded: 'at {{drill}}, {{component}} in {{region}} runs at {{utilization}} of its capacity (it breaks at {{factor}}x {{of}})',
      poolExhausted: 'at {{drill}}, {{service}} needs {{demand}} threads for {{what}} but has {{size}}',
      noSurge: 'the drill {{drill}} has no surge (use surge:<k> or surge:<flow>=<k>)',
      badDrill: 'the drill {{drill}} cannot run on this design: {{why}}',
      shed: 'after {{drill}}, {{flow}} turns away {{share}} of its requests with 429s at {{limiters}} (the drill allows {{allowed}}): the tiers behind stay up, but those users are not served',
    },
    hints: {
      overloaded:
        'Which tier carries the most requests per replica for its capacity? Scale it for the surge (replicas, or a cache that absorbs reads before it), not for the average peak.',
      poolExhausted:
        'Thread demand is calls/s per replica x time held: more replicas divide the first, a tighter timeout bounds the second.',
      noSurge: 'drill/headroom judges surge:<k> or surge:<flow>=<k> scenarios.',
      badDrill: 'Check the scenario names against the spec: sdcoach drill <spec> --scenario ... lists what it knows.',
      shed: 'A rate limit protects the tiers behind it by refusing users. Can the design serve them instead: the surviving tiers sized for the extra load, and the limit set above what the drill brings?',
    },
  },
  run({ model, options }) {
    const out: Finding[] = [];
    for (const d of drillsThatRan(model, options.drills, out)) {
      if (!d.scenarios.some((s) => s.kind === 'surge')) {
        out.push({ status: 'fail', messageId: 'noSurge', data: { drill: d.title }, path: [] });
        continue;
      }
      const maxU = d.spec.maxUtilization ?? 1;
      const p = d.result.final;
      const bp = d.result.breakingPoint;
      const total = d.scenarios.reduce((a, s) => (s.kind === 'surge' && s.flow === undefined ? a * s.factor : a), 1);
      // A surge of one flow: the multiples are of the drilled load (that flow surged, the others at their peak).
      const of = d.scenarios.some((s) => s.kind === 'surge' && s.flow !== undefined) ? 'the drilled load' : 'the peak';
      const before = out.length;
      for (const [id, byRegion] of Object.entries(p.metrics.capacity)) {
        for (const l of Object.values(byRegion)) {
          if (l.utilization < maxU) continue;
          out.push({
            status: 'fail',
            messageId: 'overloaded',
            data: {
              drill: d.title,
              component: id,
              region: l.region,
              utilization: pct(l.utilization),
              factor: Math.round((total / l.utilization) * 100) / 100,
              of,
            },
            path: ['components', id, 'replicas'],
            evidence: { breakingPoint: bp },
          });
        }
      }
      for (const e of p.exhausted) {
        out.push(poolExhaustedFinding(d.title, e, { breakingPoint: bp }));
      }
      out.push(...shedFindings(d, { breakingPoint: bp }));
      if (out.length === before) {
        const what = !bp
          ? 'nothing'
          : bp.kind === 'capacity'
            ? `${bp.component} in ${bp.region}`
            : bp.kind === 'pool'
              ? `${bp.component}'s pool ${bp.pool}`
              : `${bp.component}'s threads`;
        const f: Finding = {
          status: 'pass',
          messageId: 'headroom',
          data: { drill: d.title, what, factor: bp ? bp.factor : 'unbounded', of },
          path: [],
          evidence: { breakingPoint: bp },
        };
        if (bp) f.slack = Math.max(0, 1 - total / bp.factor);
        out.push(f);
      }
    }
    return out;
  },
});
