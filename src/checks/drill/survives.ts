// drill/survives: after the drilled fault (a lost region, typically) the design settles with every flow
// served, within a multiple of its p99 budget, no tier at or over capacity, and no more data lost than the RPO.
import { DEFAULT_FAILOVER, DNS_TTL_S } from '../../data/figures.js';
import { DRILL_BUDGET_SLACK } from '../../analysis/drills/run.js';
import { defineCheck, ms, type Finding } from '../types.js';
import { DRILLS_OPTIONS_SCHEMA, pct, poolExhaustedFinding, drillsThatRan, shedFindings, type DrillsOptions } from './drills.js';

export default defineCheck<DrillsOptions>({
  meta: {
    id: 'drill/survives',
    topic: 'drill',
    title: 'Survive the drill: once it settles, every flow served in budget, no tier over capacity, data loss within the RPO',
    concept:
      "Replicas in a second region are not a plan until the surviving region can carry the whole load. When a region is lost, health checks notice it, DNS moves its users to the survivors, stores are promoted, and the survivors then serve everyone: their utilization grows by the lost region's share, their users pay a longer round trip, and every tier, pool and store there must have the room. " +
      'Writes acknowledged but not yet replicated are lost with the region (the RPO); a store with no copy elsewhere loses everything since its backup.',
    computes:
      `The drill runs the scenarios on the Model (sdcoach drill): for a lost region, detection (health checks, default ${DEFAULT_FAILOVER.detectS} s), steering (DNS TTL, default ${DNS_TTL_S} s), each store's promotion at its RTO, then the steady state, each phase measured by the same analysis. ` +
      `Judged on the steady state: each flow's share of failed requests must be 0 and its p99 within p99Factor (default ${DRILL_BUDGET_SLACK}) x its budget; no component in any region may reach maxUtilization (default 100 %), no pool or thread budget may run out (Little's law); no flow may have more than maxRejectedShare (default 0) of its requests turned away by rate limits (429s keep the tiers up but serve no one); each lost store's RPO must be within rpoS (default requirements.rpo_s).`,
    sources: ['awsDr', 'route53HealthChecks', 'route53Ttl', 'hystrix'],
    optionsSchema: DRILLS_OPTIONS_SCHEMA,
    defaults: { drills: [] },
    messages: {
      survives:
        'after {{drill}} the design settles healthy: every flow served within {{factor}}x budget (worst {{flow}} at {{ratio}}x), busiest {{component}} in {{region}} at {{utilization}}',
      notServed: 'after {{drill}}, {{flow}} still fails for {{share}} of its requests: {{why}}',
      overBudget: 'after {{drill}}, {{flow}} has p99 {{p99}} ms, over {{factor}}x its {{budget}} ms budget',
      overloaded: 'after {{drill}}, {{component}} in {{region}} runs at {{utilization}} of its capacity{{store}}: {{why}}',
      poolExhausted:
        "after {{drill}}, {{service}} needs {{demand}} threads for {{what}} but has {{size}} (Little's law: calls/s x time held)",
      dataLoss:
        "losing {{region}} loses {{loss}} of {{store}}'s acknowledged writes ({{replication}} replication), more than the {{target}} s RPO",
      badDrill: 'the drill {{drill}} cannot run on this design: {{why}}',
      shed: 'after {{drill}}, {{flow}} turns away {{share}} of its requests with 429s at {{limiters}} (the drill allows {{allowed}}): the tiers behind stay up, but those users are not served',
    },
    hints: {
      notServed:
        'Follow the timeline with sdcoach drill: which component has no surviving copy, or which store never gets a new writer? Think about where a copy that can take over would live and what promotes it.',
      overBudget:
        "The lost region's users now cross an ocean, and the survivors queue more work. Which hop dominates their new p99, and is there a closer surviving region it could be served from?",
      overloaded:
        "A survivor must carry its own peak plus the lost region's. Size each tier for the worst single-region loss (N+1 regions), not for its own share of the normal peak.",
      poolExhausted:
        'More requests per replica, each held as long as before, need proportionally more threads (L = λW). More replicas in the survivors, or bigger pools, restore the room.',
      dataLoss:
        'RPO is the writes the other copies have not yet received. How does this store ship its writes, and what would it cost the write path to wait for a second region?',
      badDrill: 'Check the scenario names against the spec: sdcoach drill <spec> --scenario ... lists what it knows.',
      shed: 'A rate limit protects the tiers behind it by refusing users. Can the design serve them instead: the surviving tiers sized for the extra load, and the limit set above what the drill brings?',
    },
  },
  run({ model, options }) {
    const out: Finding[] = [];
    for (const d of drillsThatRan(model, options.drills, out)) {
      const { result } = d;
      const p = result.final;
      const factor = d.spec.p99Factor ?? DRILL_BUDGET_SLACK;
      const maxU = d.spec.maxUtilization ?? 1;
      const before = out.length;
      const evidence = {
        drill: d.title,
        phases: result.phases.map((x) => ({ name: x.name, fromS: x.fromS, toS: x.toS, healthy: x.healthy })),
      };
      let worst: { flow: string; ratio: number } | undefined;
      for (const f of Object.values(p.flows)) {
        const path = ['flows', f.name];
        if (f.errorShare > 0) {
          const why = [...new Set(f.failures.map((x) => x.why))].join('; ');
          out.push({
            status: 'fail',
            messageId: 'notServed',
            data: { drill: d.title, flow: f.name, share: pct(f.errorShare), why },
            path,
            evidence,
          });
          continue;
        }
        // An unbounded p99 from a tier over the limit is reported once, as that tier's overload.
        const covered = f.overloadedBy !== undefined && f.overloadedBy.utilization >= maxU;
        if (!covered && f.budgetP99 !== undefined && f.p99 !== null && (!Number.isFinite(f.p99) || f.p99 > factor * f.budgetP99)) {
          out.push({
            status: 'fail',
            messageId: 'overBudget',
            data: { drill: d.title, flow: f.name, p99: ms(f.p99), factor, budget: f.budgetP99 },
            path: [...path, 'budget_ms'],
            evidence,
          });
        }
        if (f.budgetRatio !== undefined && (!worst || f.budgetRatio > worst.ratio)) worst = { flow: f.name, ratio: f.budgetRatio };
      }
      for (const [id, byRegion] of Object.entries(p.metrics.capacity)) {
        const c = model.components[id]!;
        for (const l of Object.values(byRegion)) {
          if (p.down.includes(l.region) || l.utilization < maxU) continue;
          out.push({
            status: 'fail',
            messageId: 'overloaded',
            data: {
              drill: d.title,
              component: id,
              region: l.region,
              utilization: pct(l.utilization),
              store: c.stateful ? ' (a store: add replicas or capacity there)' : '',
              // Only at 100 % and more does the queue grow without bound; below, the tier is over the drill's limit.
              why: l.utilization >= 1 ? 'requests queue without bound' : `above the ${pct(maxU)} this drill allows`,
            },
            path: ['components', id, 'replicas'],
            evidence,
          });
        }
      }
      for (const e of p.exhausted) {
        out.push(poolExhaustedFinding(d.title, e, evidence));
      }
      const target = d.spec.rpoS ?? model.requirements.rpoS;
      if (target !== undefined) {
        for (const l of result.dataLoss) {
          if (l.rpoS !== null && l.rpoS <= target) continue;
          out.push({
            status: 'fail',
            messageId: 'dataLoss',
            data: {
              drill: d.title,
              region: l.region,
              store: l.store,
              loss: l.rpoS === null ? 'everything since the last backup' : `${l.rpoS} s`,
              replication: l.replication,
              target,
            },
            path: ['components', l.store, 'replication'],
            evidence,
          });
        }
      }
      out.push(...shedFindings(d, evidence));
      if (out.length === before) {
        const busiest = p.busiest;
        const finding: Finding = {
          status: 'pass',
          messageId: 'survives',
          data: {
            drill: d.title,
            factor,
            flow: worst?.flow ?? '-',
            ratio: worst ? String(worst.ratio) : '-',
            component: busiest?.component ?? '-',
            region: busiest?.region ?? '-',
            utilization: busiest ? pct(busiest.utilization) : '-',
          },
          path: [],
          evidence,
        };
        if (busiest) finding.slack = Math.max(0, 1 - busiest.utilization / maxU);
        out.push(finding);
      }
    }
    return out;
  },
});
