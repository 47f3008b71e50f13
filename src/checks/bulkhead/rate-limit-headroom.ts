// bulkhead/rate-limit-headroom: a rate limit must admit the normal peak. A limit below the legitimate load
// rejects real users every day (HTTP 429) to protect against a surge that has not happened.
import { defineCheck, count, pct, type Finding } from '../types.js';

export default defineCheck({
  meta: {
    id: 'bulkhead/rate-limit-headroom',
    topic: 'bulkhead',
    title: 'Set every rate limit above the normal peak',
    concept:
      'A rate limit at the front door is a bulkhead for the whole system: what it rejects (HTTP 429) never reaches the tiers behind, so a surge cannot saturate them. ' +
      'It is only a safety valve if it stays shut at the normal peak: a limit below the legitimate load turns away paying users every day, and retries from rejected clients add to the load it was meant to shed.',
    computes:
      "For each gateway or load balancer with rate_limit, per region (per: region) or across every region (per: global): the requests/s arriving at peak (every flow's rate through it from each origin, after the caches before it), against the limit. Fails where the limit rejects any of the normal peak, naming the arrivals, the limit and the share rejected; passes with the share of the limit the peak uses.",
    sources: ['rfc6585'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      admits:
        '{{component}} in {{region}} admits the normal peak: {{arriving}} req/s arrive, {{used}} of its {{limit}} req/s limit ({{per}})',
      rejectsPeak:
        '{{component}} in {{region}} rejects {{rejected}} req/s ({{share}}) at the normal peak: {{arriving}} req/s arrive and its limit admits {{limit}} ({{per}}), so legitimate users get HTTP 429',
    },
    hints: {
      rejectsPeak:
        'Who is being rejected: a surge, or your ordinary evening peak? A limit is sized from the peak you expect plus headroom (and from what the tiers behind can serve), not below it. If the tiers behind cannot take the normal peak, scale them; the limit is for what lies beyond.',
    },
  },
  run({ metrics }) {
    const out: Finding[] = [];
    for (const [id, byRegion] of Object.entries(metrics.rateLimits ?? {})) {
      for (const l of Object.values(byRegion)) {
        const arriving = l.globalArrivingRps ?? l.arrivingRps;
        const per = l.per === 'global' ? 'shared by every region' : 'per region';
        const region = l.per === 'global' ? `${l.region} (with every other region)` : l.region;
        const path = ['components', id, 'rate_limit', 'rps'];
        const evidence = { arrivingRps: arriving, limitRps: l.limitRps, rejectedRps: l.rejectedRps };
        if (l.rejectedRps > 0)
          out.push({
            status: 'fail',
            messageId: 'rejectsPeak',
            data: {
              component: id,
              region,
              rejected: count(l.rejectedRps),
              share: pct(l.rejectedShare, 2),
              arriving: count(arriving),
              limit: count(l.limitRps),
              per,
            },
            path,
            evidence,
          });
        else
          out.push({
            status: 'pass',
            messageId: 'admits',
            data: { component: id, region, arriving: count(arriving), used: pct(arriving / l.limitRps, 1), limit: count(l.limitRps), per },
            path,
            evidence,
            slack: 1 - arriving / l.limitRps,
          });
        if (l.per === 'global') break; // one counter: one finding
      }
    }
    return out;
  },
});
