// `sdcoach metrics <spec>`: the computed metrics, so rubric authors know what assertions can use.
import type { Command } from 'commander';
import { analyse } from '../analysis/analyse.js';
import type { Metrics } from '../analysis/metrics.js';
import { stringifyJson } from '../grading/format/json.js';
import type { Model } from '../specfile/model.js';
import { unitOf } from '../specfile/figure-notes.js';
import { EXIT, wholeNumber } from './io.js';
import { stdio } from './output.js';
import { loadWithGivens } from './catalog-options.js';

const fmt = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined ? 'none' : !Number.isFinite(n) ? 'unbounded' : String(Math.round(n * 10 ** digits) / 10 ** digits);

/** A readable summary, each line naming the CEL path it comes from. */
export function metricsTable(m: Metrics): string {
  const out: string[] = [];
  out.push('workload');
  out.push(
    `  workload.readsPerS = ${fmt(m.workload.readsPerS)}   workload.writesPerS = ${fmt(m.workload.writesPerS)}   workload.readWriteRatio = ${fmt(m.workload.readWriteRatio)}`,
  );
  out.push('flows');
  for (const f of Object.values(m.flows)) {
    out.push(`  flows["${f.name}"]  ${f.kind}, rate ${f.rate}/s, consistency ${f.consistency}, path ${f.path.join(' -> ')}`);
    out.push(
      `    .worst.p50 = ${fmt(f.worst.p50)}  .worst.p99 = ${fmt(f.worst.p99)}  (from ${f.worst.origin})   .availability.value = ${fmt(f.availability.value, 6)}`,
    );
    if (f.missBudget) out.push(`    .missBudget.p50 = ${fmt(f.missBudget.p50)}  .missBudget.p99 = ${fmt(f.missBudget.p99)}`);
    if (f.rejected)
      out.push(
        `    .rejected.share = ${fmt(f.rejected.share, 6)}  .rejected.rps = ${fmt(f.rejected.rps)}  (HTTP 429 at ${[...new Set(f.rejected.by.map((b) => `${b.component} in ${b.region}`))].join(', ')})`,
      );
    for (const o of Object.values(f.origins)) {
      out.push(`    .origins["${o.origin}"].p99 = ${fmt(o.p99)}  (network ${fmt(o.networkMs)} ms, mesh ${fmt(o.meshMs.p99)} ms)`);
      // A read through caches: its hit and miss paths (the p50/p99 above are their mixture's).
      if (o.cache) {
        o.cache.hits.forEach((h, i) =>
          out.push(
            `      .cache.hits[${i}].p99 = ${fmt(h.p99)}  .p50 = ${fmt(h.p50)}  .share = ${fmt(h.share, 6)}  (answered by ${h.cache ?? '?'}, hit ratio ${fmt(h.hitRatio ?? 0, 4)})`,
          ),
        );
        out.push(
          `      .cache.miss.p99 = ${fmt(o.cache.miss.p99)}  .p50 = ${fmt(o.cache.miss.p50)}  .share = ${fmt(o.cache.miss.share, 6)}  (the whole path)   .cache.hitShare = ${fmt(o.cache.hitShare, 6)}`,
        );
      }
      // The queue each hop waits in (M/M/c): what it adds at p99, from the load in that region.
      o.hops.forEach((h, i) => {
        if (!h.queueWait) return;
        const q = h.region !== undefined ? m.capacity[h.component]?.[h.region]?.queue : undefined;
        const wait = (n: number) => (Number.isFinite(n) ? `${fmt(n, 3)} ms` : 'unbounded');
        const model = q ? `  (${fmt(q.probWait * 100, 1)}% wait; c = ${q.servers}, utilization ${fmt(q.utilization * 100, 1)}%)` : '';
        out.push(
          `      .hops[${i}].queueWait.p99 = ${wait(h.queueWait.p99)}  .queueWait.p50 = ${wait(h.queueWait.p50)}  ${h.component} in ${h.region ?? '?'}${model}  .total.p99 = ${fmt(h.total.p99)}`,
        );
      });
    }
  }
  if (Object.keys(m.stores).length) {
    out.push('stores');
    for (const s of Object.values(m.stores))
      out.push(
        `  stores["${s.component}"].rtoS = ${fmt(s.rtoS)}  .rpoS = ${fmt(s.rpoS)}  (${s.mode}, ${s.replication} replication, in ${s.regions.join(', ')})`,
      );
  }
  const pooled = Object.values(m.pools).filter((p) => p.pools.length || p.calls.length);
  if (pooled.length) {
    out.push('pools');
    for (const p of pooled) {
      out.push(`  pools["${p.service}"].threads = ${p.threads}  .demand = ${fmt(p.demand)}  .pooledThreads = ${p.pooledThreads}`);
      p.pools.forEach((q, i) =>
        out.push(`    .pools[${i}] ${q.name}: size ${q.size}, demand ${fmt(q.demand)}, worstDemand ${fmt(q.worstDemand)}`),
      );
    }
  }
  if (m.replay)
    out.push(
      'replay',
      `  replay.replayMs = ${fmt(m.replay.replayMs)}  replay.loadBudgetMs = ${m.replay.loadBudgetMs}  replay.eventsToReplay = ${m.replay.eventsToReplay}`,
    );
  out.push('residency', `  size(residency.violations) = ${m.residency.violations.length}`);
  out.push('capacity');
  for (const [id, byRegion] of Object.entries(m.capacity)) {
    for (const l of Object.values(byRegion)) {
      out.push(
        `  capacity["${id}"]["${l.region}"].utilization = ${fmt(l.utilization, 4)}  (${l.everyReplicaWrites ? `${fmt(l.perNodeRate)} req/s per node: every write + reads / ${l.replicas}, of ${fmt(l.capacity / l.replicas / (l.partitions ?? 1))}${l.partitions !== undefined ? ` (busiest of ${l.partitions} partitions: ${fmt(l.hottestShare ?? 0, 4)} of the traffic)` : ''}` : `${fmt(l.rate)} req/s of ${fmt(l.capacity)}`})`,
      );
      if (l.queue)
        out.push(
          `    .queue.probWait = ${fmt(l.queue.probWait, 4)}  .queue.meanMs = ${fmt(l.queue.meanMs, 3)}  .queue.p99Ms = ${fmt(l.queue.p99Ms, 3)}  (M/M/c, c = ${l.queue.servers}, mu = ${fmt(l.queue.serviceRate)}/s)`,
        );
    }
  }
  if (m.rateLimits) {
    out.push('rate limits (requests over the limit are rejected, HTTP 429, and reach nothing behind)');
    for (const [id, byRegion] of Object.entries(m.rateLimits))
      for (const l of Object.values(byRegion))
        out.push(
          `  rateLimits["${id}"]["${l.region}"].rejectedRps = ${fmt(l.rejectedRps)}  .admittedRps = ${fmt(l.admittedRps)}  .arrivingRps = ${fmt(l.arrivingRps)}  (limit ${fmt(l.limitRps)} req/s ${l.per === 'global' ? 'shared by every region' : 'per region'}${l.globalArrivingRps !== undefined ? `, ${fmt(l.globalArrivingRps)} arriving in every region` : ''})`,
        );
  }
  const c = m.cost;
  out.push(`cost (on-demand list prices; monthly = hourly x ${c.hoursPerMonth} h)`);
  out.push(`  cost.usdPerMonth = ${fmt(c.usdPerMonth)}  cost.usdPerHour = ${fmt(c.usdPerHour, 4)}`);
  for (const [r, v] of Object.entries(c.regions)) out.push(`  cost.regions["${r}"].usdPerMonth = ${fmt(v.usdPerMonth)}`);
  for (const cc of Object.values(c.components)) {
    if (cc.basis === 'free') continue;
    const priced = `${cc.tech} ${cc.size}${cc.basis === 'representative' ? `, representative of ${cc.kind}` : ''}`;
    out.push(`  cost.components["${cc.component}"].usdPerMonth = ${fmt(cc.usdPerMonth)}  (${priced})`);
    for (const r of Object.values(cc.regions)) {
      const parts = [
        r.replicaUsdPerHour ? `${r.replicas} replica${r.replicas === 1 ? '' : 's'} $${fmt(r.replicaUsdPerHour, 4)}/h` : '',
        r.requestUsdPerHour ? `${fmt(r.requestsPerS)} req/s $${fmt(r.requestUsdPerHour, 4)}/h` : '',
        r.meshUsdPerHour ? `mesh proxies $${fmt(r.meshUsdPerHour, 4)}/h` : '',
      ].filter(Boolean);
      out.push(`    .regions["${r.region}"].usdPerMonth = ${fmt(r.usdPerMonth)}  (${parts.join(' + ') || 'nothing billed'})`);
    }
  }
  out.push('', 'Use these paths in rubric assertions, e.g.  expr: flows["checkout"].worst.p99 <= 250');
  return `${out.join('\n')}\n`;
}

const ORIGIN_WORD = { given: 'given', catalog: 'catalog', spec: 'spec', default: 'default' } as const;

/** Every figure the analysis used, with where it came from (given, catalog, spec, default). */
export function figuresTable(model: Model): string {
  const figures = model.figures ?? [];
  const out: string[] = [`figures (where each number came from${model.givens ? "; the problem's givens applied" : ''})`];
  let subject = '';
  for (const f of figures) {
    if (f.subject !== subject) {
      subject = f.subject;
      out.push(`  ${subject}`);
    }
    const u = unitOf(f.field);
    const from = f.from && f.origin !== 'spec' ? `: ${f.from}` : '';
    const claim =
      f.claimed !== undefined
        ? `; ${f.claimedFrom !== undefined ? `the catalog's ${f.claimedFrom} gives` : 'your spec says'} ${fmt(f.claimed, 4)}${u}, not used`
        : '';
    out.push(`    ${f.field} = ${fmt(f.value, 4)}${u}  (${ORIGIN_WORD[f.origin]}${from}${claim})`);
  }
  return `${out.join('\n')}\n`;
}

export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('print the metrics computed from a spec (what rubric assertions can use)')
    .argument('<spec>', 'spec file')
    .option('-f, --format <format>', 'table or json', 'table')
    .option('-p, --problem <id>', "use a catalog problem's givens (default: the spec's `problem:`)")
    .option('-s, --stage <n>', "stage of the problem (default: the spec's `stage:`, else 1)", wholeNumber('--stage'))
    .addHelpText(
      'after',
      `
Examples:
  $ sdcoach metrics examples/orders-cqrs.yaml
  $ sdcoach metrics problems/checkout-bulkhead/solutions/stage-1.yaml   # figures with the problem's givens
  $ sdcoach metrics examples/orders-cqrs.yaml --format json | less

Each figure is shown with where it came from: given (the problem's scenario), catalog (the
spec's tech/size), spec (its own figure, inside the plausible range) or default (the kind's).`,
    )
    .action((spec: string, opts: { format: string; problem?: string; stage?: number }, cmd: Command) => {
      if (!['table', 'json'].includes(opts.format)) cmd.error('--format must be table or json', { exitCode: EXIT.usage });
      const loaded = loadWithGivens(spec, opts, cmd);
      if (!loaded) return;
      const m = analyse(loaded.model);
      if (opts.format === 'json') stdio().stdout.write(`${stringifyJson({ ...m, figures: loaded.model.figures ?? [] })}\n`);
      else stdio().stdout.write(`${figuresTable(loaded.model)}${metricsTable(m)}`);
    });
}
