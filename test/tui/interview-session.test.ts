// The mock interview's reducer, driven with an injected clock: phase transitions, the questions asked,
// time accounting per phase, the time running out, quitting with a confirmation, and grades that
// belong to the phase they were asked for.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../src/problems/interview.js';
import {
  initInterview,
  sessionDirFor,
  sessionRecord,
  updateInterview,
  type InterviewEffect,
  type InterviewEvent,
  type InterviewState,
  questionOrder,
} from '../../src/tui/interview-session.js';
import { interviewFrame, scrollLimits } from '../../src/tui/view/interview.js';
import type { Line } from '../../src/tui/view/lines.js';
import { problem } from './session-helpers.js';

const T0 = Date.UTC(2026, 10, 30, 7, 0, 0);
const MIN = 60_000;
const FILE = '/work/designs/orders.yaml';

function start(minutes?: number) {
  return initInterview({ problem, file: FILE, now: T0, columns: 120, rows: 40, ...(minutes !== undefined ? { minutes } : {}) });
}

function run(state: InterviewState, ...events: InterviewEvent[]): { state: InterviewState; effects: InterviewEffect[] } {
  const effects: InterviewEffect[] = [];
  for (const e of events) {
    const u = updateInterview(state, e);
    state = u.state;
    effects.push(...u.effects);
  }
  return { state, effects };
}
const key = (name: 'up' | 'down' | 'return' | 'ctrl-c', at: number): InterviewEvent => ({ type: 'Key', key: { name }, at });
const ch = (char: string, at: number): InterviewEvent => ({ type: 'Key', key: { name: 'char', char }, at });
const text = (lines: Line[]) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');
const screen = (s: InterviewState) => {
  const f = interviewFrame(s);
  return [text(f.header), ...f.body.flat().map((p) => `${text([p.title])}\n${text(p.lines)}`), text(f.footer)].join('\n');
};

describe('the interview reducer', () => {
  it('starts in clarify with the clock at 0, watching the spec; the session folder is named from the start time', () => {
    const { state, effects } = start();
    expect(state.phase).toBe(0);
    expect(effects).toEqual([{ type: 'watch', file: FILE }]);
    // 2026-11-30 07:00:00 UTC.
    expect(state.sessionDir).toBe(join('/work/designs', 'orders.interview-20261130T070000Z'));
    expect(sessionDirFor('/a/b.yml', T0)).toBe('/a/b.interview-20261130T070000Z');
    // order-history's guide: 5 + 7 + 8 + 15 + 7 + 3 = 45 minutes.
    expect(state.totalMs).toBe(45 * MIN);
    expect(state.guideMs.clarify).toBe(5 * MIN);
  });

  it('--minutes scales every phase guide: 30 of 45 minutes gives clarify 5 x 30/45 = 3 min 20 s', () => {
    const { state } = start(30);
    expect(state.totalMs).toBe(30 * MIN);
    expect(state.guideMs.clarify).toBe(200_000);
    expect(state.guideMs.design).toBe(10 * MIN);
  });

  it("asks questions with arrows and Enter, once each, in the session's order; the facts panel shows the answers", () => {
    let { state } = start();
    // The session lists the questions mixed by a hash of their ids (questionOrder), not as written.
    const q = questionOrder(problem.id, problem.interview!.questions);
    ({ state } = run(
      state,
      key('return', T0 + 1000),
      key('down', T0 + 2000),
      key('down', T0 + 3000),
      key('return', T0 + 4000),
      key('return', T0 + 5000),
      key('up', T0 + 6000),
      key('up', T0 + 7000),
      key('up', T0 + 8000),
    ));
    expect(state.asked).toEqual([q[0]!.id, q[2]!.id]);
    // Up from the first question wraps to the last.
    expect(state.cursor).toBe(q.length - 1);
    const s = screen(state);
    expect(s).toContain(q[0]!.answer.slice(0, 30));
    expect(s).toContain('2 of 13 questions asked');
    expect(s).toContain('0:08 / 45:00');
  });

  it('n ends a phase: its time is counted, its spec snapshotted, and the next phase grades the spec with its own rubric', () => {
    let { state } = start();
    ({ state } = run(state, { type: 'FileChanged', text: 'problem: order-history\n', created: true, at: T0 + 100 }));
    // Clarify grades nothing.
    expect(state.grading).toBe(false);
    const moved = run(state, ch('n', T0 + 4 * MIN));
    expect(moved.state.phase).toBe(1);
    expect(moved.state.spentMs.clarify).toBe(4 * MIN);
    expect(moved.effects).toEqual([
      { type: 'snapshot', phase: 'clarify', to: join(state.sessionDir, 'phase-1.yaml') },
      { type: 'grade', seq: 1, phase: 'estimate', text: 'problem: order-history\n' },
    ]);
    // A grade asked in an earlier phase (seq 0) is dropped; the estimate's own is kept.
    let next = run(moved.state, {
      type: 'GradeReady',
      seq: 0,
      outcome: { kind: 'rubric-error', messages: ['old'] },
      at: T0 + 4 * MIN + 10,
    });
    expect(next.state.result).toBeUndefined();
    next = run(next.state, { type: 'GradeReady', seq: 1, outcome: { kind: 'rubric-error', messages: ['x'] }, at: T0 + 4 * MIN + 20 });
    expect(next.state.gradedPhase).toBe('estimate');
    // 4 min in clarify, then 6 min 30 s in the estimate: 6.5 minutes.
    const after = run(next.state, ch('n', T0 + 10.5 * MIN));
    expect(after.state.spentMs.estimate).toBe(6.5 * MIN);
    expect(after.state.phase).toBe(2);
    expect(after.state.result).toBeUndefined();
  });

  it('a save is graded; the same text again is not graded twice; an unreadable file drops the grade', () => {
    let { state } = start();
    ({ state } = run(state, ch('n', T0 + MIN)));
    let u = run(state, { type: 'FileChanged', text: 'a: 1\n', at: T0 + MIN + 5 });
    expect(u.effects).toEqual([{ type: 'grade', seq: 1, phase: 'estimate', text: 'a: 1\n' }]);
    u = run(u.state, { type: 'GradeReady', seq: 1, outcome: { kind: 'invalid', diagnostics: [] }, at: T0 + MIN + 6 });
    expect(run(u.state, { type: 'FileChanged', text: 'a: 1\n', at: T0 + MIN + 7 }).effects).toEqual([]);
    const gone = run(u.state, { type: 'FileChanged', text: null, error: 'no such file', at: T0 + MIN + 8 });
    expect(gone.state.result).toBeUndefined();
    expect(screen(gone.state)).toContain('cannot read');
  });

  it('walks all six phases and finishes after decide: the session records minutes, asked, each phase spec', () => {
    let { state } = start();
    const effects: InterviewEffect[] = [];
    ({ state } = run(state, key('return', T0 + 1000)));
    // Phases end at 5, 12, 20, 35, 42 and 45 minutes: 5, 7, 8, 15, 7 and 3 minutes each.
    for (const m of [5, 12, 20, 35, 42, 45]) {
      const u = run(state, ch('n', T0 + m * MIN));
      state = u.state;
      effects.push(...u.effects);
    }
    expect(state.ended).toBe('finished');
    expect(effects.filter((e) => e.type === 'snapshot').map((e) => (e as { phase: string }).phase)).toEqual([...PHASES]);
    const finish = effects.find((e) => e.type === 'finish');
    expect(finish).toEqual({
      type: 'finish',
      session: {
        dir: state.sessionDir,
        problem: 'order-history',
        asked: [questionOrder(problem.id, problem.interview!.questions)[0]!.id],
        minutes: { clarify: 5, estimate: 7, api: 8, design: 15, deep_dive: 7, decide: 3 },
        length: 45,
        spec: 'phase-6.yaml',
        specs: { estimate: 'phase-2.yaml', api: 'phase-3.yaml', design: 'phase-4.yaml', deep_dive: 'phase-5.yaml', decide: 'phase-6.yaml' },
        started: '2026-11-30T07:00:00.000Z',
      },
    });
    expect(effects.at(-2)).toEqual({ type: 'unwatch' });
    // Keys do nothing until the scorecard is there; then q quits.
    expect(run(state, ch('q', T0 + 46 * MIN)).effects).toEqual([]);
    const scored = run(state, { type: 'Ended', error: 'x', at: T0 + 46 * MIN });
    expect(run(scored.state, ch('q', T0 + 46 * MIN)).effects).toEqual([{ type: 'quit' }]);
  });

  it('time running out ends the phase under way at the interview length, and the interview', () => {
    let { state } = start(30);
    ({ state } = run(state, ch('n', T0 + 10 * MIN), { type: 'Tick', now: T0 + 29 * MIN }));
    expect(state.ended).toBeUndefined();
    expect(screen(state)).toContain('29:00 / 30:00');
    const u = run(state, { type: 'Tick', now: T0 + 31 * MIN });
    expect(u.state.ended).toBe('time');
    // The estimate ran from 10 to 30 minutes (the length), not to the late tick at 31.
    expect(u.state.spentMs.estimate).toBe(20 * MIN);
    const rec = sessionRecord(u.state);
    expect(rec.minutes).toEqual({ clarify: 10, estimate: 20 });
    expect(rec.spec).toBe('phase-2.yaml');
    expect(rec.specs).toEqual({ estimate: 'phase-2.yaml' });
    expect(screen(u.state)).toContain('Time is up.');
  });

  it('q asks first: any key but y goes back, y ends the interview; Ctrl-C ends it at once', () => {
    let { state } = start();
    ({ state } = run(state, ch('q', T0 + MIN)));
    expect(state.confirm).toBe('quit');
    expect(screen(state)).toContain('End the interview now and see the scorecard?');
    ({ state } = run(state, ch('x', T0 + MIN)));
    expect(state.confirm).toBeUndefined();
    expect(state.ended).toBeUndefined();
    const yes = run(state, ch('q', T0 + 2 * MIN), ch('y', T0 + 2 * MIN));
    expect(yes.state.ended).toBe('quit');
    expect(yes.state.spentMs.clarify).toBe(2 * MIN);
    expect(run(start().state, key('ctrl-c', T0 + 3000)).state.ended).toBe('quit');
  });

  it('the estimate phase shows only the facts uncovered, and every quantity to write', () => {
    let { state } = start();
    // Ask one question only: daily users (dau), wherever the session lists it.
    const at = questionOrder(problem.id, problem.interview!.questions).findIndex((q) => q.id === 'daily-users');
    const downs = Array.from({ length: at }, (_, i) => key('down', T0 + 100 + i));
    ({ state } = run(state, ...downs, key('return', T0 + 1000), ch('n', T0 + 2000)));
    const s = screen(state);
    expect(s).toContain('dau 72M users');
    expect(s).not.toContain('peak_factor');
    // order-history's estimate stage has 9 facts: 8 were not uncovered.
    expect(s).toContain('8 more facts the interviewer would have given if asked.');
    for (const q of ['peak_summary_reads_per_s', 'peak_orders_per_s', 'order_storage_per_year', 'summary_egress', 'summary_db_nodes'])
      expect(s).toContain(q);
  });

  it('fits 70x24: every row within the width, the clock and the keys on screen', () => {
    let { state } = start();
    ({ state } = run(state, { type: 'Resize', columns: 70, rows: 24 }, ch('n', T0 + 65_000)));
    const f = interviewFrame(state);
    const rows = f.header.length + f.footer.length + f.body.reduce((a, row) => a + Math.max(...row.map((p) => p.height)), 0);
    expect(rows).toBeLessThanOrEqual(24);
    for (const l of [...f.header, ...f.footer]) expect(l.reduce((n, x) => n + [...x.text].length, 0)).toBeLessThanOrEqual(70);
    for (const p of f.body.flat()) expect(p.width).toBeLessThanOrEqual(70);
    const s = screen(state);
    expect(s).toContain('1:05 / 45:00');
    expect(s).toMatch(/n next/);
    expect(s).toMatch(/q end/);
  });
  it('Tab picks the pane ↑↓ scroll, and a scroll never goes past what the pane shows', () => {
    let { state } = start();
    ({ state } = run(state, { type: 'Resize', columns: 70, rows: 24 }, ch('n', T0 + 1000)));
    expect(state.focus).toBe('grade');
    ({ state } = run(state, { type: 'Key', key: { name: 'tab' }, at: T0 + 2000 }, key('down', T0 + 3000)));
    expect(state.focus).toBe('prompt');
    expect(state.promptScroll).toBe(1);
    expect(state.scroll).toBe(0);
    // Far past the end: held at the last page.
    for (let i = 0; i < 200; i++) ({ state } = run(state, key('down', T0 + 4000)));
    const held = state.promptScroll;
    expect(held).toBeGreaterThan(1);
    expect(held).toBe(scrollLimits(state).prompt);
    ({ state } = run(state, key('up', T0 + 5000)));
    expect(state.promptScroll).toBe(held - 1);
  });
});

describe("the interviewer's own prompts", () => {
  it("the design phase asks the interview's design_prompt, not the practice stage's prompt that names the answer", () => {
    // order-history's stage 2 prompt says "Separate the read side from the write side ... a read model"; the
    // interview asks what to change without naming it.
    let { state } = start();
    for (let i = 1; i <= 3; i++) state = run(state, ch('n', T0 + i * MIN)).state;
    expect(PHASES[state.phase]).toBe('design');
    const shown = screen(state).replace(/\s+/g, ' ');
    expect(shown).toContain('What do you change?');
    expect(shown).not.toContain('read model');
    expect(shown).not.toContain(problem.stages[1]!.title);
  });
});
