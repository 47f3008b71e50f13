// interview/decisions: every major choice is written down with the alternatives weighed, the risk, and a reason
// that rests on the design's own numbers: each cited metric (flows.get-feed.p99, components.feed-db.utilization)
// exists, is within its limit, and is quoted as the design computes it.
import { UTILIZATION_LIMIT } from '../../data/figures.js';
import type { Metrics } from '../../analysis/metrics.js';
import type { Model, ModelDecision } from '../../specfile/model.js';
import { closestMatch } from '../../specfile/suggest.js';
import { defineCheck, ms, pct, type Finding } from '../types.js';

interface Options {
  /** The stage asks for decisions: without `decisions:` the check fails instead of not applying. */
  required: boolean;
  /** The utilization a cited components.<id>.utilization must stay under to support a reason. */
  maxUtilization: number;
  /** How far a number quoted next to a metric may be from the computed one, as a fraction. */
  tolerance: number;
}

type Unit = 'ms' | 's' | 'share' | 'rps';
/** A cited metric's value and the limit it must keep to support a reason ('<=' at most, '>=' at least). */
interface Cited {
  value: number;
  unit: Unit;
  limit?: { value: number; op: '<=' | '>='; what: string };
}

const FLOW_METRICS = ['p50', 'p99', 'availability', 'rate'];
const COMPONENT_METRICS = ['utilization', 'surge_utilization', 'staleness_ms', 'rto_s', 'rpo_s'];
/**
 * Each pattern a decision can name (`pattern:`): where the model declares it, and what it is made of, the
 * components (and flows) a decision about it is about. Multi-region is where the data lives and how every
 * flow is served from each region: every stateful component and every flow, declared or not.
 */
const PATTERNS: Record<
  string,
  { key: keyof Model['patterns']; parts(model: Model): { components: (string | undefined)[]; flows?: string[] } }
> = {
  cqrs: {
    key: 'cqrs',
    parts: ({ patterns: { cqrs: p } }) => ({ components: p ? [p.commands, ...p.queries, p.projection] : [] }),
  },
  event_sourcing: {
    key: 'eventSourcing',
    parts: ({ patterns: { eventSourcing: p } }) => ({ components: p ? [p.store, ...p.stateStores] : [] }),
  },
  mesh: { key: 'mesh', parts: (m) => ({ components: m.patterns.mesh?.services ?? [] }) },
  bulkhead: { key: 'bulkhead', parts: (m) => ({ components: m.patterns.bulkhead?.services ?? [] }) },
  multi_region: {
    key: 'multiRegion',
    parts: (m) => ({ components: m.componentOrder.filter((id) => m.components[id]!.stateful), flows: m.flowOrder }),
  },
};

type Lookup = { ok: true; cited: Cited } | { ok: false; messageId: 'unknownSubject' | 'unknownMetric'; data: Record<string, string> };

function lookup(model: Model, metrics: Metrics, options: Options, scope: 'flows' | 'components', id: string, metric: string): Lookup {
  if (scope === 'flows') {
    const f = metrics.flows[id];
    if (!f)
      return { ok: false, messageId: 'unknownSubject', data: { scope: 'flow', id, guess: guessText(id, Object.keys(metrics.flows)) } };
    const origin = /^origins\.([^.]+)\.(p50|p99)$/.exec(metric);
    if (origin) {
      const o = f.origins[origin[1]!];
      if (!o)
        return {
          ok: false,
          messageId: 'unknownMetric',
          data: {
            metric: `${scope}.${id}.${metric}`,
            known: Object.keys(f.origins)
              .map((r) => `origins.${r}.p99`)
              .join(', '),
          },
        };
      return { ok: true, cited: latencyOf(o[origin[2] as 'p50' | 'p99'], f.budget[origin[2] as 'p50' | 'p99']) };
    }
    switch (metric) {
      case 'p50':
      case 'p99':
        return { ok: true, cited: latencyOf(f.worst[metric], f.budget[metric]) };
      case 'availability':
        return {
          ok: true,
          cited: {
            value: f.availability.value,
            unit: 'share',
            ...(f.availability.target !== undefined
              ? { limit: { value: f.availability.target, op: '>=', what: 'its availability target' } }
              : {}),
          },
        };
      case 'rate':
        return { ok: true, cited: { value: f.rate, unit: 'rps' } };
    }
    return {
      ok: false,
      messageId: 'unknownMetric',
      data: { metric: `${scope}.${id}.${metric}`, known: [...FLOW_METRICS, 'origins.<region>.p99'].join(', ') },
    };
  }
  if (!model.components[id])
    return { ok: false, messageId: 'unknownSubject', data: { scope: 'component', id, guess: guessText(id, model.componentOrder) } };
  const loads = Object.values(metrics.capacity[id] ?? {});
  switch (metric) {
    case 'utilization':
      return {
        ok: true,
        cited: {
          value: Math.max(0, ...loads.map((l) => l.utilization)),
          unit: 'share',
          limit: { value: options.maxUtilization, op: '<=', what: 'the utilization limit' },
        },
      };
    case 'surge_utilization':
      return {
        ok: true,
        cited: {
          value: Math.max(0, ...loads.map((l) => l.surgeUtilization)),
          unit: 'share',
          limit: { value: 1, op: '<=', what: 'its capacity' },
        },
      };
    case 'staleness_ms': {
      const s = metrics.staleness[id];
      if (s)
        return {
          ok: true,
          cited: {
            value: s.totalMs,
            unit: 'ms',
            ...(model.requirements.maxStalenessMs !== undefined
              ? { limit: { value: model.requirements.maxStalenessMs, op: '<=', what: 'requirements.max_staleness_ms' } }
              : {}),
          },
        };
      break;
    }
    case 'rto_s':
    case 'rpo_s': {
      const st = metrics.stores[id];
      if (st) {
        const v = metric === 'rto_s' ? st.rtoS : st.rpoS;
        const req = metric === 'rto_s' ? model.requirements.rtoS : model.requirements.rpoS;
        return {
          ok: true,
          cited: {
            value: v ?? Infinity,
            unit: 's',
            ...(req !== undefined ? { limit: { value: req, op: '<=', what: `requirements.${metric}` } } : {}),
          },
        };
      }
      break;
    }
  }
  const known = COMPONENT_METRICS.filter((m) =>
    m === 'staleness_ms' ? metrics.staleness[id] : m === 'rto_s' || m === 'rpo_s' ? metrics.stores[id] : true,
  );
  return { ok: false, messageId: 'unknownMetric', data: { metric: `${scope}.${id}.${metric}`, known: known.join(', ') } };
}

function latencyOf(value: number, budget: number | undefined): Cited {
  return { value, unit: 'ms', ...(budget !== undefined ? { limit: { value: budget, op: '<=', what: 'its budget' } } : {}) };
}

function guessText(id: string, ids: string[]): string {
  const g = closestMatch(id, ids);
  return g ? `: did you mean "${g}"?` : '';
}

function show(v: number, unit: Unit): string {
  if (unit === 'share') return pct(v, 2);
  if (unit === 'ms') return `${ms(v)} ms`;
  if (unit === 's') return Number.isFinite(v) ? `${ms(v)} s` : 'unbounded';
  return `${ms(v)}/s`;
}

/** A number written right after a cited path: "flows.x.p99 is 62 ms", "under 150 ms", "at 45%". */
const QUOTE =
  /^\s*(?:(?:is|was|are|stays|stay|reaches|drops|falls|goes|to|=|:|≈|~|of|at|about|around|roughly|only|just|now)\s*)*(under|below|within|less than|at most|<=?|over|above|more than|at least|>=?)?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(ms|s|%)?/i;

function quoted(after: string, unit: Unit): { value: number; op: '<=' | '>=' | '~' } | undefined {
  const m = QUOTE.exec(after);
  if (!m) return undefined;
  let v = Number(m[2]!.replace(/,/g, ''));
  const u = m[3]?.toLowerCase();
  if (unit === 'ms' && u === 's') v *= 1000;
  if (unit === 's' && u === 'ms') v /= 1000;
  if (unit === 'share' && (u === '%' || v > 1)) v /= 100;
  const w = m[1]?.toLowerCase();
  const op = !w ? '~' : /under|below|within|less|most|</.test(w) ? '<=' : '>=';
  return { value: v, op };
}

interface Citation {
  scope: 'flows' | 'components';
  id: string;
  metric: string;
  after: string;
}

/** Finds metric paths in a reason; ids may contain dots, so the longest known id wins. */
export function citations(text: string, model: Model): Citation[] {
  const out: Citation[] = [];
  const re = /\b(flows|components)\.([A-Za-z0-9_.-]+)/g;
  for (const m of text.matchAll(re)) {
    const scope = m[1] as 'flows' | 'components';
    const rest = m[2]!;
    const ids = (scope === 'flows' ? model.flowOrder : model.componentOrder)
      .filter((id) => rest.startsWith(`${id}.`))
      .sort((a, b) => b.length - a.length);
    const id = ids[0] ?? rest.split('.')[0]!;
    const tail = rest.slice(id.length + 1);
    const metric = /^origins\.[A-Za-z0-9_-]+\.(?:p50|p99)|^[a-z0-9_]+/.exec(tail)?.[0] ?? '';
    const end = m.index + scope.length + 1 + id.length + 1 + metric.length;
    out.push({ scope, id, metric, after: text.slice(end, end + 40) });
  }
  return out;
}

/** Whether `text` names `id` as a word of its own (ids hold hyphens and dots, so plain \b does not do). */
function names(text: string, id: string): boolean {
  let at = text.indexOf(id);
  while (at >= 0) {
    const before = text[at - 1];
    const after = text[at + id.length];
    if ((before === undefined || !/[A-Za-z0-9_-]/.test(before)) && (after === undefined || !/[A-Za-z0-9_-]/.test(after))) return true;
    at = text.indexOf(id, at + 1);
  }
  return false;
}

/**
 * What a decision is about: the components and flows its choice names, and those its declared pattern is made
 * of; then every flow through one of those components and every component on one of those flows. A metric of
 * anything else cannot be the number that decided it.
 */
export function decisionSubjects(d: ModelDecision, model: Model): { named: string[]; components: Set<string>; flows: Set<string> } {
  const components = new Set(model.componentOrder.filter((id) => names(d.choice, id)));
  const flows = new Set(model.flowOrder.filter((id) => names(d.choice, id)));
  const parts = d.pattern !== undefined && Object.hasOwn(PATTERNS, d.pattern) ? PATTERNS[d.pattern]!.parts(model) : undefined;
  parts?.components.forEach((id) => id !== undefined && components.add(id));
  parts?.flows?.forEach((f) => flows.add(f));
  const named = [...components, ...flows];
  for (const f of model.flowOrder) if (model.flows[f]!.path.some((c) => components.has(c))) flows.add(f);
  for (const f of [...flows]) for (const c of model.flows[f]!.path) components.add(c);
  return { named, components, flows };
}

export default defineCheck<Options>({
  meta: {
    id: 'interview/decisions',
    topic: 'interview',
    title: 'Defend each major choice with the alternatives, the risk, and the numbers that decided it',
    concept:
      'The last minutes of a design interview are the trade-offs: why this and not that. A decision is convincing when it names what else was considered, what could go wrong, and the measurement that tipped it. ' +
      'A reason that cites a number the design does not meet (a p99 over its budget, a store at 95 % utilization) argues against the choice it defends; a number quoted wrongly tells the interviewer the candidate did not look.',
    computes:
      'Each decision needs at least one alternative (fails without), a risk (warns without) and a reason citing at least one metric by path: ' +
      'flows.<flow>.p50|p99 (the slowest origin; flows.<flow>.origins.<region>.p99 for one origin), flows.<flow>.availability|rate, components.<id>.utilization|surge_utilization (the busiest region), staleness_ms, rto_s, rpo_s. ' +
      'A cited metric must exist and keep its limit (a budget, the utilization limit, the requirements); a number written right after the path ("is 62 ms", "under 150 ms", "at 45%") must match the computed value within the tolerance, or hold as the bound it states. ' +
      'The choice must name what it is about (component or flow ids, or `pattern:`), and at least one cited metric must be of one of those, a flow through one of them, or a component on such a flow: a true number about something else does not support it, and one of those must have a limit it meets (a rate alone describes, it does not support). ' +
      'Each pattern declared under `patterns` needs a decision naming it (`pattern:`).',
    sources: ['course'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        required: { type: 'boolean', description: 'The stage asks for decisions: a spec without `decisions:` fails. Default false.' },
        maxUtilization: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: 'Utilization a cited components.<id>.utilization must stay under. Default 0.8.',
        },
        tolerance: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: 'How far a quoted number may be from the computed one (fraction). Default 0.1.',
        },
      },
    },
    defaults: { required: false, maxUtilization: UTILIZATION_LIMIT, tolerance: 0.1 },
    messages: {
      noDecisions:
        'this stage asks you to defend your choices: add `decisions:` with the choice, the alternatives, the reason (citing metrics) and the risk of each',
      supported: 'decision "{{choice}}" rests on {{cited}}',
      noAlternative: 'decision "{{choice}}" lists no alternative: what else did you consider, and why not that?',
      noRisk: 'decision "{{choice}}" names no risk: what could go wrong with it, and how would you notice?',
      noCitation: 'decision "{{choice}}" cites none of the design\'s numbers: name the metric that decided it by path (e.g. {{example}})',
      unknownSubject: 'decision "{{choice}}" cites {{scope}} "{{id}}", which the design does not have{{guess}}',
      unknownMetric: 'decision "{{choice}}" cites {{metric}}, which sdcoach does not compute (it computes {{known}})',
      unsupported:
        'decision "{{choice}}" cites {{metric}} = {{value}}, which misses {{what}} ({{limit}}): the number argues against the choice',
      misquoted: 'decision "{{choice}}" says {{metric}} {{claim}}, but the design computes {{value}}',
      undecided: 'the design declares {{pattern}} under patterns, but no decision says why (`pattern: {{pattern}}` on one)',
      noSubject:
        'decision "{{choice}}" names none of the design\'s components or flows: say what it is about (e.g. "{{example}}"), so its numbers can be checked against it',
      unrelated:
        'decision "{{choice}}" is about {{subjects}}, but cites only {{cited}}, which the choice does not change: cite the number of what it decides',
      noLimit:
        'decision "{{choice}}" cites {{cited}}, none of them a number with a limit it meets: a reason rests on a p99 within its budget, a utilization under the limit, an RPO within the requirement',
    },
    hints: {
      noDecisions:
        'For each pattern and each big choice (where writes go, what is cached, sync or async): what did you choose, over what, why, and what is the risk?',
      noCitation: '`sdcoach metrics <spec>` shows every number the design computes; which one made the difference for this choice?',
      unsupported:
        'Either the design still has to change until the number holds, or the reason should cite the number that really supports it.',
      misquoted: 'Run `sdcoach metrics` and quote the number it computes; if the design changed, update the reason.',
      undecided: 'Every declared pattern is a choice an interviewer will ask about: add a decision with `pattern:` set to it.',
      noRisk:
        "Every choice has a way to fail (a read model lags, a cache serves stale data, a standby loses the last seconds): which is this one's, and which metric would show it?",
      unknownSubject: 'Cite ids exactly as the spec names them under flows and components.',
      unknownMetric: 'Cite one of the metrics sdcoach computes (docs/checks.md, interview/decisions) so the number can be checked.',
      noAlternative:
        'Name the option you did not take (a cache instead of a read model, async instead of sync replication) and why it lost.',
      noSubject: 'Name the component or flow the choice is about by its id, as the spec writes it (or set `pattern:` for a pattern).',
      unrelated:
        'Which number would have come out differently had you chosen otherwise? It is a metric of a component the choice names, or of a flow through it.',
      noLimit:
        'A rate says how busy the design is, not that the choice works: add the p99 or utilization that the choice keeps within its limit.',
    },
  },
  run({ model, metrics, options }) {
    const declared = Object.entries(PATTERNS)
      .filter(([, p]) => model.patterns[p.key] !== undefined)
      .map(([n]) => n);
    if (!model.decisions) {
      if (!options.required) return [];
      return [{ status: 'fail', messageId: 'noDecisions', data: {}, path: [] }];
    }
    const out: Finding[] = [];
    const example = model.flowOrder[0] ? `flows.${model.flowOrder[0]}.p99` : 'components.<id>.utilization';
    for (const d of model.decisions) out.push(...judge(d));
    for (const pattern of declared)
      if (!model.decisions.some((d) => d.pattern === pattern))
        out.push({ status: 'fail', messageId: 'undecided', data: { pattern }, path: ['patterns', pattern] });
    return out;

    function judge(d: ModelDecision): Finding[] {
      const choice = d.choice;
      const found: Finding[] = [];
      if (!d.alternatives.length)
        found.push({
          status: 'fail',
          messageId: 'noAlternative',
          data: { choice },
          path: d.hasAlternatives ? [...d.path, 'alternatives'] : d.path,
        });
      if (!d.risk?.trim()) found.push({ status: 'warn', messageId: 'noRisk', data: { choice }, path: d.path });
      const cites = citations(d.reason, model);
      if (!cites.length)
        return [...found, { status: 'fail', messageId: 'noCitation', data: { choice, example }, path: [...d.path, 'reason'] }];
      const about = decisionSubjects(d, model);
      if (!about.named.length)
        found.push({
          status: 'fail',
          messageId: 'noSubject',
          data: {
            choice,
            example: model.componentOrder.find((id) => model.components[id]!.stateful) ?? model.componentOrder[0] ?? 'orders-db',
          },
          path: [...d.path, 'choice'],
        });
      else if (!cites.some((c) => (c.scope === 'flows' ? about.flows : about.components).has(c.id)))
        found.push({
          status: 'fail',
          messageId: 'unrelated',
          data: {
            choice,
            subjects: about.named.join(', '),
            cited: [...new Set(cites.map((c) => `${c.scope}.${c.id}`))].join(', '),
          },
          path: [...d.path, 'reason'],
        });
      const good: string[] = [];
      /** Citations with a limit (held or not: one that misses it is reported as unsupported). */
      const bounded: Citation[] = [];
      for (const c of cites) {
        const path = `${c.scope}.${c.id}.${c.metric}`;
        const r = lookup(model, metrics, options, c.scope, c.id, c.metric);
        if (!r.ok) {
          found.push({ status: 'fail', messageId: r.messageId, data: { choice, ...r.data }, path: [...d.path, 'reason'] });
          continue;
        }
        const { value, unit, limit } = r.cited;
        if (limit) bounded.push(c);
        const evidence = { metric: path, value, ...(limit ? { limit: limit.value } : {}) };
        if (limit && !(limit.op === '<=' ? value <= limit.value : value >= limit.value)) {
          found.push({
            status: 'fail',
            messageId: 'unsupported',
            data: { choice, metric: path, value: show(value, unit), what: limit.what, limit: show(limit.value, unit) },
            path: [...d.path, 'reason'],
            evidence,
          });
          continue;
        }
        const q = quoted(c.after, unit);
        if (q) {
          const holds =
            q.op === '<='
              ? value <= q.value
              : q.op === '>='
                ? value >= q.value
                : Math.abs(value - q.value) <= options.tolerance * Math.max(Math.abs(value), 1e-9);
          if (!holds) {
            const claim = `${q.op === '~' ? 'is' : q.op === '<=' ? 'is at most' : 'is at least'} ${show(q.value, unit)}`;
            found.push({
              status: 'fail',
              messageId: 'misquoted',
              data: { choice, metric: path, claim, value: show(value, unit) },
              path: [...d.path, 'reason'],
              evidence,
            });
            continue;
          }
        }
        good.push(`${path} = ${show(value, unit)}${limit ? ` (${limit.op === '<=' ? '≤' : '≥'} ${show(limit.value, unit)})` : ''}`);
      }
      // A rate or any figure with no target only describes the design: one cited number about the choice must
      // meet a limit (a budget, the utilization limit, a requirement) for the reason to rest on it.
      if (
        about.named.length &&
        !found.some((f) => f.messageId === 'unrelated') &&
        !bounded.some((c) => (c.scope === 'flows' ? about.flows : about.components).has(c.id))
      )
        found.push({
          status: 'fail',
          messageId: 'noLimit',
          data: { choice, cited: [...new Set(cites.map((c) => `${c.scope}.${c.id}.${c.metric}`))].join(', ') },
          path: [...d.path, 'reason'],
        });
      if (good.length && !found.some((f) => f.status === 'fail'))
        found.push({ status: 'pass', messageId: 'supported', data: { choice, cited: good.join(', ') }, path: [...d.path, 'reason'] });
      return found;
    }
  },
});
