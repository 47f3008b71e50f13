// `sdcoach interview` as a candidate runs it. Outside a terminal it refuses with exit 2; in tmux at 120x40
// a whole interview on order-history: ask the questions that matter, write the reference interview's spec
// when the estimate starts, move through the six phases, read the scorecard, quit, and export the session
// with the command printed. Needs dist/ (npm test builds it) and tmux.
import { execSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, shq, startSdcoach, terminal } from './tmux.js';
import { isRelevant } from '../../src/problems/interview.js';
import { loadProblem } from '../../src/problems/problem.js';
import { questionOrder } from '../../src/tui/interview-session.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const loadedProblem = loadProblem(join(ROOT, 'problems', 'order-history'));
if (!loadedProblem.ok) throw new Error('order-history does not load');
const problem = loadedProblem.problem;
const BIN = join(ROOT, 'bin', 'sdcoach.js');
const REFERENCE = readFileSync(join(ROOT, 'problems', 'order-history', 'interview', 'reference-spec.yaml'), 'utf8');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sdcoach-interview-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function sdcoach(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, SDCOACH_HOME: join(work, 'state'), ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sdcoach interview outside a terminal', () => {
  it('exits 2 with piped stdio and points to sdcoach scorecard', () => {
    const r = sdcoach(['interview', 'order-history'], { CI: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('needs an interactive terminal');
    expect(r.stderr).toContain(`node ${BIN} scorecard <session.yaml>`);
  });

  it('loads Ink only once a session starts: the command imports the TUI with import()', () => {
    // The command, and what starts a session from it or from the practice picker.
    for (const f of ['interview.js', 'interview-start.js', 'practice.js']) {
      const js = readFileSync(join(ROOT, 'dist', 'cli', f), 'utf8');
      expect(js).not.toMatch(/^\s*import[^;]*from\s*['"][^'"]*\/tui\//m);
      expect(js).not.toMatch(/^\s*import[^;]*from\s*['"](ink|react)['"]/m);
    }
    expect(readFileSync(join(ROOT, 'dist', 'cli', 'interview-start.js'), 'utf8')).toContain("import('../tui/interview-app.js')");
  });

  it('checks its arguments: an unknown problem, a problem without an interview, no problem lists those with one, bad minutes', () => {
    expect(sdcoach(['interview', 'order-histroy']).stderr).toContain('did you mean "order-history"?');
    // A shipped problem without an interview (more gain one over time: take one that has none today).
    const without = readdirSync(join(ROOT, 'problems')).find((id) => {
      try {
        return !/^interview:/m.test(readFileSync(join(ROOT, 'problems', id, 'problem.yaml'), 'utf8'));
      } catch {
        return false;
      }
    });
    if (without) {
      const none = sdcoach(['interview', without]);
      expect(none.status).toBe(2);
      expect(none.stderr).toContain(`problem "${without}" defines no interview`);
    }
    const list = sdcoach(['interview']);
    expect(list.status).toBe(2);
    expect(list.stderr).toMatch(/order-history\s+Order history/);
    const bad = sdcoach(['interview', 'order-history', '--minutes', '2']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Expected minutes from 5 to 240');
  });
});

describe.skipIf(!hasTmux)('sdcoach interview in a pseudo-terminal (tmux)', () => {
  const term = terminal('interview', { history: 200 });
  afterAll(() => term.close());
  const see = (pattern: RegExp, ms: number) => term.see(pattern, ms);

  it('a whole interview at 120x40: questions, six phases, the scorecard, the session exported as printed', async () => {
    const state = join(work, 'e2e-state');
    startSdcoach(term, { bin: BIN, args: 'interview order-history', home: state, cols: 120, rows: 40, cwd: work });

    let s = await see(/Ask the interviewer/, 20_000);
    expect(s).toContain('We run an online shop.');
    expect(s).toMatch(/0:0\d \/ 45:00/);
    expect(s).toContain('Clarify the requirements');
    expect(s).toContain('guide 5:00');
    expect(s).toMatch(/Enter ask\s+n next: estimate the scale\s+q end now/);

    // The session lists the 13 questions mixed by a hash of their ids: go down the list and ask the nine
    // that matter (the reference session asks exactly those), skipping the four distractors.
    const order = questionOrder(problem.id, problem.interview!.questions);
    expect(order.filter((q) => isRelevant(q)).length).toBe(9);
    let asked = 0;
    for (const q of order) {
      if (isRelevant(q)) {
        term.keys('Enter');
        asked += 1;
        // The facts panel shows the newest answer. Waited for with the count: a capture can catch Ink halfway
        // through redrawing the screen, the count already there and the panel below it not yet.
        const answer = q.answer.slice(0, 25).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        s = await see(new RegExp(`^(?=[\\s\\S]*${asked} of 13 questions asked)(?=[\\s\\S]*${answer})`), 10_000);
        expect(s).toContain(q.answer.slice(0, 25));
      }
      term.keys('Down');
    }

    term.keys('n');
    s = await see(/Estimate the scale\s+\d+:\d\d \/ guide 7:00/, 10_000);
    expect(s).toContain('dau 72M users');
    expect(s).toContain('peak_summary_reads_per_s');
    const spec = join(work, 'sdcoach-work', 'interview', 'order-history.yaml');
    expect(readFileSync(spec, 'utf8')).toContain('# Mock interview: ');
    writeFileSync(spec, REFERENCE);
    await see(/Score 100\/100\s+✓ passed\s+pass mark 100/, 30_000);

    // api (pass mark 70), design and deep dive (80), decide (70): the reference passes each.
    for (const [title, mark] of [
      ['API and data model', 70],
      ['High-level design', 80],
      ['Deep dive', 80],
      ['Decisions and trade-offs', 70],
    ] as const) {
      term.keys('n');
      await see(new RegExp(`${title}\\s+\\d+:\\d\\d / guide`), 10_000);
      await see(new RegExp(`Score 100/100\\s+✓ passed\\s+pass mark ${mark}`), 30_000);
    }

    term.keys('n');
    // Every phase scores 100 (nine of nine questions, no distractor, each phase's checks all pass, all
    // well within the guides): overall 100, at least 85, strong hire.
    s = await see(/Signal: STRONG HIRE/, 30_000);
    expect(s).toContain('overall 100/100');
    expect(s).toContain('asked 9 of 9 questions that matter');
    expect(s).toContain('The interview is over.');
    term.keys('q');
    s = await see(/sdcoach exited with \d+/, 10_000);
    expect(s).toContain('sdcoach exited with 0');

    const dirs = readdirSync(join(work, 'sdcoach-work', 'interview')).filter((d) => /^order-history\.interview-\d{8}T\d{6}Z$/.test(d));
    expect(dirs).toHaveLength(1);
    expect(readdirSync(join(work, 'sdcoach-work', 'interview', dirs[0]!)).sort()).toEqual([
      'phase-1.yaml',
      'phase-2.yaml',
      'phase-3.yaml',
      'phase-4.yaml',
      'phase-5.yaml',
      'phase-6.yaml',
      'session.yaml',
    ]);

    // The export command, as printed, works.
    const printed = /Export it: (.+)$/m.exec(s)?.[1]?.trim();
    expect(printed).toBe(`node ${BIN} scorecard sdcoach-work/interview/${dirs[0]}/session.yaml --format markdown`);
    const md = execSync(printed!, { cwd: work, encoding: 'utf8', env: { ...process.env, SDCOACH_HOME: state } });
    expect(md).toContain('**Signal: strong hire**');
    expect(md).toContain('## Questions asked');

    const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
    expect(progress.interviews).toHaveLength(1);
    expect(progress.interviews[0]).toMatchObject({ problem: 'order-history', overall: 100, signal: 'strong hire' });
  }, 240_000);

  it('at 70x24: the clock, the questions, the estimate and the keys fit; q then y ends it early with a scorecard', async () => {
    term.stop();
    const dir = join(work, 'small');
    execSync(`mkdir -p ${shq(dir)}`);
    startSdcoach(term, { bin: BIN, args: 'interview order-history --minutes 30', home: join(dir, 'state'), cols: 70, rows: 24, cwd: dir });
    const fits = (s: string) =>
      expect(
        s.split('\n').every((l) => [...l].length <= 70),
        s,
      ).toBe(true);
    let s = await see(/Ask the interviewer/, 20_000);
    // 30 of 45 minutes: clarify's 5-minute guide becomes 3:20.
    expect(s).toMatch(/0:0\d \/ 30:00/);
    expect(s).toContain('guide 3:20');
    expect(s).toMatch(/Enter ask\s+n next: estimate the scale\s+q end now/);
    fits(s);
    // Ask one question, daily users (dau), wherever the session lists it.
    const at = questionOrder(problem.id, problem.interview!.questions).findIndex((q) => q.id === 'daily-users');
    for (let i = 0; i < at; i++) term.keys('Down');
    term.keys('Enter');
    await see(/1 of 13 questions asked/, 10_000);
    term.keys('n');
    s = await see(/Score 0\/100/, 30_000);
    expect(s).toContain('dau 72M users');
    expect(s).toMatch(/Tab pane\s+n next\s+q end now/);
    fits(s);
    term.keys('q');
    await see(/End the interview now/, 10_000);
    term.keys('y');
    s = await see(/Signal: [A-Z ]+/, 30_000);
    expect(s).toContain('You ended the interview early.');
    fits(s);
    term.keys('q');
    await see(/sdcoach exited with 0/, 10_000);
  }, 120_000);
});
