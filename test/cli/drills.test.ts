// `sdcoach practice --drills estimation` as a learner runs it: in a real pseudo-terminal (tmux) a
// seeded set of questions, each answered, graded and followed by its worked answer, then the score
// and streak, saved in the progress file. Needs dist/ (npm test builds it) and tmux.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDrills } from '../../src/problems/drills.js';
import { hasTmux, startSdcoach, terminal } from './tmux.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sdcoach.js');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sdcoach-drills-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A seed whose first question asks for QPS from DAU (the kinds cycle from a seeded start).
const SEED = Array.from({ length: 100 }, (_, i) => i + 1).find((s) => generateDrills(s, 1)[0]!.kind === 'qps')!;

function drills(args: string[], input: string) {
  const r = spawnSync(process.execPath, [BIN, 'practice', '--drills', 'estimation', ...args], {
    cwd: work,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, SDCOACH_HOME: join(work, 'piped') },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('drills with piped answers', () => {
  it('the same seed asks the same questions', { timeout: 120_000 }, () => {
    const a = drills(['--seed', String(SEED), '--count', '3'], '\n\n\n');
    const b = drills(['--seed', String(SEED), '--count', '3'], '\n\n\n');
    expect(a.status).toBe(0);
    const questions = (s: string) => s.split('\n').filter((l) => /^Q\d\/3/.test(l));
    expect(questions(a.stdout)).toHaveLength(3);
    expect(questions(a.stdout)).toEqual(questions(b.stdout));
    expect(a.stdout).toContain(`--seed ${SEED}`);
  });

  it('rejects a problem id beside --drills', { timeout: 60_000 }, () => {
    const r = spawnSync(process.execPath, [BIN, 'practice', 'url-shortener', '--drills', 'estimation'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--drills runs on its own');
  });
});

describe.skipIf(!hasTmux)('drills in a pseudo-terminal (tmux)', () => {
  const term = terminal('drills', { history: 200 });
  afterAll(() => term.close());
  const see = (pattern: RegExp, ms: number) => term.see(pattern, ms);
  const answer = (text: string) => term.type(text, true);

  it('asks, grades, shows the worked answer, keeps score and streak', { timeout: 120_000 }, async () => {
    const state = join(work, 'tty');
    const args = `practice --drills estimation --seed ${SEED} --count 3`;
    startSdcoach(term, { bin: BIN, args, home: state, cols: 200, rows: 50, cwd: work, label: 'drills' });

    let s = await see(/Q1\/3 \[qps\]/, 20_000);
    // Work the answer out from the question as shown: DAU × requests a day / 86,400 s × peak factor.
    const m = /(\d+)M daily users each make (\d+) requests a day; the busiest second is (\d+)× the average/.exec(s);
    expect(m, s).not.toBeNull();
    const [dauM, perUser, peak] = [Number(m![1]), Number(m![2]), Number(m![3])];
    const peakRps = (dauM * 1e6 * perUser * peak) / 86_400;
    answer(`${Math.round(peakRps)} req/s`);
    s = await see(/✓ in range/, 10_000);
    expect(s).toMatch(/Worked: .*86,400 s/);

    await see(/Q2\/3/, 10_000);
    answer('12 parsecs');
    await see(/unknown unit "parsecs"/, 10_000);
    answer('1 ns');
    s = await see(/Q3\/3/, 10_000);
    expect(s).toMatch(/✗ not the kind of quantity asked/);
    answer('1 ns');
    s = await see(/drills exited with \d+/, 10_000);
    expect(s).toContain('drills exited with 0');
    expect(s).toMatch(/Score 1\/3 .* streak 0 \(best 1\)/);

    const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
    expect(progress.drills.estimation).toMatchObject({ answered: 3, correct: 1, streak: 0, bestStreak: 1, lastSeed: SEED });
  });

  it('a newcomer reaches them from the practice picker: the first row, Enter, the questions here', { timeout: 120_000 }, async () => {
    term.stop();
    const state = join(work, 'picker');
    startSdcoach(term, { bin: BIN, args: 'practice', home: state, cols: 70, rows: 24, cwd: work, label: 'practice' });
    let s = await see(/\d+ problems/, 20_000);
    expect(s).toMatch(/quick-fire drills\n {2}» drills:estimation +Quick-fire estimation drills +new/);
    term.keys('Up');
    s = await see(/▸ » drills:estimation/, 10_000);
    expect(s).toContain('Not tried yet.');
    term.keys('Enter');
    s = await see(/Q1\/5 \[/, 20_000);
    expect(s).toContain('sdcoach drills · estimation');
    answer('');
    await see(/Q2\/5/, 10_000);
    term.keys('C-d');
    s = await see(/practice exited with \d+/, 10_000);
    expect(s).toContain('practice exited with 0');
    expect(s).toMatch(/Score 0\/1/);
    const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
    expect(progress.drills.estimation).toMatchObject({ answered: 1, correct: 0, streak: 0 });
  });
});
