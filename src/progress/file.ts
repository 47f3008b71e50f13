// Where progress lives and the one writer of it: $SDCOACH_HOME, else $XDG_STATE_HOME/sdcoach, else
// ~/.local/state/sdcoach. Writes are atomic (temp file in the same folder, fsync, rename); a file
// that cannot be read (corrupt, or from a newer sdcoach) is moved aside with a warning, never fatal.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { emptyProgress, mergeProgress, parseProgress, serializeProgress, type Progress } from './progress.js';

const MAX_PROGRESS_BYTES = 4 * 1024 * 1024;

export function progressDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (env.SDCOACH_HOME) return env.SDCOACH_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  if (env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME)) return join(env.XDG_STATE_HOME, 'sdcoach');
  return join(home, '.local', 'state', 'sdcoach');
}

export function progressFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(progressDir(env), 'progress.json');
}

export interface ReadProgress {
  progress: Progress;
  /** The file existed (and was readable as progress). */
  exists: boolean;
  /** Set when the file could not be used. */
  warning?: string;
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/**
 * Reads the progress file. Missing: empty progress. Unusable: empty progress and a warning; with
 * `setAside` the file is renamed to progress.json.<corrupt|newer>-<time> so nothing is lost and the
 * next write starts fresh (read-only commands such as `list` leave it where it is).
 */
export function readProgress(file: string, opts: { setAside: boolean; now?: Date } = { setAside: false }): ReadProgress {
  let text: string;
  try {
    const buf = readFileSync(file);
    if (buf.length > MAX_PROGRESS_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
    text = buf.toString('utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { progress: emptyProgress(), exists: false };
    if (code !== 'EFBIG')
      return {
        progress: emptyProgress(),
        exists: false,
        warning: `cannot read the progress file ${file} (${code ?? (err as Error).message}); progress will not be remembered`,
      };
    text = '';
  }
  const parsed = text ? parseProgress(text) : ({ ok: false, reason: 'corrupt', detail: 'larger than 4 MB' } as const);
  if (parsed.ok) return { progress: parsed.progress, exists: true };
  const why = parsed.reason === 'future' ? 'newer' : 'corrupt';
  if (!opts.setAside)
    return { progress: emptyProgress(), exists: false, warning: `the progress file ${file} cannot be used: ${parsed.detail}` };
  const aside = `${file}.${why}-${stamp(opts.now ?? new Date())}`;
  try {
    renameSync(file, aside);
    return {
      progress: emptyProgress(),
      exists: false,
      warning: `the progress file was ${parsed.detail}; moved it to ${aside} and started fresh`,
    };
  } catch (err) {
    return {
      progress: emptyProgress(),
      exists: false,
      warning: `the progress file ${file} was ${parsed.detail}, and moving it aside failed (${(err as NodeJS.ErrnoException).code ?? 'error'}); starting fresh`,
    };
  }
}

let tmpCounter = 0;

/** Writes the whole file atomically: a reader sees the old file or the new one, never half of one. */
export function writeProgress(file: string, progress: Progress): void {
  const dir = join(file, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${++tmpCounter}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, serializeProgress(progress));
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** How long a writer waits for another one's lock, and when a lock left by a killed process is stale (ms). */
export const LOCK_WAIT_MS = 5_000;
export const LOCK_STALE_MS = 10_000;
/** A temporary file older than this, or left by a process that is gone, is debris of a killed write. */
const TMP_STALE_MS = 10 * 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files that writes killed midway left behind (never another live writer's). */
export function cleanStaleTemps(file: string, now = Date.now()): string[] {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue;
    const path = join(dir, name);
    try {
      if (!alive(pid) || now - statSync(path).mtimeMs > TMP_STALE_MS) {
        rmSync(path, { force: true });
        removed.push(path);
      }
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/**
 * Read-modify-write under a lock (proper-lockfile: progress.json.lock): waits for another
 * writer, re-reads the file inside the lock so that nothing written meanwhile is lost, applies
 * `change`, and writes atomically. A lock left by a killed process goes stale and is taken over.
 */
export function updateProgress(file: string, change: (onDisk: Progress) => Progress, opts: { waitMs?: number } = {}): Progress {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const deadline = Date.now() + (opts.waitMs ?? LOCK_WAIT_MS);
  let release: (() => void) | undefined;
  for (let delay = 5; !release; delay = Math.min(delay * 2, 100)) {
    try {
      release = lockfile.lockSync(file, { realpath: false, stale: LOCK_STALE_MS, onCompromised: () => undefined });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || Date.now() > deadline) {
        if ((err as NodeJS.ErrnoException).code === 'ELOCKED')
          throw Object.assign(
            new Error(`another sdcoach is writing ${file} (waited ${Math.round((opts.waitMs ?? LOCK_WAIT_MS) / 1000)} s)`),
            { code: 'ELOCKED' },
          );
        throw err;
      }
      sleep(delay);
    }
  }
  try {
    cleanStaleTemps(file);
    const onDisk = readProgress(file, { setAside: true }).progress;
    const next = change(onDisk);
    writeProgress(file, next);
    return next;
  } finally {
    try {
      release();
    } catch {
      // The lock was taken over as stale: our write is done either way.
    }
  }
}

/**
 * Saves a session's view of some problems: under the lock, re-reads the file so that problems
 * other sessions (or a reset) wrote meanwhile are kept, replaces these problems, writes atomically.
 */
export function saveProgress(file: string, mine: Progress, problems: Iterable<string>): void {
  const ids = [...problems];
  updateProgress(file, (onDisk) => mergeProgress(onDisk, mine, ids));
}
