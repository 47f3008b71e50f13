// The session's I/O: runs the reducer's effects. Creates the spec file from the starter (never
// over an existing file), watches it (chokidar, debounced), grades, reads reference solutions,
// hands the terminal to $VISUAL/$EDITOR and takes it back, and saves progress atomically.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Problem } from '../problems/problem.js';
import { starterFor } from '../problems/render.js';
import { restageSpec } from '../problems/restage.js';
import { saveProgress } from '../progress/file.js';
import { readSource } from '../specfile/source.js';
import type { Effect, SessionEvent } from './events.js';
import { createStageGrader, type StageGrader } from './grade-spec.js';
import type { SessionState } from './state.js';

/** A save is graded once the file has been quiet this long (editors write in several steps). */
export const DEBOUNCE_MS = 30;

export interface ShellOptions {
  getState: () => SessionState;
  progressFile: string;
  /** Gives the terminal to `run` (an editor) and takes it back afterwards. */
  suspend: (run: () => void) => void;
  onQuit: () => void;
  now?: () => number;
  grader?: StageGrader;
  env?: NodeJS.ProcessEnv;
  /** Reads every problem of the catalog (slow with many problems: run after the first frames). */
  loadCatalog?: () => { problems: Problem[]; errors: string[] };
  /** How long after start-up the catalog is read, ms. */
  catalogDelayMs?: number;
}

export interface Shell {
  run: (effect: Effect, dispatch: (e: SessionEvent) => void) => void;
  /** Stops watching; returns problems saving failed with (shown after the session). */
  close: () => Promise<void>;
  errors: string[];
}

/** Writes the starter (header with the problem and the stage's prompt, $schema line) unless the file exists. */
export function ensureSpecFile(problem: Problem, file: string, stage = 1): { created: boolean; error?: string } {
  try {
    const text = starterFor(problem, file, stage);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
    return { created: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { created: false };
    return { created: false, error: `cannot create ${file} (${code ?? (err as Error).message})` };
  }
}

/** The editor command, as git chooses it: $VISUAL, then $EDITOR, then vi. */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return editorChoice(env).command;
}

/** The editor command and the variable it came from ('default': neither is set, vi is used). */
export function editorChoice(env: NodeJS.ProcessEnv): { command: string; from: 'VISUAL' | 'EDITOR' | 'default' } {
  const visual = env.VISUAL?.trim();
  if (visual) return { command: visual, from: 'VISUAL' };
  const editor = env.EDITOR?.trim();
  if (editor) return { command: editor, from: 'EDITOR' };
  return { command: 'vi', from: 'default' };
}

/**
 * What to tell the learner after the editor returned: nothing when it ran as chosen; that vi was
 * used because no variable is set; that the command is not on PATH (exit 127 from the shell); its
 * exit status otherwise.
 */
export function editorNotice(
  choice: ReturnType<typeof editorChoice>,
  r: { error?: Error; status: number | null },
): { text: string; tone: 'info' | 'bad' } | undefined {
  const name = choice.command.split(/\s+/)[0]!;
  const origin = choice.from === 'default' ? 'the default editor (neither $VISUAL nor $EDITOR is set)' : `$${choice.from}`;
  if (r.error) return { text: `could not start the editor "${choice.command}" from ${origin}: ${r.error.message}`, tone: 'bad' };
  if (r.status === 127) {
    return choice.from === 'default'
      ? {
          text: 'no editor: $VISUAL and $EDITOR are unset and vi is not on PATH; set EDITOR (e.g. export EDITOR=nano) and press e again',
          tone: 'bad',
        }
      : {
          text: `the editor "${name}" from $${choice.from} is not on PATH (could not start "${choice.command}"); fix $${choice.from} or install it`,
          tone: 'bad',
        };
  }
  if (r.status !== 0 && r.status !== null) return { text: `the editor "${choice.command}" exited with status ${r.status}`, tone: 'bad' };
  if (choice.from === 'default')
    return {
      text: 'opened vi because $VISUAL and $EDITOR are unset: set EDITOR (e.g. export EDITOR=nano) to use another editor',
      tone: 'info',
    };
  return undefined;
}

/**
 * Makes an existing spec file say `stage` (its `stage:` line and prompt header), leaving the design
 * alone; returns what the learner must be told when that cannot be done, else undefined.
 */
export function restageFile(problem: Problem, file: string, stage: number): { text: string; tone: 'info' | 'bad' } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const r = restageSpec(text, problem, stage, file);
  const name = basename(file);
  if (!r.ok)
    return {
      text: `${name} was left as it is (${r.why}): sdcoach grade grades it at the stage it names; the screen grades stage ${stage}`,
      tone: 'bad',
    };
  if (r.changed) {
    try {
      writeFileSync(file, r.text);
    } catch (err) {
      return {
        text: `could not update ${name} to stage ${stage} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        tone: 'bad',
      };
    }
  }
  if (!r.header)
    return { text: `${name} now says stage: ${stage}; its header comment was edited, so it still shows an older prompt`, tone: 'info' };
  return undefined;
}

interface Watcher {
  close(): Promise<void>;
}

export function createShell(o: ShellOptions): Shell {
  const now = o.now ?? Date.now;
  const grade = o.grader ?? createStageGrader();
  const env = o.env ?? process.env;
  const errors: string[] = [];
  let watcher: Watcher | undefined;
  let watching: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  let catalogTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const grading = new Set<NodeJS.Immediate>();

  const readSpec = (
    file: string,
    source: 'open' | 'watch' | 'editor',
    dispatch: (e: SessionEvent) => void,
    extra: { created?: boolean; notice?: string; noticeTone?: 'info' | 'bad' } = {},
  ) => {
    const src = readSource(file);
    const base = {
      type: 'FileChanged' as const,
      file: 'spec' as const,
      source,
      at: now(),
      ...(extra.created ? { created: true } : {}),
      ...(extra.notice ? { notice: extra.notice } : {}),
      ...(extra.noticeTone ? { noticeTone: extra.noticeTone } : {}),
    };
    dispatch(src.ok ? { ...base, text: src.text } : { ...base, text: null, error: src.diagnostic });
  };

  const stopWatching = async () => {
    generation++;
    if (timer) clearTimeout(timer);
    timer = undefined;
    watching = undefined;
    const w = watcher;
    watcher = undefined;
    if (w) await w.close().catch(() => undefined);
  };

  const startWatching = (file: string, dispatch: (e: SessionEvent) => void) => {
    const mine = ++generation;
    watching = file;
    const changed = (source: 'open' | 'watch') => {
      if (mine !== generation) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        if (mine === generation) readSpec(file, source, dispatch);
      }, DEBOUNCE_MS);
    };
    const saved = () => changed('watch');
    // chokidar is imported here so that its load never delays the first frame.
    void import('chokidar').then(({ watch }) => {
      if (mine !== generation) return;
      const w = watch(file, { ignoreInitial: true, atomic: true, persistent: true });
      w.on('add', saved)
        .on('change', saved)
        .on('unlink', saved)
        .on('error', () => undefined);
      // A save between the first read and the watcher being ready is caught by one more read.
      w.on('ready', () => changed('open'));
      watcher = w;
    });
  };

  const run = (effect: Effect, dispatch: (e: SessionEvent) => void): void => {
    switch (effect.type) {
      case 'watch': {
        void stopWatching();
        const made = ensureSpecFile(effect.problem, effect.file, effect.stage);
        // An existing file opened at another stage (resuming) follows it, like `n` does.
        if (!made.created && !made.error) {
          const told = restageFile(effect.problem, effect.file, effect.stage);
          if (told) dispatch({ type: 'Notice', ...told, at: now() });
        }
        readSpec(effect.file, 'open', dispatch, { created: made.created, ...(made.error ? { notice: made.error } : {}) });
        startWatching(effect.file, dispatch);
        return;
      }
      case 'restage': {
        const told = restageFile(effect.problem, effect.file, effect.stage);
        if (told) dispatch({ type: 'Notice', ...told, at: now() });
        return;
      }
      case 'unwatch':
        void stopWatching();
        return;
      case 'load-catalog': {
        // After the first frames are on screen: the learner sees the stage while the rest is read.
        if (catalogTimer) return;
        catalogTimer = setTimeout(() => {
          const { problems, errors } = o.loadCatalog ? o.loadCatalog() : { problems: [], errors: ['no catalog loader'] };
          dispatch({ type: 'FileChanged', file: 'catalog', problems, errors, at: now() });
        }, o.catalogDelayMs ?? 60);
        return;
      }
      case 'grade': {
        // Off the input path: the key or save that asked for the grade is handled first, and a
        // grade still queued when the learner quits is dropped. Grading itself is bounded
        // (assertions have a step and time budget), so `q` and Ctrl-C are read soon after.
        const pending = setImmediate(() => {
          grading.delete(pending);
          if (closed) return;
          const { outcome, ms } = grade(effect.problem, effect.stage, effect.file, effect.text);
          dispatch({ type: 'GradeReady', seq: effect.seq, outcome, ms, at: now() });
        });
        grading.add(pending);
        return;
      }
      case 'read-solution': {
        const stage = effect.problem.stages[effect.stage - 1];
        const src = stage ? readSource(stage.solution) : undefined;
        if (src?.ok) dispatch({ type: 'FileChanged', file: 'solution', stage: effect.stage, text: src.text, at: now() });
        else
          dispatch({
            type: 'FileChanged',
            file: 'solution',
            stage: effect.stage,
            text: null,
            error: src ? src.diagnostic.message : 'no such stage',
            at: now(),
          });
        return;
      }
      case 'open-editor': {
        const choice = editorChoice(env);
        let notice: ReturnType<typeof editorNotice>;
        o.suspend(() => {
          // Through the shell, as git does, so EDITOR="code --wait" works.
          const r = spawnSync('/bin/sh', ['-c', `${choice.command} "$1"`, 'sdcoach-editor', effect.file], { stdio: 'inherit', env });
          notice = editorNotice(choice, r);
        });
        if (watching === effect.file || !watching)
          readSpec(effect.file, 'editor', dispatch, notice ? { notice: notice.text, noticeTone: notice.tone } : {});
        return;
      }
      case 'save-progress': {
        const state = o.getState();
        if (!state.touched.length) return;
        try {
          saveProgress(o.progressFile, state.progress, state.touched);
        } catch (err) {
          const msg = `could not save progress to ${o.progressFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
          if (!errors.includes(msg)) errors.push(msg);
        }
        return;
      }
      case 'quit':
        closed = true;
        for (const g of grading) clearImmediate(g);
        grading.clear();
        o.onQuit();
        return;
    }
  };

  const close = async () => {
    closed = true;
    for (const g of grading) clearImmediate(g);
    grading.clear();
    if (catalogTimer) clearTimeout(catalogTimer);
    await stopWatching();
  };
  return { run, close, errors };
}
