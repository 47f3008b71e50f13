// A drill drawn on the design: the lost region greyed, overloaded parts and exhausted pools red, the
// slow or dead dependency marked amber, each labelled with what the drill found (its final phase).
import type { DrillResult } from '../analysis/drills/types.js';
import type { Metrics } from '../analysis/metrics.js';
import type { Model } from '../specfile/model.js';
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

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ms = (x: number | null): string => (x === null ? 'none served' : Number.isFinite(x) ? `${Math.round(x * 10) / 10} ms` : 'unbounded');
const PHASE: Record<string, string> = { detection: 'Detection', steering: 'Steering', promotion: 'Promotion', 'steady-state': 'Steady state' };

/** The drill for the HTML report: one table per phase (flows: errors, p99, budget, why), then data lost. */
export function drillHtml(result: DrillResult): string {
  const out: string[] = [`<h2>Drill: ${result.titles.map((t) => `<code>${esc(t)}</code>`).join(' + ')}</h2>`];
  const single = result.phases.length === 1;
  result.phases.forEach((p, i) => {
    const when = single ? 'while the fault lasts' : p.toS === null ? `from ${p.fromS} s on` : `${p.fromS} s to ${p.toS} s`;
    out.push(`<h3>${single ? 'During the fault' : `${i + 1}. ${PHASE[p.name]}`} <span class="meta">(${when}) · ${p.healthy ? 'healthy' : 'degraded'}</span></h3>`);
    if (p.events.length) out.push(`<ul>${p.events.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`);
    const rows = Object.values(p.flows).map((f) => {
      const why = [...new Set(f.failures.map((x) => x.why))].join('; ') + (f.overloadedBy ? `${f.failures.length ? '; ' : ''}${f.overloadedBy.component} in ${f.overloadedBy.region} at ${pct(f.overloadedBy.utilization)}` : '');
      const bad = f.errorShare > 0 || f.p99 === null || !Number.isFinite(f.p99);
      return `<tr class="${bad ? 'fail' : 'pass'}"><td><code>${esc(f.name)}</code></td><td class="num">${pct(f.errorShare)}</td><td class="num">${ms(f.p99)}</td><td class="num">${f.budgetP99 !== undefined ? `${f.budgetP99} ms` : ''}</td><td>${esc(why)}</td></tr>`;
    });
    out.push(`<table class="drill"><thead><tr><th>flow</th><th>errors</th><th>p99</th><th>budget</th><th>why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    const util = p.overloaded.length ? p.overloaded : p.busiest ? [p.busiest] : [];
    const notes = [
      ...util.map((o) => `${o.component} in ${o.region}: ${pct(o.utilization)}`),
      ...p.exhausted.map((e) => `${e.service}: ${e.pool ? `pool ${e.pool}` : 'threads'} needs ${Number.isFinite(e.demand) ? e.demand : 'unbounded'} of ${e.size}`),
      ...p.diverging.map((d) => d.why),
    ];
    if (notes.length) out.push(`<p class="meta">${notes.map(esc).join(' · ')}</p>`);
  });
  if (result.dataLoss.length) {
    out.push(`<p class="meta">Data lost with the region: ${result.dataLoss.map((d) => esc(`${d.store} in ${d.region}: ${d.rpoS === null ? 'everything since the last backup' : `up to ${d.rpoS} s (~${d.writesLost} writes)`}`)).join('; ')}</p>`);
  }
  return out.join('\n');
}
