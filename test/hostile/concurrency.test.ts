// State survives concurrency: progress writers take a lock (proper-lockfile) and re-read the file
// inside it, so a reset racing a practice session (or another reset) loses nothing; temporary
// files that a killed write left behind are cleaned.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { describe, expect, it } from 'vitest';
import { cleanStaleTemps, saveProgress, updateProgress } from '../../src/progress/file.js';
import { emptyProgress, parseProgress, recordHint, serializeProgress, type Progress } from '../../src/progress/progress.js';
import { BIN } from '../cli/run-cli.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
function progressWith(ids: string[]): Progress {
  return ids.reduce((p, id) => recordHint(p, id, 1, 2, NOW), emptyProgress());
}
function idsIn(file: string): string[] {
  const r = parseProgress(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(r.detail);
  return Object.keys(r.progress.problems).sort();
}
function home(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sdcoach-lock-'));
  return { dir, file: join(dir, 'progress.json') };
}
function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('progress writes take a lock and re-read inside it', () => {
  it('a reset waits for a session that is saving, then removes only its problem from what the session wrote', async () => {
    const { dir, file } = home();
    writeFileSync(file, serializeProgress(progressWith(['order-history', 'url-shortener'])));
    // A practice session is saving: it holds the lock.
    const release = lockfile.lockSync(file, { realpath: false });
    const reset = run(['progress', '--reset', 'order-history', '--yes'], { SDCOACH_HOME: dir });
    await new Promise((r) => setTimeout(r, 2_500));
    // What the session writes while it holds the lock: a new problem and a hint.
    writeFileSync(file, serializeProgress(progressWith(['order-history', 'url-shortener', 'global-feed'])));
    release();
    const r = await reset;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // The reset removed order-history from the file as the session left it: global-feed survived.
    expect(idsIn(file)).toEqual(['global-feed', 'url-shortener']);
  });

  it('a session save keeps what a reset did meanwhile, and its own hints', () => {
    const { file } = home();
    writeFileSync(file, serializeProgress(progressWith(['order-history', 'url-shortener'])));
    updateProgress(file, (onDisk) => ({
      ...onDisk,
      problems: Object.fromEntries(Object.entries(onDisk.problems).filter(([id]) => id !== 'url-shortener')),
    }));
    saveProgress(file, recordHint(progressWith(['order-history']), 'order-history', 1, 3, NOW), ['order-history']);
    expect(idsIn(file)).toEqual(['order-history']);
    const r = parseProgress(readFileSync(file, 'utf8'));
    expect(r.ok && r.progress.problems['order-history']!.stages['1']!.hintsUsed).toBe(3);
  });

  it('a writer that cannot get the lock says so instead of writing blind', () => {
    const { file } = home();
    const release = lockfile.lockSync(file, { realpath: false });
    try {
      expect(() => updateProgress(file, (p) => p, { waitMs: 100 })).toThrow(/another sdcoach is writing/);
    } finally {
      release();
    }
  });
});

describe('stale temporary files', () => {
  it("are removed when their writer is gone or they are old; a live writer's stay", () => {
    const { dir, file } = home();
    mkdirSync(dir, { recursive: true });
    const dead = join(dir, 'progress.json.999999999.1.tmp');
    const old = join(dir, `progress.json.${process.ppid}.7.tmp`);
    const live = join(dir, `progress.json.${process.ppid}.8.tmp`);
    for (const f of [dead, old, live]) writeFileSync(f, '{"half": ');
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    utimesSync(old, hourAgo, hourAgo);
    updateProgress(file, () => progressWith(['order-history']));
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(cleanStaleTemps(file)).toEqual([]);
  });
});
