// A terminal for end-to-end tests: sdcoach runs in a tmux session on a private socket (so tests
// never touch the user's tmux), and the test reads the screen as text and types into it.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;

/** Single-quotes a word for sh. */
export const shq = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

export interface Terminal {
  /** Runs tmux on this terminal's socket. */
  tmux(...args: string[]): SpawnSyncReturns<string>;
  /** Starts `cmd` in a new session `cols` x `rows`, in `cwd`. */
  start(cmd: string, cols: number, rows: number, cwd: string): void;
  /** The screen as text (with `history`, that many lines of scrollback too, wrapped lines joined). */
  screen(): string;
  /** Waits until the screen matches `pattern` and returns it, or throws with the screen it shows. */
  see(pattern: RegExp, ms: number): Promise<string>;
  /** Types `text` literally, then Enter when asked. */
  type(text: string, enter?: boolean): void;
  /** Sends tmux key names (`Enter`, `Escape`, `n`). */
  keys(...names: string[]): void;
  /** Ends the session (the server stays for the next start). */
  stop(): void;
  /** Ends the server: call in afterAll. */
  close(): void;
}

export function terminal(name: string, opts: { history?: number } = {}): Terminal {
  const socket = `sdcoach-${name}-${process.pid}`;
  const tmux = (...args: string[]) =>
    spawnSync('tmux', ['-u', '-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 10_000 });
  const capture = opts.history ? ['-J', '-S', String(-opts.history)] : [];
  const screen = () => tmux('capture-pane', '-p', ...capture, '-t', name).stdout ?? '';
  return {
    tmux,
    start(cmd, cols, rows, cwd) {
      const r = tmux('new-session', '-d', '-s', name, '-x', String(cols), '-y', String(rows), '-c', cwd, cmd);
      if (r.status !== 0) throw new Error(`tmux new-session failed: ${r.stderr}`);
    },
    screen,
    async see(pattern, ms) {
      const until = Date.now() + ms;
      for (;;) {
        const s = screen();
        if (pattern.test(s)) return s;
        if (Date.now() > until) throw new Error(`the screen never showed ${pattern}; it shows:\n${s}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    type(text, enter = false) {
      tmux('send-keys', '-t', name, '-l', text);
      if (enter) tmux('send-keys', '-t', name, 'Enter');
    },
    keys(...names) {
      tmux('send-keys', '-t', name, ...names);
    },
    stop() {
      tmux('kill-session', '-t', name);
    },
    close() {
      tmux('kill-server');
    },
  };
}

/**
 * Starts the built sdcoach (`bin`) with `args` (shell words, as typed) in a new `cols` x `rows` session in
 * `cwd`, with SDCOACH_HOME=`home` and CI unset (sdcoach refuses its TUI under CI). When it exits the pane
 * prints "`label` exited with <status>" and stays for a minute, so a test reads the last screen.
 */
export function startSdcoach(
  term: Terminal,
  o: { bin: string; args: string; home: string; cols: number; rows: number; cwd: string; label?: string },
): void {
  const cmd = [
    'env -u CI -u CONTINUOUS_INTEGRATION',
    `SDCOACH_HOME=${shq(o.home)}`,
    shq(process.execPath),
    shq(o.bin),
    o.args,
    `; echo "${o.label ?? 'sdcoach'} exited with $?"; sleep 60`,
  ].join(' ');
  term.start(cmd, o.cols, o.rows, o.cwd);
}
