// Runs an Ink element on the terminal's alternate screen until the session quits, for every full-screen
// session (practice, interview): the screen and cursor come back whatever ends the process, resizes are
// debounced into one callback, a tick drives the clock, SIGTERM/SIGHUP go to the session like Ctrl-C.
import { render } from 'ink';
import type { ReactElement } from 'react';

export const ENTER_ALT = '\u001b[?1049h\u001b[H';
export const LEAVE_ALT = '\u001b[?1049l';
export const CLEAR = '\u001b[2J\u001b[H';
export const SHOW_CURSOR = '\u001b[?25h';
export const HIDE_CURSOR = '\u001b[?25l';

export interface FullScreenRun {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  maxFps: number;
  /** Resolves when the session asks to quit. */
  quitting: Promise<void>;
  /** Called once Ink is on screen: start the session's effects. */
  start: () => void;
  /** The terminal's new size, once it stops changing. */
  onResize: (columns: number, rows: number) => void;
  /** After Ink has drawn the resized layout (e.g. repaint from a clean screen). */
  afterResize?: () => void;
  tickMs: number;
  onTick: () => void;
  /** SIGTERM or SIGHUP: the session quits as it would on Ctrl-C. */
  onSignal: () => void;
  /** Before Ink unmounts: let the session's shell finish its writes. */
  close: () => Promise<void>;
}

export async function runFullScreen(element: ReactElement, o: FullScreenRun): Promise<void> {
  const { stdin, stdout } = o;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    stdout.write(LEAVE_ALT + SHOW_CURSOR);
  };
  process.on('exit', restore);
  stdout.write(ENTER_ALT);
  const ink = render(element, {
    stdin,
    stdout,
    ...(o.stderr ? { stderr: o.stderr } : {}),
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: o.maxFps,
  });

  let resizeTimer: NodeJS.Timeout | undefined;
  const onResize = () => {
    if (resizeTimer) clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      o.onResize(stdout.columns || 80, stdout.rows || 24);
      // Once Ink has drawn the new layout: lines the terminal rewrapped while it was resized would
      // otherwise stay behind.
      if (o.afterResize) resizeTimer = setTimeout(o.afterResize, 40);
    }, 30);
  };
  stdout.on('resize', onResize);
  const tick = setInterval(o.onTick, o.tickMs);
  process.on('SIGTERM', o.onSignal);
  process.on('SIGHUP', o.onSignal);

  o.start();
  await o.quitting;

  clearInterval(tick);
  if (resizeTimer) clearTimeout(resizeTimer);
  stdout.off('resize', onResize);
  process.off('SIGTERM', o.onSignal);
  process.off('SIGHUP', o.onSignal);
  await o.close();
  ink.unmount();
  await ink.waitUntilExit().catch(() => undefined);
  restore();
  process.off('exit', restore);
}
