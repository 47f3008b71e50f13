// cost/within-budget: the design runs within the problem's monthly budget at on-demand prices.
import type { ComponentCost, CostMetrics } from '../../analysis/metrics.js';
import { HOURS_PER_MONTH } from '../../data/cost.js';
import { TECH } from '../../data/tech.js';
import { count, defineCheck, pct, type Finding } from '../types.js';

interface Options {
  /** The monthly budget, USD; the check does not apply without one (a problem sets it). */
  maxMonthlyUsd?: number;
}

/** Dollars for messages: 1,313 for large amounts, 2.98 for small ones. */
export function usd(n: number): string {
  return n >= 100 ? count(n) : String(Math.round(n * 100) / 100);
}

/** How a component's cost is made: "2 x postgres 2xlarge (db.r6g.2xlarge) at $0.899/h in us-east". */
function describe(c: ComponentCost): string {
  if (!c.tech || !c.size) return 'not billed';
  const size = TECH[c.tech]!.sizes[c.size]!;
  const regions = Object.values(c.regions);
  const where = regions.length === 1 ? `in ${regions[0]!.region}` : `in each of ${regions.length} regions`;
  const parts: string[] = [];
  const replicas = regions[0]?.replicas ?? 0;
  if (size.usdPerHour > 0) parts.push(`${replicas} x ${c.tech} ${c.size} (${size.instance}) at $${size.usdPerHour}/h ${where}`);
  if (size.usdPerMillionRequests) {
    const rps = regions.reduce((a, r) => a + r.requestsPerS, 0);
    parts.push(`${count(rps)} requests/s at $${size.usdPerMillionRequests} per million`);
  }
  const mesh = regions.reduce((a, r) => a + r.meshUsdPerHour, 0);
  if (mesh > 0) parts.push(`mesh proxies $${usd(mesh)}/h`);
  return parts.join(' + ') + (c.basis === 'representative' ? `; no tech named, priced as its kind's representative ${c.tech}` : '');
}

function figures(cost: CostMetrics) {
  const top = cost.mostExpensiveComponent ? cost.components[cost.mostExpensiveComponent]! : undefined;
  const region = cost.mostExpensiveRegion ?? '-';
  return {
    top,
    data: {
      monthly: usd(cost.usdPerMonth),
      hourly: usd(cost.usdPerHour),
      hours: HOURS_PER_MONTH,
      component: top?.component ?? '-',
      componentMonthly: usd(top?.usdPerMonth ?? 0),
      componentShare: pct(cost.usdPerMonth > 0 ? (top?.usdPerMonth ?? 0) / cost.usdPerMonth : 0, 0),
      componentWhat: top ? describe(top) : 'nothing billed',
      region,
      regionMonthly: usd(cost.regions[region]?.usdPerMonth ?? 0),
    },
  };
}

export default defineCheck<Options>({
  meta: {
    id: 'cost/within-budget',
    topic: 'cost',
    title: 'Run the design within its monthly budget',
    concept:
      'Cost is a design constraint like latency or availability: every replica, region and proxy is billed every hour, whether or not it is needed. ' +
      'A design that meets its targets with four times the replicas it needs is not a better design but a more expensive one, and in an interview "what does this cost?" is a fair question. ' +
      "Size each tier from the load it carries (utilization, Little's law), and spend redundancy where the availability target needs it.",
    computes:
      'Per component and region (its regions and its failover standby region, whose nodes run waiting to be promoted), at on-demand list prices (src/data/tech.ts): replicas x the price per replica-hour of its tech and size, ' +
      'plus the requests/s that reach it there at peak x 3,600 / 1,000,000 x the price per million requests for services billed by use (SQS, S3, CloudFront, API Gateway; the peak rate makes this an upper bound, a month bills the average), ' +
      'plus replicas x the price per proxy-hour for a component with a mesh sidecar when patterns.mesh names its product. ' +
      "A component that names no tech is priced as its kind's representative (src/data/cost.ts: service, worker and gateway as app-server large, database and event-store as postgres large, cache as redis large, stream as kafka large, queue as sqs standard, search as opensearch large, load-balancer as alb, cdn as cloudfront, object-store as s3); clients and externals cost 0. " +
      'Monthly = hourly x 730 h. Fails when the monthly total is above maxMonthlyUsd; storage, data transfer and load-balancer capacity units are not counted.',
    sources: [
      'awsEc2Pricing',
      'awsRdsPricing',
      'elasticachePricing',
      'mskPricing',
      'sqsDocs',
      'openSearchPricing',
      's3Pricing',
      'cloudfrontPricing',
      'elbPricing',
      'apiGatewayDocs',
      'dynamoPricing',
      'istioSidecarCost',
      'awsMonthHours',
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxMonthlyUsd: {
          type: 'number',
          exclusiveMinimum: 0,
          description: "The monthly budget in USD (e.g. the reference design's cost x 1.3). Without it the check does not apply.",
        },
      },
    },
    defaults: {},
    messages: {
      within:
        'the design costs ${{monthly}} a month (${{hourly}}/h x {{hours}} h at on-demand prices), within the ${{budget}} budget ({{share}} of it); the most expensive component is {{component}} at ${{componentMonthly}} a month ({{componentWhat}}), the most expensive region {{region}} at ${{regionMonthly}}',
      overBudget:
        'the design costs ${{monthly}} a month (${{hourly}}/h x {{hours}} h at on-demand prices), ${{over}} over the ${{budget}} budget; the most expensive component is {{component}} at ${{componentMonthly}} a month, {{componentShare}} of the total ({{componentWhat}}), the most expensive region {{region}} at ${{regionMonthly}}',
    },
    hints: {
      overBudget:
        'Look at the most expensive component: how busy is each of its replicas at peak (sdcoach metrics shows utilization)? Size each tier from the load it carries and the availability it needs, and ask whether every region needs every tier.',
    },
  },
  run({ metrics, options }) {
    const budget = options.maxMonthlyUsd;
    if (budget === undefined) return [];
    const cost = metrics.cost;
    const { top, data } = figures(cost);
    const path = top ? ['components', top.component] : ['components'];
    const evidence = {
      usdPerHour: cost.usdPerHour,
      usdPerMonth: cost.usdPerMonth,
      budget,
      byComponent: Object.fromEntries(
        Object.values(cost.components)
          .filter((c) => c.usdPerMonth > 0)
          .map((c) => [c.component, c.usdPerMonth]),
      ),
      byRegion: Object.fromEntries(Object.entries(cost.regions).map(([r, v]) => [r, v.usdPerMonth])),
    };
    const f: Finding =
      cost.usdPerMonth > budget
        ? {
            status: 'fail',
            messageId: 'overBudget',
            data: { ...data, budget: usd(budget), over: usd(cost.usdPerMonth - budget) },
            path,
            evidence,
          }
        : {
            status: 'pass',
            messageId: 'within',
            data: { ...data, budget: usd(budget), share: pct(cost.usdPerMonth / budget, 0) },
            path,
            evidence,
            slack: (budget - cost.usdPerMonth) / budget,
          };
    return [f];
  },
});
