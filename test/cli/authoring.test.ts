// A mentor's whole path, end to end in a temporary folder: scaffold a problem, edit it (a new stage
// and an assertion), prove it, break the reference solution, and grade a learner's spec through
// --problems. Plus hostile authoring input, each a clear error with exit code 2.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoStackTrace, sdcoach } from './run-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sdcoach-authoring-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a mentor writes a problem', () => {
  it('scaffolds, edits, proves, breaks and shares it', () => {
    const catalog = join(dir, 'team-problems');
    mkdirSync(catalog);
    const created = sdcoach(['problem', 'new', 'black-friday', '--dir', catalog, '--topic', 'bulkhead', '--stages', '2']);
    expect(created.status, created.all).toBe(0);
    expect(created.stdout).toContain('problem.yaml');

    expect(created.stdout).toMatch(/Next: replace every TODO: in .*problem\.yaml .*and write solutions\/stage-2\.yaml/);

    // As scaffolded it cannot ship: its placeholders and a stage 2 that copies stage 1 are errors.
    const problemDir = join(catalog, 'black-friday');
    const scaffolded = sdcoach(['problem', 'check', problemDir]);
    expect(scaffolded.status, scaffolded.all).toBe(1);
    expect(scaffolded.stdout).toMatch(/✗ placeholder: placeholder text left in problem\.yaml: \d+ line\(s\) still say TODO:/);
    expect(scaffolded.stdout).toContain("✗ stage 2 solution: stage 2's solution is identical to stage 1's");

    // The mentor writes the text and a stage-2 design of its own.
    const problemFile = join(problemDir, 'problem.yaml');
    writeFileSync(problemFile, readFileSync(problemFile, 'utf8').replaceAll('TODO: ', ''));
    const stage2 = join(problemDir, 'solutions', 'stage-2.yaml');
    writeFileSync(stage2, readFileSync(stage2, 'utf8').replace('replicas: 8', 'replicas: 10'));
    const first = sdcoach(['problem', 'check', problemDir]);
    expect(first.status, first.all).toBe(0);
    expect(first.stdout).toContain('1 of 1 problem proved');
    expect(first.stdout).toMatch(/coverage: .*bulkhead\/isolated-pools/);

    // Edit as a mentor would: a third stage with its own assertion over the metrics.
    writeFileSync(
      join(problemDir, 'solutions', 'stage-3.yaml'),
      readFileSync(stage2, 'utf8').replace('stage: 2', 'stage: 3').replace('replicas: 10', 'replicas: 12'),
    );
    writeFileSync(
      join(problemDir, 'fixtures', 'stage-3-slow.yaml'),
      readFileSync(join(problemDir, 'fixtures', 'stage-2-flawed.yaml'), 'utf8').replace('stage: 2', 'stage: 3'),
    );
    appendFileSync(
      problemFile,
      `
  - title: Black Friday peak
    prompt: |
      Traffic doubles on Black Friday. Keep every flow under one second at p99 from every region.
    rubric:
      checks:
        latency/flow-budget: {weight: 1}
      assertions:
        - id: under-a-second
          expr: flows.all(f, flows[f].worst.p99 < 1000)
          message: every flow must stay under 1000 ms at p99
          weight: 2
          must_pass: true
    hints:
      - Which flow is slowest?
      - Little's law links rate, latency and threads.
      - Keep slow calls in their own pools.
    solution: solutions/stage-3.yaml
    fixtures:
      - file: fixtures/stage-3-slow.yaml
        fails: [bulkhead/isolated-pools]
`,
    );
    const edited = sdcoach(['problem', 'check', problemDir, '--format', 'json']);
    expect(edited.status, edited.all).toBe(0);
    const json = JSON.parse(edited.stdout) as { problems: { results: { stage?: number; kind: string; ok: boolean }[] }[] };
    expect(json.problems[0]!.results.some((r) => r.stage === 3 && r.kind === 'assertion' && r.ok)).toBe(true);

    // Break the reference solution of stage 1: drop its bulkhead pools.
    const solution = join(problemDir, 'solutions', 'stage-1.yaml');
    const good = readFileSync(solution, 'utf8');
    writeFileSync(solution, good.replace(/\n {4}pools:\n( {6}.*\n)+/, '\n'));
    const broken = sdcoach(['problem', 'check', problemDir]);
    expect(broken.status, broken.all).toBe(1);
    expect(broken.stdout).toMatch(/✗ stage 1 solution: reference solution fails .*bulkhead\/isolated-pools/);
    writeFileSync(solution, good);

    // A learner grades against it through --problems (and SDCOACH_PROBLEMS), starting from init.
    const attempt = join(dir, 'attempt.yaml');
    const init = sdcoach(['--problems', catalog, 'init', 'black-friday', '-o', attempt]);
    expect(init.status, init.all).toBe(0);
    const graded = sdcoach(['grade', attempt, '--problems', catalog]);
    expect(graded.status, graded.all).toBe(1);
    expect(graded.stdout).toContain('bulkhead/isolated-pools');
    const viaEnv = sdcoach(['grade', join(problemDir, 'solutions', 'stage-1.yaml')], { env: { SDCOACH_PROBLEMS: catalog } });
    expect(viaEnv.status, viaEnv.all).toBe(0);
    const listed = sdcoach(['list', '--json'], { env: { SDCOACH_PROBLEMS: catalog } });
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((p) => p.id)).toContain('black-friday');
  });
});

describe('hostile authoring input', () => {
  it('rejects ids that reach outside their folder', () => {
    for (const args of [
      ['problem', 'new', '../escape', '--dir', dir],
      ['show', '../../etc'],
      ['init', '../x'],
    ]) {
      const r = sdcoach(args);
      expect(r.status, r.all).toBe(2);
      expect(r.all).toMatch(/not a valid problem id/);
      expectNoStackTrace(r.all);
    }
  });

  it('reports a rubric naming an unknown check, and expressions reaching for JavaScript, at their lines', () => {
    const rubric = join(dir, 'evil.yaml');
    writeFileSync(
      rubric,
      [
        'checks:',
        '  latency/flow-budgte: true',
        'assertions:',
        '  - id: escape',
        '    expr: process.exit(1)',
        '    message: nope',
        '  - id: proto',
        '    expr: flows.constructor == 1',
        '    message: nope',
        '  - id: ctor',
        '    expr: workload["x"].__proto__.polluted == 1',
        '    message: nope',
        '',
      ].join('\n'),
    );
    const r = sdcoach(['grade', 'examples/orders-cqrs.yaml', '--rubric', rubric]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/evil\.yaml:2:3 .*unknown check "latency\/flow-budgte": did you mean "latency\/flow-budget"/);
    expect(r.stderr).toMatch(/evil\.yaml:5:11 .*unknown name "process"/);
    expect(r.stderr).toMatch(/evil\.yaml:8:11 .*"constructor" is not a metric/);
    expect(r.stderr).toMatch(/evil\.yaml:11:11 .*"__proto__" is not a metric/);
    expectNoStackTrace(r.all);
  });

  it('refuses a 10,000-stage problem quickly with a clear error', () => {
    const p = join(dir, 'huge', 'huge-problem');
    mkdirSync(p, { recursive: true });
    const stage =
      '  - {title: Stage, prompt: "Design it well please.", rubric: {checks: {latency/flow-budget: true}}, hints: [one hint], solution: s.yaml}\n';
    writeFileSync(
      join(p, 'problem.yaml'),
      `id: huge-problem\ntitle: Huge\ndifficulty: staff\ntopics: [cqrs]\nminutes: 30\nscenario: {summary: "A very large problem."}\nstarter: s.yaml\nstages:\n${stage.repeat(10_000)}`,
    );
    writeFileSync(join(p, 's.yaml'), 'regions: [us-east]\ncomponents:\n  api: {kind: service}\n');
    const t0 = Date.now();
    const r = sdcoach(['problem', 'check', p]);
    expect(r.status, r.all).toBe(2);
    expect(r.all).toMatch(/problem\.yaml:9:\d+ .*more than 12 items/);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expectNoStackTrace(r.all);
  });

  it('reports an id clash between catalogs instead of shadowing', () => {
    const other = join(dir, 'clash');
    mkdirSync(join(other, 'order-history'), { recursive: true });
    writeFileSync(join(other, 'order-history', 'problem.yaml'), 'id: order-history\n');
    const r = sdcoach(['show', 'order-history', '--problems', other]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/problem id "order-history" is also defined in/);
  });
});
