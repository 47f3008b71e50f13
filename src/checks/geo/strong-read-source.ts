// geo/strong-read-source: a read that must see the latest write is served by the writer or a
// synchronously updated copy, never by an asynchronous replica or a cache.
import { defineCheck, ms, type Finding } from '../types.js';
import { laggingStores } from '../staleness.js';
import { hopSpecPath } from '../../specfile/steps.js';

type Options = Record<string, never>;

export default defineCheck<Options>({
  meta: {
    id: 'geo/strong-read-source',
    topic: 'geo',
    title: 'Serve reads that must be exact from the writer or a synchronous copy',
    concept:
      'Spreading replicas across regions makes reads fast because each user reads the copy nearest to them; with asynchronous replication that copy trails the writer by the replication lag. ' +
      'For most reads that lag is invisible, but a balance, a seat or a stock count read from a lagging copy can approve what the writer already refused. ' +
      'A read that must be exact has to reach the writer (paying the round trip), or a copy kept current synchronously (paying on every write); with consensus that writer is the leader: a follower may not have the latest commit yet, so exact reads go to the leader or pay a read-index round trip to it. A cache in front of it breaks the guarantee the same way.',
    computes:
      'For every flow marked strongly consistent (consistency: strong or workload.strong_reads) and every origin region, each store on its route: a cache or CDN fails (and none of its hits is counted: every strong read goes on to the source, for load and latency alike); a single-primary store read outside its primary region fails when it replicates asynchronously (stale by up to its lag_ms); an active-active store with asynchronous replication fails; the primary itself, sync copies, a consensus store read at its leader (the route sends every strong read there, paying the round trip), and unreplicated (partitioned) stores pass. Read models and projections (stores only workers write, whatever their role says) are left to cqrs/strong-reads-on-write-model.',
    sources: ['awsDr', 'raft'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      fresh: '{{flow}} reads {{stores}} from a current copy in every region ({{how}})',
      staleReplica:
        "{{flow}} from {{origin}} reads {{store}}'s asynchronous copy in {{region}}, up to {{lag}} ms behind the writer in {{writer}}",
      staleActiveActive:
        '{{flow}} from {{origin}} reads {{store}} in {{region}}, an active-active copy replicated asynchronously: writes taken in other regions arrive up to {{lag}} ms late',
      cached:
        '{{flow}} from {{origin}} goes through {{store}}, a {{what}} that can return a value older than the last write (none of its hits is counted)',
    },
    hints: {
      staleReplica:
        'Where does the latest write land, and how long until this copy has it? A read that must be exact either goes to the writer, or the copy it reads has to be updated before the write is acknowledged. Each choice has a price: find it in the latency of the read or of the write.',
      staleActiveActive:
        'With several writers and asynchronous replication, no copy is guaranteed to have every write. What would it take for one read to see all of them: a single home for the key, or agreement among a quorum?',
      cached: 'A cache trades freshness for speed. Which reads can afford that trade, and which must skip the cache?',
    },
  },
  run({ model, metrics }) {
    const out: Finding[] = [];
    // Read models and projections (a store only workers write, whatever its label) trail their source by their
    // workers: cqrs/strong-reads-on-write-model judges them, and they are no "current copy" here.
    const lagging = laggingStores(model);
    for (const f of Object.values(metrics.flows)) {
      if (f.kind !== 'read' || f.consistency !== 'strong') continue;
      const problems: Finding[] = [];
      const seen = new Set<string>();
      const how = new Set<string>();
      const stores = new Set<string>();
      for (const o of Object.values(f.origins)) {
        // A cache with nothing that keeps data behind it on the route is where the data lives (seat holds taken
        // atomically in Redis): it is the store, not a copy of one, and is judged as a store.
        const lastKept = o.hops.reduce((at, h, k) => (model.components[h.component]!.stateful ? k : at), -1);
        for (const [k, hop] of o.hops.entries()) {
          const c = model.components[hop.component]!;
          const cache = (c.kind === 'cache' || c.kind === 'cdn') && k < lastKept;
          if (!cache && (!c.stateful || lagging.has(c.id))) continue;
          const key = `${hop.component}|${hop.region}`;
          const path = hopSpecPath(model.flows[f.name]!, hop.index);
          const base = { flow: f.name, origin: o.origin, store: c.id, region: hop.region ?? '?' };
          if (cache) {
            // A CDN is an edge cache: it answers from the copy it holds just as a cache does (a strong read behind one
            // passed bank-ledger's overdraft stage).
            if (!seen.has(key))
              problems.push({
                status: 'fail',
                messageId: 'cached',
                data: { ...base, what: c.kind === 'cdn' ? 'CDN' : 'cache' },
                path,
                evidence: { origin: o.origin, region: hop.region },
              });
            seen.add(key);
            continue;
          }
          stores.add(c.id);
          const mode = c.replication?.mode ?? 'none';
          const lag = c.replication?.lagMs ?? 0;
          if (mode === 'consensus') {
            // Linearizable reads are the leader's (or pay a read-index round trip to it): the route sends
            // every read that does not accept bounded staleness there, so a strong read always is.
            how.add(`${c.id}: its consensus leader${c.leader ? ` in ${c.leader}` : ''}`);
          } else if (mode === 'sync') {
            how.add(`${c.id}: sync`);
          } else if (c.primary !== undefined) {
            if (hop.region === c.primary || mode === 'none') how.add(`${c.id}: its primary`);
            else if (!seen.has(key))
              problems.push({
                status: 'fail',
                messageId: 'staleReplica',
                data: { ...base, lag: ms(lag), writer: c.primary },
                path,
                evidence: { origin: o.origin, region: hop.region, primary: c.primary, lagMs: lag },
              });
          } else if (mode === 'none') {
            how.add(`${c.id}: partitioned, one copy per key`);
          } else if (!seen.has(key)) {
            problems.push({
              status: 'fail',
              messageId: 'staleActiveActive',
              data: { ...base, lag: ms(lag) },
              path,
              evidence: { origin: o.origin, region: hop.region, lagMs: lag },
            });
          }
          seen.add(key);
        }
      }
      if (problems.length) out.push(...problems);
      else if (stores.size)
        out.push({
          status: 'pass',
          messageId: 'fresh',
          data: { flow: f.name, stores: [...stores].join(', '), how: [...how].join('; ') },
          path: ['flows', f.name],
        });
    }
    return out;
  },
});
