// latency/data-locality: no user region misses its budget because the data it needs sits in a far region.
import type { HopLatency, OriginLatency } from '../../analysis/metrics.js';
import type { Model } from '../../specfile/model.js';
import type { SpecPath } from '../../specfile/diagnostic.js';
import { areaOf } from '../../specfile/regions.js';
import { defineCheck, ms, pct, type Finding } from '../types.js';

interface Options {
  /** Share of a flow's p99 spent on the network above which the check warns, even within budget. */
  maxNetworkShare: number;
}

/** The single largest cost of an origin's p99: a hop's network round trip, its processing, or its replication wait. */
function largestCost(l: OriginLatency): { hop: HopLatency; part: 'network' | 'processing' | 'replication'; v: number } | undefined {
  let best: { hop: HopLatency; part: 'network' | 'processing' | 'replication'; v: number } | undefined;
  for (const hop of l.hops) {
    if (hop.offCriticalPath) continue; // a parallel branch the flow does not wait for at p99
    for (const [part, v] of [
      ['network', hop.networkMs],
      ['processing', hop.processing.p99],
      ['replication', hop.replicationMs],
    ] as const) {
      if (!best || v > best.v) best = { hop, part, v };
    }
  }
  return best;
}

/** A round trip that leaves the caller's region to reach a stateful component. */
function isFarDataHop(model: Model, hop: HopLatency): boolean {
  const c = model.components[hop.component];
  return !!c?.stateful && hop.region !== undefined && hop.region !== hop.from;
}

/**
 * The store behind a cross-region crossing: when the largest cost is a round trip that leaves the users'
 * continent, whichever component sits at it (a store, or a service in front of one), the first store served
 * at or after that hop in a region on another continent than the origin.
 */
function farStoreBehind(model: Model, o: OriginLatency, hop: HopLatency): HopLatency | undefined {
  if (hop.region === undefined || hop.region === hop.from || areaOf(hop.region) === areaOf(o.origin)) return undefined;
  return o.hops
    .slice(o.hops.indexOf(hop))
    .find((h) => model.components[h.component]?.stateful && h.region !== undefined && areaOf(h.region) !== areaOf(o.origin));
}

/** Where the learner moves the data: the store's primary when the write was pinned there, else its regions. */
function storePath(model: Model, hop: HopLatency): SpecPath {
  const c = model.components[hop.component]!;
  if ((hop.reason === 'primary' || hop.reason === 'leader') && c.explicit.includes('primary')) return ['components', c.id, 'primary'];
  // Read from the one copy its writes reach: replicating the store fills the others.
  if (hop.reason === 'written' && c.explicit.includes('replication')) return ['components', c.id, 'replication'];
  return ['components', c.id, 'regions'];
}

function networkShare(o: OriginLatency): number {
  return o.p99 > 0 ? o.networkMs / o.p99 : 0;
}

export default defineCheck<Options>({
  meta: {
    id: 'latency/data-locality',
    topic: 'latency',
    title: 'Keep the data each region needs close enough that no region misses its budget',
    concept:
      'Moving the stateless tiers next to the users is not enough: if the database they call is on another continent, every request still pays that round trip, and light in fibre does not get faster. ' +
      'Geo-distribution means placing data where it is used, with read replicas or per-region home data, so the long hops leave the request path. ' +
      "When most of a request's time is spent on the wire, the design, not the code, sets its latency.",
    computes:
      'For each flow that touches a stateful component and each origin region: the p99 latency and its hop breakdown (see latency/flow-budget). ' +
      'An origin over its p99 budget fails when its largest single cost is a round trip from one region to a store in another, ' +
      "or a round trip that leaves the users' continent on the way to a store there, whichever component (a service in front of the store) the crossing lands on. " +
      'Network share = (round trips + replica/quorum waits) / p99; the worst origin is compared with maxNetworkShare.',
    sources: ['azureRtt', 'deanNorvig'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxNetworkShare: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: "Warn when network time is more than this share of a flow's p99, even within budget (0.5 = half).",
        },
      },
    },
    defaults: { maxNetworkShare: 0.5 },
    messages: {
      local:
        '{{flow}}: at most {{share}} of p99 is network ({{network}} of {{latency}} ms from {{origin}}); no region waits on distant data',
      farData:
        "{{flow}} p99 from {{origin}} is {{latency}} ms, budget {{budget}} ms: {{origin}} users' {{kind}}s cross {{rtt}} ms to {{region}} {{store}}{{pinned}}",
      farDataBehind:
        "{{flow}} p99 from {{origin}} is {{latency}} ms, budget {{budget}} ms: {{origin}} users' {{kind}}s cross {{rtt}} ms {{from}} -> {{region}} at {{component}}, on the way to {{store}} in {{storeRegion}}, another continent: moving only {{component}} would leave the crossing in front of {{store}}",
      networkHeavy:
        '{{flow}} from {{origin}} spends {{network}} of its {{latency}} ms p99 on the network ({{share}}, limit {{max}}); the largest round trip is {{rtt}} ms {{from}} -> {{region}} to {{component}}',
    },
    hints: {
      farData:
        'A round trip between continents costs more than everything else on the path together. Ask which region holds the data these users touch, and whether a copy (a read replica, or their rows homed in their own region) could live next to them. For writes, think about where the single writer is and whether it has to be.',
      farDataBehind:
        'The long round trip is charged to the service, but it is there because the data is far away: the service sits next to its store. Ask where the data these users touch lives, and whether a copy of it (a replica, or their rows homed near them) could live on their continent, with the service beside it.',
      networkHeavy:
        "Most of this request is time on the wire, so faster code will barely move it. Follow the hops region by region (sdcoach grade --format json) and look for a call that leaves the users' region and could be answered from one nearby.",
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    for (const f of Object.values(metrics.flows)) {
      const flow = model.flows[f.name];
      if (!flow || !flow.path.some((id) => model.components[id]?.stateful)) continue;
      // An unbounded origin (a queue at or above 100 %) is latency/flow-budget's to report: no round trip explains it.
      const origins = Object.values(f.origins).filter((o) => Number.isFinite(o.p99));
      if (!origins.length) continue;
      const budget = f.budget.p99;
      const failed = new Set<string>();
      for (const o of origins) {
        if (budget === undefined || o.p99 <= budget) continue;
        const cost = largestCost(o);
        if (!cost || cost.part !== 'network') continue;
        if (!isFarDataHop(model, cost.hop)) {
          // The crossing sits in front of a service, but it is on the way to a store on another continent.
          const store = farStoreBehind(model, o, cost.hop);
          if (!store) continue;
          failed.add(o.origin);
          out.push({
            status: 'fail',
            messageId: 'farDataBehind',
            data: {
              flow: f.name,
              origin: o.origin,
              latency: ms(o.p99),
              budget,
              kind: f.kind,
              rtt: ms(cost.v),
              from: cost.hop.from,
              region: cost.hop.region!,
              component: cost.hop.component,
              store: store.component,
              storeRegion: store.region!,
            },
            path: ['components', cost.hop.component, 'regions'],
            evidence: {
              budget,
              p99: o.p99,
              networkMs: o.networkMs,
              crossing: cost.hop.component,
              store: store.component,
              hops: o.hops.map((h) => ({ component: h.component, from: h.from, region: h.region, networkMs: h.networkMs })),
            },
          });
          continue;
        }
        failed.add(o.origin);
        out.push({
          status: 'fail',
          messageId: 'farData',
          data: {
            flow: f.name,
            origin: o.origin,
            latency: ms(o.p99),
            budget,
            kind: f.kind,
            rtt: ms(cost.v),
            region: cost.hop.region!,
            store: cost.hop.component,
            pinned:
              cost.hop.reason === 'primary'
                ? ' (its single write primary)'
                : cost.hop.reason === 'leader'
                  ? ' (its consensus leader)'
                  : cost.hop.reason === 'written'
                    ? ' (the nearest copy its writes reach: with replication none the others stay empty)'
                    : '',
          },
          path: storePath(model, cost.hop),
          evidence: {
            budget,
            p99: o.p99,
            networkMs: o.networkMs,
            hops: o.hops.map((h) => ({
              component: h.component,
              from: h.from,
              region: h.region,
              networkMs: h.networkMs,
              processing: h.processing.p99,
              replicationMs: h.replicationMs,
            })),
          },
        });
      }
      const rest = origins.filter((o) => !failed.has(o.origin));
      if (!rest.length) continue;
      const worst = rest.reduce((a, b) => (networkShare(b) > networkShare(a) ? b : a), rest[0]!);
      const share = networkShare(worst);
      const evidence = {
        maxNetworkShare: options.maxNetworkShare,
        byOrigin: Object.fromEntries(origins.map((o) => [o.origin, { networkMs: o.networkMs, p99: o.p99, share: networkShare(o) }])),
      };
      if (share > options.maxNetworkShare) {
        const longest = worst.hops.reduce((a, b) => (b.networkMs > a.networkMs ? b : a), worst.hops[0]!);
        out.push({
          status: 'warn',
          messageId: 'networkHeavy',
          data: {
            flow: f.name,
            origin: worst.origin,
            network: `${ms(worst.networkMs)} ms`,
            latency: ms(worst.p99),
            share: pct(share, 1),
            max: pct(options.maxNetworkShare, 1),
            rtt: ms(longest.networkMs),
            from: longest.from,
            region: longest.region ?? '?',
            component: longest.component,
          },
          path: ['components', longest.component, 'regions'],
          evidence,
        });
      } else if (!failed.size) {
        out.push({
          status: 'pass',
          messageId: 'local',
          data: { flow: f.name, share: pct(share, 1), network: `${ms(worst.networkMs)} ms`, latency: ms(worst.p99), origin: worst.origin },
          path: ['flows', f.name],
          evidence,
        });
      }
    }
    return out;
  },
});
