// An estimate stage's derivation panel (key w): for each quantity the mentor's reasoning, the facts
// worked through the formula, and the accepted range. A quantity's derivation is earned once the
// learner's answer to it is in range, or once every hint of the stage is shown; before that the
// panel keeps it hidden (and with nothing earned the key says what earns it instead of opening).
import { figure } from '../../checks/estimation/reference-schema.js';
import type { EstimateReference } from '../../analysis/estimates.js';
import { hintsShown, type SessionState, type StageSession } from '../state.js';
import { blank, clean, hanging, line, seg, type Line } from './lines.js';

export interface DerivationAccess {
  /** Quantities in the stage's order, each with whether it is earned and the learner's answer. */
  quantities: { name: string; earned: boolean; inRange: boolean; answer?: string }[];
  hintsSpent: boolean;
  hints: { shown: number; total: number };
}

/** What the derivation panel may show, or undefined outside an estimate stage. */
export function derivationAccess(state: SessionState): DerivationAccess | undefined {
  const s = state.session;
  const stage = s?.problem.stages[s.stage - 1];
  if (!s || !stage?.estimate) return undefined;
  const total = stage.hints.length;
  const shown = hintsShown(state);
  const hintsSpent = shown >= total;
  const check = s.result?.kind === 'report' ? s.result.report.checks.find((c) => c.id === 'estimation/quantities') : undefined;
  const quantities = Object.keys(stage.estimate.quantities).map((name) => {
    const f = check?.findings.find((x) => x.data.name === name);
    const inRange = f?.status === 'pass';
    const answer = (f?.evidence as { answer?: string } | undefined)?.answer;
    return { name, inRange, earned: inRange || hintsSpent, ...(answer !== undefined ? { answer } : {}) };
  });
  return { quantities, hintsSpent, hints: { shown, total } };
}

/** Why the panel does not open: nothing is earned yet (undefined when something is). */
export function derivationsLocked(a: DerivationAccess): string | undefined {
  if (a.quantities.some((q) => q.earned)) return undefined;
  const left = a.hints.total - a.hints.shown;
  return `the derivations open once an estimate is in range, each its own, or all of them once the ${a.hints.total} hints are shown (${left} to go: h shows the next)`;
}

export function derivationLines(state: SessionState, s: StageSession, width: number): Line[] {
  const a = derivationAccess(state);
  const refs: Record<string, EstimateReference> = s.problem.stages[s.stage - 1]?.estimate?.references ?? {};
  if (!a) return [line(seg('this stage has no estimates', 'dim'))];
  const out: Line[] = [];
  for (const q of a.quantities) {
    const r = refs[q.name];
    if (out.length) out.push(blank());
    const mark = q.inRange ? seg('✓', 'good', true) : q.answer !== undefined ? seg('✗', 'bad', true) : seg('·', 'dim');
    out.push(line(mark, seg(` ${clean(q.name)}`, undefined, true), seg(r ? `  ${clean(r.label)}` : '', 'dim')));
    if (q.answer !== undefined) out.push(line(seg(`  yours: ${clean(q.answer)}`, q.inRange ? 'good' : 'bad')));
    if (!q.earned) {
      out.push(...hanging([seg('  ')], 'hidden until your answer is in range or every hint is shown', width, 'dim'));
      continue;
    }
    if (!r) continue;
    out.push(...hanging([seg('  ')], clean(r.derivation), width));
    out.push(...hanging([seg('  worked: ', 'accent')], clean(r.worked), width, 'dim'));
    out.push(
      line(
        seg(
          `  accepted ${figure(r.shown / r.tolerance)} to ${figure(r.shown * r.tolerance)} ${clean(r.unit)} (within ${r.tolerance}×)`,
          'dim',
        ),
      ),
    );
  }
  return out;
}
