// Benchmarks of `sdcoach practice` in a real pseudo-terminal (util-linux `script`): time from launch
// to the first frame, and from saving the spec file to the updated score on screen. Used by bench.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainEnv } from './bench-env.mjs';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-B]|\u001b[=>78]/g;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;

/** One practice session in a pty: `waitFor(regex)` resolves with the time (ms, hrtime) the screen output matched. */
function session(root, dir, spec) {
  const bin = join(root, 'bin/sdcoach.js');
  const cmd = `stty cols 120 rows 40; exec ${q(process.execPath)} ${q(bin)} practice order-history --stage 2 --spec ${q(spec)}`;
  const env = { ...plainEnv, SDCOACH_HOME: join(dir, 'state'), TERM: 'xterm-256color' };
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  const t0 = performance.now();
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  let waiters = [];
  child.stdout.on('data', (chunk) => {
    const at = performance.now();
    text += chunk.toString('utf8').replace(ANSI, '');
    waiters = waiters.filter((w) => {
      const i = text.slice(w.from).search(w.re);
      if (i < 0) return true;
      w.resolve(at);
      return false;
    });
  });
  return {
    t0,
    mark: () => text.length,
    waitFor(re, from = 0, ms = 15_000) {
      const i = text.slice(from).search(re);
      if (i >= 0) return Promise.resolve(performance.now());
      return new Promise((resolve, reject) => {
        const w = { re, from, resolve };
        waiters.push(w);
        setTimeout(() => reject(new Error(`practice never showed ${re} (output so far: ${text.slice(-400)})`)), ms).unref();
      });
    },
    async quit() {
      child.stdin.write('q');
      await new Promise((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.on('exit', () => {
          clearTimeout(kill);
          resolve();
        });
      });
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Returns [{ what, value, target, ok }] rows, or one row saying why it could not run. */
export async function benchPractice(root, { launches = 7, saves = 15 } = {}) {
  if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0) {
    return [{ what: 'sdcoach practice (needs util-linux `script` for a pty)', value: 'skipped', target: '', ok: true }];
  }
  const problem = join(root, 'problems/order-history');
  const starter = readFileSync(join(problem, 'starter.yaml'), 'utf8');
  const passing = readFileSync(join(problem, 'solutions/stage-1.yaml'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'sdcoach-bench-practice-'));
  const rows = [];
  try {
    const spec = join(dir, 'spec.yaml');
    const firstFrame = [];
    const firstScore = [];
    for (let i = 0; i < launches + 1; i++) {
      copyFileSync(join(problem, 'starter.yaml'), spec);
      const s = session(root, dir, spec);
      // Stage 2, the first design stage (stage 1 is the estimate stage).
      const frame = await s.waitFor(/Stage 2 of \d/);
      const score = await s.waitFor(/Score [\d.]+\/100/);
      // The first launch warms the OS file cache.
      if (i > 0) {
        firstFrame.push(frame - s.t0);
        firstScore.push(score - s.t0);
      }
      await s.quit();
    }
    const f = median(firstFrame);
    rows.push({
      what: 'sdcoach practice order-history: launch -> first frame (pty)',
      value: `${f.toFixed(0)} ms`,
      target: '<= 1500 ms',
      ok: f <= 1500,
    });
    rows.push({
      what: 'sdcoach practice order-history: launch -> first score',
      value: `${median(firstScore).toFixed(0)} ms`,
      target: '',
      ok: true,
    });

    writeFileSync(spec, starter);
    const s = session(root, dir, spec);
    await s.waitFor(/Score [\d.]+\/100/);
    await sleep(800); // the watcher is set up after the first frame
    const times = [];
    for (let i = 0; i < saves; i++) {
      const pass = i % 2 === 0;
      const from = s.mark();
      const t = performance.now();
      writeFileSync(spec, pass ? passing : starter);
      const seen = await s.waitFor(pass ? /Score 100\/100/ : /Score [\d.]+\/100\s+✗/, from);
      times.push(seen - t);
      await sleep(150);
    }
    await s.quit();
    const m = median(times);
    rows.push({
      what: `practice: save -> updated score on screen (median of ${saves})`,
      value: `${m.toFixed(0)} ms (max ${Math.max(...times).toFixed(0)})`,
      target: '<= 150 ms',
      ok: m <= 150,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
