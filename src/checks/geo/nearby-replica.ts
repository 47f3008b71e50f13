// geo/nearby-replica: users in every region read from a copy of the data near them.
import { MEASURED_RTT_MS } from '../../data/figures.js';
import { rttMs } from '../../specfile/lookups.js';
import type { ModelComponent } from '../../specfile/model.js';
import { defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** Largest round trip from the users' region to the copy that serves their reads. */
  maxRttMs: number;
}

const SAME_AREA_MS = MEASURED_RTT_MS['eu-west']!['eu-central']!;
const CROSS_OCEAN_MS = MEASURED_RTT_MS['us-east']!['eu-west']!;

/** The first hop that can answer from a copy of the data: a CDN edge or a stateful component (cache, replica, index). */
function holdsData(c: ModelComponent | undefined): boolean {
  return !!c && (c.stateful || c.kind === 'cdn');
}

/**
 * A store placed in several regions with replication none holds a separate data set in each: the copy
 * near the user has only what was written there, so it is not a replica of the data. Caches refill from
 * the store behind them, and a store that homes each key in one region (failover.conflict: home-region)
 * says its users' data is written, and so read, in their region.
 */
function separateDataSets(c: ModelComponent): boolean {
  return c.kind !== 'cache' && c.replication?.mode === 'none' && c.regions.length > 1 && c.failover?.conflict !== 'home-region';
}

export default defineCheck<Options>({
  meta: {
    id: 'geo/nearby-replica',
    topic: 'geo',
    title: "Serve every region's reads from a replica near its users",
    concept:
      'A read is only as fast as the trip to the data it needs. Placing a read replica, a cache or a CDN edge in or next to each user region turns an ocean crossing into a round trip inside one region; ' +
      'the price is that the copy is a little behind the primary. For most reads that trade is right, which is why globally distributed systems keep copies near their users.',
    computes:
      "For each read flow and origin region, the route picks each hop's nearest deployment from the previous hop's region; the first hop holding a copy of the data (a CDN edge or a stateful component: cache, database, index, ...) is the copy that serves the read. " +
      "Its region's round trip from the origin (Azure P50 table, 0.5 ms within a region) is compared with maxRttMs. " +
      'A store (not a cache) in several regions with replication none is not a replica: each region holds a separate data set, so it fails unless it homes each key in one region (failover.conflict: home-region).',
    sources: ['azureRtt', 'deanNorvig'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxRttMs: {
          type: 'number',
          minimum: 0,
          description: `Largest round trip (ms) from the users' region to the copy serving their reads. The default 30 allows a neighbouring region of the same area (eu-west/eu-central ${SAME_AREA_MS} ms) but not an ocean crossing (us-east/eu-west ${CROSS_OCEAN_MS} ms).`,
        },
      },
    },
    defaults: { maxRttMs: 30 },
    messages: {
      nearby: '{{flow}}: every origin reads {{store}} within {{rtt}} ms (farthest: {{origin}} -> {{region}}), limit {{max}} ms',
      farReplica: '{{flow}}: {{origin}} users read {{store}} in {{region}}, {{rtt}} ms away (limit {{max}} ms)',
      notReplica:
        '{{flow}} reads {{store}} in {{regions}}, but with replication none each region holds a separate data set: the copy near a user has only what was written in that region, so it is not a replica of the data',
    },
    hints: {
      farReplica:
        'Which copies of this data exist, and in which regions? A read is routed to the nearest copy reachable from the tier before it, so both the store and the tiers in front of it need to be present near these users. Ask what staleness these reads can accept.',
      notReplica:
        'Being placed in a region is not the same as having the data there. How does a write made in one region reach the copies in the others? If each key really lives in one home region, say so; otherwise the copies need replication.',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    for (const f of Object.values(metrics.flows)) {
      // A strongly consistent read must reach the writer (or a synchronous copy), wherever it is:
      // geo/strong-read-source judges it, and the latency budget prices it.
      if (f.kind !== 'read' || f.consistency === 'strong') continue;
      const served: { origin: string; store: string; region: string; rtt: number }[] = [];
      const notReplicas = new Set<string>();
      for (const o of Object.values(f.origins)) {
        const hop = o.hops.find((h) => holdsData(model.components[h.component]) && h.region !== undefined);
        if (!hop) continue;
        const c = model.components[hop.component]!;
        if (separateDataSets(c)) {
          if (!notReplicas.has(c.id)) {
            notReplicas.add(c.id);
            out.push({
              status: 'fail',
              messageId: 'notReplica',
              data: { flow: f.name, store: c.id, regions: c.regions.join(', ') },
              path: c.explicit.includes('replication') ? ['components', c.id, 'replication'] : ['components', c.id],
              evidence: { replication: 'none', regions: c.regions },
            });
          }
          continue;
        }
        const rtt = rttMs(model, o.origin, hop.region!);
        if (rtt === undefined) continue;
        served.push({ origin: o.origin, store: hop.component, region: hop.region!, rtt });
      }
      if (!served.length || notReplicas.size) continue;
      const evidence = {
        maxRttMs: options.maxRttMs,
        byOrigin: Object.fromEntries(served.map((s) => [s.origin, { store: s.store, region: s.region, rttMs: s.rtt }])),
      };
      const far = served.filter((s) => s.rtt > options.maxRttMs).sort((a, b) => b.rtt - a.rtt);
      for (const s of far) {
        out.push({
          status: 'fail',
          messageId: 'farReplica',
          data: { flow: f.name, origin: s.origin, store: s.store, region: s.region, rtt: ms(s.rtt), max: options.maxRttMs },
          path: ['components', s.store, 'regions'],
          evidence,
        });
      }
      if (!far.length) {
        const worst = served.reduce((a, b) => (b.rtt > a.rtt ? b : a), served[0]!);
        out.push({
          status: 'pass',
          messageId: 'nearby',
          data: { flow: f.name, store: worst.store, rtt: ms(worst.rtt), origin: worst.origin, region: worst.region, max: options.maxRttMs },
          path: ['flows', f.name],
          evidence,
        });
      }
    }
    return out;
  },
});
