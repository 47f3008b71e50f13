// A drill drawn on the design: the lost region greyed, overloaded parts and exhausted pools red, the
// slow or dead dependency marked amber, each labelled with what the drill found (its final phase).
import type { DrillResult } from '../analysis/drills/types.js';
import type { Metrics } from '../analysis/metrics.js';
import type { Model } from '../spec/model.js';
import type { DiagramFinding } from './findings.js';
import { targetsOf } from './findings.js';
import { designGraph } from './graph.js';
import { graphToMermaid, type Theme } from './mermaid.js';

const pct = (x: number): string => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : 'unbounded');

/** What the drill's settled phase marks, as diagram findings ("check" is the label on the part). */
export function drillFindings(result: DrillResult): DiagramFinding[] {
  const p = result.final;
  const out: DiagramFinding[] = [];
  for (const r of p.down) out.push({ check: `lost: region-down:${r}`, status: 'warn', path: ['regions', r], message: `${r} is lost` });
  for (const s of result.scenarios) {
    if (s.kind === 'slow') out.push({ check: `slow ${s.ms} ms`, status: 'warn', path: ['components', s.component], message: `${s.component} answers in ${s.ms} ms` });
    if (s.kind === 'down') out.push({ check: 'down', status: 'fail', path: ['components', s.component], message: `${s.component} is down` });
  }
  for (const o of p.overloaded) out.push({ check: `${pct(o.utilization)} in ${o.region}`, status: 'fail', path: ['components', o.component], message: `${o.component} in ${o.region} at ${pct(o.utilization)}` });
  for (const e of p.exhausted) out.push({ check: e.pool ? `pool ${e.pool} exhausted` : 'threads exhausted', status: 'fail', path: ['components', e.service], message: `${e.service}: ${e.pool ? `pool ${e.pool}` : 'threads'} exhausted` });
  for (const f of Object.values(p.flows)) if (f.errorShare > 0) out.push({ check: `${pct(f.errorShare)} fail`, status: 'fail', path: ['flows', f.name], message: `${f.name}: ${pct(f.errorShare)} of requests fail` });
  return out;
}

const LOST_STYLE = 'fill:#eeeeee,stroke:#9e9e9e,stroke-dasharray:5 5,color:#777777';

/** The design as mermaid with the drill's final phase drawn on it; lost regions greyed. */
export function drillToMermaid(model: Model, metrics: Metrics, result: DrillResult, opts: { theme?: Theme } = {}): string {
  const targets = targetsOf(model, drillFindings(result));
  const graph = designGraph(model, metrics, { targets });
  const lost = graph.groups.filter((g) => g.region !== undefined && result.final.down.includes(g.region));
  if (lost.length) graph.legend.push({ text: `grey: ${lost.map((g) => g.region).join(', ')} lost (${result.titles.join(' + ')})` });
  graph.legend.push({ text: `drill ${result.titles.join(' + ')}: ${result.final.healthy ? 'settles healthy' : 'settles degraded'}` });
  let src = graphToMermaid(graph, opts.theme ? { theme: opts.theme } : {});
  if (lost.length) {
    const nodes = lost.flatMap((g) => g.nodes);
    src += `  classDef lost ${LOST_STYLE}\n`;
    if (nodes.length) src += `  class ${nodes.join(',')} lost\n`;
    for (const g of lost) src += `  style ${g.id} ${LOST_STYLE}\n`;
  }
  return src;
}
