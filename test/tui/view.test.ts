// The pure view functions: line helpers, the key bar, the picker's filter, the design outline,
// and the promise that a frame is never taller than the terminal (minus one row) at any size.
import { describe, expect, it } from 'vitest';
import { update } from '../../src/tui/reducer.js';
import type { SessionState } from '../../src/tui/state.js';
import { designOutline } from '../../src/tui/view/diagram.js';
import type { FrameView } from '../../src/tui/view/frame.js';
import { keyBar } from '../../src/tui/view/keys.js';
import { codeRows, scrollWindow, seg, spread, textWidth, truncate, type Line } from '../../src/tui/view/lines.js';
import { filteredProblems, pickerFrame } from '../../src/tui/view/picker.js';
import { stageFrame } from '../../src/tui/view/stage.js';
import { init } from '../../src/tui/reducer.js';
import { BROKEN_YAML, ch, opened, options, problem, saved, solution, starter, step } from './session-helpers.js';

const text = (l: Line) => l.map((s) => s.text).join('');

describe('line helpers', () => {
  it('scrollWindow marks what is cut above and below, and clamps', () => {
    const lines = Array.from({ length: 10 }, (_, i) => [seg(`l${i}`)]);
    expect(scrollWindow(lines, 20, 5)).toEqual({ lines, offset: 0, max: 0 });
    const top = scrollWindow(lines, 4, 0);
    expect(top.lines.map(text)).toEqual(['l0', 'l1', 'l2', '↓ 7 more below (↓/j)']);
    const mid = scrollWindow(lines, 4, 3);
    expect(mid.lines.map(text)).toEqual(['↑ 3 more above (↑/k)', 'l3', 'l4', '↓ 5 more below (↓/j)']);
    const end = scrollWindow(lines, 4, 99);
    expect(end.offset).toBe(7);
    expect(end.lines.map(text)).toEqual(['↑ 7 more above (↑/k)', 'l7', 'l8', 'l9']);
  });

  it('codeRows wraps long spec lines after commas, indented and marked', () => {
    const rows = codeRows('  gateway: {kind: gateway, regions: [us-east, eu-west], replicas: 3}', 30);
    expect(rows[0]).toBe('  gateway: {kind: gateway,');
    expect(rows.slice(1).every((r) => r.startsWith('  ↪ '))).toBe(true);
    expect(rows.every((r) => r.length <= 30)).toBe(true);
    expect(rows.join(' ').replace(/ ↪ /g, ' ').replace(/\s+/g, ' ')).toContain('replicas: 3}');
    expect(codeRows('short', 30)).toEqual(['short']);
    expect(codeRows('x'.repeat(25), 10)).toEqual(['xxxxxxxxxx', '↪ xxxxxxxx', '↪ xxxxxxx']);
  });

  it('truncate and spread fit a row to its width', () => {
    expect(text(truncate([seg('abcdef'), seg('ghij')], 8))).toBe('abcdefg…');
    expect(text(spread([seg('left')], [seg('right')], 12))).toBe('left   right');
    expect(textWidth(spread([seg('a long left part')], [seg('right')], 12))).toBe(12);
  });

  it('control characters in authored text never reach the terminal', () => {
    expect(codeRows('name: "\u001b[2Jx"', 40)[0]).toBe('name: "\\x1b[2Jx"');
  });
});

describe('keyBar', () => {
  const items = [
    { key: 'e', label: 'edit' },
    { key: 'n', label: 'next stage', short: 'next', disabled: true },
    { key: 'q', label: 'quit' },
  ];
  it('uses full labels when they fit, short ones, then keys alone', () => {
    expect(text(keyBar(items, 80))).toBe('  e edit  n next stage  q quit');
    expect(text(keyBar(items, 21))).toBe(' e edit n next q quit');
    expect(text(keyBar(items, 8))).toBe(' e n q');
  });
  it('dims keys that cannot act yet', () => {
    expect(keyBar(items, 80).find((s) => s.text.trim() === 'n')?.tone).toBe('dim');
  });
});

describe('picker', () => {
  it('filters on id, title, topic and difficulty words', () => {
    const ids = (f: string) => filteredProblems([problem], f).map((p) => p.id);
    expect(ids('')).toEqual(['order-history']);
    expect(ids('cqrs interview')).toEqual(['order-history']);
    expect(ids('40,000')).toEqual(['order-history']);
    expect(ids('staff')).toEqual([]);
  });
});

describe('design outline (the diagram pane without a renderer)', () => {
  it('draws each flow path with its p99 against the budget, and flags hot components', () => {
    // Stage 2, the first design stage (stage 1 asks for estimates only).
    const s = opened(starter, { stage: 2 });
    const r = s.session!.result!;
    if (r.kind !== 'report') throw new Error('expected a report');
    const out = designOutline(r.loaded, r.report, 80).map(text);
    // orders-api and gateway are flagged too: their threads wait on orders-db's queue, which never drains, so they
    // run out of threads (scalability/thread-capacity: unbounded demand)
    expect(out).toContain('  users → gateway ✗ → orders-api ✗ → orders-db ✗');
    // orders-db takes 40,200 req/s on one replica of 10,000 (402 %): its queue never drains, so the flows through it are unbounded
    expect(out.some((l) => /p99 unbounded \(a queue grows without bound\) from us-east, budget 150 ms ✗/.test(l))).toBe(true);
    expect(out.some((l) => /orders-db ✗ 402% in us-east/.test(l))).toBe(true);
  });
});

describe('reference solution beside the spec', () => {
  it('marks the lines each side has that the other does not', () => {
    let s = opened(solution(2), { columns: 120, rows: 80, stage: 2 });
    s = step(s, saved(solution(2).replace('replicas: 4,', 'replicas: 5,'))).state;
    s = step(s, ch('s')).state;
    s = update(s, { type: 'FileChanged', file: 'solution', stage: 2, text: solution(2), at: 1 }).state;
    const [yours, ref] = stageFrame(s).body[0]!;
    const marked = (lines: Line[], mark: string) => lines.filter((l) => l[0]?.text === mark).map(text);
    expect(marked(yours!.lines, '* ')).toEqual([expect.stringContaining('summary-db:   {kind: database, role: read-model')]);
    expect(marked(ref!.lines, '+ ')).toEqual([expect.stringContaining('summary-db:   {kind: database, role: read-model')]);
    expect(text(yours!.title)).toContain('* not in the reference');
  });
});

describe('diagram pane', () => {
  it("draws with the render function it is given (src/diagrams' terminal preview in the app)", async () => {
    const { terminalPreview } = await import('../../src/tui/diagram-preview.js');
    const s = update(opened(starter, { renderDiagram: terminalPreview, rows: 60, stage: 2 }), ch('d')).state;
    const d = stageFrame(s)
      .body.flat()
      .find((p) => p.id === 'diagram')!;
    const shown = d.lines.map(text).join('\n');
    expect(shown).toContain('us-east · users 60%');
    expect(shown).toMatch(/orders-db ×1\)\] ✗/);
    expect(d.lines.every((l) => textWidth(l) <= 116)).toBe(true);
  });

  it('falls back to the text outline without one, and says why it is empty before a grade', () => {
    const s = update(opened(BROKEN_YAML), ch('d')).state;
    const d = stageFrame(s)
      .body.flat()
      .find((p) => p.id === 'diagram')!;
    expect(d.lines.map(text)).toEqual(['The diagram appears once the spec loads.']);
  });
});

function height(f: FrameView): number {
  return f.header.length + f.footer.length + f.body.reduce((n, row) => n + Math.max(...row.map((p) => p.height)), 0);
}

function contentFits(f: FrameView): boolean {
  return f.body.every((row) => row.every((p) => p.lines.length + 1 + (p.border ? 2 : 0) <= p.height));
}

describe('frames fit the terminal', () => {
  const sizes = [
    [40, 10],
    [50, 24],
    [59, 30],
    [60, 12],
    [80, 24],
    [99, 50],
    [100, 30],
    [120, 40],
    [200, 60],
  ] as const;
  const screens: [string, (s: SessionState) => SessionState][] = [
    ['results', (s) => s],
    ['broken yaml', (s) => step(s, saved(BROKEN_YAML)).state],
    ['hints', (s) => update(update(update(s, ch('h')).state, ch('h')).state, ch('h')).state],
    ['help', (s) => update(s, ch('?')).state],
    ['solution', (s) => step(step(s, saved(solution(1))).state, ch('s')).state],
    ['diagram', (s) => update(s, ch('d')).state],
    ['scrolled', (s) => update(s, { type: 'Key', key: { name: 'end' }, at: 5 }).state],
  ];
  for (const [columns, rows] of sizes) {
    it(`${columns}x${rows}`, () => {
      const picker = init(options({ columns, rows })).state;
      for (const p of [picker, update(picker, ch('?')).state]) {
        const f = pickerFrame(p);
        expect(height(f)).toBeLessThanOrEqual(rows - 1);
        expect(contentFits(f)).toBe(true);
      }
      for (const [name, make] of screens) {
        const s = make(opened(starter, { columns, rows }));
        const f = stageFrame(s);
        expect(height(f), name).toBeLessThanOrEqual(rows - 1);
        expect(contentFits(f), name).toBe(true);
        for (const row of f.body)
          expect(
            row.reduce((n, p) => n + p.width, 0),
            name,
          ).toBeLessThanOrEqual(columns);
      }
    });
  }
});
