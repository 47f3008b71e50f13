// The estimate stage in the practice session's results: each quantity with ✓/✗, and the accepted
// range and derivation once the answer is in range or the hints are spent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeLoaded } from '../../src/grading/grade.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageRubric } from '../../src/problems/stage-rubric.js';
import { loadSpecFile } from '../../src/specfile/load.js';
import { emptyProgress, recordHint } from '../../src/progress/progress.js';
import { init, update } from '../../src/tui/reducer.js';
import type { SessionState } from '../../src/tui/state.js';
import { estimateLines } from '../../src/tui/view/results.js';
import type { FrameView } from '../../src/tui/view/frame.js';
import { stageFrame, stageKeys } from '../../src/tui/view/stage.js';
import { ch, key, options, saved, step } from './session-helpers.js';

const dir = join(SHIPPED_PROBLEMS, 'url-shortener');
const problem = (() => {
  const r = loadProblem(dir);
  if (!r.ok) throw new Error('url-shortener does not load');
  return r.problem;
})();

function estimateCheck(file: string) {
  const loaded = loadSpecFile(join(dir, file));
  const rubric = stageRubric(problem, 1);
  if (!loaded.ok || !rubric.ok) throw new Error('does not load');
  return gradeLoaded(loaded.loaded, rubric.rubric).checks.find((c) => c.id === 'estimation/quantities')!;
}
const text = (lines: { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join(''));
const frameText = (f: FrameView) =>
  [...f.header, ...f.body.flatMap((row) => row.flatMap((p) => [p.title, ...p.lines])), ...f.footer]
    .map((l) => l.map((x) => x.text).join(''))
    .join('\n');

describe('estimateLines', () => {
  const check = estimateCheck('fixtures/estimate-no-peak-factor.yaml');

  it('marks each quantity and shows the range and derivation only where earned', () => {
    const t = text(estimateLines(check, 100, false));
    expect(t).toContain('  ✗ peak_clicks_per_s = 8.1k/s');
    expect(t).toContain('  ✓ storage_per_year = 1.3 TB');
    // storage is in range: 7M × 365.25 × 500 B = 1.278 TB, accepted 1.278 / 2 = 0.639 to × 2 = 2.56
    expect(t).toContain('    accepted 0.639 to 2.56 TB');
    // the peak rate is not: no range, no derivation, a hint instead
    expect(t.join('\n')).not.toContain('accepted 20,255');
    expect(t.join('\n')).toMatch(/hint: Walk through the facts/);
  });

  it('shows every range once the hints are spent, and points to the derivations (w)', () => {
    const t = text(estimateLines(check, 100, true)).join('\n');
    // 50M × 14 / 86,400 × 5 = 40,509 req/s: accepted 20,255 to 81,019
    expect(t).toContain('accepted 20,255 to 81,019 req/s');
    expect(t).toContain('  w: the derivations');
    // Without the hints, only storage (in range) is earned.
    expect(text(estimateLines(check, 100, false)).join('\n')).toContain('  w: the derivation of the 1 in range');
  });
});

describe('the derivation panel (w)', () => {
  const base = { catalog: [problem], problem: 'url-shortener', columns: 120, rows: 40 };
  const session = (file: string, progress = emptyProgress()) =>
    step(init(options({ ...base, progress })).state, saved(readFileSync(join(dir, file), 'utf8'), 'open')).state;
  const panel = (s: SessionState) => frameText(stageFrame(s));

  it('before anything is earned, w says what earns it and opens nothing', () => {
    // The no-peak-factor fixture with its storage wrong too (1.3 GB, 1,000× short): nothing is in range.
    const s0 = session('fixtures/estimate-no-peak-factor.yaml');
    const none = step(
      s0,
      saved(
        readFileSync(join(dir, 'fixtures/estimate-no-peak-factor.yaml'), 'utf8').replace(
          'storage_per_year: 1.3 TB',
          'storage_per_year: 1.3 GB',
        ),
      ),
    ).state;
    const u = update(none, ch('w'));
    expect(u.state.overlay).toBe('none');
    expect(u.state.flash?.text).toBe(
      'the derivations open once an estimate is in range, each its own, or all of them once the 3 hints are shown (3 to go: h shows the next)',
    );
    // The legend shows the key, greyed out.
    expect(stageKeys(none).find((k) => k.key === 'w')).toMatchObject({ label: 'derivations', disabled: true });
  });

  it('opens with what is earned: the answer in range shows its derivation, the others stay hidden; w closes', () => {
    const s = session('fixtures/estimate-no-peak-factor.yaml');
    expect(stageKeys(s).find((k) => k.key === 'w')?.disabled).toBe(false);
    const open = update(s, ch('w')).state;
    expect(open.overlay).toBe('derivations');
    const f = panel(open);
    expect(f).toContain('Derivations, stage 1');
    expect(f).toContain('✓ storage_per_year');
    expect(f).toContain('7M links a day × 365 days ≈ 2.6 billion links');
    // storage: 7M/day × 365.25 days × 500 B = 1.278 TB; within 2×: 0.639 to 2.56 TB
    expect(f).toContain('accepted 0.639 to 2.56 TB (within 2×)');
    expect(f).toContain('✗ peak_clicks_per_s');
    expect(f).not.toContain('50M users × 14 clicks');
    expect(f.match(/hidden until your answer is in range or every hint is shown/g)).toHaveLength(4);
    expect(update(open, ch('w')).state.overlay).toBe('none');
    expect(update(open, key('escape')).state.overlay).toBe('none');
  });

  it('once every hint is shown, every derivation is earned', () => {
    const progress = recordHint(emptyProgress(), 'url-shortener', 1, 3, 10);
    const open = update(session('fixtures/estimate-no-peak-factor.yaml', progress), ch('w')).state;
    const f = panel(open);
    expect(f).not.toContain('hidden until');
    // 50M × 14 / 86,400 × 5 = 40,509/s; within 2×: 20,255 to 81,019
    expect(f).toContain('50M users × 14 clicks = 700M clicks a day');
    expect(f).toContain('accepted 20,255 to 81,019 req/s (within 2×)');
  });

  it('a design stage has no derivations: w says so, and the legend leaves it out', () => {
    const s = step(
      init(options({ ...base, stage: 2 })).state,
      saved(readFileSync(join(dir, 'solutions/stage-1.yaml'), 'utf8'), 'open'),
    ).state;
    expect(update(s, ch('w')).state.flash?.text).toContain('this stage has no estimates');
    expect(stageKeys(s).some((k) => k.key === 'w')).toBe(false);
  });
});
