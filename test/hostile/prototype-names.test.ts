// Names are data: a spec whose component, flow, pool, region and data-class names are
// Object.prototype members (toString, constructor, valueOf, hasOwnProperty...) is graded,
// measured, drawn and reported like any other, without crashing or writing onto built-ins.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { asciiDiagram } from '../../src/diagrams/ascii.js';
import { findingsOf } from '../../src/diagrams/findings.js';
import { reportHtml } from '../../src/diagrams/html.js';
import { designToMermaid } from '../../src/diagrams/mermaid.js';
import { formatGithub } from '../../src/grading/format/github.js';
import { reportToJson, stringifyJson } from '../../src/grading/format/json.js';
import { formatJunit } from '../../src/grading/format/junit.js';
import { formatMarkdown } from '../../src/grading/format/markdown.js';
import { formatText } from '../../src/grading/format/text.js';
import { gradeLoaded } from '../../src/grading/grade.js';
import { defaultRubric } from '../../src/grading/rubric.js';
import { metricsTable } from '../../src/cli/metrics.js';
import { loadSpecText } from '../../src/specfile/load.js';
import {
  addTime,
  emptyProgress,
  mergeProgress,
  parseProgress,
  problemStatus,
  recordGrade,
  recordHint,
  resetProgress,
  serializeProgress,
  stageProgress,
} from '../../src/progress/progress.js';

/** Every Object.prototype member a component id may spell (ids start with a letter: __proto__ cannot). */
const MEMBERS = Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(n));
/** Region ids are lowercase: of the members, only constructor spells one. */
const REGION = 'constructor';

function specText(names: string[]): string {
  const [gw, api, db, cache, stream, worker, rm] = names as [string, string, string, string, string, string, string];
  return `regions: [us-east, eu-west, ${REGION}]
network: {rtt_ms: {${REGION}: {us-east: 50, eu-west: 80}}}
users: {us-east: 0.5, eu-west: 0.3, ${REGION}: 0.2}
components:
  ${gw}: {kind: gateway, regions: [us-east, eu-west, ${REGION}], replicas: 2}
  ${api}: {kind: service, regions: [us-east, eu-west, ${REGION}], replicas: 4, threads: 200, pools: {${db}: 50, ${cache}: {size: 100, timeout_ms: 200}}}
  ${db}: {kind: database, role: write, regions: [us-east], replicas: 2, failover: {mode: active-passive, standby: eu-west, detect_s: 10, promote_s: 30}, replication: {mode: async, lag_ms: 100}}
  ${cache}: {kind: cache, regions: [us-east, eu-west], replicas: 2}
  ${stream}: {kind: stream, regions: [us-east]}
  ${worker}: {kind: worker, regions: [us-east], consumes: ${stream}, writes: ${rm}, lag_ms: 200}
  ${rm}: {kind: database, role: read-model, regions: [us-east, eu-west], replicas: 2, replication: {mode: async, lag_ms: 100}}
flows:
  ${gw}: {kind: read, rate: 1000, path: [${gw}, ${api}, ${cache}, ${rm}], budget_ms: {p99: 300}}
  ${api}: {kind: write, rate: 100, path: [${gw}, ${api}, ${db}, ${stream}], budget_ms: {p99: 800}}
  ${db}: {kind: read, rate: 10, path: [${gw}, ${api}, ${db}], budget_ms: {p99: 800}, consistency: strong}
workload:
  data:
    ${gw}: {stores: [${db}], residency: [us]}
    ${api}: {stores: [${rm}], residency: [eu]}
patterns:
  cqrs: {commands: ${db}, queries: ${rm}, projection: ${worker}}
`;
}

function everyOutput(names: string[]): void {
  const before = Object.getOwnPropertyNames(Object.prototype).map((n) => [n, Object.getOwnPropertyDescriptor(Object.prototype, n)!.value]);
  const text = specText(names);
  const loaded = loadSpecText('proto.yaml', text);
  if (!loaded.ok) throw new Error(`the spec should load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  const { model } = loaded.loaded;
  const metrics = analyse(model);
  expect(metricsTable(metrics)).toContain(names[0]);
  const report = gradeLoaded(loaded.loaded, defaultRubric());
  expect(report.checks.some((c) => /internal error/.test(c.message))).toBe(false);
  formatText(report, { color: false, verbose: true });
  stringifyJson(reportToJson(report));
  formatJunit([report]);
  formatGithub([report]);
  formatMarkdown(report, { diagram: designToMermaid(model, metrics, { findings: findingsOf(report) }) });
  asciiDiagram(model, metrics, { width: 120, findings: findingsOf(report) });
  asciiDiagram(model, metrics, { width: 120, flow: names[0]! });
  reportHtml(report, '<svg></svg>');
  // Nothing was written onto a built-in.
  for (const [n, v] of before) expect(Object.getOwnPropertyDescriptor(Object.prototype, n as string)!.value, n as string).toBe(v);
}

describe('names that are Object.prototype members', () => {
  it('a list item with a toString or valueOf key is an error at that key, not a crash in the validator', () => {
    // ajv's uniqueItems compares items with a deep-equal that calls an item's own toString/valueOf.
    for (const key of ['toString', 'valueOf']) {
      const text = `regions: [{}, {${key}: null}]\ncomponents:\n  api: {kind: service}\n`;
      const r = loadSpecText('spec.yaml', text);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.diagnostics[0]).toMatchObject({ line: 1, column: 16, code: 'schema/unknown-field' });
      expect(r.diagnostics[0]!.message).toContain(key);
    }
  });
  it('grades, measures, draws and reports a spec named entirely after them', () => {
    expect(MEMBERS).toEqual(
      expect.arrayContaining([
        'toString',
        'constructor',
        'valueOf',
        'hasOwnProperty',
        'isPrototypeOf',
        'propertyIsEnumerable',
        'toLocaleString',
      ]),
    );
    everyOutput(['toString', 'constructor', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']);
  });

  it('any assignment of the members to the parts works (property test)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(MEMBERS, { minLength: 7, maxLength: 7 }), (names) => {
        everyOutput(names);
      }),
      { numRuns: 25 },
    );
  });
});

describe('progress keyed by problem ids that are Object.prototype members', () => {
  it('records, reads, merges and resets a problem called constructor', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    for (const id of ['constructor', 'hasownproperty', 'tostring']) {
      let p = emptyProgress();
      expect(stageProgress(p, 'constructor', 1).passed).toBe(false);
      expect(problemStatus(p, 'constructor', 2).state).toBe('new');
      p = recordGrade(p, id, 1, 90, true, now);
      p = recordHint(p, id, 1, 1, now);
      p = addTime(p, id, 1, 1000);
      expect(stageProgress(p, id, 1)).toMatchObject({ passed: true, hintsUsed: 1, timeSpentMs: 1000 });
      const parsed = parseProgress(serializeProgress(p));
      expect(parsed.ok && stageProgress(parsed.progress, id, 1).passed).toBe(true);
      expect(Object.keys(mergeProgress(emptyProgress(), p, [id]).problems)).toEqual([id]);
      expect(resetProgress(p, id).problems[id]).toBeUndefined();
    }
    expect(Object.getOwnPropertyNames(Object).includes('stages')).toBe(false);
  });
});
