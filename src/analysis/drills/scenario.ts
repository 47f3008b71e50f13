// Drill scenarios as written on the command line or in a problem stage ("region-down:us-east",
// "slow:payments=5000", "down:search", "surge:3", "surge:checkout=2.5", "partition:us-east,eu-west"),
// parsed into data and checked against the Model (unknown names get a did-you-mean).
import type { Model } from '../../specfile/model.js';
import { closestMatch, listChoices } from '../../specfile/suggest.js';

export type Scenario =
  | { kind: 'region-down'; region: string }
  | { kind: 'slow'; component: string; ms: number }
  | { kind: 'down'; component: string }
  | { kind: 'surge'; factor: number; flow?: string }
  | { kind: 'partition'; regions: [string, string] };

export const SCENARIO_KINDS = ['region-down', 'slow', 'down', 'surge', 'partition'] as const;

export const SCENARIO_SYNTAX =
  'region-down:<region>, slow:<component>=<ms>, down:<component>, surge:<k>, surge:<flow>=<k>, partition:<region>,<region>';

export type ParsedScenario = { ok: true; scenario: Scenario } | { ok: false; message: string };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function positive(text: string): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(text.trim())) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Parses one scenario string (syntax only; names are checked against a Model by checkScenario). */
export function parseScenario(text: string): ParsedScenario {
  const t = text.trim();
  const colon = t.indexOf(':');
  const bad = (why: string): ParsedScenario => ({ ok: false, message: `scenario "${t}": ${why}. Scenarios: ${SCENARIO_SYNTAX}` });
  if (colon < 0) {
    const guess = closestMatch(t, SCENARIO_KINDS);
    return bad(`no ":"${guess ? `; did you mean "${guess}:..."?` : ''}`);
  }
  const kind = t.slice(0, colon);
  const arg = t.slice(colon + 1).trim();
  switch (kind) {
    case 'region-down':
      if (!NAME.test(arg)) return bad('name a region, e.g. region-down:us-east');
      return { ok: true, scenario: { kind, region: arg } };
    case 'down':
      if (!NAME.test(arg)) return bad('name a component, e.g. down:search');
      return { ok: true, scenario: { kind, component: arg } };
    case 'slow': {
      const [name, ms, ...rest] = arg.split('=');
      const n = ms === undefined ? undefined : positive(ms.replace(/ms$/, ''));
      if (rest.length || !name || !NAME.test(name) || n === undefined)
        return bad('write slow:<component>=<ms>, e.g. slow:payments=5000 (the component now answers in 5,000 ms)');
      return { ok: true, scenario: { kind, component: name, ms: n } };
    }
    case 'surge': {
      const parts = arg.split('=');
      if (parts.length === 1) {
        const k = positive(arg.replace(/x$/, ''));
        if (k === undefined) return bad('write surge:<k> with k a positive number, e.g. surge:3 (three times the peak)');
        return { ok: true, scenario: { kind, factor: k } };
      }
      const k = parts.length === 2 ? positive(parts[1]!.replace(/x$/, '')) : undefined;
      if (!NAME.test(parts[0] ?? '') || k === undefined) return bad('write surge:<flow>=<k>, e.g. surge:checkout=3');
      return { ok: true, scenario: { kind, factor: k, flow: parts[0]! } };
    }
    case 'partition': {
      const rs = arg.split(',').map((s) => s.trim());
      if (rs.length !== 2 || !rs.every((r) => NAME.test(r)) || rs[0] === rs[1])
        return bad('write partition:<region>,<region> with two different regions, e.g. partition:us-east,eu-west');
      return { ok: true, scenario: { kind, regions: [rs[0]!, rs[1]!] } };
    }
    default: {
      const guess = closestMatch(kind, SCENARIO_KINDS);
      return bad(`unknown kind "${kind}"${guess ? `; did you mean "${guess}"?` : ''}`);
    }
  }
}

function unknown(what: string, name: string, known: readonly string[]): string {
  const guess = closestMatch(name, known);
  return `unknown ${what} "${name}"${guess ? `: did you mean "${guess}"?` : `. Known: ${listChoices(known)}`}`;
}

/** The regions the design runs in: every component's placement (and standby). */
export function designRegions(model: Model): string[] {
  const seen = new Set<string>();
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    for (const r of c.regions) seen.add(r);
    if (c.failover?.standby) seen.add(c.failover.standby);
  }
  for (const r of model.regions) seen.add(r);
  return [...seen];
}

/** Names in the scenario that the Model does not have: a message with a did-you-mean, else undefined. */
export function checkScenario(model: Model, s: Scenario): string | undefined {
  const regions = designRegions(model);
  switch (s.kind) {
    case 'region-down':
      return regions.includes(s.region) ? undefined : `scenario "region-down:${s.region}": ${unknown('region', s.region, regions)}`;
    case 'partition':
      for (const r of s.regions)
        if (!regions.includes(r)) return `scenario "partition:${s.regions.join(',')}": ${unknown('region', r, regions)}`;
      return undefined;
    case 'slow':
    case 'down':
      return model.components[s.component]
        ? undefined
        : `scenario "${scenarioText(s)}": ${unknown('component', s.component, model.componentOrder)}`;
    case 'surge':
      return s.flow === undefined || model.flows[s.flow]
        ? undefined
        : `scenario "${scenarioText(s)}": ${unknown('flow', s.flow, model.flowOrder)}`;
  }
}

/** The scenario written back as text (for titles and messages). */
export function scenarioText(s: Scenario): string {
  switch (s.kind) {
    case 'region-down':
      return `region-down:${s.region}`;
    case 'slow':
      return `slow:${s.component}=${s.ms}`;
    case 'down':
      return `down:${s.component}`;
    case 'surge':
      return s.flow === undefined ? `surge:${s.factor}` : `surge:${s.flow}=${s.factor}`;
    case 'partition':
      return `partition:${s.regions.join(',')}`;
  }
}
