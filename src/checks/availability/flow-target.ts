// availability/flow-target: every flow is available at least as often as its target, counting every serial hop.
import { allOf, majorityOf, redundant } from '../../analysis/availability.js';
import {
  DEFAULT_EXTERNAL_AVAILABILITY,
  DEFAULT_REGIONAL_AVAILABILITY,
  MINUTES_PER_MONTH,
  REGION_FATE_AVAILABILITY,
  REPLICA_AVAILABILITY,
} from '../../data/figures.js';
import type { FlowAvailabilityHop } from '../../analysis/metrics.js';
import type { SpecPath } from '../../specfile/diagnostic.js';
import { defineCheck, fixedNumber, ms, pct, type Finding } from '../types.js';

interface Options {
  /** Target for flows with no flow.availability and no requirements.availability. */
  target?: number;
}

/** A percentage with one digit more than it takes to tell it from 100 %: 99.85%, 99.9999%, 99.999975%. */
export function availabilityPct(a: number): string {
  // Start from the digits the gap to 100% needs (99.95 -> 2), then settle rounding at the edge.
  let digits = a < 1 ? Math.min(10, Math.max(1, Math.ceil(-Math.log10(2 * (100 - a * 100))))) : 10;
  while (digits > 1 && fixedNumber(a * 100, digits - 1) < 100) digits--;
  while (digits < 10 && fixedNumber(a * 100, digits) >= 100) digits++;
  if (fixedNumber(a * 100, digits) >= 100) return '~100%';
  return pct(a, digits + 1);
}

/** Formats two different values so that they read differently (a near miss must not print "99.95%, target 99.95%"). */
function distinct(a: number, b: number, coarse: (x: number) => string, fine: (x: number, digits: number) => string): [string, string] {
  const [ca, cb] = [coarse(a), coarse(b)];
  if (ca !== cb || a === b) return [ca, cb];
  for (let d = 1; d <= 12; d++) {
    const [fa, fb] = [fine(a, d), fine(b, d)];
    if (fa !== fb) return [fa, fb];
  }
  return [ca, cb];
}

/** Expected downtime per (30-day) month at availability a: 43.2 min at 99.9 %. */
export function downtimePerMonth(a: number): string {
  const min = (1 - a) * MINUTES_PER_MONTH;
  if (min >= 120) return `${ms(min / 60)} h`;
  if (min >= 1) return `${ms(min)} min`;
  return `${ms(min * 60)} s`;
}

const REGION = availabilityPct(DEFAULT_REGIONAL_AVAILABILITY);
const EXTERNAL = availabilityPct(DEFAULT_EXTERNAL_AVAILABILITY);

/** What was counted for a hop and why: which copies it needs, and what one region's deployment is made of. */
function countedText(h: FlowAvailabilityHop): string {
  const parts: string[] = [];
  if (h.rule === 'all') parts.push(`every one of ${h.copies} synchronous copies must be up for a write`);
  else if (h.rule === 'majority') parts.push(`a majority of ${h.copies} consensus voters must be up`);
  else if (h.rule === 'any' && h.copies > 1) parts.push(`any of ${h.copies} regions`);
  else if (h.rule === 'one' && h.why?.startsWith('replication none'))
    parts.push('one region: replication none makes each copy a separate data set');
  else if (h.copies > 1) parts.push(`${h.copies} copies`);
  if (h.replicas && (h.copies > 1 || h.replicas.count > 1)) {
    parts.push(
      `each region ${availabilityPct(h.perRegion)}: ${h.replicas.count} replica${h.replicas.count > 1 ? 's' : ''} at ${availabilityPct(h.replicas.each)} behind the region's ${availabilityPct(h.replicas.regionFate)}`,
    );
  }
  return parts.join('; ');
}

function hopText(h: FlowAvailabilityHop, value: string = availabilityPct(h.value)): string {
  const counted = countedText(h);
  const notes = [
    ...(counted ? [counted] : []),
    ...(h.timeoutCutOff ? [`${pct(h.timeoutCutOff, 2)} of healthy calls cut off by the timeout`] : []),
  ];
  return `${h.component} ${value}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** The serial product as the learner reads it; hops that round to 100 % are counted, not listed. */
function productText(hops: FlowAvailabilityHop[]): string {
  // Each hop's figure formatted once (it decides whether the hop is listed, and is then its text's).
  const parts: string[] = [];
  let hidden = 0;
  for (let i = 0; i < hops.length; i++) {
    const shown = availabilityPct(hops[i]!.value);
    if (shown === '~100%') hidden++;
    else parts.push(hopText(hops[i]!, shown));
  }
  if (hidden) parts.push(`${hidden} hop${hidden > 1 ? 's' : ''} at ~100%`);
  return parts.length ? parts.join(' x ') : 'no hop can fail';
}

export default defineCheck<Options>({
  meta: {
    id: 'availability/flow-target',
    topic: 'availability',
    title: "Meet each flow's availability target across all of its hops",
    concept:
      `A request succeeds only if every component on its path is up, so availabilities of serial hops multiply and each extra dependency lowers the total: a region at ${REGION} calling an API at ${EXTERNAL} is up ${availabilityPct(DEFAULT_REGIONAL_AVAILABILITY * DEFAULT_EXTERNAL_AVAILABILITY)} of the time. ` +
      `Redundancy works the other way, but only for copies the request can use: when any of n independent copies can serve, they give 1 - (1 - a)^n (two regions at ${REGION} give ${availabilityPct(redundant(DEFAULT_REGIONAL_AVAILABILITY, 2))}). ` +
      `A write that waits for every synchronous copy needs them all up (a^k: two copies at ${REGION} give ${availabilityPct(allOf(DEFAULT_REGIONAL_AVAILABILITY, 2))}), and a consensus store needs a majority: two voters are worse than one, three give 3a^2 - 2a^3 (${availabilityPct(majorityOf(DEFAULT_REGIONAL_AVAILABILITY, 3))}). ` +
      "Replicas inside one region share its fate (power, network, control plane), so they add nine only up to the region's own figure. The weakest serial hop, often a single-region database or a third-party API, usually caps the whole flow.",
    computes:
      `Per hop, a = one region's deployment: the stated availability, else ${availabilityPct(REGION_FATE_AVAILABILITY)} (the region's shared fate) x (1 - (1 - r)^replicas) with r = replica_availability (default ${availabilityPct(REPLICA_AVAILABILITY)}, one instance; Azure VM SLA). ` +
      'Copies: stateless tiers and asynchronous copies with failover: any of n regions, 1 - (1 - a)^n; a single primary without failover: one copy for writes, any replica for reads; synchronous replication: a^k for writes, any copy for reads; consensus: P(a majority of n voters up), any voter for reads that accept bounded staleness; replication none: one copy (separate data sets; caches refill, so any). The flow is the product over its distinct hops. ' +
      'A call whose timeout is below the slowest healthy calls fails those: each hop also keeps only 1 - the share of calls slower than its timeout (log-normal fit to its p50/p99, see bulkhead/timeouts). ' +
      `Target: the rubric's option target when set (the problem's requirement), else the flow's own availability, else requirements.availability. Downtime per month = (1 - availability) x ${MINUTES_PER_MONTH} min (30 days).`,
    sources: ['azureWaf', 'azureVmSla'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        target: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description:
            'Availability target (fraction, e.g. 0.9995). Set by a problem, it applies to every flow and overrides the targets a spec states for itself.',
        },
      },
    },
    defaults: {},
    messages: {
      meetsTarget:
        '{{flow}} availability is {{availability}} ({{product}}), target {{target}}: about {{downtime}} down a month, within the {{allowed}} allowed',
      belowTarget:
        '{{flow}} availability is {{availability}} ({{product}}), target {{target}}: about {{downtime}} down a month where {{allowed}} is allowed; weakest hop {{weakest}}',
    },
    hints: {
      belowTarget:
        'Serial hops multiply, so the flow is never better than its weakest hop. Find the hop with the lowest figure and ask what would let a second, independent copy take over when it fails, or whether the request needs that hop at all.',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    for (const f of Object.values(metrics.flows)) {
      const flow = model.flows[f.name]!;
      // A rubric's target is the problem's requirement and wins over what the design claims for itself.
      const target = options.target ?? flow.availability ?? model.requirements.availability;
      if (target === undefined) continue;
      const path: SpecPath =
        flow.availability !== undefined
          ? ['flows', f.name, 'availability']
          : model.requirements.availability !== undefined
            ? ['requirements', 'availability']
            : ['flows', f.name];
      const value = f.availability.value;
      const hops = f.availability.hops.filter((h) => h.perRegion < 1);
      const weakest = hops.reduce<FlowAvailabilityHop | undefined>((a, b) => (!a || b.value < a.value ? b : a), undefined);
      const [shownValue, shownTarget] = distinct(value, target, availabilityPct, (a, d) => pct(a, d));
      const [downtime, allowed] = distinct(value, target, downtimePerMonth, (a, d) => `${((1 - a) * MINUTES_PER_MONTH * 60).toFixed(d)} s`);
      const data = {
        flow: f.name,
        availability: shownValue,
        product: productText(hops),
        target: shownTarget,
        downtime,
        allowed,
      };
      const evidence = { value, target, downtimeMinPerMonth: (1 - value) * MINUTES_PER_MONTH, hops: f.availability.hops };
      if (value >= target) out.push({ status: 'pass', messageId: 'meetsTarget', data, path, evidence });
      else
        out.push({
          status: 'fail',
          messageId: 'belowTarget',
          data: { ...data, weakest: weakest ? hopText(weakest) : '?' },
          path,
          evidence,
        });
    }
    return out;
  },
});
