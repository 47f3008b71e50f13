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
  const r = spawnSync(process.execPath, [BIN, 'practice', '--drills', 'estimation', ...args], { cwd: work, input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, SDCOACH_HOME: join(work, 'piped') } });
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
    const r = spawnSync(process.execPath, [BIN, 'practice', 'url-shortener', '--drills', 'estimation'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--drills runs on its own');
  });
});

const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

describe.skipIf(!hasTmux)('drills in a pseudo-terminal (tmux)', () => {
  const socket = `sdcoach-drills-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 10_000 });
  afterAll(() => {
    tmux('kill-server');
  });
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'drills').stdout ?? '';
  async function see(pattern: RegExp, ms: number): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const s = screen();
      if (pattern.test(s)) return s;
      if (Date.now() > until) throw new Error(`the screen never showed ${pattern}; it shows:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const answer = (text: string) => {
    tmux('send-keys', '-t', 'drills', '-l', text);
    tmux('send-keys', '-t', 'drills', 'Enter');
  };

  it('asks, grades, shows the worked answer, keeps score and streak', { timeout: 120_000 }, async () => {
    const state = join(work, 'tty');
    const cmd = ['env -u CI', `SDCOACH_HOME=${q(state)}`, q(process.execPath), q(BIN), `practice --drills estimation --seed ${SEED} --count 3`, '; echo "drills exited with $?"; sleep 60'].join(' ');
    const started = tmux('new-session', '-d', '-s', 'drills', '-x', '200', '-y', '50', '-c', work, cmd);
    expect(started.status, started.stderr).toBe(0);

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
});
