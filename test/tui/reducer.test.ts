// The practice reducer, without Ink: every event (FileChanged, GradeReady, Key, Resize, Tick) and
// the effects it asks the shell for.
import { describe, expect, it } from 'vitest';
import { emptyProgress, recordGrade, recordHint, recordStage } from '../../src/progress/progress.js';
import type { Effect } from '../../src/tui/events.js';
import { IDLE_MS, init, update } from '../../src/tui/reducer.js';
import { stagePassed } from '../../src/tui/state.js';
import { selectedEntry, selectedProblem } from '../../src/tui/view/picker.js';
import { scrollMax } from '../../src/tui/view/stage.js';
import { BROKEN_YAML, ch, key, opened, options, problem, saved, solution, starter, step } from './session-helpers.js';

const types = (effects: Effect[]) => effects.map((e) => e.type);

describe('init', () => {
  it('starts on the picker without a problem, on the last practised one', () => {
    const progress = recordStage(emptyProgress(), 'order-history', 2, undefined, 500);
    const u = init(options({ progress }));
    expect(u.state.screen).toBe('picker');
    expect(u.state.picker.selected).toBe('order-history');
    expect(u.effects).toEqual([]);
  });

  it('opens a problem given up front: watches ./sdcoach-work/<id>.yaml and saves progress', () => {
    const u = init(options({ problem: 'order-history' }));
    expect(u.state.screen).toBe('stage');
    expect(u.state.session?.stage).toBe(1);
    expect(u.effects[0]).toMatchObject({ type: 'watch', file: '/work/learner/sdcoach-work/order-history.yaml' });
    expect(types(u.effects)).toEqual(['watch', 'save-progress']);
    expect(u.state.progress.problems['order-history']?.stage).toBe(1);
  });

  it('honours --spec (relative to cwd) and --stage for that problem', () => {
    const u = init(options({ problem: 'order-history', spec: 'designs/mine.yaml', stage: 3 }));
    expect(u.state.session).toMatchObject({ stage: 3, file: '/work/learner/designs/mine.yaml' });
  });

  it('resumes at the stage the learner was on', () => {
    const progress = recordStage(emptyProgress(), 'order-history', 2, undefined, 500);
    expect(init(options({ problem: 'order-history', progress })).state.session?.stage).toBe(2);
  });

  it('shows notices (a progress file set aside) as a message', () => {
    expect(init(options({ notices: ['moved it aside'] })).state.flash?.text).toContain('moved it aside');
  });
});

describe('FileChanged', () => {
  it('asks for a grade of new text, numbered', () => {
    const first = init(options({ problem: 'order-history' }));
    const u = update(first.state, saved(starter, 'open'));
    expect(u.effects).toEqual([
      { type: 'grade', seq: 1, problem, stage: 1, file: '/work/learner/sdcoach-work/order-history.yaml', text: starter },
    ]);
    expect(u.state.session?.grading).toBe(true);
  });

  it('does not grade the same text twice (editors touch files)', () => {
    const s = opened(starter);
    const u = update(s, saved(starter));
    expect(u.effects).toEqual([]);
  });

  it('an unreadable file becomes an invalid result, and stale grades are dropped', () => {
    const s = opened(starter);
    const err = { file: 'x.yaml', message: 'no such file', code: 'file-not-found', severity: 'error' as const };
    const u = update(s, { type: 'FileChanged', file: 'spec', source: 'watch', text: null, error: err, at: 5 });
    expect(u.state.session?.result).toEqual({ kind: 'invalid', diagnostics: [err] });
    expect(u.state.session?.text).toBeNull();
  });

  it('says so when the file was created from the starter', () => {
    const first = init(options({ problem: 'order-history' }));
    const u = update(first.state, { type: 'FileChanged', file: 'spec', source: 'open', text: starter, created: true, at: 5 });
    expect(u.state.flash?.text).toMatch(/created .* from the starter/);
    expect(u.state.session?.created).toBe(true);
  });

  it('shows a notice from the shell (an editor that failed)', () => {
    const u = update(opened(starter), {
      type: 'FileChanged',
      file: 'spec',
      source: 'editor',
      text: starter,
      notice: 'could not start the editor "nope"',
      at: 5,
    });
    expect(u.state.flash).toMatchObject({ tone: 'bad', text: 'could not start the editor "nope"' });
  });

  it('stores a reference solution that was read', () => {
    const u = update(opened(solution(1)), { type: 'FileChanged', file: 'solution', stage: 1, text: 'ref: 1', at: 5 });
    expect(u.state.session?.solutions[1]).toEqual({ text: 'ref: 1' });
  });

  it('the catalog read after start-up fills the picker; the practised problem keeps its object', () => {
    const first = init(options({ problem: 'order-history', catalog: [problem], catalogLoaded: false }));
    expect(types(first.effects)).toEqual(['watch', 'save-progress', 'load-catalog']);
    const other = { ...problem, id: 'other-problem', title: 'Another' };
    const copy = { ...problem };
    const u = update(first.state, { type: 'FileChanged', file: 'catalog', problems: [other, copy], errors: ['bad.yaml: broken'], at: 5 });
    expect(u.state.catalogLoaded).toBe(true);
    expect(u.state.catalog.map((p) => p.id)).toEqual(['other-problem', 'order-history']);
    expect(u.state.catalog[1]).toBe(problem);
    expect(u.state.catalogErrors).toEqual(['bad.yaml: broken']);
    const picker = init(options({ catalog: [], catalogLoaded: false }));
    expect(picker.effects).toEqual([{ type: 'load-catalog' }]);
    expect(update(picker.state, key('return')).state.flash?.text).toContain('still being read');
    expect(
      selectedProblem(update(picker.state, { type: 'FileChanged', file: 'catalog', problems: [problem], errors: [], at: 5 }).state)?.id,
    ).toBe('order-history');
  });

  it('is ignored on the picker', () => {
    const s = init(options()).state;
    expect(update(s, saved(starter))).toEqual({ state: s, effects: [] });
  });

  it('switches a one-pane layout to the results after a save', () => {
    const s = opened(starter, { columns: 50 });
    expect(s.pane).toBe('prompt');
    expect(step(s, saved(solution(1))).state.pane).toBe('results');
  });
});

describe('GradeReady', () => {
  it('shows the report and records the score in progress', () => {
    const s = opened(starter);
    const r = s.session?.result;
    expect(r?.kind).toBe('report');
    if (r?.kind !== 'report') return;
    expect(r.report.passed).toBe(false);
    expect(s.session?.lastScore).toBe(r.report.score);
    expect(s.progress.problems['order-history']?.stages['1']).toMatchObject({ passed: false, lastScore: r.report.score });
  });

  it('a first pass is remembered and announced; it asks for a save', () => {
    const u = step(opened(starter), saved(solution(1)));
    expect(u.state.progress.problems['order-history']?.stages['1']).toMatchObject({ passed: true, bestScore: 100 });
    expect(u.state.flash).toMatchObject({ tone: 'good' });
    expect(u.state.flash?.text).toContain('n: on to stage 2');
    expect(types(u.effects)).toContain('save-progress');
  });

  it('ignores an answer to an older grade', () => {
    const first = init(options({ problem: 'order-history' }));
    const a = update(first.state, saved(starter, 'open')).state; // seq 1
    const b = update(a, saved(solution(1))).state; // seq 2
    const stale = update(b, { type: 'GradeReady', seq: 1, outcome: { kind: 'invalid', diagnostics: [] }, ms: 1, at: 9 });
    expect(stale.state).toBe(b);
  });

  it('keeps the best score when a later save is worse', () => {
    const s = step(step(opened(starter), saved(solution(1))).state, saved(starter)).state;
    expect(s.progress.problems['order-history']?.stages['1']).toMatchObject({ passed: true, bestScore: 100 });
    expect(s.progress.problems['order-history']?.stages['1']?.lastScore).toBeLessThan(100);
  });

  it('broken YAML gives an invalid outcome and keeps the last score', () => {
    const s = step(opened(starter), saved(BROKEN_YAML)).state;
    expect(s.session?.result?.kind).toBe('invalid');
    if (s.session?.result?.kind === 'invalid')
      expect(s.session.result.diagnostics[0]).toMatchObject({ line: 2, code: 'yaml-missing-char' });
    expect(s.session?.lastScore).toBeDefined();
  });
});

describe('Key on the stage screen', () => {
  it('h reveals the next hint, remembered per stage, up to the last', () => {
    let s = opened(starter);
    let u = update(s, ch('h'));
    expect(u.state.progress.problems['order-history']?.stages['1']?.hintsUsed).toBe(1);
    expect(types(u.effects)).toEqual(['save-progress']);
    s = update(update(u.state, ch('h')).state, ch('h')).state;
    expect(s.progress.problems['order-history']?.stages['1']?.hintsUsed).toBe(3);
    u = update(s, ch('h'));
    expect(u.state.progress).toBe(s.progress);
    expect(u.state.flash?.text).toContain('all 3 hints');
  });

  it('n does nothing but explain until the stage passes', () => {
    const s = opened(starter);
    const u = update(s, ch('n'));
    expect(u.state.session?.stage).toBe(1);
    // Stage 1 is the estimate stage: the starter answers none of its quantities.
    expect(u.state.flash?.text).toBe('stage 1 has not passed yet (score 0, pass mark 100, must pass: estimation/quantities)');
    expect(u.effects).toEqual([]);
  });

  it('n after a pass moves to the next stage and grades the same file against it', () => {
    const s = step(opened(starter), saved(solution(1))).state;
    expect(stagePassed(s)).toBe(true);
    const u = step(s, ch('n'));
    expect(u.state.session?.stage).toBe(2);
    expect(u.effects.find((e) => e.type === 'grade')).toMatchObject({ stage: 2, text: solution(1) });
    expect(u.state.session?.result?.kind).toBe('report');
    if (u.state.session?.result?.kind === 'report') expect(u.state.session.result.report.stage).toBe(2);
    expect(u.state.progress.problems['order-history']?.stage).toBe(2);
    expect(u.state.flash?.text).toContain('Stage 2:');
  });

  it('n is allowed when the stage passed at an earlier session', () => {
    const progress = recordGrade(emptyProgress(), 'order-history', 1, 100, true, 10);
    const s = opened(starter, { progress, stage: 1 });
    expect(update(s, ch('n')).state.session?.stage).toBe(2);
  });

  it('n on the last stage says it is the last', () => {
    const last = problem.stages.length;
    const s = step(opened(solution(last), { stage: last }), saved(solution(last))).state;
    const u = update(s, ch('n'));
    expect(u.state.session?.stage).toBe(last);
    expect(u.state.flash?.text).toContain('last one');
  });

  it('s opens the reference solution only after passing (or with --reveal)', () => {
    const before = update(opened(starter), ch('s'));
    expect(before.state.overlay).toBe('none');
    expect(before.state.flash?.text).toContain('once this stage passes');
    const after = update(step(opened(starter), saved(solution(1))).state, ch('s'));
    expect(after.state.overlay).toBe('solution');
    expect(after.effects).toEqual([{ type: 'read-solution', problem, stage: 1 }]);
    const revealed = update(opened(starter, { reveal: true }), ch('s'));
    expect(revealed.state.overlay).toBe('solution');
    expect(update(after.state, key('escape')).state.overlay).toBe('none');
  });

  it('d toggles the diagram pane, ? the help (any key closes it)', () => {
    const s = opened(starter);
    expect(update(s, ch('d')).state.diagram).toBe(true);
    const help = update(s, ch('?')).state;
    expect(help.overlay).toBe('help');
    expect(update(help, ch('x')).state.overlay).toBe('none');
    expect(update(help, key('down')).state.overlay).toBe('help');
  });

  it('e asks the shell to open the editor on the watched file', () => {
    expect(update(opened(starter), ch('e')).effects).toEqual([
      { type: 'open-editor', file: '/work/learner/sdcoach-work/order-history.yaml' },
    ]);
  });

  it('r grades again', () => {
    expect(types(update(opened(starter), ch('r')).effects)).toEqual(['grade']);
  });

  it('q and Ctrl+C quit, saving progress first', () => {
    for (const k of [ch('q'), key('ctrl-c')]) {
      const u = update(opened(starter), k);
      expect(u.state.quitting).toBe(true);
      expect(types(u.effects)).toEqual(['save-progress', 'unwatch', 'quit']);
    }
  });

  it('Esc goes back to the picker on the same problem', () => {
    const u = update(opened(starter), key('escape'));
    expect(u.state.screen).toBe('picker');
    expect(u.state.session).toBeUndefined();
    expect(u.state.picker.selected).toBe('order-history');
    expect(types(u.effects)).toEqual(['unwatch', 'save-progress']);
  });

  it('Tab switches panes: which one scrolls when wide, which one shows when narrow', () => {
    expect(opened(starter).pane).toBe('results');
    expect(update(opened(starter), key('tab')).state.pane).toBe('prompt');
    const narrow = opened(starter, { columns: 50 });
    expect(narrow.pane).toBe('prompt');
    expect(update(narrow, key('tab')).state.pane).toBe('results');
  });

  it('with the diagram on, Tab cycles prompt, results, diagram; narrow layouts show the diagram alone', () => {
    const wide = update(opened(starter), ch('d')).state;
    expect(wide.pane).toBe('results');
    const order: string[] = [];
    let s = wide;
    for (let i = 0; i < 3; i++) {
      s = update(s, key('tab')).state;
      order.push(s.pane);
    }
    expect(order).toEqual(['diagram', 'prompt', 'results']);
    const narrow = update(opened(starter, { columns: 50 }), ch('d')).state;
    expect(narrow.pane).toBe('diagram');
    expect(update(narrow, ch('d')).state.pane).toBe('results');
  });

  it('arrow keys scroll the results, clamped to what there is', () => {
    const s = opened(starter, { rows: 16 });
    const max = scrollMax(s);
    expect(max).toBeGreaterThan(0);
    expect(update(s, key('down')).state.scroll).toBe(1);
    expect(update(s, key('up')).state.scroll).toBe(0);
    expect(update(s, key('end')).state.scroll).toBe(max);
    expect(update(update(s, key('end')).state, key('home')).state.scroll).toBe(0);
  });
});

describe('Key on the picker', () => {
  const picker = () => init(options()).state;

  it('typing filters, Backspace edits, Esc clears and then quits', () => {
    let s = update(picker(), ch('c')).state;
    s = update(s, ch('q')).state;
    expect(s.picker.filter).toBe('cq');
    expect(s.picker.selected).toBe('order-history');
    s = update(s, ch('z')).state;
    expect(s.picker.filter).toBe('cqz');
    s = update(s, key('backspace')).state;
    expect(s.picker.filter).toBe('cq');
    s = update(s, key('escape')).state;
    expect(s.picker.filter).toBe('');
    expect(update(s, key('escape')).state.quitting).toBe(true);
  });

  it('Enter starts the selected problem; ? shows the help', () => {
    const u = update(picker(), key('return'));
    expect(u.state.screen).toBe('stage');
    expect(types(u.effects)).toEqual(['watch', 'save-progress']);
    expect(update(picker(), ch('?')).state.overlay).toBe('help');
  });

  it('Enter with nothing matching explains instead', () => {
    const s = update(update(picker(), ch('x')).state, ch('y')).state;
    const u = update(s, key('return'));
    expect(u.state.screen).toBe('picker');
    expect(u.state.flash?.text).toContain('no problem matches');
  });

  it('up and down move within the shown rows: the drills first, then the problems, then the mock interviews', () => {
    const s = picker();
    expect(s.picker.selected ?? selectedEntry(s)?.id).toBe('order-history');
    expect(update(s, key('down')).state.picker.selected).toBe('interview:order-history');
    const up = update(s, key('up')).state;
    expect(up.picker.selected).toBe('drills:estimation');
    expect(update(up, key('up')).state.picker.selected).toBe('drills:estimation');
    expect(update(up, key('down')).state.picker.selected).toBe('order-history');
  });

  it('Enter on the drills row ends the session and hands over to the drills', () => {
    const u = update(update(picker(), key('up')).state, key('return'));
    expect(u.state.quitting).toBe(true);
    expect(u.state.launch).toEqual({ drills: 'estimation' });
    expect(types(u.effects)).toEqual(['save-progress', 'unwatch', 'quit']);
    // Typing finds them too: "drill" keeps only their row, and Enter starts them.
    let s = picker();
    for (const c of 'drill') s = update(s, ch(c)).state;
    expect(update(s, key('return')).state.launch).toEqual({ drills: 'estimation' });
    // A fresh list starts on a problem, never on the drills.
    expect(update(picker(), key('return')).state.launch).toBeUndefined();
  });

  it('a problem with an interview has a mock interview row, listed last; Enter hands over to the interview', () => {
    const s = picker();
    const down = update(update(s, key('down')).state, key('down')).state;
    expect(down.picker.selected).toBe('interview:order-history');
    const u = update(down, key('return'));
    expect(u.state.quitting).toBe(true);
    expect(u.state.launch).toEqual({ interview: 'order-history' });
    expect(types(u.effects)).toEqual(['save-progress', 'unwatch', 'quit']);
    // "mock" keeps only the interview rows (sdcoach interview opens the picker with that filter).
    let f = init(options({ filter: 'mock interview' })).state;
    expect(selectedEntry(f)?.id).toBe('interview:order-history');
    f = update(f, key('return')).state;
    expect(f.launch).toEqual({ interview: 'order-history' });
  });
});

describe('Resize', () => {
  it('takes the new size and clamps the scroll', () => {
    const s = update(opened(starter, { rows: 16 }), key('end')).state;
    expect(s.scroll).toBeGreaterThan(0);
    const u = update(s, { type: 'Resize', columns: 200, rows: 200 });
    expect(u.state).toMatchObject({ columns: 200, rows: 200, scroll: 0 });
  });
});

describe('Tick', () => {
  it('counts time on the stage while the learner is active, not while idle', () => {
    let s = opened(starter);
    s = update(s, { type: 'Tick', now: 2_000 }).state;
    s = update(s, { type: 'Tick', now: 3_000 }).state;
    expect(s.progress.problems['order-history']?.stages['1']?.timeSpentMs).toBe(1_000);
    s = update(s, { type: 'Tick', now: 3_000 + IDLE_MS + 10 }).state;
    expect(s.progress.problems['order-history']?.stages['1']?.timeSpentMs).toBe(1_000);
  });

  it('a long gap (a suspended laptop) counts as one tick at most', () => {
    let s = opened(starter);
    s = update(s, { type: 'Tick', now: 2_000 }).state;
    s = { ...s, lastActivity: 60_000 };
    s = update(s, { type: 'Tick', now: 62_000 }).state;
    expect(s.progress.problems['order-history']?.stages['1']?.timeSpentMs).toBe(2_000);
  });

  it('time in the editor counts (no ticks run while it has the terminal)', () => {
    let s = update(opened(starter), { type: 'Tick', now: 2_000 }).state;
    s = update(s, { type: 'FileChanged', file: 'spec', source: 'editor', text: starter, at: 2_000 + 90_000 }).state;
    expect(s.progress.problems['order-history']?.stages['1']?.timeSpentMs).toBe(90_000);
    s = update(s, { type: 'Tick', now: 2_000 + 91_000 }).state;
    expect(s.progress.problems['order-history']?.stages['1']?.timeSpentMs).toBe(91_000);
  });

  it('clears a message once its time is up', () => {
    const s = update(opened(starter), ch('n')).state;
    expect(s.flash).toBeDefined();
    expect(update(s, { type: 'Tick', now: s.flash!.until }).state.flash).toBeUndefined();
  });
});

describe('after quitting', () => {
  it('ignores everything', () => {
    const s = update(opened(starter), ch('q')).state;
    expect(update(s, ch('h'))).toEqual({ state: s, effects: [] });
  });
});

it('hints revealed in an earlier session show again', () => {
  const progress = recordHint(emptyProgress(), 'order-history', 1, 2, 10);
  const s = opened(starter, { progress });
  expect(update(s, ch('h')).state.progress.problems['order-history']?.stages['1']?.hintsUsed).toBe(3);
});
