// `grade --format sarif`: the output validates against the OASIS SARIF 2.1.0 schema (vendored in
// test/fixtures/sarif from oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json), and carries the
// findings at their lines. `--fail-level` turns warnings or failures into exit 1.
import { Ajv } from 'ajv';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachesLevel } from '../../src/cli/grade.js';
import type { Report } from '../../src/grading/report.js';
import { ROOT, sdcoach } from '../cli/run-cli.js';

/**
 * The schema is draft-04; Ajv 8 reads it as draft-07 once its `id` is `$id` (it uses no keyword
 * whose meaning changed between the two: no boolean exclusiveMinimum). Formats checked by hand.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  return ajv.compile({ ...rest, $id: id as string });
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sdcoach-sarif-'));
  writeFileSync(join(work, 'broken.yaml'), 'regions: [us-east]\ncomponents:\n  api: {kind: servce}\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('grade --format sarif', () => {
  const validate = sarifValidator();

  it('the schema itself rejects what is not SARIF (the validator can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('validates, with one rule per check and each failing finding at its line', () => {
    // --stage 2: the starter at order-history's first design stage (stage 1 asks for estimates only);
    // the example names no problem and is graded by the general rubric.
    const r = sdcoach(['grade', 'problems/order-history/starter.yaml', 'examples/orders-cqrs.yaml', '--stage', '2', '--format', 'sarif']);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout) as Log;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('sdcoach');
    const ids = run.tool.driver.rules!.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const util = run.results!.find((x) => x.ruleId === 'scalability/utilization')!;
    // The starter sends 40,000 summary reads + 200 writes to one orders-db replica of 10,000/s:
    // 40,200 / (1 x 10,000) = 402%.
    expect(util.message.text).toContain(`${Math.round(((40_000 + 200) / (1 * 10_000)) * 100)}%`);
    expect(util.level).toBe('error');
    const loc = util.locations![0]!.physicalLocation!;
    expect(loc.artifactLocation).toEqual({ uri: 'problems/order-history/starter.yaml', uriBaseId: '%SRCROOT%' });
    const line = readFileSync(join(ROOT, 'problems/order-history/starter.yaml'), 'utf8').split('\n')[loc.region!.startLine! - 1]!;
    expect(line).toMatch(/^\s*orders-db:/);
    expect(run.tool.driver.rules![util.ruleIndex!]!.helpUri).toMatch(/docs\/checks\.md#scalabilityutilization$/);
    // The passing example contributes no result, and each spec's grade is kept.
    expect(run.results!.some((x) => x.locations![0]!.physicalLocation!.artifactLocation!.uri === 'examples/orders-cqrs.yaml')).toBe(false);
    expect((run.properties!.grades as { spec: string; passed: boolean }[]).map((g) => g.passed)).toEqual([false, true]);
  });

  it('a spec that does not load becomes results of its input codes, still valid SARIF', () => {
    const r = sdcoach(['grade', join(work, 'broken.yaml'), '--format', 'sarif'], { cwd: work });
    expect(r.status).toBe(2);
    const log = JSON.parse(r.stdout) as Log;
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const res = log.runs[0]!.results!;
    expect(res[0]!.ruleId).toMatch(/^spec\//);
    expect(res[0]!.locations![0]!.physicalLocation!.region!.startLine).toBe(3);
    expect(log.runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
  });
});

describe('--fail-level', () => {
  const report = (statuses: string[]) => ({ checks: statuses.map((status) => ({ status })) }) as unknown as Report;
  it('warn counts warnings and failures; fail counts failures only', () => {
    expect(reachesLevel(report(['pass', 'warn']), 'warn')).toBe(true);
    expect(reachesLevel(report(['pass', 'warn']), 'fail')).toBe(false);
    expect(reachesLevel(report(['fail', 'n/a']), 'fail')).toBe(true);
    expect(reachesLevel(report(['pass', 'n/a']), 'warn')).toBe(false);
  });
  it('a passing grade with a failed check exits 0, or 1 at --fail-level fail', () => {
    // large-platform passes the general rubric on score, with some checks failing.
    const plain = sdcoach(['grade', 'examples/large-platform.yaml', '--format', 'json']);
    const graded = JSON.parse(plain.stdout) as { passed: boolean; checks: { status: string }[] };
    expect(graded.passed).toBe(true);
    expect(graded.checks.some((c) => c.status === 'fail')).toBe(true);
    expect(plain.status).toBe(0);
    expect(sdcoach(['grade', 'examples/large-platform.yaml', '--fail-level', 'fail']).status).toBe(1);
    expect(sdcoach(['grade', 'examples/orders-cqrs.yaml', '--fail-level', 'warn']).status).toBe(0);
    expect(sdcoach(['grade', 'examples/orders-cqrs.yaml', '--fail-level', 'error']).status).toBe(2);
  });
});
