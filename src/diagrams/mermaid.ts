// Model (+ findings) -> mermaid flowchart source. Regions are subgraphs, component kinds have their
// own shapes, findings are classDef styles annotated with the check id. Every authored name goes
// through escape.ts; nothing else is ever interpolated into the source.
import type { Metrics } from '../analysis/metrics.js';
import type { Model } from '../specfile/model.js';
import { mermaidLines, mermaidText, plainTitle } from './escape.js';
import { targetsOf, type DiagramFinding } from './findings.js';
import { designGraph, flowGraph, type DiagramEdge, type DiagramGraph, type DiagramNode, type NodeShape } from './graph.js';

export const THEMES = ['default', 'neutral', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface MermaidOptions {
  /** Failed and warned findings; when given, they are drawn and a legend is added. */
  findings?: readonly DiagramFinding[];
  /** Draw one flow in order instead of the whole design. */
  flow?: string;
  /** Written into the source's front matter only when asked; renderers pass the theme themselves. */
  theme?: Theme;
}

/** Opening and closing brackets of each shape (mermaid's classic syntax, understood everywhere). */
export const SHAPES: Record<NodeShape, [string, string]> = {
  users: ['([', '])'],
  client: ['([', '])'],
  cdn: ['[/', '/]'],
  'load-balancer': ['[/', '\\]'],
  gateway: ['[/', '\\]'],
  service: ['[', ']'],
  worker: ['[[', ']]'],
  cache: ['(', ')'],
  database: ['[(', ')]'],
  'event-store': ['[(', ')]'],
  search: ['[(', ')]'],
  'object-store': ['[(', ')]'],
  queue: ['>', ']'],
  stream: ['>', ']'],
  external: ['{{', '}}'],
};

/** Styles: readable on the default, neutral and dark themes (each sets its own text colour). */
export const CLASS_DEFS: Record<string, string> = {
  fail: 'fill:#fde2e1,stroke:#c62828,stroke-width:3px,color:#5f1111',
  warn: 'fill:#fff4d6,stroke:#b7791f,stroke-width:3px,color:#5a3b00',
  standby: 'stroke-dasharray:6 4',
  meshed: 'stroke:#6b46c1,stroke-width:2px',
  external: 'stroke-dasharray:3 3',
  legend: 'fill:#ffffff,stroke:#999999,color:#222222',
};
const LINK_STYLE: Record<string, string> = {
  fail: 'stroke:#c62828,stroke-width:3px',
  warn: 'stroke:#b7791f,stroke-width:3px',
};
const GROUP_STYLE: Record<string, string> = {
  fail: 'stroke:#c62828,stroke-width:3px',
  warn: 'stroke:#b7791f,stroke-width:3px',
};

function nodeLine(n: DiagramNode): string {
  const [open, close] = SHAPES[n.shape];
  return `${n.id}${open}"${mermaidLines(n.lines)}"${close}`;
}

function arrow(e: DiagramEdge): string {
  const dotted = e.kind !== 'flow';
  if (dotted) return e.both ? '<-.->' : '-.->';
  return '-->';
}

/** Prints a graph as mermaid flowchart source. */
export function graphToMermaid(graph: DiagramGraph, opts: { theme?: Theme } = {}): string {
  const out: string[] = [];
  const title = graph.title !== undefined ? plainTitle(graph.title) : '';
  if (title || opts.theme) {
    out.push('---');
    if (title) out.push(`title: ${JSON.stringify(title)}`);
    if (opts.theme) out.push('config:', `  theme: ${opts.theme}`);
    out.push('---');
  }
  out.push('flowchart LR');
  for (const g of graph.groups) {
    out.push(`  subgraph ${g.id}["${mermaidText(g.title)}"]`);
    // A region with no edge leaving it is laid out on its own: keep it left to right like the rest.
    if (graph.groupDirection) out.push(`    direction ${graph.groupDirection}`);
    for (const id of g.nodes) out.push(`    ${nodeLine(graph.nodes.get(id)!)}`);
    out.push('  end');
  }
  for (const id of graph.loose) out.push(`  ${nodeLine(graph.nodes.get(id)!)}`);
  if (graph.legend.length) {
    out.push(`  subgraph legend["legend"]`);
    graph.legend.forEach((l, i) => out.push(`    legend_${i}["${mermaidText(l.text)}"]`));
    out.push('  end');
  }
  for (const e of graph.edges) {
    const label = e.label.length ? `|"${mermaidLines(e.label)}"|` : '';
    out.push(`  ${e.from} ${arrow(e)}${label} ${e.to}`);
  }
  const byClass = new Map<string, string[]>();
  for (const n of graph.nodes.values()) {
    for (const c of n.classes) byClass.set(c, [...(byClass.get(c) ?? []), n.id]);
  }
  graph.legend.forEach((l, i) => {
    const cls = ['legend', ...(l.mark ? [l.mark] : [])];
    for (const c of cls) byClass.set(c, [...(byClass.get(c) ?? []), `legend_${i}`]);
  });
  for (const [name, style] of Object.entries(CLASS_DEFS)) if (byClass.has(name)) out.push(`  classDef ${name} ${style}`);
  // Standby first, then marks, so a failed standby keeps the dash and gets the colour.
  for (const c of ['legend', 'external', 'meshed', 'standby', 'warn', 'fail']) {
    const ids = byClass.get(c);
    if (ids?.length) out.push(`  class ${ids.join(',')} ${c}`);
  }
  for (const g of graph.groups) if (g.mark) out.push(`  style ${g.id} ${GROUP_STYLE[g.mark]}`);
  for (const mark of ['warn', 'fail'] as const) {
    const idx = graph.edges.flatMap((e, i) => (e.mark === mark ? [i] : []));
    if (idx.length) out.push(`  linkStyle ${idx.join(',')} ${LINK_STYLE[mark]}`);
  }
  return `${out.join('\n')}\n`;
}

/** The design (or one flow of it) as mermaid source; pure. */
export function designToMermaid(model: Model, metrics: Metrics, opts: MermaidOptions = {}): string {
  const targets = opts.findings ? targetsOf(model, opts.findings) : undefined;
  const graphOpts = targets ? { targets } : {};
  const graph = opts.flow !== undefined ? flowGraph(model, metrics, opts.flow, graphOpts) : designGraph(model, metrics, graphOpts);
  return graphToMermaid(graph, opts.theme ? { theme: opts.theme } : {});
}
