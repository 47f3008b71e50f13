// bulkhead/rate-limit-protects: at a surge, no tier behind a gateway (or load balancer) saturates. The
// gateway sheds what the tiers behind cannot serve with a rate limit (HTTP 429); without one, or with one
// above what they can serve, the surge reaches them and their queues grow without bound.
import { analyse } from '../../analysis/analyse.js';
import { SURGE_FACTOR } from '../../analysis/capacity.js';
import { surge } from '../../analysis/drills/transform.js';
import type { Metrics } from '../../analysis/metrics.js';
import type { Model } from '../../specfile/model.js';
import { defineCheck, count, pct, type Finding } from '../types.js';

const FRONT_DOORS: ReadonlySet<string> = new Set(['gateway', 'load-balancer']);

interface Behind {
  gateway: string;
  gatewayRegion: string;
  component: string;
  region: string;
}

/** Every (front door, region) -> (component, region) pair where the component is called behind it on some flow, at the surged load. */
function behindPairs(model: Model, m: Metrics): Behind[] {
  const out = new Map<string, Behind>();
  for (const f of Object.values(m.flows))
    for (const o of Object.values(f.origins)) {
      let door: { id: string; region: string } | undefined;
      for (const h of o.hops) {
        const c = model.components[h.component];
        if (!c || h.region === undefined) continue;
        if (FRONT_DOORS.has(c.kind)) {
          door ??= { id: h.component, region: h.region };
          continue;
        }
        if (door && c.kind !== 'client' && c.kind !== 'external') {
          const key = `${door.id}\u0000${door.region}\u0000${h.component}\u0000${h.region}`;
          out.set(key, { gateway: door.id, gatewayRegion: door.region, component: h.component, region: h.region });
        }
      }
    }
  return [...out.values()];
}

interface Options {
  /** Also fail a front door with no limit even when the surge factor does not saturate what is behind it (a retry storm has no upper bound). */
  requireLimit: boolean;
}

export default defineCheck<Options>({
  meta: {
    id: 'bulkhead/rate-limit-protects',
    topic: 'bulkhead',
    title: 'Shed a surge at the front door before it saturates the tiers behind',
    concept:
      'A surge (a launch, a retry storm, a bot) multiplies the load on every tier a request passes through. ' +
      'A rate limit at the gateway is a bulkhead between the internet and the system: it admits what the tiers behind can serve and rejects the rest at once (HTTP 429, cheap and fast), so those tiers stay below saturation and the admitted users are served in time. ' +
      'Without one, or with one set above what the weakest tier behind can serve, the surge reaches that tier, its queue grows without bound, and every user waits, not only the excess.',
    computes:
      "Re-runs the analysis with every flow's rate multiplied by the surge factor (the problem's, else 2), rate limits applied (analysis/rate-limit.ts). For each component called behind a gateway or load balancer on some flow: its utilization per region at the surge. Fails where it reaches 100 %, naming the front door, whether it has a limit, and the limit that would protect it: what the front door admits there at the surge / the component's surge utilization (exact when all of the component's load passes through that front door). Passes per front door with the busiest tier behind it.",
    sources: ['rfc6585', 'erlangC', 'sdcoach'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requireLimit: {
          type: 'boolean',
          description:
            'Also fail a gateway or load balancer without a rate limit when the surge does not saturate what is behind it: over-provisioning for one surge factor is not a bound (default false).',
        },
      },
    },
    defaults: { requireLimit: false },
    messages: {
      protected:
        'at a {{factor}}x surge every tier behind {{gateway}} stays below 100 % (busiest: {{busiest}} in {{region}} at {{utilization}}){{limited}}',
      unprotected:
        'at a {{factor}}x surge {{component}} in {{region}} runs at {{utilization}} behind {{gateway}} ({{gatewayRegion}}), which has no rate limit: a limit of at most {{protect}} req/s at {{gateway}} there would keep it below 100 % ({{admitted}} req/s reach it at the surge)',
      noLimit:
        '{{gateway}} has no rate limit: {{component}} behind it reaches 100 % at {{breaks}}x the peak ({{region}}), and nothing bounds a larger surge',
      limitTooHigh:
        'at a {{factor}}x surge {{component}} in {{region}} runs at {{utilization}} behind {{gateway}} ({{gatewayRegion}}), whose limit of {{limit}} req/s ({{per}}) admits more than it can serve: at most {{protect}} req/s there would keep it below 100 %',
    },
    hints: {
      noLimit:
        'Capacity sized for one surge is a bet on the size of the next one. A rate limit is a bound: whatever arrives, the tiers behind see at most the limit. Give the gateway a rate_limit between the normal peak and what the weakest tier behind can serve.',
      unprotected:
        'What stops a surge at the front door today? Give the gateway a rate_limit sized from what the weakest tier behind it can serve (and above the normal peak, see bulkhead/rate-limit-headroom): the excess is rejected with HTTP 429 instead of queueing everywhere.',
      limitTooHigh:
        'A limit protects only what it is sized for. Take the weakest tier behind the gateway: what it can serve at 100 %, in requests at the gateway, is the most the limit may admit. Lower the limit (still above the normal peak), or add capacity to that tier.',
    },
  },
  run({ model, options }) {
    const factor = model.surgeFactor ?? SURGE_FACTOR;
    const base = analyse(model);
    if (!behindPairs(model, base).length) return [];
    const m = analyse(surge(model, factor));
    const pairs = behindPairs(model, m);
    const out: Finding[] = [];
    const failedDoors = new Set<string>();
    const reported = new Set<string>();
    for (const p of pairs) {
      const load = m.capacity[p.component]?.[p.region];
      if (!load || load.utilization < 1) continue;
      const key = `${p.component}\u0000${p.region}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const door = model.components[p.gateway]!;
      const limit = m.rateLimits?.[p.gateway]?.[p.gatewayRegion];
      const admitted = limit ? limit.admittedRps : (m.capacity[p.gateway]?.[p.gatewayRegion]?.rate ?? 0);
      const protect = Math.floor(admitted / load.utilization);
      failedDoors.add(p.gateway);
      const common = {
        factor,
        component: p.component,
        region: p.region,
        utilization: pct(load.utilization, 1),
        gateway: p.gateway,
        gatewayRegion: p.gatewayRegion,
        protect: count(protect),
      };
      out.push(
        door.rateLimit
          ? {
              status: 'fail',
              messageId: 'limitTooHigh',
              data: {
                ...common,
                limit: count(door.rateLimit.rps),
                per: door.rateLimit.per === 'global' ? 'shared by every region' : 'per region',
              },
              path: ['components', p.gateway, 'rate_limit', 'rps'],
              evidence: { surgeUtilization: load.utilization, admittedRps: admitted, protectRps: protect },
            }
          : {
              status: 'fail',
              messageId: 'unprotected',
              data: { ...common, admitted: count(admitted) },
              path: ['components', p.gateway],
              evidence: { surgeUtilization: load.utilization, admittedRps: admitted, protectRps: protect },
            },
      );
    }
    const doors = [...new Set(pairs.map((p) => p.gateway))];
    for (const g of doors) {
      if (failedDoors.has(g)) continue;
      let busiest: { component: string; region: string; u: number } | undefined;
      for (const p of pairs) {
        if (p.gateway !== g) continue;
        const u = m.capacity[p.component]?.[p.region]?.utilization ?? 0;
        if (!busiest || u > busiest.u) busiest = { component: p.component, region: p.region, u };
      }
      if (!busiest) continue;
      const door = model.components[g]!;
      if (options.requireLimit && !door.rateLimit && busiest.u > 0) {
        // No limit: load behind grows with the surge, so the busiest tier breaks at factor / its surge utilization.
        out.push({
          status: 'fail',
          messageId: 'noLimit',
          data: { gateway: g, component: busiest.component, region: busiest.region, breaks: Math.round((factor / busiest.u) * 100) / 100 },
          path: ['components', g],
          evidence: { surgeUtilization: busiest.u },
        });
        continue;
      }
      out.push({
        status: 'pass',
        messageId: 'protected',
        data: {
          factor,
          gateway: g,
          busiest: busiest.component,
          region: busiest.region,
          utilization: pct(busiest.u, 1),
          limited: door.rateLimit ? `; its limit of ${count(door.rateLimit.rps)} req/s sheds the rest` : '',
        },
        path: ['components', g],
        slack: 1 - busiest.u,
      });
    }
    return out;
  },
});
