// Data residency: every region holding a copy of a data class that its residency rule does not allow.
import { dict } from '../specfile/dict.js';
import { replicaRegions } from '../specfile/lookups.js';
import type { Model } from '../specfile/model.js';
import type { Metrics, ResidencyViolation } from './metrics.js';

export function residency(model: Model): Metrics['residency'] {
  const violations: ResidencyViolation[] = [];
  const classes: Metrics['residency']['classes'] = dict();
  for (const dc of Object.values(model.workload.data)) {
    const regions = new Set<string>();
    for (const storeId of dc.stores) {
      const store = model.components[storeId];
      if (!store) continue;
      for (const r of replicaRegions(store)) {
        regions.add(r);
        if (dc.allowedRegions && !dc.allowedRegions.includes(r)) {
          violations.push({ dataClass: dc.name, store: storeId, region: r, allowed: dc.allowedRegions });
        }
      }
    }
    classes[dc.name] = { regions: [...regions], ...(dc.allowedRegions ? { allowed: dc.allowedRegions } : {}) };
  }
  return { violations, classes };
}
