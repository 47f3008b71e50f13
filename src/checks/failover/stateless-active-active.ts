// failover/stateless-active-active: stateless tiers run active in every region that serves users; there is nothing to promote.
import type { ComponentKind } from '../../specfile/types.js';
import { defineCheck, pct, type Finding } from '../types.js';

interface Options {
  /** Hold workers to the same rule as request-serving tiers. */
  includeWorkers: boolean;
}

const STATELESS_TIERS: readonly ComponentKind[] = ['cdn', 'load-balancer', 'gateway', 'service'];

export default defineCheck<Options>({
  meta: {
    id: 'failover/stateless-active-active',
    topic: 'failover',
    title: 'Run every stateless tier active in each region that serves users',
    concept:
      'A tier that keeps no state (gateways, load balancers, API services) has nothing to replicate and nothing to promote, so there is no reason to keep it passive: run it in every region and let routing send users to the nearest healthy one. ' +
      "Active-active for stateless tiers turns a region outage into lost capacity instead of lost service; the hard part of multi-region, the data, is handled separately by the stores' own failover.",
    computes:
      'Applies when the spec declares two or more regions. Each cdn, load balancer, gateway and service (and worker, with includeWorkers) must run in at least two regions (fail) and in every declared region that has users (warn).',
    sources: ['awsDr'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        includeWorkers: {
          type: 'boolean',
          description: 'Also require workers to run in every region (default false: a worker may follow its queue).',
        },
      },
    },
    defaults: { includeWorkers: false },
    messages: {
      everywhere: '{{component}} ({{kind}}) runs active in {{regions}}',
      singleRegion:
        '{{component}} ({{kind}}) runs only in {{region}} of {{count}} regions: a {{region}} outage stops every flow through it, though it holds no state to fail over',
      missingRegion:
        '{{component}} ({{kind}}) runs in {{regions}} but not in {{missing}}, where {{share}} of users are: they are served from farther away',
    },
    hints: {
      singleRegion:
        'This tier keeps no data, so a copy in another region needs no replication and no promotion. What would it take for the other regions to serve traffic through it the moment this one fails?',
      missingRegion:
        'Users in a region without this tier cross to another region on every request, and that region carries their load. Compare where users are with where the tier runs.',
    },
  },
  run({ model, options }) {
    if (model.regions.length < 2) return [];
    const kinds = new Set<ComponentKind>(options.includeWorkers ? [...STATELESS_TIERS, 'worker'] : STATELESS_TIERS);
    const served = model.regions.filter((r) => (model.users[r] ?? 0) > 0);
    const out: Finding[] = [];
    for (const id of model.componentOrder) {
      const c = model.components[id]!;
      if (!kinds.has(c.kind)) continue;
      const path = ['components', id, 'regions'];
      const evidence = { regions: c.regions, served, failover: c.failover?.mode };
      if (c.regions.length < 2) {
        out.push({
          status: 'fail',
          messageId: 'singleRegion',
          data: { component: id, kind: c.kind, region: c.regions[0] ?? '?', count: model.regions.length },
          path,
          evidence,
        });
        continue;
      }
      const missing = served.filter((r) => !c.regions.includes(r));
      if (missing.length) {
        const share = missing.reduce((a, r) => a + (model.users[r] ?? 0), 0);
        out.push({
          status: 'warn',
          messageId: 'missingRegion',
          data: { component: id, kind: c.kind, regions: c.regions.join(', '), missing: missing.join(', '), share: pct(share, 1) },
          path,
          evidence,
        });
      } else {
        out.push({
          status: 'pass',
          messageId: 'everywhere',
          data: { component: id, kind: c.kind, regions: c.regions.join(', ') },
          path,
          evidence,
        });
      }
    }
    return out;
  },
});
