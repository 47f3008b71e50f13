// The drawing as data, before any syntax: region groups with component nodes, flow, replication
// and feed edges with their labels, and the marks findings put on them. Mermaid is one way to
// print it; tests read it directly.
import type { HopLatency, Metrics } from '../analysis/metrics.js';
import { nearestRegion, replicaRegions } from '../specfile/lookups.js';
import type { Model, ModelComponent } from '../specfile/model.js';
import type { ComponentKind } from '../specfile/types.js';
import { IdAllocator } from './escape.js';
import { combine, hopKey, MARK_ICON, type Annotation, type FindingTargets, type Mark } from './findings.js';
import { callLabel, failoverLabel, guardLabel, fmtMs, fmtRange, fmtShare, kindLine, msLabel, partitionsLine, poolsLine, queueLabel, RELAY_NAME, replicationLabel, roleLine, sizeLine } from './labels.js';

export type NodeShape = ComponentKind | 'users';
export type NodeClass = Mark | 'standby' | 'meshed' | 'external';

export interface DiagramNode {
  id: string;
  shape: NodeShape;
  /** Plain text lines; the first is the name. */
  lines: string[];
  classes: NodeClass[];
  component?: string;
  region?: string;
}

export interface DiagramGroup {
  id: string;
  title: string;
  nodes: string[];
  mark?: Mark;
  region?: string;
}

export type EdgeKind = 'flow' | 'replication' | 'feed' | 'failover';

export interface DiagramEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Two-way (active-active, consensus peers). */
  both?: boolean;
  label: string[];
  mark?: Mark;
}

export interface LegendEntry {
  mark?: Mark | 'standby';
  text: string;
}

export interface DiagramGraph {
  title?: string;
  /** Layout inside groups that no edge leaves (mermaid lays those out on their own). */
  groupDirection?: 'LR' | 'TB';
  groups: DiagramGroup[];
  /** Nodes outside every region (external APIs with no region). */
  loose: string[];
  nodes: Map<string, DiagramNode>;
  edges: DiagramEdge[];
  legend: LegendEntry[];
}

export interface GraphOptions {
  /** Findings to draw; when given (even empty) the drawing gets a legend. */
  targets?: FindingTargets;
}

const annotationLine = (a: Annotation): string => `${MARK_ICON[a.status]} ${a.checks.join(', ')}`;

/** Every region the drawing needs, in the spec's order first. */
function allRegions(model: Model): string[] {
  const out = [...model.regions];
  const add = (r: string | undefined) => { if (r !== undefined && !out.includes(r)) out.push(r); };
  Object.keys(model.users).forEach(add);
  for (const id of model.componentOrder) replicaRegions(model.components[id]!).forEach(add);
  for (const name of model.flowOrder) model.flows[name]!.origins.forEach(add);
  return out;
}

class Builder {
  readonly ids = new IdAllocator();
  readonly nodes = new Map<string, DiagramNode>();
  readonly groups = new Map<string, DiagramGroup>();
  readonly loose: string[] = [];
  readonly edges: DiagramEdge[] = [];
  /** What each edge gathered while being built (by index), turned into its label at the end. */
  readonly states = new Map<number, unknown>();
  private readonly edgeIndex = new Map<string, number>();

  group(region: string, title: string): DiagramGroup {
    let g = this.groups.get(region);
    if (!g) {
      g = { id: this.ids.id('r', region), title, nodes: [], region };
      this.groups.set(region, g);
    }
    return g;
  }

  addNode(node: DiagramNode, region: string | undefined, groupTitle = region ?? ''): DiagramNode {
    this.nodes.set(node.id, node);
    if (region === undefined) this.loose.push(node.id);
    else this.group(region, groupTitle).nodes.push(node.id);
    return node;
  }

  /** One edge per (from, to, kind); later calls merge into it through `merge`. */
  edge<T>(from: string, to: string, kind: EdgeKind, init: () => T, merge: (state: T) => void): T {
    const key = `${from}>${to}>${kind}`;
    let i = this.edgeIndex.get(key);
    if (i === undefined) {
      i = this.edges.length;
      this.edges.push({ from, to, kind, label: [] });
      this.edgeIndex.set(key, i);
      this.states.set(i, init());
    }
    const state = this.states.get(i) as T;
    merge(state);
    return state;
  }
}

function markNode(node: DiagramNode, a: Annotation | undefined): void {
  if (!a) return;
  node.classes = [a.status, ...node.classes.filter((c) => c !== 'fail' && c !== 'warn')];
  node.lines.push(annotationLine(a));
}

function markEdge(edge: DiagramEdge, a: Annotation | undefined): void {
  if (!a) return;
  edge.mark = a.status;
  edge.label.push(annotationLine(a));
}

function legendFor(targets: FindingTargets, graph: DiagramGraph): LegendEntry[] {
  const legend: LegendEntry[] = [];
  const marks = new Set<string>();
  for (const n of graph.nodes.values()) for (const c of n.classes) marks.add(c);
  for (const e of graph.edges) if (e.mark) marks.add(e.mark);
  for (const g of graph.groups) if (g.mark) marks.add(g.mark);
  if (!marks.has('fail') && !marks.has('warn') && !targets.global) legend.push({ text: '✓ no failed checks' });
  if (marks.has('fail')) legend.push({ mark: 'fail', text: `${MARK_ICON.fail} failed check (id on the part)` });
  if (marks.has('warn')) legend.push({ mark: 'warn', text: `${MARK_ICON.warn} warning (id on the part)` });
  if (marks.has('standby')) legend.push({ mark: 'standby', text: 'dashed: failover standby' });
  if (targets.global) legend.push({ mark: targets.global.status, text: `whole design: ${annotationLine(targets.global)}` });
  return legend;
}

/** Workers that write steps name as their relay (outbox relay, CDC connector, event-store subscription), by id. */
const relayCache = new WeakMap<Model, Map<string, 'outbox' | 'cdc' | 'event-sourced'>>();
function relays(model: Model): Map<string, 'outbox' | 'cdc' | 'event-sourced'> {
  let out = relayCache.get(model);
  if (!out) {
    out = new Map();
    for (const name of model.flowOrder) for (const p of model.flows[name]!.publishes ?? []) if (p.relay !== undefined && !out.has(p.relay)) out.set(p.relay, p.via);
    relayCache.set(model, out);
  }
  return out;
}

/** Node of a component in a region (created on first use, for routes the placement did not list). */
function componentNode(b: Builder, model: Model, id: string, region: string | undefined): DiagramNode {
  const nodeId = region !== undefined ? b.ids.id('n', id, region) : b.ids.id('n', id);
  const known = b.nodes.get(nodeId);
  if (known) return known;
  const c = model.components[id]!;
  const classes: NodeClass[] = [];
  if (c.failover?.standby === region && region !== undefined && !c.regions.includes(region)) classes.push('standby');
  if (c.sidecar) classes.push('meshed');
  if (c.kind === 'external') classes.push('external');
  const relay = relays(model).get(id);
  const kind = relay ? [kindLine(c), RELAY_NAME[relay].node].filter(Boolean).join(' · ') : kindLine(c);
  const lines = [id, kind, sizeLine(c), partitionsLine(c), roleLine(c, region, model.patterns.mesh?.dataPlane), poolsLine(c)].filter(Boolean);
  return b.addNode({ id: nodeId, shape: c.kind, lines, classes, component: id, ...(region !== undefined ? { region } : {}) }, region);
}

function usersNode(b: Builder, model: Model, region: string): DiagramNode {
  const nodeId = b.ids.id('u', region);
  const known = b.nodes.get(nodeId);
  if (known) return known;
  const share = model.users[region];
  const lines = ['users', share !== undefined ? `${fmtShare(share)} of traffic` : 'flow origin'];
  return b.addNode({ id: nodeId, shape: 'users', lines, classes: [], region }, region);
}

/** Where a worker's feed or a store's replica is reached from a region: same region, else nearest. */
function nearestNode(b: Builder, model: Model, c: ModelComponent, from: string | undefined): DiagramNode {
  let region: string | undefined;
  if (c.regions.length === 0) region = undefined;
  else if (from !== undefined && c.regions.includes(from)) region = from;
  else region = (from !== undefined ? nearestRegion(model, c, from)?.region : undefined) ?? c.regions[0];
  return componentNode(b, model, c.id, region);
}

/** The whole design: every region with its deployments, every flow's hops, replication and feeds. */
export function designGraph(model: Model, metrics: Metrics, opts: GraphOptions = {}): DiagramGraph {
  const b = new Builder();
  const t = opts.targets;
  for (const r of allRegions(model)) b.group(r, r);

  const origins = new Set<string>();
  for (const name of model.flowOrder) model.flows[name]!.origins.forEach((o) => origins.add(o));
  if (!model.flowOrder.length) for (const [r, s] of Object.entries(model.users)) if (s > 0) origins.add(r);
  for (const r of allRegions(model)) if (origins.has(r)) usersNode(b, model, r);

  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    if (c.regions.length === 0) componentNode(b, model, id, undefined);
    for (const r of replicaRegions(c)) componentNode(b, model, id, r);
  }

  // Flow hops: one edge per caller -> callee pair, labelled with what the hop adds (p99).
  interface FlowState { totals: number[]; network: number; wait: number; waitKind: string; hops: Set<string>; flows: Set<string>; call: string; guards: Map<string, Set<string>> }
  for (const name of model.flowOrder) {
    const fm = metrics.flows[name];
    if (!fm) continue;
    for (const origin of Object.values(fm.origins)) {
      const hops: HopLatency[] = origin.hops;
      for (const h of hops) {
        const to = componentNode(b, model, h.component, h.region);
        const caller = h.caller !== undefined ? hops[h.caller] : undefined;
        const from = caller ? componentNode(b, model, caller.component, caller.region) : usersNode(b, model, origin.origin);
        const call = callLabel(caller ? model.components[caller.component] : undefined, model.components[h.component]!);
        const guard = guardLabel(model.flows[name]!, h.index);
        b.edge<FlowState>(from.id, to.id, 'flow', () => ({ totals: [], network: 0, wait: 0, waitKind: 'sync', hops: new Set(), flows: new Set(), call, guards: new Map() }), (s) => {
          s.totals.push(h.total.p99);
          s.network = Math.max(s.network, h.networkMs);
          if (h.replicationMs > s.wait) {
            s.wait = h.replicationMs;
            s.waitKind = h.replicationKind ?? 'sync';
          }
          s.hops.add(hopKey(name, h.index));
          s.flows.add(name);
          if (guard) s.guards.set(guard, (s.guards.get(guard) ?? new Set()).add(name));
        });
      }
    }
  }

  // Workers: what they consume and what they write.
  interface FeedState { label: string; worker: string }
  for (const id of model.componentOrder) {
    const w = model.components[id]!;
    const source = w.consumes !== undefined ? model.components[w.consumes] : undefined;
    for (const r of w.regions.length ? w.regions : [undefined]) {
      const wn = componentNode(b, model, id, r);
      if (source) {
        const sn = nearestNode(b, model, source, r);
        const relay = relays(model).get(id);
        b.edge<FeedState>(sn.id, wn.id, 'feed', () => ({ label: relay ? RELAY_NAME[relay].edge : 'consumes', worker: id }), () => {});
      }
      for (const target of w.writes) {
        const store = model.components[target];
        if (!store) continue;
        const tn = store.primary !== undefined ? componentNode(b, model, target, store.primary) : nearestNode(b, model, store, r);
        const lag = w.kind === 'worker' && w.lagMs !== undefined ? ` · lag ${fmtMs(w.lagMs)} ms` : '';
        b.edge<FeedState>(wn.id, tn.id, 'feed', () => ({ label: `writes${lag}`, worker: id }), () => {});
      }
    }
  }

  // Replication from the primary (or the first region) to every other copy; failover standbys.
  interface RepState { label: string; component: string; both: boolean }
  for (const id of model.componentOrder) {
    const c = model.components[id]!;
    const copies = replicaRegions(c);
    if (copies.length < 2) continue;
    const home = c.primary ?? copies[0]!;
    const multi = c.primary === undefined;
    for (const r of copies) {
      if (r === home) continue;
      const from = componentNode(b, model, id, home);
      const to = componentNode(b, model, id, r);
      const standby = c.failover?.standby === r;
      const rep = c.stateful ? replicationLabel(c) : '';
      // Copies that share no data (stateless tiers, per-region caches) get no edge unless one is a standby.
      if (!rep && !standby) continue;
      const parts: string[] = [];
      if (rep) parts.push(rep);
      else if (c.stateful) parts.push('no replication');
      if (standby) parts.push(failoverLabel(c));
      else if (c.failover?.mode === 'active-active') parts.push('active-active');
      const kind: EdgeKind = c.stateful ? 'replication' : 'failover';
      b.edge<RepState>(from.id, to.id, kind, () => ({ label: parts.join(' · '), component: id, both: multi || c.failover?.mode === 'active-active' }), () => {});
    }
  }

  const graph: DiagramGraph = {
    ...(model.name !== undefined ? { title: model.name } : {}),
    groupDirection: 'LR',
    groups: [...b.groups.values()].filter((g) => g.nodes.length > 0),
    loose: b.loose,
    nodes: b.nodes,
    edges: b.edges,
    legend: [],
  };

  // Labels, then the marks findings put on them.
  b.edges.forEach((e, i) => {
    const s = b.states.get(i) as FlowState & FeedState & RepState;
    if (e.kind === 'flow') {
      const extra = [s.network >= 10 ? `RTT ${fmtMs(s.network)}` : '', s.wait > 0 ? `${s.waitKind} wait ${fmtMs(s.wait)}` : ''].filter(Boolean);
      e.label.push([`+${fmtRange(s.totals)}`, ...extra].join(' · '));
      if (s.call) e.label.push(s.call);
      // Races and retries: each guard once, naming its flows when the arrow carries several.
      if (s.guards.size) e.label.push([...s.guards].map(([g, fs]) => (s.flows.size > 1 ? `${g} (${[...fs].join(', ')})` : g)).join(' · '));
      if (t) {
        const hops = [...s.hops];
        const as = hops.map((k) => combine(t.hops.get(k), t.hops.get(hopKey(k.split('\u0000')[0]!, -1))));
        const a = combine(...as);
        markEdge(e, a);
        // An edge shared by several flows says which of them the finding is about.
        if (a && s.flows.size > 1) {
          const which = new Set(hops.filter((_, j) => as[j]).map((k) => k.split('\u0000')[0]!));
          e.label[e.label.length - 1] += ` (${[...which].join(', ')})`;
        }
      }
    } else if (e.kind === 'feed') {
      e.label.push(s.label);
      if (t) markEdge(e, t.feeds.get(s.worker));
    } else {
      if (s.label) e.label.push(s.label);
      if (s.both) e.both = true;
      if (t) markEdge(e, t.replication.get(s.component));
    }
  });
  if (t) {
    for (const n of b.nodes.values()) if (n.component) markNode(n, t.components.get(n.component));
    for (const g of graph.groups) {
      const a = g.region !== undefined ? t.regions.get(g.region) : undefined;
      if (a) {
        g.mark = a.status;
        g.title = `${g.title} · ${annotationLine(a)}`;
      }
    }
    graph.legend = legendFor(t, graph);
  }
  return graph;
}

/** "p50 513 of 500 ms ✗ · p99 847 of 1200 ms ✓": each percentile against its budget, when there is one. */
export function budgetLine(o: { p50: number; p99: number }, budget: { p50?: number; p99?: number }): string {
  const one = (name: 'p50' | 'p99') => {
    const b = budget[name];
    return b === undefined ? `${name} ${msLabel(o[name])}` : `${name} ${fmtMs(o[name])} of ${fmtMs(b)} ms ${o[name] <= b ? '✓' : '✗'}`;
  };
  return `${one('p50')} · ${one('p99')}`;
}

/** One flow, in order, from each origin: every hop with its share of the latency. */
export function flowGraph(model: Model, metrics: Metrics, flowName: string, opts: GraphOptions = {}): DiagramGraph {
  const b = new Builder();
  const t = opts.targets;
  const flow = model.flows[flowName]!;
  const fm = metrics.flows[flowName]!;
  const flowMark = t?.hops.get(hopKey(flowName, -1));
  for (const origin of Object.values(fm.origins)) {
    const o = origin.origin;
    const g = b.group(o, `${flowName} from ${o}: ${budgetLine(origin, flow.budget)}`);
    if (flowMark) {
      g.mark = flowMark.status;
      g.title += ` · ${annotationLine(flowMark)}`;
    }
    const start = b.addNode({ id: b.ids.id('u', o), shape: 'users', lines: ['users', `in ${o}`], classes: [], region: o }, o);
    const hopNodes: DiagramNode[] = [];
    for (const h of origin.hops) {
      const c = model.components[h.component]!;
      const parts = [`proc ${fmtMs(h.processing.p99)}`];
      const queued = queueLabel(h);
      if (queued !== undefined) parts.push(`queue ${queued}`);
      if (h.mesh.p99 > 0) parts.push(`mesh ${fmtMs(h.mesh.p99)}`);
      if (h.replicationMs > 0) parts.push(`${h.replicationKind ?? 'sync'} ${fmtMs(h.replicationMs)}`);
      if (h.cappedByTimeout) parts.push('capped by timeout');
      const where = h.region ?? 'no region';
      const reach = h.reach < 1 ? ` · ${fmtShare(h.reach)} reach it` : '';
      const classes: NodeClass[] = [];
      if (c.sidecar) classes.push('meshed');
      if (c.kind === 'external') classes.push('external');
      const node = b.addNode({
        id: b.ids.id('h', o, String(h.index)),
        shape: c.kind,
        lines: [`${h.index + 1}. ${h.component}${h.fanout !== undefined ? ` · slowest of ${h.fanout} calls` : ''}`, [kindLine(c), where, ...(h.group ? [`parallel ${h.group.branch + 1}`] : [])].filter(Boolean).join(' · '), `${parts.join(' + ')} ms${reach}`],
        classes,
        component: h.component,
        ...(h.region !== undefined ? { region: h.region } : {}),
      }, o);
      hopNodes.push(node);
      const from = h.caller !== undefined ? hopNodes[h.caller]! : start;
      const edge: DiagramEdge = { from: from.id, to: node.id, kind: 'flow', label: [`+${msLabel(h.total.p99)}${h.networkMs > 1 ? ` · RTT ${fmtMs(h.networkMs)}` : ''}`] };
      const guard = guardLabel(flow, h.index);
      if (guard) edge.label.push(guard);
      b.edges.push(edge);
      if (t) {
        markEdge(edge, t.hops.get(hopKey(flowName, h.index)));
        markNode(node, t.components.get(h.component));
      }
    }
  }
  const graph: DiagramGraph = {
    title: `${model.name ? `${model.name}: ` : ''}flow ${flowName} (${flow.kind}, ${Math.round(flow.rate)}/s), p99 per hop`,
    groups: [...b.groups.values()],
    loose: [],
    nodes: b.nodes,
    edges: b.edges,
    legend: [],
  };
  if (t) graph.legend = legendFor(t, graph);
  return graph;
}
