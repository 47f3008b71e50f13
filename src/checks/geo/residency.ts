// geo/residency: every copy of a data class (replicas and failover standbys) stays in the regions it is allowed in.
import type { SpecPath } from '../../specfile/diagnostic.js';
import type { Model } from '../../specfile/model.js';
import { defineCheck, type Finding } from '../types.js';

type Options = Record<string, never>;

/** Where the offending copy is written: the standby, or the region in the store's list. */
function copyPath(
  model: Model,
  store: string,
  region: string,
): { path: SpecPath; copy: 'replica' | 'failover standby' | 'separate data set (replication none)' } {
  const c = model.components[store]!;
  const i = c.regions.indexOf(region);
  if (i < 0 && c.failover?.standby === region) return { path: ['components', store, 'failover', 'standby'], copy: 'failover standby' };
  // Without replication the copy is not a replica but its own data set of this class, written where it is: still stored there.
  const copy = c.replication?.mode === 'none' && c.regions.length > 1 ? 'separate data set (replication none)' : 'replica';
  return { path: c.explicit.includes('regions') ? ['components', store, 'regions', i] : ['components', store], copy };
}

export default defineCheck<Options>({
  meta: {
    id: 'geo/residency',
    topic: 'geo',
    title: 'Keep every copy of regulated data inside the regions it may live in',
    concept:
      'Some data may only be stored in certain places: personal data of EU residents under GDPR, or data a customer contract pins to one country. ' +
      'Residency applies to every copy, not just the primary: a read replica, a backup or a failover standby in another area breaks it just as surely. ' +
      'Global designs therefore partition such data by home region and replicate it only among allowed regions, while public data can go everywhere.',
    computes:
      "For each data class with a residency rule (areas such as eu expanded to their regions), every region holding a copy of each of its stores (the store's regions plus its failover standby) is compared with the allowed regions. " +
      'A store with replication none holds a separate data set of the class in each region (not a replica): each is still data of that class stored there, and is named as such. ' +
      'The class is also in every store its data is carried into: the stream a store of the class publishes to (outbox, change data capture) and whatever a worker consuming one of them writes, transitively.',
    sources: ['sdcoach'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      resident: '{{dataClass}} stays in {{regions}}, all allowed by its residency rule ({{rule}})',
      outsideResidency: '{{dataClass}} has a {{copy}} of {{store}} in {{region}}, outside its allowed regions {{allowed}} (rule: {{rule}})',
      carriedOutside:
        '{{dataClass}} is carried into {{store}} ({{via}}), which has a {{copy}} in {{region}}, outside its allowed regions {{allowed}} (rule: {{rule}})',
    },
    hints: {
      outsideResidency:
        'Residency counts every copy: replicas, standbys, and the stores a worker copies the data into. Where must this data class live, and does each of its stores need to be in all of its regions? Data that has to survive a region outage can still fail over within its allowed area.',
      carriedOutside:
        'A change stream, an outbox relay or a worker that copies the data moves it as surely as a replica does. Keep that pipeline, and every store it writes, inside the allowed area; or carry only what may leave it (ids, aggregates) into a store of its own that is not fed from the regulated one.',
    },
  },
  run({ model, metrics }) {
    const out: Finding[] = [];
    for (const dc of Object.values(model.workload.data)) {
      if (!dc.allowedRegions) continue;
      const rule = (dc.residency ?? []).join(', ');
      const allowed = dc.allowedRegions.join(', ');
      const violations = metrics.residency.violations.filter((v) => v.dataClass === dc.name);
      const regions = metrics.residency.classes[dc.name]?.regions ?? [];
      for (const v of violations) {
        const { path, copy } = copyPath(model, v.store, v.region);
        out.push({
          status: 'fail',
          messageId: v.via ? 'carriedOutside' : 'outsideResidency',
          data: {
            dataClass: dc.name,
            copy,
            store: v.store,
            region: v.region,
            allowed,
            rule,
            ...(v.via ? { via: v.via.join(' -> ') } : {}),
          },
          path,
          evidence: { allowed: v.allowed, regions, store: v.store, region: v.region, ...(v.via ? { via: v.via } : {}) },
        });
      }
      if (!violations.length && regions.length) {
        out.push({
          status: 'pass',
          messageId: 'resident',
          data: { dataClass: dc.name, regions: regions.join(', '), rule },
          path: [...dc.path, 'residency'],
          evidence: { allowed: dc.allowedRegions, regions },
        });
      }
    }
    return out;
  },
});
