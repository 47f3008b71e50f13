// failover/standby-region: every writable store keeps a live copy in a second region, so one region's outage loses neither data nor service.
import { defineCheck, type Finding } from '../types.js';

type Options = Record<string, never>;

export default defineCheck<Options>({
  meta: {
    id: 'failover/standby-region',
    topic: 'failover',
    title: 'Keep a replicated copy of every writable store in a second region',
    concept:
      'Replicas inside one region survive a failed machine, not a failed region: a power, network or control-plane outage takes all of them at once. ' +
      'A store whose data lives in one region loses both the service and the writes since the last backup when that region goes, however many stateless tiers run elsewhere. ' +
      'A standby (active-passive) or a writable copy (active-active) in another region, kept current by replication, is what makes a multi-region design survive.',
    computes:
      'Applies when the spec declares two or more regions. For each stateful store that is not a cache or a read model: its copies are its regions plus its failover standby; it passes with two or more regions and replication other than none.',
    sources: ['awsDr'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      replicated: '{{store}} keeps copies in {{regions}} ({{replication}} replication)',
      singleRegion:
        '{{store}} lives only in {{region}} though the system runs in {{count}} regions: a {{region}} outage takes its data and every flow that writes it',
      notReplicated:
        "{{store}} is placed in {{regions}} with replication mode none: each region's writes exist only there, so a region outage still loses them",
    },
    hints: {
      singleRegion:
        'Ask what happens to this store when its region goes dark. Which of the other regions could hold a copy, and should that copy take writes straight away or only after a promotion?',
      notReplicated:
        'Being placed in several regions is not the same as being copied between them. How does a write made in one region reach the others?',
    },
  },
  run({ model, metrics }) {
    if (model.regions.length < 2) return [];
    const out: Finding[] = [];
    for (const s of Object.values(metrics.stores)) {
      if (!s.writable || s.kind === 'cache') continue;
      const evidence = { regions: s.regions, replication: s.replication, mode: s.mode, standby: s.standby };
      if (s.regions.length < 2) {
        out.push({
          status: 'fail',
          messageId: 'singleRegion',
          data: { store: s.component, region: s.regions[0] ?? '?', count: model.regions.length },
          path: ['components', s.component, 'regions'],
          evidence,
        });
      } else if (s.replication === 'none') {
        out.push({
          status: 'fail',
          messageId: 'notReplicated',
          data: { store: s.component, regions: s.regions.join(', ') },
          path: ['components', s.component, 'replication'],
          evidence,
        });
      } else {
        out.push({
          status: 'pass',
          messageId: 'replicated',
          data: { store: s.component, regions: s.regions.join(', '), replication: s.replication },
          path: ['components', s.component],
          evidence,
        });
      }
    }
    return out;
  },
});
