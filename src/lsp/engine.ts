// The language server's engine, without the protocol: the same loader, analysis and grader as
// `sdcoach grade` (one engine, two front ends, as Regal and vacuum do), turned into editor
// answers. Everything here is a pure function of a document's text (plus the catalog on disk), so
// it is tested without a client; src/lsp/server.ts only moves these answers over JSON-RPC.
import throughputCheck, { limitRate } from '../checks/scalability/throughput.js';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { analyse } from '../analysis/analyse.js';
import type { Metrics } from '../analysis/metrics.js';
import { ALL_CHECKS, getCheck } from '../checks/registry.js';
import { KNOWN_REGIONS, LIMITS } from '../data/figures.js';
import { checkDocsUrl } from '../grading/check-links.js';
import { gradeWithMetrics } from '../grading/grade.js';
import type { Report } from '../grading/report.js';
import { defaultRubric, loadRubricText, type Rubric } from '../grading/rubric.js';
import { catalogDirs, findProblem } from '../problems/catalog.js';
import { stageRubric } from '../problems/stage-rubric.js';
import type { Diagnostic as SpecDiagnostic, SpecPath } from '../specfile/diagnostic.js';
import { loadSpecText, type LoadedSpec } from '../specfile/load.js';
import { MAX_NESTING, type SpecFormat } from '../specfile/parse.js';

/** 0-based, as LSP counts. */
export interface Pos {
  line: number;
  character: number;
}
export interface Range {
  start: Pos;
  end: Pos;
}

export interface EditorDiagnostic {
  range: Range;
  severity: 'error' | 'warning' | 'information';
  code: string;
  /** The check's section of docs/checks.md (grading diagnostics only). */
  href?: string;
  message: string;
  source: 'sdcoach';
  /** A did-you-mean fix: replace the range with this text. */
  fix?: string;
}

export interface Analysed {
  kind: 'spec' | 'rubric' | 'other';
  diagnostics: EditorDiagnostic[];
  loaded?: LoadedSpec;
  metrics?: Metrics;
  report?: Report;
  rubricNote?: string;
}

export interface EngineOptions {
  /** Catalog folders (shipped + the client's `problems` setting + SDCOACH_PROBLEMS). */
  catalogs?: string[];
}

const TOKEN_END = /[\s,{}[\]:#]/;

/** The range of the token starting at a 1-based line/column: up to a delimiter. */
export function tokenRange(lines: readonly string[], line1: number | undefined, col1: number | undefined): Range {
  const line = Math.max(0, (line1 ?? 1) - 1);
  const text = lines[line] ?? '';
  const start = Math.min(Math.max(0, (col1 ?? 1) - 1), text.length);
  let end = start;
  const quote = text[start] === '"' || text[start] === "'" ? text[start] : undefined;
  if (quote) {
    end = text.indexOf(quote, start + 1);
    end = end < 0 ? text.length : end + 1;
  } else {
    while (end < text.length && !TOKEN_END.test(text[end]!)) end++;
  }
  if (end === start) end = Math.max(start, text.length);
  return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * `unknown field "thread" in component "api": did you mean "threads"?` -> the fix, and the quoted
 * names before it, one of which is the misspelt word (the token the diagnostic points at decides).
 */
export function didYouMean(message: string): { wrong: string[]; right: string } | undefined {
  const at = message.indexOf('did you mean "');
  if (at < 0) return undefined;
  const right = /did you mean "([^"]+)"\?/.exec(message.slice(at))?.[1];
  const wrong = [...message.slice(0, at).matchAll(/"([^"]+)"/g)].map((m) => m[1]!).filter((w) => w !== right);
  return right !== undefined && wrong.length ? { wrong, right } : undefined;
}

function formatOf(uri: string, languageId: string | undefined, text: string): SpecFormat {
  if (languageId === 'json' || languageId === 'jsonc' || /\.json$/i.test(uri)) return 'json';
  if (languageId === 'yaml' || /\.ya?ml$/i.test(uri)) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** Rubric files (checks: with ids, no components) get rubric diagnostics and check-id completion. */
function kindOf(text: string): Analysed['kind'] {
  if (/^components\s*:/m.test(text) || /^\s*"components"\s*:/m.test(text) || /^regions\s*:/m.test(text)) return 'spec';
  if (/^checks\s*:/m.test(text) || /^\s*"checks"\s*:/m.test(text) || /rubric\.schema\.json/.test(text)) return 'rubric';
  return 'spec';
}

function toEditor(d: SpecDiagnostic, lines: readonly string[]): EditorDiagnostic {
  const range = tokenRange(lines, d.line, d.column);
  const out: EditorDiagnostic = { range, severity: d.severity, code: d.code, message: d.message, source: 'sdcoach' };
  const dym = didYouMean(d.message);
  if (dym) {
    const l = lines[range.start.line] ?? '';
    const raw = l.slice(range.start.character, range.end.character);
    const quote = /^["']/.test(raw) ? raw[0]! : '';
    if (dym.wrong.includes(raw.slice(quote.length, raw.length - quote.length))) out.fix = `${quote}${dym.right}${quote}`;
  }
  return out;
}

export class RubricCache {
  private readonly cache = new Map<string, { rubric: Rubric; problem?: string; stage?: number; note?: string }>();
  constructor(private readonly catalogs: string[]) {}
  /** The spec's problem and stage rubric, or the general one when it names none (or one that does not load). */
  for(problem: string | undefined, stage: number | undefined): { rubric: Rubric; problem?: string; stage?: number; note?: string } {
    const key = `${problem ?? ''}|${stage ?? ''}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = { rubric: defaultRubric() };
      if (problem) {
        const found = findProblem(problem, this.catalogs);
        if (found.ok) {
          const r = stageRubric(found.problem, stage ?? 1);
          hit = r.ok
            ? { rubric: r.rubric, problem, stage: stage ?? 1 }
            : { rubric: defaultRubric(), note: `stage ${stage ?? 1} of ${problem} has no rubric; graded with the general rubric` };
        } else {
          hit = {
            rubric: defaultRubric(),
            note: `${found.diagnostics[0]?.message ?? `unknown problem ${problem}`}; graded with the general rubric`,
          };
        }
      }
      this.cache.set(key, hit);
    }
    return hit;
  }
}

export class Engine {
  readonly rubrics: RubricCache;
  constructor(options: EngineOptions = {}) {
    this.rubrics = new RubricCache(options.catalogs ?? catalogDirs());
  }

  /** Validates and grades a document: every diagnostic an editor shows for it. */
  analyse(file: string, text: string, languageId?: string): Analysed {
    const lines = text.split(/\r?\n/);
    const kind = kindOf(text);
    // As a file sdcoach reads: a document past the limit is not parsed (an editor sent a 30 MB one: review attack).
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > LIMITS.maxFileBytes)
      return {
        kind,
        diagnostics: [
          {
            range: tokenRange(lines, 1, 1),
            severity: 'error',
            code: 'too-large',
            message: `this document is ${(bytes / 1024 / 1024).toFixed(1)} MB; specs and rubrics are limited to ${LIMITS.maxFileBytes / 1024 / 1024} MB`,
            source: 'sdcoach',
          },
        ],
      };
    if (kind === 'rubric') {
      const r = loadRubricText(file, text);
      return { kind, diagnostics: r.ok ? [] : r.diagnostics.map((d) => toEditor(d, lines)) };
    }
    const loaded = loadSpecText(file, text, formatOf(file, languageId, text));
    if (!loaded.ok) return { kind, diagnostics: loaded.diagnostics.map((d) => toEditor(d, lines)) };
    const l = loaded.loaded;
    const diagnostics = l.diagnostics.map((d) => toEditor(d, lines));
    const choice = this.rubrics.for(l.model.problem, l.model.stage);
    const metrics = analyse(l.model);
    const report = gradeWithMetrics(l, metrics, choice.rubric, {
      ...(choice.problem ? { problem: choice.problem } : {}),
      ...(choice.stage ? { stage: choice.stage } : {}),
    });
    for (const c of report.checks) {
      const href = getCheck(c.id) ? checkDocsUrl(c.id) : undefined;
      const failing = c.findings.filter((f) => f.status !== 'pass');
      for (const f of failing) {
        diagnostics.push({
          range: tokenRange(lines, f.location.line, f.location.column),
          severity: f.status === 'fail' ? 'error' : 'warning',
          code: c.id,
          ...(href ? { href } : {}),
          message: `${f.message}${f.hint ? `\nhint: ${f.hint}` : ''}`,
          source: 'sdcoach',
        });
      }
      if (!c.findings.length && c.status === 'fail') {
        diagnostics.push({
          range: tokenRange(lines, 1, 1),
          severity: 'error',
          code: c.id,
          message: c.hint ? `${c.message}\nhint: ${c.hint}` : c.message,
          source: 'sdcoach',
        });
      }
    }
    if (choice.note)
      diagnostics.push({
        range: tokenRange(lines, 1, 1),
        severity: 'information',
        code: 'rubric',
        message: choice.note,
        source: 'sdcoach',
      });
    return { kind, diagnostics, loaded: l, metrics, report, ...(choice.note ? { rubricNote: choice.note } : {}) };
  }
}

/** The deepest nesting of flow brackets ([ and {) in a text, stopping once past the loader's limit. */
function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length && max <= MAX_NESTING; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 91 || ch === 123) max = Math.max(max, ++depth);
    else if ((ch === 93 || ch === 125) && depth > 0) depth--;
  }
  return max;
}

/** The path of the YAML node at an offset, deepest first found; keys count as their pair's path. */
export function pathAt(text: string, pos: Pos): { path: (string | number)[]; onKey: boolean; doc: ReturnType<typeof parseDocument> } {
  // Hover and completion read the document with the full YAML parser: not one past the loader's limits (a document
  // of 900,000 nested brackets held the server 18 s per completion: review attack).
  if (text.length > LIMITS.maxFileBytes || bracketDepth(text) > MAX_NESTING) return { path: [], onKey: false, doc: parseDocument('') };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  const lineStarts = lineCounter.lineStarts;
  const offset = (lineStarts[pos.line] ?? text.length) + pos.character;
  const path: (string | number)[] = [];
  let onKey = false;
  const inside = (n: { range?: [number, number, number] | null } | null | undefined) =>
    !!n?.range && offset >= n.range[0] && offset <= n.range[2];
  let node: unknown = doc.contents;
  for (let depth = 0; depth < 64 && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => inside(p.key as YamlNode) || inside(p.value as YamlNode));
      if (!pair) break;
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      path.push(key);
      if (inside(pair.key as YamlNode) && !inside(pair.value as YamlNode)) {
        onKey = true;
        break;
      }
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((it) => inside(it as YamlNode));
      if (i < 0) break;
      path.push(i);
      node = node.items[i];
    } else if (isPair(node)) {
      node = node.value;
    } else break;
  }
  return { path, onKey, doc };
}

/** The keys of a top-level mapping (components, flows) as far as the text parses. */
function topKeys(doc: ReturnType<typeof parseDocument>, key: string): string[] {
  const v: unknown = doc.get(key);
  return isMap(v) ? v.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter(Boolean) : [];
}

export interface CompletionItem {
  label: string;
  kind: 'component' | 'region' | 'check';
  detail?: string;
  documentation?: string;
}

/** What may be typed at a position: component ids in a flow's path, regions, check ids in rubrics. */
export function complete(text: string, pos: Pos): CompletionItem[] {
  const { path, doc } = pathAt(text, pos);
  const at = (i: number) => path[i];
  const hasSeg = (name: string) => path.some((p) => p === name);
  // A check id in a rubric (or a problem stage's rubric): ...checks[i].id or checks[i] as a string.
  const ci = path.lastIndexOf('checks');
  if (ci >= 0 && typeof path[ci + 1] === 'number' && (path.length === ci + 2 || path[ci + 2] === 'id')) {
    return ALL_CHECKS.map((c) => ({ label: c.meta.id, kind: 'check', detail: c.meta.title, documentation: c.meta.concept }));
  }
  if (at(0) === 'flows' && at(2) === 'path') {
    const comps: unknown = doc.getIn(['components']);
    return topKeys(doc, 'components').map((id) => {
      const k: unknown = isMap(comps) ? comps.getIn([id, 'kind']) : undefined;
      return { label: id, kind: 'component' as const, ...(typeof k === 'string' ? { detail: k } : {}) };
    });
  }
  const regionPlace =
    at(0) === 'regions' ||
    (at(0) === 'components' && hasSeg('regions')) ||
    hasSeg('standby') ||
    at(0) === 'users' ||
    hasSeg('allowed_regions');
  if (regionPlace) {
    const declared = isSeq(doc.get('regions'))
      ? (doc.get('regions') as { items: unknown[] }).items.map((r) => (isScalar(r) ? String(r.value) : '')).filter(Boolean)
      : [];
    // Inside the spec, a component or user region must be one the spec declares; at the top, any sdcoach knows.
    const names = at(0) === 'regions' ? [...KNOWN_REGIONS] : declared.length ? declared : [...KNOWN_REGIONS];
    return [...new Set(names)].map((r) => ({ label: r, kind: 'region' as const }));
  }
  return [];
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 10) / 10} ms` : 'unbounded');
const num = (x: number) => (Number.isFinite(x) ? (Math.round(x * 10) / 10).toLocaleString('en-US') : '∞');

/** Hover text (markdown) for the component or flow under the cursor: its computed numbers. */
export function hover(text: string, pos: Pos, analysed: Analysed | undefined): string | undefined {
  const { path } = pathAt(text, pos);
  const m = analysed?.metrics;
  if (!m || path.length < 2 || typeof path[1] !== 'string') return undefined;
  const id = path[1];
  if (path[0] === 'flows') {
    const f = m.flows[id];
    if (!f) return undefined;
    const out = [
      `**flow \`${id}\`** — ${f.kind}, ${num(f.rate)} req/s, path ${f.path.join(' → ')}`,
      '',
      '| from | p50 | p99 | network |',
      '|---|---|---|---|',
    ];
    for (const o of Object.values(f.origins)) out.push(`| ${o.origin} | ${ms(o.p50)} | ${ms(o.p99)} | ${ms(o.networkMs)} |`);
    const budget = [f.budget.p50 !== undefined ? `p50 ${f.budget.p50} ms` : '', f.budget.p99 !== undefined ? `p99 ${f.budget.p99} ms` : '']
      .filter(Boolean)
      .join(', ');
    out.push('', `slowest: ${f.worst.origin} at p99 ${ms(f.worst.p99)}${budget ? ` (budget ${budget})` : ''}`);
    out.push(
      `availability: ${pct(f.availability.value)}${f.availability.target !== undefined ? ` (target ${pct(f.availability.target)})` : ''}`,
    );
    const batch = m.throughput?.[id];
    if (batch) {
      // A batch flow: no user origin; what it needs and what its slowest hop lets it sustain (scalability/throughput's defaults).
      const limits = batch.limits.map((l) => ({ l, rate: limitRate(l, throughputCheck.meta.defaults) })).sort((a, b) => a.rate - b.rate);
      const worst = limits[0];
      out.push(
        `batch from ${batch.runsIn}: needs ${num(batch.target)} ${batch.item}s/s, runs at ${num(batch.rate)}` +
          (worst
            ? `; sustains ${num(worst.rate)} (bottleneck: ${worst.l.component}${worst.l.kind === 'capacity' ? '' : ` ${worst.l.pool ?? 'threads'}`})`
            : ''),
      );
    }
    return out.join('\n');
  }
  if (path[0] === 'components') {
    const model = analysed?.loaded?.model;
    const c = model?.components[id];
    if (!c) return undefined;
    const out = [`**component \`${id}\`** — ${c.kind}`];
    const loads = m.capacity[id];
    if (loads && Object.keys(loads).length) {
      out.push('', '| region | req/s | capacity | utilization | surge |', '|---|---|---|---|---|');
      for (const l of Object.values(loads))
        out.push(
          `| ${l.region} | ${num(l.rate)} | ${l.replicas} × ${num(l.capacity)} | ${pct(l.utilization)} | ${pct(l.surgeUtilization)} |`,
        );
    }
    const pools = m.pools[id];
    if (pools) {
      out.push(
        '',
        `threads: ${pools.threads}; Little's law demand at p99: ${num(pools.demand)} (${num(pools.ratePerReplica)} req/s per replica)`,
      );
      for (const p of pools.pools)
        out.push(
          `- pool \`${p.name}\`${p.dependency ? ` → ${p.dependency}` : ''}: size ${p.size}, demand ${num(p.demand)}, at timeout ${num(p.worstDemand)}`,
        );
      for (const call of pools.calls.filter((x) => !x.pool))
        out.push(`- call → ${call.dependency}: ${num(call.ratePerReplica)}/s × ${ms(call.p99Ms)} = ${num(call.demand)} threads`);
    }
    const store = m.stores[id];
    if (store)
      out.push(
        '',
        `failover: ${store.mode}, replication ${store.replication}; RTO ${store.rtoS === null ? 'restore from backup' : `${store.rtoS} s`}, RPO ${store.rpoS === null ? 'since last backup' : `${store.rpoS} s`}`,
      );
    const hops = Object.values(m.flows).flatMap((f) =>
      Object.values(f.origins).flatMap((o) => o.hops.filter((h) => h.component === id).map((h) => ({ f: f.name, o: o.origin, h }))),
    );
    if (hops.length) {
      out.push('', '| flow | from | served in | adds p99 |', '|---|---|---|---|');
      for (const { f, o, h } of hops.slice(0, 20)) out.push(`| ${f} | ${o} | ${h.region ?? '—'} | ${ms(h.total.p99)} |`);
    }
    return out.join('\n');
  }
  return undefined;
}

export type { SpecPath };
