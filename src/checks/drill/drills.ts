// Shared by the drill checks: the drills a rubric (or a problem stage's `drills:`) asks for, parsed
// and run once per Model (the three checks often share a scenario).
import { runDrill } from '../../analysis/drills/run.js';
import { checkScenario, parseScenario, type Scenario } from '../../analysis/drills/scenario.js';
import type { DrillPoolExhaustion, DrillResult } from '../../analysis/drills/types.js';
import type { Model } from '../../specfile/model.js';
import type { Finding } from '../types.js';

/** One drill as a check's options give it: the scenarios (composed) and its pass criteria. */
export interface DrillSpec {
  /** One scenario or several that happen together, as `sdcoach drill --scenario` writes them. */
  scenarios: string[];
  /** A served flow passes within this multiple of its p99 budget (default 2). */
  p99Factor?: number;
  /** No tier may reach this utilization (default 1 = 100 %). */
  maxUtilization?: number;
  /** Most seconds of acknowledged writes that may be lost (default the spec's requirements.rpo_s). */
  rpoS?: number;
  /** Retries per call that times out. */
  retries?: number;
  /** Most share of a flow's requests rate limits may reject (HTTP 429) in the drill (default 0: shedding is not surviving). */
  maxRejectedShare?: number;
}

export const DRILL_SPEC_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['scenarios'],
  properties: {
    scenarios: {
      type: 'array',
      minItems: 1,
      items: { type: 'string' },
      description: 'Scenarios run together, e.g. ["region-down:us-east"] or ["slow:payments=5000"].',
    },
    p99Factor: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'A served flow passes within this multiple of its p99 budget. Default 2.',
    },
    maxUtilization: { type: 'number', exclusiveMinimum: 0, description: 'No tier may reach this utilization. Default 1 (100 %).' },
    rpoS: { type: 'number', minimum: 0, description: "Most seconds of acknowledged writes lost. Default the spec's requirements.rpo_s." },
    retries: { type: 'integer', minimum: 0, description: 'Retries per call that times out. Default 0.' },
    maxRejectedShare: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description:
        "Most share of a flow's requests that rate limits may reject (429) in the drill. Default 0: a design that sheds its users' requests has not survived; a stage about shedding (a flash sale's waiting room, an abusive client) allows it.",
    },
  },
} as const;

export const DRILLS_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { drills: { type: 'array', items: DRILL_SPEC_SCHEMA, description: 'The drills to run; none: the check does not apply.' } },
};

export interface DrillsOptions {
  drills: DrillSpec[];
}

export type RanDrill =
  { spec: DrillSpec; title: string; scenarios: Scenario[]; result: DrillResult } | { spec: DrillSpec; title: string; error: string };

const cache = new WeakMap<Model, Map<string, DrillResult>>();

/**
 * A flow whose requests the design turns away with 429s in the drill, beyond what the drill allows: the tiers
 * behind stay up, but those users are not served.
 */
export function shedFindings(d: Ran, evidence: Record<string, unknown>): Finding[] {
  const allowed = d.spec.maxRejectedShare ?? 0;
  const out: Finding[] = [];
  for (const f of Object.values(d.result.final.flows)) {
    const share = f.rejectedShare ?? 0;
    if (share <= allowed) continue;
    const at = d.result.final.rejected.map((r) => `${r.component} in ${r.region}`);
    out.push({
      status: 'fail',
      messageId: 'shed',
      data: {
        drill: d.title,
        flow: f.name,
        share: pct(share),
        limiters: [...new Set(at)].join(', ') || 'a rate limit',
        allowed: pct(allowed),
      },
      path: ['flows', f.name],
      evidence,
    });
  }
  return out;
}

/** A drill that ran. */
export type Ran = Extract<RanDrill, { result: DrillResult }>;

/** The drills that ran, in order; each that cannot run on this design becomes a `badDrill` failure in `out` as it comes. */
export function* drillsThatRan(model: Model, drills: readonly DrillSpec[], out: Finding[]): Generator<Ran> {
  for (const d of runDrills(model, drills)) {
    if ('error' in d) {
      out.push({ status: 'fail', messageId: 'badDrill', data: { drill: d.title, why: d.error }, path: [] });
      continue;
    }
    yield d;
  }
}

/** Runs each drill on the model (memoised per model and scenario list), or says why it cannot. */
export function runDrills(model: Model, drills: readonly DrillSpec[]): RanDrill[] {
  let byKey = cache.get(model);
  if (!byKey) cache.set(model, (byKey = new Map<string, DrillResult>()));
  return drills.map((spec): RanDrill => {
    const title = spec.scenarios.join(' + ');
    const scenarios: Scenario[] = [];
    for (const text of spec.scenarios) {
      const p = parseScenario(text);
      if (!p.ok) return { spec, title, error: p.message };
      const bad = checkScenario(model, p.scenario);
      if (bad) return { spec, title, error: bad };
      scenarios.push(p.scenario);
    }
    const key = `${title}|${spec.retries ?? 0}`;
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = runDrill(model, scenarios, { retries: spec.retries ?? 0 })));
    return { spec, title, scenarios, result };
  });
}

export const pct = (x: number): string => (Number.isFinite(x) ? `${Math.round(x * 1000) / 10} %` : 'unbounded');

/** The finding for a pool or a service's threads that a drill runs out (drill/survives and drill/headroom). */
export function poolExhaustedFinding(title: string, e: DrillPoolExhaustion, evidence: Record<string, unknown>): Finding {
  return {
    status: 'fail',
    messageId: 'poolExhausted',
    data: {
      drill: title,
      service: e.service,
      demand: Number.isFinite(e.demand) ? e.demand : 'unbounded',
      size: e.size,
      what: e.dependency ? `its calls to ${e.dependency}` : 'its requests',
    },
    path: ['components', e.service, e.pool ? 'pools' : 'threads'],
    evidence,
  };
}
