// A drill's timeline for people: text (terminal), markdown (reports, PRs) and JSON (tools; an unbounded
// figure is the string "unbounded", never a number).
import type { DrillFlow, DrillPhase, DrillRejection, DrillResult } from '../../analysis/drills/types.js';
import { DRILL_BUDGET_SLACK } from '../../analysis/drills/run.js';

const PHASE_TITLE: Record<DrillPhase['name'], string> = {
  detection: 'Detection',
  steering: 'Steering',
  promotion: 'Promotion',
  'steady-state': 'Steady state',
};

const PHASE_MEANS: Record<DrillPhase['name'], string> = {
  detection: 'nobody has noticed yet: requests that need the lost region fail',
  steering: 'the region is known to be down; resolvers still hold the old DNS answer',
  promotion: 'users are re-routed; stores are still being promoted',
  'steady-state': 'where the design settles and stays until the region comes back',
};

export function pct(x: number): string {
  if (!Number.isFinite(x)) return 'unbounded';
  const p = x * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)} %`;
}

export function ms(x: number | null): string {
  if (x === null) return 'none served';
  if (!Number.isFinite(x)) return 'unbounded';
  return `${Math.round(x * 10) / 10} ms`;
}

export function span(p: DrillPhase, single: boolean): string {
  if (single) return 'while the fault lasts';
  return p.toS === null ? `from ${p.fromS} s on` : `${p.fromS} s to ${p.toS} s`;
}

export function flowLine(f: DrillFlow): string {
  const err = f.errorShare > 0 ? `${pct(f.errorShare)} fail` : 'all served';
  const budget =
    f.budgetP99 !== undefined && f.p99 !== null
      ? ` (budget ${f.budgetP99} ms${f.budgetRatio !== undefined && Number.isFinite(f.budgetRatio) ? `, ${f.budgetRatio}×` : ''})`
      : '';
  const why = f.failures.length ? `: ${[...new Set(f.failures.map((x) => x.why))].join('; ')}` : '';
  const over = f.overloadedBy
    ? `; ${f.overloadedBy.component} in ${f.overloadedBy.region} at ${pct(f.overloadedBy.utilization)}, so waits grow without bound`
    : '';
  const shed = f.rejectedShare ? `; ${pct(f.rejectedShare)} rejected by a rate limit (HTTP 429)` : '';
  return `${f.name}: ${err}, p99 ${ms(f.p99)}${budget}${why}${over}${shed}`;
}

/** "rejected 4000 req/s at gateway in us-east (HTTP 429): 14000 arrive, its limit admits 10000 per region". */
export function rejectionLine(x: DrillRejection): string {
  const n = (v: number) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `rejected ${n(x.rejectedRps)} req/s at ${x.component} in ${x.region} (HTTP 429): ${n(x.arrivingRps)} arrive, its limit admits ${n(x.limitRps)} ${x.per === 'global' ? 'across every region' : 'per region'}`;
}

export function phaseVerdict(p: DrillPhase): string {
  if (p.healthy) return 'healthy';
  const bad: string[] = [];
  const failing = Object.values(p.flows).filter((f) => f.errorShare > 0).length;
  if (failing) bad.push(`${failing} flow${failing === 1 ? '' : 's'} failing`);
  const slow = Object.values(p.flows).filter(
    (f) => f.errorShare === 0 && f.p99 !== null && (!Number.isFinite(f.p99) || (f.budgetRatio ?? 0) > DRILL_BUDGET_SLACK),
  ).length;
  if (slow) bad.push(`${slow} over ${DRILL_BUDGET_SLACK}× budget`);
  const shedding = Object.values(p.flows).filter((f) => (f.rejectedShare ?? 0) > 0).length;
  if (shedding) bad.push(`${shedding} flow${shedding === 1 ? '' : 's'} shedding requests with 429s`);
  if (p.overloaded.length) bad.push(`${p.overloaded.length} tier${p.overloaded.length === 1 ? '' : 's'} at or over 100 %`);
  return bad.join(', ') || 'degraded';
}

/** "1.07× the peak", or for a drill that surges one flow "1.07× the drilled load (each flow at its drilled rate)". */
export function breaksAt(b: NonNullable<DrillResult['breakingPoint']>): string {
  return `${b.factor}× ${b.of === 'drilled' ? 'the drilled load (each flow at its drilled rate)' : 'the peak'}`;
}

export function breaksWhat(b: NonNullable<DrillResult['breakingPoint']>): string {
  if (b.kind === 'capacity') return `${b.component} in ${b.region} reaches 100 % of its capacity`;
  if (b.kind === 'pool') return `${b.component}'s pool ${b.pool} runs out of threads`;
  return `${b.component}'s shared threads run out`;
}

export function formatDrillText(r: DrillResult, spec?: string): string {
  const out: string[] = [];
  out.push(
    `Drill ${r.titles.join(' + ')}${spec ? ` on ${spec}` : ''}${r.retries ? ` (${r.retries} retr${r.retries === 1 ? 'y' : 'ies'} per timed-out call)` : ''}`,
  );
  const single = r.phases.length === 1;
  r.phases.forEach((p, i) => {
    out.push('');
    out.push(
      `${single ? 'During the fault' : `Phase ${i + 1}/${r.phases.length} · ${PHASE_TITLE[p.name]}`} (${span(p, single)}): ${phaseVerdict(p)}`,
    );
    if (!single) out.push(`  ${PHASE_MEANS[p.name]}.`);
    for (const e of p.events) out.push(`  • ${e}`);
    for (const f of Object.values(p.flows)) out.push(`  ${flowLine(f)}`);
    for (const e of p.exhausted)
      out.push(
        `  ! ${e.service}: ${e.pool ? `pool ${e.pool}` : 'shared threads'} ${Number.isFinite(e.demand) ? `needs ${e.demand} threads (rate × time held, Little's law) but has ${e.size}` : `holds its ${e.size} threads without bound: a call it waits on never returns and has no timeout`}`,
      );
    for (const x of p.rejected ?? []) out.push(`  ⊘ ${rejectionLine(x)}`);
    for (const o of p.overloaded) out.push(`  ! ${o.component} in ${o.region} at ${pct(o.utilization)} of capacity`);
    if (!p.overloaded.length && p.busiest)
      out.push(
        `  busiest: ${p.busiest.component} in ${p.busiest.region} at ${pct(p.busiest.utilization)}${p.busiestStore && p.busiestStore !== p.busiest ? `; busiest store ${p.busiestStore.component} in ${p.busiestStore.region} at ${pct(p.busiestStore.utilization)}` : ''}`,
      );
    if (p.readOnly.length) out.push(`  no writes: ${p.readOnly.join(', ')}`);
    for (const d of p.diverging) out.push(`  ~ ${d.why}`);
  });
  if (r.dataLoss.length) {
    out.push('', 'Data lost with the region (RPO):');
    for (const d of r.dataLoss)
      out.push(
        `  ${d.store} in ${d.region}: ${d.rpoS === null ? 'everything since the last backup (no copy elsewhere)' : `up to ${d.rpoS} s of writes (${d.replication} replication), about ${d.writesLost} writes`}${d.targetS !== undefined ? `; the design allows ${d.targetS} s` : ''}`,
      );
  } else if (r.scenarios.some((s) => s.kind === 'region-down'))
    out.push('', 'Data lost with the region: none (every acknowledged write has a copy elsewhere).');
  if (r.breakingPoint) out.push('', `Breaks first: ${breaksWhat(r.breakingPoint)}, at ${breaksAt(r.breakingPoint)}.`);
  out.push('', `Settles ${r.final.healthy ? 'healthy' : `degraded (${phaseVerdict(r.final)})`}.`);
  return `${out.join('\n')}\n`;
}

export function formatDrillMarkdown(r: DrillResult, spec?: string): string {
  const out: string[] = [`## Drill: ${r.titles.map((t) => `\`${t}\``).join(' + ')}${spec ? ` on \`${spec}\`` : ''}`];
  const single = r.phases.length === 1;
  r.phases.forEach((p, i) => {
    out.push('', `### ${single ? 'During the fault' : `${i + 1}. ${PHASE_TITLE[p.name]}`} (${span(p, single)}): ${phaseVerdict(p)}`);
    for (const e of p.events) out.push(`- ${e}`);
    out.push('', '| flow | errors | p99 | budget | why |', '| --- | --- | --- | --- | --- |');
    for (const f of Object.values(p.flows)) {
      const why =
        [...new Set(f.failures.map((x) => x.why))].join('; ') +
        (f.overloadedBy
          ? `${f.failures.length ? '; ' : ''}${f.overloadedBy.component} in ${f.overloadedBy.region} at ${pct(f.overloadedBy.utilization)}`
          : '');
      out.push(
        `| ${f.name} | ${pct(f.errorShare)} | ${ms(f.p99)} | ${f.budgetP99 !== undefined ? `${f.budgetP99} ms` : ''} | ${why.replace(/\|/g, '\\|')} |`,
      );
    }
    for (const x of p.rejected ?? []) out.push('', `- ${rejectionLine(x)}`);
    const util = [...p.overloaded, ...(p.overloaded.length ? [] : p.busiest ? [p.busiest] : [])];
    if (util.length) out.push('', util.map((o) => `${o.component} in ${o.region}: ${pct(o.utilization)}`).join(' · '));
  });
  if (r.dataLoss.length) {
    out.push('', '| store | region | data lost (RPO) |', '| --- | --- | --- |');
    for (const d of r.dataLoss)
      out.push(
        `| ${d.store} | ${d.region} | ${d.rpoS === null ? 'everything since the last backup' : `${d.rpoS} s (~${d.writesLost} writes)`} |`,
      );
  }
  if (r.breakingPoint) out.push('', `Breaks first: ${breaksWhat(r.breakingPoint)}, at ${breaksAt(r.breakingPoint)}.`);
  return `${out.join('\n')}\n`;
}

/** The drill as JSON: every unbounded figure is the string "unbounded". */
export function drillToJson(r: DrillResult, opts: { metrics?: boolean } = {}): string {
  const { final: _final, ...rest } = r;
  const value = { ...rest, phases: r.phases.map((p) => (opts.metrics ? p : (({ metrics: _m, ...x }) => x)(p))) };
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? 'unbounded' : v), 2);
}
