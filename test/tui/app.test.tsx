// The Ink screens with ink-testing-library: frames asserted, keys sent through stdin. The store
// runs the real reducer; a test shell answers its effects in memory (real grading, no disk).
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyProgress, recordDrill, recordGrade } from '../../src/progress/progress.js';
import type { Key } from 'ink';
import { PracticeApp, toKeyPresses } from '../../src/tui/components/PracticeApp.js';
import type { Effect, SessionEvent } from '../../src/tui/events.js';
import { createStageGrader } from '../../src/tui/grade-spec.js';
import { init } from '../../src/tui/reducer.js';
import type { InitOptions } from '../../src/tui/state.js';
import { createStore, type Store } from '../../src/tui/store.js';
import { BROKEN_YAML, options, solution, starter } from './session-helpers.js';

const grader = createStageGrader();

interface Harness {
  store: Store;
  effects: Effect[];
  frame: () => string;
  stdin: { write: (s: string) => void };
  /** The learner saves the watched file. */
  save: (text: string) => void;
  unmount: () => void;
}

let mounted: Harness | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function mount(o: Partial<InitOptions> = {}, fileText = starter): Harness {
  const effects: Effect[] = [];
  const first = init(options({ columns: 100, rows: 40, ...o }));
  const run = (e: Effect, dispatch: (ev: SessionEvent) => void) => {
    effects.push(e);
    if (e.type === 'watch') dispatch({ type: 'FileChanged', file: 'spec', source: 'open', text: fileText, created: true, at: Date.now() });
    if (e.type === 'grade') {
      const { outcome, ms } = grader(e.problem, e.stage, e.file, e.text);
      dispatch({ type: 'GradeReady', seq: e.seq, outcome, ms, at: Date.now() });
    }
    if (e.type === 'read-solution')
      dispatch({ type: 'FileChanged', file: 'solution', stage: e.stage, text: solution(e.stage), at: Date.now() });
  };
  const store = createStore(first, run);
  const app = render(<PracticeApp store={store} color={false} />);
  store.start(first.effects);
  const h: Harness = {
    store,
    effects,
    frame: () => app.lastFrame() ?? '',
    stdin: app.stdin,
    save: (text) => store.dispatch({ type: 'FileChanged', file: 'spec', source: 'watch', text, at: Date.now() }),
    unmount: app.unmount,
  };
  mounted = h;
  return h;
}

/** Waits (bounded) until the frame shows `text`. */
async function see(h: Harness, text: string | RegExp, ms = 3000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const f = h.frame();
    if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
    if (Date.now() > until) throw new Error(`frame never showed ${String(text)}; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function press(h: Harness, keys: string) {
  h.stdin.write(keys);
  await new Promise((r) => setTimeout(r, 20));
}

describe('picker', () => {
  it('lists problems by difficulty with progress, filters as you type, Enter starts', async () => {
    const progress = recordGrade(emptyProgress(), 'order-history', 1, 100, true, 0);
    const h = mount({ progress });
    const f = await see(h, 'choose a problem');
    expect(f).toContain('interview');
    expect(f).toMatch(/▸ ◐ order-history\s+Order history at 40,000 reads per second.*1\/5/);
    expect(f).toMatch(/✓ 1\. Size the order reads and writes\s+best 100/);
    expect(f).toContain('Enter resume');
    await press(h, 'zz');
    expect(await see(h, 'No problem matches "zz"')).toContain('filter: zz');
    await press(h, '\u007f');
    await press(h, '\u007f');
    await see(h, /▸ ◐ order-history/);
    // Typed fast, letters and Enter arrive in one chunk.
    await press(h, 'cqrs\r');
    await see(h, 'Stage 1 of 5  ✓ passed');
    expect(h.effects.map((e) => e.type)).toContain('watch');
  });
});

describe('picker: the quick-fire drills', () => {
  it('are the first row, described with their streak; ↑ then Enter hands the terminal to them', async () => {
    const progress = recordDrill(recordDrill(emptyProgress(), 'estimation', true, 7, 0), 'estimation', true, 7, 1);
    const h = mount({ progress });
    let f = await see(h, 'quick-fire drills');
    // The first row, above the problems; a fresh list still starts on a problem.
    const rows = f.split('\n');
    expect(rows.findIndex((l) => l.includes('drills:estimation'))).toBeLessThan(rows.findIndex((l) => l.includes('order-history')));
    expect(f).toMatch(/  » drills:estimation\s+Quick-fire estimation drills\s+streak 2 · best 2/);
    expect(f).toMatch(/▸ · order-history/);
    await press(h, '\u001b[A');
    f = await see(h, /▸ » drills:estimation/);
    expect(f).toContain('2/2 right so far · streak 2 (best 2)');
    expect(f).toContain('sdcoach practice --drills estimation');
    await press(h, '\r');
    await new Promise((r) => setTimeout(r, 50));
    expect(h.store.getState().launch).toEqual({ drills: 'estimation' });
    expect(h.effects.map((e) => e.type)).toEqual(expect.arrayContaining(['save-progress', 'quit']));
    expect(h.effects.map((e) => e.type)).not.toContain('watch');
  });
});

describe('stage screen', () => {
  it('shows the prompt, the numbers, the watched file and the results with locations', async () => {
    // Stage 2, the first design stage: stage 1 (estimates) shows its facts instead of the numbers.
    const h = mount({ problem: 'order-history', stage: 2 });
    const f = await see(h, 'Score');
    expect(f).toContain('Stage 2 of 5');
    expect(f).toContain('Separate reads from writes');
    expect(f).toContain('The numbers');
    expect(f).toContain('Order-summary reads at peak');
    expect(f).toContain('Results  sdcoach-work/order-history.yaml');
    expect(f).toMatch(/Score [\d.]+\/100\s+✗ not passed yet\s+pass mark 80/);
    expect(f).toMatch(/✗ scalability\/utilization · must pass/);
    expect(f).toMatch(/at sdcoach-work\/order-history\.yaml:\d+:\d+/);
    expect(f).toContain('created the spec file from the starter');
    expect(f).toMatch(/e edit\s+h hint 1\/3\s+n next/);
  });

  it('re-grades on save and shows the new score', async () => {
    const h = mount({ problem: 'order-history' });
    await see(h, /Score [\d.]+\/100\s+✗/);
    h.save(solution(1));
    const f = await see(h, 'Score 100/100');
    expect(f).toContain('✓ passed');
    expect(f).toContain('Stage 1 passed! n: on to stage 2');
  });

  it('h reveals hints one at a time', async () => {
    const h = mount({ problem: 'order-history', stage: 2 });
    await see(h, 'h reveals a hint (3 for this stage)');
    await press(h, 'h');
    let f = await see(h, 'Hints 1 of 3');
    expect(f).toContain('1. Which component is');
    expect(f).not.toContain('2. CQRS gives reads');
    await press(h, 'h');
    f = await see(h, 'Hints 2 of 3');
    expect(f).toContain('2. CQRS gives reads');
    expect(h.store.getState().progress.problems['order-history']?.stages['2']?.hintsUsed).toBe(2);
  });

  it('n advances once the stage passes, and the same file is graded against stage 2', async () => {
    const h = mount({ problem: 'order-history' });
    await see(h, 'Score');
    await press(h, 'n');
    await see(h, 'stage 1 has not passed yet');
    h.save(solution(1));
    await see(h, 'Score 100/100');
    // From the estimates to the design: the same file, graded against the CQRS stage.
    await press(h, 'n');
    const f = await see(h, 'Stage 2 of 5');
    expect(f).toContain('Separate reads from writes');
    expect(f).toContain('The orders database is at 400%');
    expect(f).toMatch(/✗ scalability\/utilization · must pass/);
    expect(f).toContain('stage 2/5 ✓●···');
    h.save(solution(2));
    await see(h, /Score 100\/100\s+✓ passed/);
  });

  it('shows broken YAML with its line and a caret instead of the results, then recovers', async () => {
    const h = mount({ problem: 'order-history' });
    await see(h, 'Score');
    h.save(BROKEN_YAML);
    const f = await see(h, 'The spec does not load: 1 problem to fix');
    expect(f).toContain('sdcoach-work/order-history.yaml:2:7');
    expect(f).toContain('a quoted value is never closed');
    expect(f).toContain('2 │ name: "Orders API');
    expect(f).toMatch(/│ {7}\^/);
    expect(f).toMatch(/last score [\d.]+\/100/);
    expect(f).not.toContain('pass mark');
    h.save(solution(1));
    await see(h, 'Score 100/100');
  });

  it('s shows the reference solution beside the spec after passing; ? shows help', async () => {
    const h = mount({ problem: 'order-history', stage: 2 }, solution(2));
    await see(h, 'Score 100/100');
    await press(h, 's');
    const f = await see(h, 'Reference solution, stage 2');
    expect(f).toContain('Your spec  sdcoach-work/order-history.yaml');
    expect(f).toContain('  gateway:      {kind: gateway, regions:');
    await press(h, 's');
    await see(h, 'Score 100/100');
    await press(h, '?');
    await see(h, 'Practising a stage');
    await press(h, 'x');
    await see(h, 'Score 100/100');
  });

  it('uses one pane at a time under 60 columns', async () => {
    const h = mount({ problem: 'order-history', columns: 50 });
    let f = await see(h, 'Stage 1 of 5');
    expect(f).not.toContain('Results');
    expect(f).not.toContain('╭');
    await press(h, '\t');
    f = await see(h, 'Results');
    expect(f).toContain('Score');
    for (const row of f.split('\n')) expect(row.length).toBeLessThanOrEqual(50);
  });
});

describe('toKeyPresses', () => {
  const none = {} as Key;
  it('splits a chunk typed quickly into keys, control characters included', () => {
    expect(toKeyPresses('or\r', none)).toEqual([{ name: 'char', char: 'o' }, { name: 'char', char: 'r' }, { name: 'return' }]);
    expect(toKeyPresses('a\u007f\t', none).map((k) => k.name)).toEqual(['char', 'backspace', 'tab']);
  });
  it('maps Ink key flags', () => {
    expect(toKeyPresses('', { ...none, upArrow: true })).toEqual([{ name: 'up' }]);
    expect(toKeyPresses('c', { ...none, ctrl: true })).toEqual([{ name: 'ctrl-c' }]);
    expect(toKeyPresses('x', { ...none, meta: true })).toEqual([]);
  });
});
