// The drill overlay of the practice screen (ink-testing-library): g opens the timeline of the graded
// design, ← → step through its phases, Esc closes.
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { PracticeApp } from '../../src/tui/components/PracticeApp.js';
import type { Effect, SessionEvent } from '../../src/tui/events.js';
import { createStageGrader } from '../../src/tui/grade-spec.js';
import { init } from '../../src/tui/reducer.js';
import { createStore } from '../../src/tui/store.js';
import { options, solution, starter } from './session-helpers.js';

const grader = createStageGrader();
let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
});

function mount(columns: number, rows: number, fileText: string) {
  const first = init(options({ columns, rows, problem: 'order-history' }));
  const run = (e: Effect, dispatch: (ev: SessionEvent) => void) => {
    if (e.type === 'watch') dispatch({ type: 'FileChanged', file: 'spec', source: 'open', text: fileText, created: true, at: Date.now() });
    if (e.type === 'grade') {
      const { outcome, ms } = grader(e.problem, e.stage, e.file, e.text);
      dispatch({ type: 'GradeReady', seq: e.seq, outcome, ms, at: Date.now() });
    }
  };
  const store = createStore(first, run);
  const app = render(<PracticeApp store={store} color={false} />);
  store.start(first.effects);
  unmount = app.unmount;
  return { store, frame: () => app.lastFrame() ?? '', stdin: app.stdin };
}

async function see(h: { frame: () => string }, text: string | RegExp, ms = 4000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const f = h.frame();
    if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
    if (Date.now() > until) throw new Error(`frame never showed ${String(text)}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const press = async (h: { stdin: { write: (s: string) => void } }, keys: string) => {
  h.stdin.write(keys);
  await new Promise((r) => setTimeout(r, 30));
};

describe('drill overlay', () => {
  it('steps through the region-loss timeline of a two-region design, 120 x 40', async () => {
    // order-history's stage 1 reference runs in us-east and eu-west; us-east has the most users.
    const h = mount(120, 40, solution(1));
    await see(h, 'Score');
    expect(h.frame()).toMatch(/g drill/);
    await press(h, 'g');
    let f = await see(h, 'Drill region-down:us-east');
    expect(f).toMatch(/phase 1\/\d/);
    expect(f).toContain('Detection (0 s to');
    expect(f).toContain('nobody has noticed yet');
    expect(f).toMatch(/← → phase/);
    await press(h, '\u001b[C');
    await see(h, /phase 2\/\d/);
    for (let i = 0; i < 6; i++) await press(h, '\u001b[C');
    f = await see(h, 'Steady state (from');
    // Stepping past the end stays on the last phase; ← goes back.
    expect(f).toContain('Data lost with the region');
    await press(h, '\u001b[D');
    await see(h, /phase \d\/\d/);
    expect(h.frame()).not.toContain('Steady state (from');
    await press(h, '\u001b');
    await see(h, 'Score');
    expect(h.store.getState().overlay).toBe('none');
  });

  it('fits 70 x 24 (the starter: the region with the most users is lost)', async () => {
    const h = mount(70, 24, starter);
    await see(h, 'Score');
    await press(h, 'g');
    const f = await see(h, 'Drill region-down:us-east');
    for (const row of f.split('\n')) expect(row.length).toBeLessThanOrEqual(70);
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
  });
});
