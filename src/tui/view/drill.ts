// The drill overlay of the practice screen: the stage's drill (else losing the region with the most
// users, else a 2x surge) run on the graded design, one phase of its timeline at a time (← →).
import { runDrill } from '../../analysis/drills/run.js';
import { checkScenario, parseScenario, type Scenario } from '../../analysis/drills/scenario.js';
import type { DrillResult } from '../../analysis/drills/types.js';
import { flowLine, pct, phaseVerdict } from '../../grading/format/drill.js';
import type { Model } from '../../specfile/model.js';
import type { SessionState, StageSession } from '../state.js';
import { innerWidth, type PanelView } from './frame.js';
import { blank, clean, hanging, line, prose, seg, type Line } from './lines.js';

const PHASE: Record<string, string> = {
  detection: 'Detection',
  steering: 'Steering',
  promotion: 'Promotion',
  'steady-state': 'Steady state',
};
const MEANS: Record<string, string> = {
  detection: 'nobody has noticed yet: requests that need the lost region fail',
  steering: 'the region is known to be down; resolvers still hold the old DNS answer',
  promotion: 'users are re-routed; stores are still being promoted',
  'steady-state': 'where the design settles until the region comes back',
};

/** The scenarios to drill: the stage's first drill, else the region with the most users lost, else a 2x surge. */
export function drillScenarios(model: Model, s: StageSession): Scenario[] {
  const listed = s.problem.stages[s.stage - 1]?.drills?.[0];
  if (listed) {
    const texts = Array.isArray(listed.scenario) ? listed.scenario : [listed.scenario];
    const parsed = texts.map(parseScenario).flatMap((p) => (p.ok ? [p.scenario] : []));
    if (parsed.length === texts.length && parsed.every((x) => checkScenario(model, x) === undefined)) return parsed;
  }
  const used = new Set(model.componentOrder.flatMap((id) => model.components[id]!.regions));
  if (used.size >= 2) {
    const region = [...used].sort((a, b) => (model.users[b] ?? 0) - (model.users[a] ?? 0))[0]!;
    return [{ kind: 'region-down', region }];
  }
  return [{ kind: 'surge', factor: 2 }];
}

const cache = new WeakMap<Model, DrillResult>();

/** The drill of the graded design (memoised per Model: the view is drawn on every key). */
export function drillOf(s: StageSession): DrillResult | undefined {
  const r = s.result;
  if (r?.kind !== 'report') return undefined;
  const model = r.loaded.model;
  let out = cache.get(model);
  if (!out) cache.set(model, (out = runDrill(model, drillScenarios(model, s))));
  return out;
}

/** The phase shown: the state's step, kept inside the timeline. */
export function drillStep(state: SessionState, result: DrillResult): number {
  return Math.max(0, Math.min(state.drillStep ?? 0, result.phases.length - 1));
}

export function drillPanel(state: SessionState, s: StageSession, width: number, height: number, border: boolean): PanelView {
  const result = drillOf(s);
  const inner = innerWidth(width, border);
  if (!result) {
    return {
      id: 'drill',
      title: line(seg('Drill', 'accent', true)),
      lines: [line(seg('the drill runs on a spec that loads: fix the errors first', 'bad'))],
      width,
      height,
      border,
    };
  }
  const i = drillStep(state, result);
  const p = result.phases[i]!;
  const single = result.phases.length === 1;
  const when = single ? 'while the fault lasts' : p.toS === null ? `from ${p.fromS} s on` : `${p.fromS} s to ${p.toS} s`;
  const title = line(
    seg(`Drill ${clean(result.titles.join(' + '))}`, 'accent', true),
    seg(single ? '' : `  phase ${i + 1}/${result.phases.length}`, 'dim'),
  );
  const lines: Line[] = [];
  lines.push(
    ...hanging(
      [seg(`${single ? 'During the fault' : PHASE[p.name]!} (${when}): `, undefined, true)],
      phaseVerdict(p),
      inner,
      p.healthy ? 'good' : 'bad',
    ),
  );
  if (!single) lines.push(...prose(`${MEANS[p.name]!}.`, inner, 'dim'));
  for (const e of p.events) lines.push(...hanging([seg('• ')], e, inner));
  lines.push(blank());
  for (const f of Object.values(p.flows)) {
    const ok = f.errorShare === 0 && f.p99 !== null && Number.isFinite(f.p99);
    lines.push(...hanging([seg(ok ? '✓ ' : '✗ ', ok ? 'good' : 'bad', true)], flowLine(f), inner, ok ? undefined : 'bad'));
  }
  for (const e of p.exhausted)
    lines.push(
      ...hanging(
        [seg('! ', 'bad', true)],
        `${e.service}: ${e.pool ? `pool ${e.pool}` : 'threads'} needs ${Number.isFinite(e.demand) ? e.demand : 'unbounded'} of ${e.size} (Little's law)`,
        inner,
        'bad',
      ),
    );
  for (const o of p.overloaded)
    lines.push(line(seg(`! ${clean(o.component)} in ${clean(o.region)} at ${pct(o.utilization)} of capacity`, 'bad')));
  if (!p.overloaded.length && p.busiest)
    lines.push(line(seg(`busiest: ${clean(p.busiest.component)} in ${clean(p.busiest.region)} at ${pct(p.busiest.utilization)}`, 'dim')));
  for (const d of p.diverging) lines.push(...hanging([seg('~ ')], d.why, inner, 'dim'));
  if (p.toS === null && result.dataLoss.length) {
    lines.push(blank(), line(seg('Data lost with the region:', undefined, true)));
    for (const d of result.dataLoss)
      lines.push(
        ...hanging(
          [seg('  ')],
          `${d.store}: ${d.rpoS === null ? 'everything since the last backup' : `up to ${d.rpoS} s of writes (~${d.writesLost})`}`,
          inner,
        ),
      );
  }
  if (result.breakingPoint)
    lines.push(
      line(
        seg(
          `breaks first at ${result.breakingPoint.factor}× ${result.breakingPoint.of === 'drilled' ? 'the drilled load' : 'the peak'}: ${clean(result.breakingPoint.component)}`,
          'dim',
        ),
      ),
    );
  return { id: 'drill', title, lines, width, height, border };
}
