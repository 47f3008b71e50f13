// The terminal preview: one box per region with its deployments (shapes as mermaid writes them),
// then each flow's path with what every hop adds, replication and feeds, and the findings.
// Drawn from the Model, not from mermaid: no browser, no layout engine, never overlapping boxes.
import { SHAPES } from './mermaid.js';
import type { HopLatency, Metrics, OriginLatency } from '../analysis/metrics.js';
import { replicaRegions } from '../specfile/lookups.js';
import type { Model, ModelComponent } from '../specfile/model.js';
import { sanitizeTerminal } from '../specfile/sanitize.js';
import { hopKey, targetsOf, type Annotation, type DiagramFinding, type FindingTargets, type Mark } from './findings.js';
import { failoverLabel, fmtMs, fmtRate, fmtShare, guardLabel, msLabel, queueLabel, regionRole, RELAY_NAME, replicationLabel } from './labels.js';

export interface AsciiOptions {
  /** Terminal columns; the preview never draws wider (at least 40). */
  width: number;
  color?: boolean;
  /** Failed and warned findings to mark and list. */
  findings?: readonly DiagramFinding[];
  /** Only this flow, hop by hop from every origin. */
  flow?: string;
}

const ICON: Record<Mark, string> = { fail: '✗', warn: '!' };

/** Shapes in mermaid's own bracket notation, so the preview and the rendered diagram agree. */
const BRACKETS: Record<string, [string, string]> = SHAPES;

/** Authored text on one terminal line: controls shown as codes, line breaks as spaces, bidi and zero-width marks dropped. */
export function termText(s: string): string {
  return sanitizeTerminal(s.replace(/[\t\n\r]+/g, ' ')).replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '');
}

const KEY = 'shapes: [service] [[worker]] [/gateway\\] [/cdn/] (cache) [(store)] >queue] {{external}} ([client])';

/** Columns a string takes in a terminal: wide East Asian characters and emoji count twice. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    const wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Cuts to at most `max` columns, with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  if (displayWidth(s) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

function painter(on: boolean) {
  const wrap = (code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap('31'), yellow: wrap('33'), green: wrap('32'), dim: wrap('2'), bold: wrap('1') };
}

/** A piece of text with its width measured before colouring. */
interface Token {
  text: string;
  width: number;
  mark?: Mark;
  dim?: boolean;
  bold?: boolean;
  good?: boolean;
}

const token = (text: string, mark?: Mark): Token => ({ text, width: displayWidth(text), ...(mark ? { mark } : {}) });

class Canvas {
  readonly lines: string[] = [];
  readonly p: ReturnType<typeof painter>;
  constructor(readonly width: number, color: boolean) {
    this.p = painter(color);
  }

  paint(t: Token): string {
    if (t.mark) return t.mark === 'fail' ? this.p.red(t.text) : this.p.yellow(t.text);
    if (t.good) return this.p.green(t.text);
    if (t.bold) return this.p.bold(t.text);
    return t.dim ? this.p.dim(t.text) : t.text;
  }

  /** Lays tokens out in lines of at most `width` columns, `indent` spaces on continuation lines. */
  flow(tokens: Token[], indent: number, first = '', sep = '  '): void {
    let line = first;
    let w = displayWidth(first);
    let empty = true;
    for (const raw of tokens) {
      const t = raw.width > this.width - indent ? { ...raw, ...token(truncate(raw.text, this.width - indent), raw.mark) } : raw;
      const sepW = empty ? 0 : displayWidth(sep);
      if (!empty && w + sepW + t.width > this.width) {
        this.lines.push(line);
        line = ' '.repeat(indent);
        w = indent;
        empty = true;
      }
      line += (empty ? '' : sep) + this.paint(t);
      w += (empty ? 0 : sepW) + t.width;
      empty = false;
    }
    if (!empty || first) this.lines.push(line);
  }

  /** A rounded box with a title in its top border and tokens packed inside. */
  box(title: Token, tokens: Token[]): void {
    const inner = this.width - 4;
    const t = title.width > inner - 2 ? token(truncate(title.text, inner - 2), title.mark) : title;
    const border = (s: string) => (t.mark ? this.paint({ ...t, text: s }) : this.p.dim(s));
    this.lines.push(`${border('╭─ ')}${this.paint(t)} ${border(`${'─'.repeat(Math.max(0, this.width - 5 - t.width))}╮`)}`);
    const rows: Token[][] = [[]];
    let w = 0;
    for (const raw of tokens) {
      const tk = raw.width > inner ? token(truncate(raw.text, inner), raw.mark) : raw;
      const row = rows[rows.length - 1]!;
      if (row.length && w + 2 + tk.width > inner) {
        rows.push([tk]);
        w = tk.width;
      } else {
        w += (row.length ? 2 : 0) + tk.width;
        row.push(tk);
      }
    }
    for (const row of rows) {
      const used = row.reduce((a, tk, i) => a + tk.width + (i ? 2 : 0), 0);
      this.lines.push(`${border('│')} ${row.map((tk) => this.paint(tk)).join('  ')}${' '.repeat(Math.max(0, inner - used))} ${border('│')}`);
    }
    this.lines.push(border(`╰${'─'.repeat(this.width - 2)}╯`));
  }
}

/** A long entry split at spaces, so it wraps instead of being cut. */
function words(t: Token): Token[] {
  return t.text.split(/ +/).filter(Boolean).map((w) => token(w, t.mark));
}

/** The publish mode of the write step that names this worker as its relay, if any. */
function relayOf(model: Model, id: string): 'outbox' | 'cdc' | 'event-sourced' | undefined {
  for (const name of model.flowOrder) for (const p of model.flows[name]!.publishes ?? []) if (p.relay === id) return p.via;
  return undefined;
}

function componentToken(model: Model, c: ModelComponent, region: string | undefined, a: Annotation | undefined): Token {
  const [open, close] = BRACKETS[c.kind] ?? ['[', ']'];
  const parts = [termText(c.id)];
  if (c.kind !== 'external' && c.kind !== 'client') parts.push(`×${c.replicas}`);
  // A partitioned store: its partition count, and the hot key's share when stated.
  if (c.partitions) parts.push(`${c.partitions.count}p${c.partitions.hotKeyShare !== undefined ? ` hot ${fmtShare(c.partitions.hotKeyShare)}${c.partitions.hotKeySplit > 1 ? `÷${c.partitions.hotKeySplit}` : ''}` : ''}`);
  const relay = relayOf(model, c.id);
  if (relay) parts.push(RELAY_NAME[relay].node);
  parts.push(...regionRole(c, region));
  if (c.sidecar) parts.push(model.patterns.mesh?.dataPlane === 'ambient' ? 'mesh' : '+sidecar');
  const mark = a ? ` ${ICON[a.status]}` : '';
  return token(`${open}${parts.join(' ')}${close}${mark}`, a?.status);
}

function hopTokens(origin: OriginLatency): Token[] {
  return origin.hops.map((h, i) => {
    const where = h.region ? `@${termText(h.region)}` : '';
    // The round trip says between which regions: a hop drawn in one region may pay for a call to another.
    const between = h.region && h.from && h.from !== h.region ? ` ${termText(h.from)}↔${termText(h.region)}` : '';
    const queued = queueLabel(h);
    const extra = [h.networkMs >= 10 ? `RTT${between} ${fmtMs(h.networkMs)}` : '', h.replicationMs > 0 ? `${h.replicationKind ?? 'sync'} ${fmtMs(h.replicationMs)}` : '', queued !== undefined ? `queue ${queued}` : ''].filter(Boolean);
    // A parallel group reads "→ [a +x | b → c +y] =z": branches split by |, the group's own cost after it.
    const prev = origin.hops[i - 1];
    const next = origin.hops[i + 1];
    const sameGroup = (a?: HopLatency, b?: HopLatency) => a?.group !== undefined && b?.group !== undefined && a.group.step === b.group.step;
    const sep = i === 0 ? '' : !h.group || !sameGroup(prev, h) ? '→ ' : prev!.group!.branch === h.group.branch ? '→ ' : '| ';
    const open = h.group && !sameGroup(prev, h) ? '[' : '';
    const group = h.group && !sameGroup(h, next) ? origin.parallel?.find((g) => g.kind === 'parallel' && g.step === h.group!.step) : undefined;
    const close = h.group && !sameGroup(h, next) ? `]${group ? ` =${fmtMs(group.p99)}` : ''}` : '';
    const fan = h.fanout !== undefined ? ` fan-out ${h.fanout}` : '';
    const text = `${sep}${open}${termText(h.component)}${where}${fan} +${fmtMs(h.total.p99)}${extra.length ? ` (${extra.join(', ')})` : ''}${close}`;
    return token(text);
  });
}

/** "p50 513 of 500 ms ✗", "p99 847 of 1200 ms ✓": each percentile against its budget, when there is one. */
function budgetTokens(o: { p50: number; p99: number }, budget: { p50?: number; p99?: number }): Token[] {
  return (['p50', 'p99'] as const).map((name, i) => {
    const b = budget[name];
    const sep = i ? '· ' : '';
    if (b === undefined) return token(`${sep}${name} ${msLabel(o[name])}`);
    const ok = o[name] <= b;
    return { ...token(`${sep}${name} ${fmtMs(o[name])} of ${fmtMs(b)} ms ${ok ? '✓' : '✗'}`), ...(ok ? { good: true } : { mark: 'fail' as const }) };
  });
}

function flowTable(cv: Canvas, model: Model, metrics: Metrics, name: string, t: FindingTargets | undefined): void {
  const flow = model.flows[name]!;
  const fm = metrics.flows[name]!;
  const flowMark = t?.hops.get(hopKey(name, -1));
  cv.flow([{ ...token(termText(name)), bold: true }, token(`${flow.kind}, ${fmtRate(flow.rate)}`), ...(flowMark ? [token(`${ICON[flowMark.status]} ${flowMark.checks.map(termText).join(', ')}`, flowMark.status)] : [])], 2);
  const all = Object.values(fm.origins).flatMap((o) => o.hops);
  const cols = [
    { head: '#', left: true, cell: (h: HopLatency) => String(h.index + 1) },
    { head: 'hop', left: true, cell: (h: HopLatency) => truncate(`${termText(h.component)}${h.fanout !== undefined ? ` fan-out ${h.fanout}` : ''}${h.group ? ` ∥${h.group.branch + 1}` : ''}`, 32) },
    { head: 'region', left: true, cell: (h: HopLatency) => termText(h.region ?? '-') },
    { head: 'net', cell: (h: HopLatency) => fmtMs(h.networkMs) },
    { head: 'proc', cell: (h: HopLatency) => fmtMs(h.processing.p99) },
    ...(all.some((h) => h.mesh.p99 > 0) ? [{ head: 'mesh', cell: (h: HopLatency) => fmtMs(h.mesh.p99) }] : []),
    ...(all.some((h) => h.replicationMs > 0) ? [{ head: 'wait', cell: (h: HopLatency) => fmtMs(h.replicationMs) }] : []),
    ...(all.some((h) => queueLabel(h) !== undefined) ? [{ head: 'queue', cell: (h: HopLatency) => queueLabel(h) ?? '0' }] : []),
    { head: 'total', cell: (h: HopLatency) => fmtMs(h.total.p99) },
    // Races and retries: the write's concurrency, the call's idempotency key (as on the mermaid arrows).
    ...(all.some((h) => guardLabel(flow, h.index)) ? [{ head: 'guard', left: true, cell: (h: HopLatency) => termText(guardLabel(flow, h.index)) }] : []),
  ];
  const head = cols.map((c) => c.head);
  for (const origin of Object.values(fm.origins)) {
    cv.flow([token(`from ${termText(origin.origin)}:`), ...budgetTokens(origin, flow.budget)], 4, '  ', ' ');
    const rows = origin.hops.map((h) => {
      const a = t?.hops.get(hopKey(name, h.index));
      return { cells: cols.map((c) => c.cell(h)), a };
    });
    const widths = head.map((hd, i) => Math.max(displayWidth(hd), ...rows.map((r) => displayWidth(r.cells[i]!))));
    const fmt = (cells: string[]) => `    ${cells.map((c, i) => (cols[i]!.left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
    cv.lines.push(cv.p.dim(truncate(fmt(head), cv.width)));
    for (const r of rows) {
      const line = truncate(fmt(r.cells), cv.width);
      if (!r.a) cv.lines.push(line);
      else cv.flow([token(line, r.a.status), token(`${ICON[r.a.status]} ${r.a.checks.map(termText).join(', ')}`, r.a.status)], 6, '', ' ');
    }
  }
  cv.lines.push(cv.p.dim(truncate(`    p99 ms; net: round trip from the caller${head.includes('wait') ? '; wait: sync replicas or quorum' : ''}${head.includes('queue') ? '; queue: wait for a free replica (M/M/c)' : ''}`, cv.width)));
}

/** The terminal preview of a design (or of one flow), at most `width` columns wide. */
export function asciiDiagram(model: Model, metrics: Metrics, opts: AsciiOptions): string {
  const width = Math.max(40, Math.min(opts.width, 160));
  const cv = new Canvas(width, opts.color ?? false);
  const t = opts.findings ? targetsOf(model, opts.findings) : undefined;
  const title = termText(model.name ?? 'design');
  const counts = `${model.regions.length} region${model.regions.length === 1 ? '' : 's'}, ${model.componentOrder.length} components, ${model.flowOrder.length} flow${model.flowOrder.length === 1 ? '' : 's'}`;
  const shownTitle = truncate(title, width);
  const rest = width - displayWidth(shownTitle) - 3;
  cv.lines.push(`${cv.p.bold(shownTitle)}${rest > 8 ? cv.p.dim(` · ${truncate(counts, rest)}`) : ''}`);

  if (opts.flow !== undefined) {
    cv.lines.push('');
    flowTable(cv, model, metrics, opts.flow, t);
  } else {
    const regions = [...model.regions];
    for (const id of model.componentOrder) for (const r of replicaRegions(model.components[id]!)) if (!regions.includes(r)) regions.push(r);
    for (const r of regions) {
      const tokens: Token[] = [];
      for (const id of model.componentOrder) {
        const c = model.components[id]!;
        if (replicaRegions(c).includes(r)) tokens.push(componentToken(model, c, r, t?.components.get(id)));
      }
      if (!tokens.length) continue;
      const share = model.users[r];
      const ra = t?.regions.get(r);
      const head = `${termText(r)}${share ? ` · users ${fmtShare(share)}` : ''}${ra ? ` ${ICON[ra.status]} ${ra.checks.map(termText).join(', ')}` : ''}`;
      cv.box(token(head, ra?.status), tokens);
    }
    const outside = model.componentOrder.map((id) => model.components[id]!).filter((c) => c.regions.length === 0);
    if (outside.length) cv.box(token('outside your regions'), outside.map((c) => componentToken(model, c, undefined, t?.components.get(c.id))));

    if (model.flowOrder.length) {
      cv.lines.push('');
      cv.flow([{ ...token('Flows'), bold: true }, { ...token('(slowest origin; +ms each hop adds at p99)'), dim: true }], 2);
      for (const name of model.flowOrder) {
        const flow = model.flows[name]!;
        const fm = metrics.flows[name];
        if (!fm) continue;
        const worst = fm.worst;
        const a = t ? [t.hops.get(hopKey(name, -1)), ...worst.hops.map((h) => t.hops.get(hopKey(name, h.index)))].filter((x): x is Annotation => x !== undefined) : [];
        const status: Mark | undefined = a.some((x) => x.status === 'fail') ? 'fail' : a.length ? 'warn' : undefined;
        const checks = [...new Set(a.flatMap((x) => x.checks))];
        cv.flow([{ ...token(termText(name)), bold: true }, token(`${flow.kind} ${fmtRate(flow.rate)}`)], 4, '  ');
        cv.flow([token(`from ${termText(worst.origin)}:`), ...budgetTokens(worst, flow.budget)], 6, '    ', ' ');
        if (status) cv.flow([token(`${ICON[status]} ${checks.map(termText).join(', ')}`, status)], 6, '    ');
        cv.flow(hopTokens(worst), 6, '    ', ' ');
      }
    }

    const reps: Token[] = [];
    for (const id of model.componentOrder) {
      const c = model.components[id]!;
      const copies = replicaRegions(c);
      if (copies.length < 2) continue;
      const home = c.primary ?? copies[0]!;
      const rep = c.stateful ? replicationLabel(c) : '';
      const others = copies.filter((r) => r !== home && (rep || c.failover?.standby === r));
      if (!others.length) continue;
      const arrow = c.primary === undefined || c.failover?.mode === 'active-active' ? '⇄' : '⇢';
      const fo = c.failover?.standby !== undefined ? failoverLabel(c) : '';
      const a = t?.replication.get(id);
      reps.push(token(`${termText(id)}: ${termText(home)} ${arrow} ${others.map(termText).join(', ')} (${[rep, fo].filter(Boolean).join(' · ')})${a ? `  ${ICON[a.status]} ${a.checks.map(termText).join(', ')}` : ''}`, a?.status));
    }
    const feeds: Token[] = [];
    for (const id of model.componentOrder) {
      const w = model.components[id]!;
      if (w.consumes === undefined && !w.writes.length) continue;
      const a = t?.feeds.get(id);
      const chain = [w.consumes, id, w.writes.join(', ')].filter((x): x is string => Boolean(x)).map(termText);
      feeds.push(token(`${chain.join(' → ')}${w.kind === 'worker' && w.lagMs !== undefined ? ` (lag ${fmtMs(w.lagMs)} ms)` : ''}${a ? `  ${ICON[a.status]} ${a.checks.map(termText).join(', ')}` : ''}`, a?.status));
    }
    if (reps.length) {
      cv.lines.push('');
      cv.lines.push(cv.p.bold('Replication'));
      for (const r of reps) cv.flow(words(r), 4, '  ', ' ');
    }
    if (feeds.length) {
      cv.lines.push('');
      cv.lines.push(cv.p.bold('Feeds'));
      for (const f of feeds) cv.flow(words(f), 4, '  ', ' ');
    }
  }

  if (opts.findings) {
    cv.lines.push('');
    const shown = opts.findings;
    if (!shown.length) cv.lines.push(cv.p.green('✓ no failed checks'));
    else {
      cv.lines.push(cv.p.bold('Findings'));
      for (const f of shown) {
        const where = f.line !== undefined ? ` (line ${f.line})` : '';
        const text = `${ICON[f.status]} ${termText(f.check)}${where}: ${termText(f.message ?? '')}`;
        cv.flow(words(token(text, f.status)), 4, '  ', ' ');
      }
    }
  }
  if (opts.flow === undefined) {
    cv.lines.push('');
    cv.flow(KEY.split(' ').map((w) => ({ ...token(w), dim: true })), 8, '', ' ');
  }
  return `${cv.lines.join('\n')}\n`;
}
