// Runs a practice session in the terminal: the store, the shell's effects, Ink on the alternate
// screen, a tick each second, resize and editor hand-over. Loaded only by `sdcoach practice`.
import type { DrillSet } from '../problems/drills.js';
import type { Problem } from '../problems/problem.js';
import { problemStatus, stageProgress, type Progress } from '../progress/progress.js';
import { PracticeApp, type TerminalControl } from './components/PracticeApp.js';
import { terminalPreview } from './diagram-preview.js';
import { init, TICK_MS } from './reducer.js';
import { createShell } from './shell.js';
import { createStore } from './store.js';
import type { DiagramRenderer } from './view/diagram.js';
import { sdcoachCommand } from '../grading/invocation.js';
import { CLEAR, ENTER_ALT, HIDE_CURSOR, LEAVE_ALT, SHOW_CURSOR, runFullScreen } from './full-screen.js';

export interface PracticeRun {
  /** The problem named on the command line, if any; the rest is read by `loadCatalog` after the first frame. */
  catalog: Problem[];
  loadCatalog: () => { problems: Problem[]; errors: string[] };
  problem?: string;
  stage?: number;
  spec?: string;
  /** What the picker's filter starts with. */
  filter?: string;
  reveal: boolean;
  cwd: string;
  workDir: string;
  progress: Progress;
  progressFile: string;
  notices: string[];
  color: boolean;
  /** Runs the quick-fire drills chosen in the picker, after the session has left the screen. */
  runDrills?: (set: DrillSet) => Promise<number>;
  /** Runs the mock interview chosen in the picker, after the session has left the screen. */
  runInterview?: (problem: Problem) => Promise<number>;
  /** Draws the diagram pane (default: the terminal preview of src/diagrams). */
  renderDiagram?: DiagramRenderer;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

export async function runPractice(o: PracticeRun): Promise<number> {
  const stdin = o.stdin ?? process.stdin;
  const stdout = o.stdout ?? process.stdout;
  const stderr = o.stderr ?? process.stderr;
  let terminal: TerminalControl | undefined;
  let quit!: () => void;
  const quitting = new Promise<void>((resolve) => {
    quit = resolve;
  });

  const shell = createShell({
    // The shell's callbacks run once the store below exists (effects start with store.start).
    getState: () => store.getState(),
    progressFile: o.progressFile,
    loadCatalog: o.loadCatalog,
    onQuit: () => quit(),
    suspend: (run) => {
      const raw = stdin.isTTY && stdin.isRaw;
      if (raw) stdin.setRawMode(false);
      stdout.write(LEAVE_ALT + SHOW_CURSOR);
      try {
        run();
      } finally {
        stdout.write(ENTER_ALT + HIDE_CURSOR);
        if (raw) stdin.setRawMode(true);
        terminal?.write(CLEAR);
        // The terminal may have been resized while the editor had it.
        store.dispatch({ type: 'Resize', columns: stdout.columns || 80, rows: stdout.rows || 24 });
      }
    },
  });

  const first = init({
    catalog: o.catalog,
    catalogLoaded: false,
    progress: o.progress,
    columns: stdout.columns || 80,
    rows: stdout.rows || 24,
    workDir: o.workDir,
    cwd: o.cwd,
    reveal: o.reveal,
    progressFile: o.progressFile,
    renderDiagram: o.renderDiagram ?? terminalPreview,
    notices: o.notices,
    now: Date.now(),
    ...(o.problem !== undefined ? { problem: o.problem } : {}),
    ...(o.stage !== undefined ? { stage: o.stage } : {}),
    ...(o.spec !== undefined ? { spec: o.spec } : {}),
    ...(o.filter !== undefined ? { filter: o.filter } : {}),
  });
  const store = createStore(first, shell.run);

  // Whatever ends the process (a crash included), the learner's terminal gets its screen and cursor back.
  await runFullScreen(<PracticeApp store={store} color={o.color} onTerminal={(t) => (terminal = t)} />, {
    stdin,
    stdout,
    stderr,
    maxFps: 60,
    quitting,
    start: () => store.start(first.effects),
    onResize: (columns, rows) => store.dispatch({ type: 'Resize', columns, rows }),
    afterResize: () => terminal?.write(CLEAR),
    tickMs: TICK_MS,
    onTick: () => store.dispatch({ type: 'Tick', now: Date.now() }),
    onSignal: () => store.dispatch({ type: 'Key', key: { name: 'ctrl-c' }, at: Date.now() }),
    close: () => shell.close(),
  });
  const final = store.getState();
  for (const n of o.notices) stderr.write(`sdcoach: ${n}\n`);
  for (const e of shell.errors) stderr.write(`sdcoach: ${e}\n`);
  stdout.write(summary(final.progress, final.catalog, final.touched, o.progressFile));
  if (final.launch && 'drills' in final.launch && o.runDrills) {
    // Ink let go of stdin (unref'd, paused): the drills read their answers from it, line by line.
    stdin.ref();
    return o.runDrills(final.launch.drills);
  }
  if (final.launch && 'interview' in final.launch && o.runInterview) {
    const id = final.launch.interview;
    const problem = final.catalog.find((p) => p.id === id);
    if (problem) {
      stdin.ref();
      return o.runInterview(problem);
    }
  }
  return 0;
}

/** What the learner sees in their shell after quitting: where they are, and how to come back. */
export function summary(progress: Progress, catalog: Problem[], touched: string[], file: string): string {
  const lines: string[] = [];
  for (const id of touched) {
    const p = catalog.find((x) => x.id === id);
    if (!p) continue;
    const st = problemStatus(progress, id, p.stages.length);
    const cur = progress.problems[id]?.stage ?? 1;
    const sp = stageProgress(progress, id, cur);
    const where =
      st.state === 'done'
        ? `all ${st.stages} stages passed`
        : `${st.passed} of ${st.stages} stages passed; on stage ${cur}${sp.bestScore !== undefined ? ` (best score ${sp.bestScore})` : ''}`;
    // A finished problem has nothing to resume: say how to go over it again instead.
    lines.push(
      `${id}: ${where}. ${st.state === 'done' ? 'Practise it again' : 'Resume'}: ${sdcoachCommand(`practice ${id}${st.state === 'done' ? ' --stage 1' : ''}`, p)}`,
    );
  }
  if (lines.length) lines.push(`Progress is saved in ${file} (${sdcoachCommand('progress')} shows it).`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
