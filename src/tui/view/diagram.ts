// The diagram pane's content. The drawing comes from a render function handed in by the shell (the
// terminal preview of src/diagrams when it has one); without it, a text outline of the design:
// each flow's hops with its worst p99 against the budget, and the busiest component per region.
import type { Report } from '../../grading/report.js';
import type { LoadedSpec } from '../../specfile/load.js';
import { clean, hanging, line, seg, type Line } from './lines.js';

/** Draws the graded design as plain text rows at most `width` wide (no escape sequences). */
export type DiagramRenderer = (input: { loaded: LoadedSpec; report: Report; width: number }) => string[];

/** Components a failing or warning finding points at (spec paths components.<id>…). */
export function flaggedComponents(report: Report): Map<string, 'fail' | 'warn'> {
  const out = new Map<string, 'fail' | 'warn'>();
  for (const c of report.checks) {
    for (const f of c.findings) {
      if (f.status === 'pass' || f.specPath[0] !== 'components' || typeof f.specPath[1] !== 'string') continue;
      const id = f.specPath[1];
      if (out.get(id) !== 'fail') out.set(id, f.status);
    }
  }
  return out;
}

export function designOutline(loaded: LoadedSpec, report: Report, width: number): Line[] {
  const flagged = flaggedComponents(report);
  const name = (id: string) => {
    const mark = flagged.get(id);
    return mark ? seg(`${clean(id)}${mark === 'fail' ? ' ✗' : ' !'}`, mark === 'fail' ? 'bad' : 'warn', true) : seg(clean(id));
  };
  const out: Line[] = [];
  for (const flow of Object.values(report.metrics.flows)) {
    const worst = flow.worst;
    const budget = flow.budget.p99;
    const over = budget !== undefined && worst.p99 > budget;
    out.push(line(seg(clean(flow.name), 'accent', true), seg(`  ${flow.kind}, ${Math.round(flow.rate).toLocaleString('en-US')}/s`, 'dim')));
    const hops: Line = [seg('  users → ', 'dim')];
    flow.path.forEach((h, i) => {
      if (i) hops.push(seg(' → ', 'dim'));
      hops.push(name(h));
    });
    out.push(hops);
    out.push(
      line(
        seg(
          `  p99 ${Number.isFinite(worst.p99) ? `${fmt(worst.p99)} ms` : 'unbounded (a queue grows without bound)'} from ${clean(worst.origin)}`,
          over ? 'bad' : undefined,
        ),
        seg(budget !== undefined ? `, budget ${fmt(budget)} ms ${over ? '✗' : '✓'}` : ', no budget', over ? 'bad' : 'dim'),
      ),
    );
  }
  const busiest: Line[] = [];
  for (const [id, regions] of Object.entries(report.metrics.capacity)) {
    const top = Object.values(regions).sort((a, b) => b.utilization - a.utilization)[0];
    if (!top || !Number.isFinite(top.utilization)) continue;
    const hot = top.utilization > 0.8;
    busiest.push(
      line(seg('  '), name(id), seg(` ${Math.round(top.utilization * 1000) / 10}% in ${clean(top.region)}`, hot ? 'bad' : 'dim')),
    );
  }
  if (busiest.length) out.push([], line(seg('Peak utilization (busiest region)', undefined, true)), ...busiest);
  if (!out.length)
    out.push(
      ...hanging([], `${loaded.model.componentOrder.length} components, no flows: add flows to see request paths here.`, width, 'dim'),
    );
  return out;
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}

export function diagramLines(result: { loaded: LoadedSpec; report: Report } | undefined, width: number, render?: DiagramRenderer): Line[] {
  if (!result) return [line(seg('The diagram appears once the spec loads.', 'dim'))];
  if (render) {
    try {
      return render({ ...result, width }).map((r) => [seg(clean(r))]);
    } catch (err) {
      return [
        line(seg(`the diagram preview failed: ${clean((err as Error).message)}`, 'bad')),
        [],
        ...designOutline(result.loaded, result.report, width),
      ];
    }
  }
  return designOutline(result.loaded, result.report, width);
}
