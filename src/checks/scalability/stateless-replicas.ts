// scalability/stateless-replicas: stateless tiers run at least two replicas in every region they serve.
import { defineCheck, type Finding } from '../types.js';

interface Options {
  /** Fewest replicas per region a stateless tier may run. */
  minReplicas: number;
}

const STATELESS_TIERS = new Set(['gateway', 'service', 'worker', 'load-balancer']);

export default defineCheck<Options>({
  meta: {
    id: 'scalability/stateless-replicas',
    topic: 'scalability',
    title: 'Run every stateless tier with at least two replicas per region',
    concept:
      'A stateless tier keeps nothing between requests, so any replica can serve any request: that is what makes it cheap to scale out and to survive the loss of one machine. ' +
      'A single replica throws that away: one crash, one deploy or one noisy host takes the whole tier down in that region, and the region with it.',
    computes:
      'For each gateway, service, worker and load balancer: its replicas per region (stated, or the default for its kind) against minReplicas.',
    sources: ['sdcoach'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minReplicas: { type: 'integer', minimum: 1, description: 'Fewest replicas per region a stateless tier may run. Default 2.' },
      },
    },
    defaults: { minReplicas: 2 },
    messages: {
      enough: '{{component}} runs {{replicas}} replicas in each of its regions ({{regions}})',
      tooFew:
        '{{component}} runs {{replicas}} replica per region ({{regions}}): one crash or deploy takes the {{kind}} down there; at least {{minReplicas}} are needed',
    },
    hints: {
      tooFew:
        "Ask what happens to this tier's region when its only replica restarts. Stateless replicas are interchangeable, so redundancy here is cheap: look at how many copies run per region.",
    },
  },
  run({ model, options }) {
    const out: Finding[] = [];
    for (const id of model.componentOrder) {
      const c = model.components[id]!;
      if (!STATELESS_TIERS.has(c.kind) || !c.regions.length) continue;
      const data = { component: id, kind: c.kind, replicas: c.replicas, regions: c.regions.join(', '), minReplicas: options.minReplicas };
      const evidence = { replicas: c.replicas, regions: c.regions, stated: c.explicit.includes('replicas') };
      if (c.replicas < options.minReplicas)
        out.push({ status: 'fail', messageId: 'tooFew', data, path: ['components', id, 'replicas'], evidence });
      else out.push({ status: 'pass', messageId: 'enough', data, path: ['components', id, 'replicas'], evidence });
    }
    return out;
  },
});
