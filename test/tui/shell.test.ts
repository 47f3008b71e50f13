// The session's I/O shell on a real folder: the starter is written once and never over a file,
// saves are seen by the watcher (debounced), the editor gets the file and the session rereads it,
// reference solutions are read, progress is saved.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readProgress } from '../../src/progress/file.js';
import type { SessionEvent } from '../../src/tui/events.js';
import { init, update } from '../../src/tui/reducer.js';
import { createShell, editorCommand, ensureSpecFile, type Shell } from '../../src/tui/shell.js';
import { options, problem, solution } from './session-helpers.js';

let dir: string;
let shell: Shell | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sdcoach-shell-'));
});
afterEach(async () => {
  await shell?.close();
  shell = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor<T>(get: () => T | undefined, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function harness(env: NodeJS.ProcessEnv = {}) {
  const events: SessionEvent[] = [];
  let state = init(options({ problem: 'order-history', workDir: join(dir, 'sdcoach-work'), cwd: dir })).state;
  const suspended: string[] = [];
  shell = createShell({
    getState: () => state,
    progressFile: join(dir, 'state', 'progress.json'),
    suspend: (run) => {
      suspended.push('before');
      run();
      suspended.push('after');
    },
    onQuit: () => events.push({ type: 'Tick', now: -1 }),
    env,
  });
  const dispatch = (e: SessionEvent) => {
    events.push(e);
    state = update(state, e).state;
  };
  return {
    events,
    dispatch,
    suspended,
    run: shell.run,
    file: join(dir, 'sdcoach-work', 'order-history.yaml'),
    setState: (s: typeof state) => (state = s),
  };
}

const specEvents = (events: SessionEvent[]) =>
  events.filter((e): e is Extract<SessionEvent, { file: 'spec' }> => e.type === 'FileChanged' && e.file === 'spec');

describe('ensureSpecFile', () => {
  it('writes the starter with a $schema line and the prompt, once, never over a file', () => {
    const file = join(dir, 'work', 'order-history.yaml');
    expect(ensureSpecFile(problem, file)).toEqual({ created: true });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/.*schemas\/spec\.schema\.json\n/);
    expect(text).toContain('stage 1 of 5: Size the order reads and writes');
    writeFileSync(file, 'mine: true\n');
    expect(ensureSpecFile(problem, file)).toEqual({ created: false });
    expect(readFileSync(file, 'utf8')).toBe('mine: true\n');
  });
});

describe('editorCommand', () => {
  it('prefers $VISUAL, then $EDITOR, then vi', () => {
    expect(editorCommand({ VISUAL: 'code --wait', EDITOR: 'nano' })).toBe('code --wait');
    expect(editorCommand({ EDITOR: 'nano' })).toBe('nano');
    expect(editorCommand({})).toBe('vi');
  });
});

describe('the shell', () => {
  it('creates the file, reports it, and sees a later save', async () => {
    const h = harness();
    h.run({ type: 'watch', problem, file: h.file, stage: 1 }, h.dispatch);
    expect(specEvents(h.events)[0]).toMatchObject({ source: 'open', created: true });
    expect(existsSync(h.file)).toBe(true);
    // Let the watcher get ready, then save as an editor would.
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(h.file, solution(1));
    const seen = await waitFor(() => specEvents(h.events).find((e) => e.source === 'watch' && e.text === solution(1)));
    expect(seen.text).toBe(solution(1));
  });

  it('grades off the input path and answers with GradeReady', async () => {
    const h = harness();
    h.run({ type: 'grade', seq: 7, problem, stage: 1, file: h.file, text: solution(1) }, h.dispatch);
    expect(h.events.find((e) => e.type === 'GradeReady')).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    const g = h.events.find((e) => e.type === 'GradeReady');
    expect(g).toMatchObject({ type: 'GradeReady', seq: 7, outcome: { kind: 'report' } });
  });

  it('hands the file to $EDITOR and rereads it afterwards', () => {
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, `#!/bin/sh\nprintf 'edited: true\\n' > "$1"\n`);
    chmodSync(editor, 0o755);
    const h = harness({ EDITOR: editor, PATH: process.env.PATH });
    ensureSpecFile(problem, h.file);
    h.run({ type: 'open-editor', file: h.file }, h.dispatch);
    expect(h.suspended).toEqual(['before', 'after']);
    expect(specEvents(h.events).at(-1)).toMatchObject({ source: 'editor', text: 'edited: true\n' });
  });

  it('says an editor named in $EDITOR is not on PATH (not that the variable is unset)', () => {
    const h = harness({ EDITOR: 'no-such-editor-sdcoach --wait', PATH: process.env.PATH });
    ensureSpecFile(problem, h.file);
    h.run({ type: 'open-editor', file: h.file }, h.dispatch);
    const e = specEvents(h.events).at(-1)!;
    expect(e.notice).toBe(
      'the editor "no-such-editor-sdcoach" from $EDITOR is not on PATH (could not start "no-such-editor-sdcoach --wait"); fix $EDITOR or install it',
    );
    expect(e.noticeTone).toBe('bad');
    expect(e.notice).not.toContain('unset');
  });

  it('with $VISUAL and $EDITOR unset, opens vi and says so, naming the variable to set', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'vi'), `#!/bin/sh\nprintf 'from vi: true\\n' > "$1"\n`);
    chmodSync(join(bin, 'vi'), 0o755);
    const h = harness({ PATH: `${bin}:/usr/bin:/bin` });
    ensureSpecFile(problem, h.file);
    h.run({ type: 'open-editor', file: h.file }, h.dispatch);
    const e = specEvents(h.events).at(-1)!;
    expect(e.text).toBe('from vi: true\n');
    expect(e.notice).toBe('opened vi because $VISUAL and $EDITOR are unset: set EDITOR (e.g. export EDITOR=nano) to use another editor');
    expect(e.noticeTone).toBe('info');
  });

  it('with no variable set and no vi, says to set EDITOR', () => {
    const h = harness({ PATH: join(dir, 'empty') });
    ensureSpecFile(problem, h.file);
    h.run({ type: 'open-editor', file: h.file }, h.dispatch);
    expect(specEvents(h.events).at(-1)?.notice).toBe(
      'no editor: $VISUAL and $EDITOR are unset and vi is not on PATH; set EDITOR (e.g. export EDITOR=nano) and press e again',
    );
  });

  it('reads a reference solution', () => {
    const h = harness();
    h.run({ type: 'read-solution', problem, stage: 2 }, h.dispatch);
    expect(h.events.at(-1)).toMatchObject({ type: 'FileChanged', file: 'solution', stage: 2, text: solution(2) });
  });

  it('reads the catalog after start-up, once', async () => {
    const h = harness();
    let calls = 0;
    await shell?.close();
    shell = createShell({
      getState: () => init(options()).state,
      progressFile: join(dir, 'p.json'),
      suspend: (r) => r(),
      onQuit: () => undefined,
      loadCatalog: () => (calls++, { problems: [problem], errors: [] }),
      catalogDelayMs: 1,
    });
    shell.run({ type: 'load-catalog' }, h.dispatch);
    shell.run({ type: 'load-catalog' }, h.dispatch);
    const e = await waitFor(() => h.events.find((x) => x.type === 'FileChanged' && x.file === 'catalog'));
    expect(e).toMatchObject({ problems: [problem], errors: [] });
    expect(calls).toBe(1);
  });

  it('saves the touched problems atomically, and quits', () => {
    const h = harness();
    h.run({ type: 'save-progress' }, h.dispatch);
    expect(readProgress(join(dir, 'state', 'progress.json')).progress.problems['order-history']?.stage).toBe(1);
    h.run({ type: 'quit' }, h.dispatch);
    expect(h.events.at(-1)).toEqual({ type: 'Tick', now: -1 });
  });
});
