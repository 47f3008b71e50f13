// What a newcomer tripped over (issue 17), each as a test: the tightest passing finding first, the
// spec file following the stage, the caret kept in view, the small layout (70x24) with scroll
// markers, a two-row legend, wrapped messages and the score beside the diagram, and the quit summary.
import { render } from 'ink-testing-library';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gradeLoaded } from '../../src/grading/grade.js';
import { buildRubric } from '../../src/grading/rubric.js';
import { loadCatalog, SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { restageSpec } from '../../src/problems/restage.js';
import { starterFor } from '../../src/problems/render.js';
import { emptyProgress, recordGrade } from '../../src/progress/progress.js';
import { loadSpecText } from '../../src/specfile/load.js';
import { summary } from '../../src/tui/app.js';
import { PracticeApp } from '../../src/tui/components/PracticeApp.js';
import { restageFile } from '../../src/tui/shell.js';
import { createStore } from '../../src/tui/store.js';
import { init } from '../../src/tui/reducer.js';
import type { SessionState } from '../../src/tui/state.js';
import { caretWindow, resultsLines } from '../../src/tui/view/results.js';
import { keyRows } from '../../src/tui/view/keys.js';
import { listWindow, pickerFrame } from '../../src/tui/view/picker.js';
import { stageFrame } from '../../src/tui/view/stage.js';
import type { FrameView } from '../../src/tui/view/frame.js';
import { seg, type Line } from '../../src/tui/view/lines.js';
import { ch, opened, options, problem, saved, solution, starter, step } from './session-helpers.js';

const text = (l: Line) => l.map((s) => s.text).join('');
const catalog = loadCatalog([SHIPPED_PROBLEMS]).problems;

function rows(f: FrameView): string[] {
  return [
    ...f.header.map(text),
    ...f.body.flatMap((row) => row.flatMap((p) => [text(p.title), ...p.lines.map(text)])),
    ...f.footer.map(text),
  ];
}
function height(f: FrameView): number {
  return (
    f.header.length +
    Math.max(0, ...f.body.map((row) => Math.max(...row.map((p) => p.height)))) * 0 +
    f.body.reduce((n, row) => n + Math.max(...row.map((p) => p.height)), 0) +
    f.footer.length
  );
}

describe('a passing check leads with its tightest finding', () => {
  // One region; gateway 2 x 10,000 req/s = 20,000, api 2 x 1,000 = 2,000; 1,000 req/s through both.
  // gateway 1,000 / 20,000 = 5 % (slack 1 - 0.05 / 0.8 = 0.9375); api 1,000 / 2,000 = 50 % (slack 1 - 0.5 / 0.8 = 0.375).
  const spec = [
    'name: two tiers',
    'regions: [us-east]',
    'users: {us-east: 1}',
    'components:',
    '  gateway: {kind: gateway, replicas: 2, capacity_rps: 10000}',
    '  api: {kind: service, replicas: 2, capacity_rps: 1000}',
    'flows:',
    '  read: {kind: read, rate: 1000, path: [gateway, api], budget_ms: {p99: 500}}',
    '',
  ].join('\n');
  const loaded = loadSpecText('two-tiers.yaml', spec);
  if (!loaded.ok) throw new Error('spec does not load');
  const rubric = buildRubric('t', { checks: { 'scalability/utilization': true } }, undefined, []);
  if (!rubric.ok) throw new Error('rubric');
  const report = gradeLoaded(loaded.loaded, rubric.rubric);
  const check = report.checks.find((c) => c.id === 'scalability/utilization')!;

  it('in the report: api at 50 % before the gateway at 5 %, with the room left on each', () => {
    expect(check.status).toBe('pass');
    expect(check.findings.map((f) => f.data.component)).toEqual(['api', 'gateway']);
    expect(check.findings[0]!.slack).toBeCloseTo(0.375, 10);
    expect(check.findings[1]!.slack).toBeCloseTo(0.9375, 10);
    expect(check.message).toContain('api peaks at 50%');
  });

  it('in the results pane: the tightest, and how many more', () => {
    const s = {
      problem,
      stage: 1,
      file: '/x/two-tiers.yaml',
      created: false,
      seq: 1,
      grading: false,
      solutions: {},
      text: spec,
      result: { kind: 'report' as const, report, loaded: loaded.loaded },
    };
    const out = resultsLines(s, 70, 'two-tiers.yaml').map(text);
    const at = out.findIndex((l) => l.includes('✓ scalability/utilization'));
    expect(out[at + 1]).toContain('api peaks at 50%');
    const more = out.findIndex((l) => l.startsWith('  the tightest'));
    expect(more).toBeGreaterThan(at + 1);
    expect(
      out
        .slice(more, more + 2)
        .join(' ')
        .replace(/\s+/g, ' '),
    ).toBe(' the tightest; 1 more within limits (sdcoach grade --verbose lists them)');
  });
});

describe('the spec file follows the stage', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('n rewrites stage: and the prompt header, never the design', () => {
    const file = '/w/sdcoach-work/order-history.yaml';
    const mine = `${starterFor(problem, file)}\n# my note\n`.replace('replicas: 8,', 'replicas: 9,');
    const r = restageSpec(mine, problem, 2, file);
    if (!r.ok) throw new Error(r.why);
    expect(r.header).toBe(true);
    expect(r.text).toMatch(/^stage: 2$/m);
    expect(r.text).toContain(`# Order history at 40,000 reads per second (order-history), stage 2 of 5: ${problem.stages[1]!.title}`);
    expect(r.text).not.toContain(problem.stages[0]!.title);
    // Everything from `problem:` on is the learner's, byte for byte, but the stage line.
    const design = (t: string) => t.slice(t.indexOf('problem:')).replace(/^stage: \d+$/m, 'stage: N');
    expect(design(r.text)).toBe(design(mine));
    // Back to stage 1 gives the file it started as.
    const back = restageSpec(r.text, problem, 1, file);
    expect(back.ok && back.text).toBe(mine);
  });

  it('an edited header keeps its comments; a file without stage: is left alone with the reason', () => {
    const edited = restageSpec('# my own notes\nproblem: order-history\nstage: 1  # keep\nname: x\n', problem, 3, '/w/x.yaml');
    expect(edited).toEqual({
      ok: true,
      text: '# my own notes\nproblem: order-history\nstage: 3  # keep\nname: x\n',
      changed: true,
      header: false,
    });
    expect(restageSpec('name: x\n', problem, 2, '/w/x.yaml')).toEqual({ ok: false, why: 'it has no top-level `stage:` line' });
    expect(restageSpec('problem: global-feed\nstage: 1\n', problem, 2, '/w/x.yaml')).toEqual({
      ok: false,
      why: 'its `problem:` line names another problem',
    });
  });

  it('on disk, with what the learner is told', () => {
    dir = mkdtempSync(join(tmpdir(), 'sdcoach-restage-'));
    const file = join(dir, 'order-history.yaml');
    writeFileSync(file, starterFor(problem, file));
    expect(restageFile(problem, file, 2)).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toMatch(/^stage: 2$/m);
    writeFileSync(file, 'name: mine\n');
    expect(restageFile(problem, file, 2)).toEqual({
      tone: 'bad',
      text: 'order-history.yaml was left as it is (it has no top-level `stage:` line): sdcoach grade grades it at the stage it names; the screen grades stage 2',
    });
  });

  it('the reducer asks for it on n', () => {
    let s = opened(solution(1));
    const u = step(s, ch('n'));
    expect(u.effects).toContainEqual({ type: 'restage', problem, file: s.session!.file, stage: 2 });
    s = u.state;
    expect(s.flash?.text).toContain('Your file now says stage: 2');
  });
});

describe('an error past the screen width keeps its caret in view', () => {
  it('windows the line around the column', () => {
    const line = `  orders-api: {kind: service, regions: [us-east, eu-west], replicas: 8, threads: 200, latency_ms: {p50: 8, p99: 25}, bogus: 1}`;
    const col = line.indexOf('bogus') + 1;
    const w = caretWindow(line, col, 40);
    expect([...w.text].length).toBeLessThanOrEqual(40);
    expect(w.text.startsWith('…')).toBe(true);
    expect(w.text.endsWith('…')).toBe(false);
    expect(w.text.slice(w.caret, w.caret + 5)).toBe('bogus');
    // Near the start nothing is cut before it.
    const start = caretWindow(line, 3, 40);
    expect(start).toEqual({ text: `${line.slice(0, 39)}…`, caret: 2 });
    // A short line is shown whole.
    expect(caretWindow('a: 1', 4, 40)).toEqual({ text: 'a: 1', caret: 3 });
  });

  it('in the results pane at 70 columns', () => {
    const bad = `${starter.replace('replicas: 8, threads: 200', 'replicas: 8, threads: 200, bogus_field_far_to_the_right: 1')}`;
    const s = step(opened(starter, { columns: 70, rows: 24 }), saved(bad)).state;
    const out = resultsLines(s.session!, 70, 'x.yaml').map(text);
    const src = out.findIndex((l) => /^ {2}\d+ │ /.test(l) && l.includes('bogus'));
    expect(src).toBeGreaterThan(0);
    const caret = out[src + 1]!;
    expect(out[src]!.charAt(caret.indexOf('^'))).toBe('b');
  });
});

describe('70 x 24', () => {
  const small = { columns: 70, rows: 24 };

  it('the picker marks what is above and below, keeps the group heading, and fits', () => {
    let s: SessionState = init(options({ ...small, catalog })).state;
    let f = pickerFrame(s);
    let r = rows(f);
    expect(r.some((l) => /^↓ \d+ more below$/.test(l))).toBe(true);
    expect(r.find((l) => l.startsWith('Problems'))).toContain(
      `${catalog.length + 1 + catalog.filter((p) => p.interview).length} · ↑↓ to see all`,
    );
    // Well into the interview group, its heading scrolled away: the 'more above' line names the group.
    const warmUps = catalog.filter((p) => p.difficulty === 'warm-up').length;
    for (let i = 0; i < warmUps + 6; i++) s = step(s, { type: 'Key', key: { name: 'down' }, at: 3_000 }).state;
    f = pickerFrame(s);
    r = rows(f);
    expect(r.some((l) => /^↑ \d+ more above · interview$/.test(l))).toBe(true);
    expect(height(f)).toBeLessThanOrEqual(23);
    // Every problem is counted: shown, above or below.
    const list = f.body[0]![0]!.lines.map(text);
    const above = Number(/↑ (\d+)/.exec(list[0]!)?.[1] ?? 0);
    const below = Number(/↓ (\d+)/.exec(list.at(-1)!)?.[1] ?? 0);
    const shown = list.filter((l) => /^[▸ ] [·◐✓»◆] /.test(l)).length;
    // The drills' row comes first, above the problems; a mock interview row per problem that has one, last.
    expect(above + shown + below).toBe(catalog.length + 1 + catalog.filter((p) => p.interview).length);
  });

  it('listWindow keeps the selected row visible', () => {
    const lines = Array.from({ length: 20 }, (_, i): Line => [seg(`p${i}`)]);
    for (const sel of [0, 5, 10, 19]) expect(listWindow(lines, sel, 6).map(text)).toContain(`p${sel}`);
  });

  it('the legend takes two rows of words; the pass message wraps; d keeps the score in view', () => {
    let s = opened(starter, small);
    const legend = keyRows(
      [
        { key: 'e', label: 'edit' },
        { key: 'h', label: 'hint 1/3' },
        { key: 'n', label: 'next stage' },
        { key: 's', label: 'solution' },
        { key: 'd', label: 'diagram' },
        { key: 'Tab', label: 'results' },
        { key: '?', label: 'help' },
        { key: 'Esc', label: 'problems' },
        { key: 'q', label: 'quit' },
      ],
      70,
    ).map(text);
    expect(legend).toHaveLength(2);
    expect(legend.join(' ')).toMatch(/e edit .* q quit/);
    s = step(s, saved(solution(1))).state;
    let f = stageFrame(s);
    const footer = f.footer.map(text);
    expect(footer.join(' ').replace(/\s+/g, ' ')).toContain('✓ Stage 1 passed! n: on to stage 2 · s: the reference solution');
    expect(footer.every((l) => [...l].length <= 70)).toBe(true);
    expect(height(f)).toBeLessThanOrEqual(23);
    s = step(s, ch('d')).state;
    f = stageFrame(s);
    const title = text(f.body[0]![0]!.title);
    expect(f.body[0]![0]!.id).toBe('diagram');
    expect(title).toMatch(/Diagram .*Score 100\/100 ✓ passed/);
    expect([...title].length).toBeLessThanOrEqual(67);
  });

  it('one row each where the legend fits, at 120 x 40', () => {
    const f = stageFrame(opened(starter));
    expect(f.footer).toHaveLength(2);
    expect(text(f.footer[1]!)).toContain('e edit');
  });
});

describe('Ink frames', () => {
  const frame = async (o: { columns: number; rows: number }, keys: string[] = []) => {
    const first = init(options({ ...o, catalog, problem: 'order-history' }));
    const store = createStore(first, (e, dispatch) => {
      if (e.type === 'watch') dispatch({ type: 'FileChanged', file: 'spec', source: 'open', text: starter, at: Date.now() });
      if (e.type === 'grade') {
        void import('../../src/tui/grade-spec.js').then(({ createStageGrader }) => {
          const { outcome, ms } = createStageGrader()(e.problem, e.stage, e.file, e.text);
          dispatch({ type: 'GradeReady', seq: e.seq, outcome, ms, at: Date.now() });
        });
      }
    });
    const app = render(<PracticeApp store={store} color={false} />);
    store.start(first.effects);
    const until = Date.now() + 5000;
    while (!(app.lastFrame() ?? '').includes('Score') && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    for (const k of keys) {
      app.stdin.write(k);
      await new Promise((r) => setTimeout(r, 30));
    }
    const out = app.lastFrame() ?? '';
    app.unmount();
    return out.split('\n');
  };

  it('120 x 40: one legend row, nothing wider or taller than the terminal', async () => {
    const f = await frame({ columns: 120, rows: 40 });
    expect(f.length).toBeLessThanOrEqual(39);
    expect(f.every((l) => [...l].length <= 120)).toBe(true);
    expect(f.at(-1)).toMatch(/e edit .* q quit/);
  });

  it('70 x 24: two legend rows of words, and d shows the diagram with the score', async () => {
    const f = await frame({ columns: 70, rows: 24 });
    expect(f.length).toBeLessThanOrEqual(23);
    expect(f.every((l) => [...l].length <= 70)).toBe(true);
    expect(f.slice(-2).join(' ')).toMatch(/e edit .* q quit/);
    const d = await frame({ columns: 70, rows: 24 }, ['d']);
    expect(d.find((l) => l.startsWith('── Diagram'))).toMatch(/Score [\d.]+\/100 ✗ not passed/);
  });
});

describe('the quit summary', () => {
  it('says Resume for a problem in progress and Practise it again for a finished one', () => {
    let p = recordGrade(emptyProgress(), 'order-history', 1, 100, true, 0);
    expect(summary(p, [problem], ['order-history'], '/s/progress.json')).toContain(
      'order-history: 1 of 5 stages passed; on stage 1 (best score 100). Resume: sdcoach practice order-history\n',
    );
    for (const st of [2, 3, 4, 5]) p = recordGrade(p, 'order-history', st, 100, true, 0);
    const done = summary(p, [problem], ['order-history'], '/s/progress.json');
    expect(done).toContain('order-history: all 5 stages passed. Practise it again: sdcoach practice order-history --stage 1\n');
    expect(done).not.toContain('Resume');
  });
});
