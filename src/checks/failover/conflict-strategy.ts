// failover/conflict-strategy: a writable store that accepts writes in several regions says how it settles conflicting writes.
import { defineCheck, ms, type Finding } from '../types.js';

type Options = Record<string, never>;

export default defineCheck<Options>({
  meta: {
    id: 'failover/conflict-strategy',
    topic: 'failover',
    title: 'Give every active-active writable store a conflict strategy',
    concept:
      'Active-active means every region accepts writes, so two regions can change the same record before either hears of the other. ' +
      'Something has to decide the outcome: last-writer-wins (simple, silently drops one write), CRDTs (data types that merge), a home region per key (no conflicts, writes go home), or application logic. ' +
      'Without a stated strategy the copies diverge or a write vanishes, which is why active-passive, with one writer at a time, is the simpler default for data like money.',
    computes:
      'Every stateful store that is not a cache or a read model, with failover mode active-active, is checked for failover.conflict other than none. ' +
      'A store replicated by consensus orders every write through a quorum, so it has no conflicts to settle.',
    sources: ['awsDr'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      declared: '{{store}} is active-active in {{regions}} and settles concurrent writes with {{conflict}}',
      consensus:
        '{{store}} is active-active in {{regions}} but commits through a consensus quorum, so concurrent writes are ordered, not merged',
      missing:
        '{{store}} accepts writes in {{regions}} (active-active, {{replication}} replication{{lag}}) with no conflict strategy: two regions can change the same key before either sees the other',
    },
    hints: {
      missing:
        "Picture the same record edited in two regions within the replication lag. Which edit should survive, or can the two be merged? The options differ in what they lose and how much work they ask of the application; some data (a counter, a set, a user's own profile) suits one better than another.",
    },
  },
  run({ model, metrics }) {
    const out: Finding[] = [];
    for (const s of Object.values(metrics.stores)) {
      if (s.mode !== 'active-active' || !s.writable || s.kind === 'cache') continue;
      const c = model.components[s.component]!;
      const regions = s.regions.join(', ');
      const evidence = { mode: s.mode, replication: s.replication, conflict: s.conflict, regions: s.regions };
      if (s.replication === 'consensus') {
        out.push({
          status: 'pass',
          messageId: 'consensus',
          data: { store: s.component, regions },
          path: ['components', s.component, 'failover'],
          evidence,
        });
      } else if (s.conflict !== 'none') {
        out.push({
          status: 'pass',
          messageId: 'declared',
          data: { store: s.component, regions, conflict: s.conflict },
          path: ['components', s.component, 'failover', 'conflict'],
          evidence,
        });
      } else {
        const lag = s.replication === 'async' ? `, lag ${ms(c.replication?.lagMs ?? 0)} ms` : '';
        out.push({
          status: 'fail',
          messageId: 'missing',
          data: { store: s.component, regions, replication: s.replication, lag },
          path: ['components', s.component, 'failover'],
          evidence,
        });
      }
    }
    return out;
  },
});
