// Runs a mock interview in the terminal: the reducer in a small store, the shell's effects, Ink on the
// alternate screen, a tick each second for the clock. Loaded only by `sdcoach interview`.
import { useInput } from 'ink';
import { useSyncExternalStore } from 'react';
import type { Problem } from '../problems/problem.js';
import { scorecardText } from '../problems/scorecard-format.js';
import { sdcoachCommand } from '../grading/invocation.js';
import { toKeyPresses } from './components/PracticeApp.js';
import { Screen } from './components/Screen.js';
import { initInterview, updateInterview, type InterviewEffect, type InterviewEvent, type InterviewState } from './interview-session.js';
import { createInterviewShell } from './interview-shell.js';
import { interviewFrame } from './view/interview.js';
import { relative } from 'node:path';
import { runFullScreen } from './full-screen.js';

interface InterviewStore {
  getState: () => InterviewState;
  dispatch: (e: InterviewEvent) => void;
  subscribe: (l: () => void) => () => void;
}

/** Events one at a time, in order; each one's effects run after its state is committed. */
export function createInterviewStore(
  first: { state: InterviewState; effects: InterviewEffect[] },
  run: (e: InterviewEffect, d: (e: InterviewEvent) => void) => void,
) {
  let state = first.state;
  const listeners = new Set<() => void>();
  const queue: InterviewEvent[] = [];
  let busy = false;
  const dispatch = (event: InterviewEvent) => {
    queue.push(event);
    if (busy) return;
    busy = true;
    try {
      while (queue.length) {
        const next = updateInterview(state, queue.shift()!);
        if (next.state !== state) {
          state = next.state;
          for (const l of listeners) l();
        }
        for (const e of next.effects) run(e, dispatch);
      }
    } finally {
      busy = false;
    }
  };
  const store: InterviewStore = {
    getState: () => state,
    dispatch,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { store, start: () => first.effects.forEach((e) => run(e, dispatch)) };
}

function InterviewApp({ store, color, now }: { store: InterviewStore; color: boolean; now: () => number }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  useInput((input, key) => {
    for (const k of toKeyPresses(input, key)) store.dispatch({ type: 'Key', key: k, at: now() });
  });
  return <Screen frame={interviewFrame(state)} width={state.columns} color={color} />;
}

export interface InterviewRun {
  problem: Problem;
  file: string;
  minutes?: number;
  progressFile: string;
  color: boolean;
  /** The clock (tests inject one). */
  now?: () => number;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

export async function runInterview(o: InterviewRun): Promise<number> {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  const now = o.now ?? Date.now;
  let quit!: () => void;
  const quitting = new Promise<void>((r) => (quit = r));
  const shell = createInterviewShell({ problem: o.problem, file: o.file, progressFile: o.progressFile, onQuit: () => quit(), now });
  const first = initInterview({
    problem: o.problem,
    file: o.file,
    ...(o.minutes !== undefined ? { minutes: o.minutes } : {}),
    now: now(),
    columns: stdout.columns || 80,
    rows: stdout.rows || 24,
  });
  const { store, start } = createInterviewStore(first, shell.run);
  await runFullScreen(<InterviewApp store={store} color={o.color} now={now} />, {
    stdin,
    stdout,
    maxFps: 30,
    quitting,
    start,
    onResize: (columns, rows) => store.dispatch({ type: 'Resize', columns, rows }),
    tickMs: 1000,
    onTick: () => store.dispatch({ type: 'Tick', now: now() }),
    onSignal: () => store.dispatch({ type: 'Key', key: { name: 'ctrl-c' }, at: now() }),
    close: () => shell.close(),
  });
  const final = store.getState();
  if (final.card) {
    stdout.write(scorecardText(final.card));
    if (final.sessionFile) {
      const rel = relative(process.cwd(), final.sessionFile);
      const shown = rel && !rel.startsWith('..') ? rel : final.sessionFile;
      stdout.write(`\nSession: ${shown}\nExport it: ${sdcoachCommand(`scorecard ${shown} --format markdown`, o.problem)}\n`);
    }
  }
  if (final.endError) process.stderr.write(`sdcoach: ${final.endError}\n`);
  return final.card ? 0 : 1;
}
