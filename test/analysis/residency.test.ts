// Data residency: which copies of a data class sit outside its allowed regions, checked by hand.
import { describe, expect, it } from 'vitest';
import { residency } from '../../src/analysis/residency.js';
import { modelOf } from './model-of.js';

describe('residency', () => {
  it('expands an area and flags each copy outside it, standbys included', () => {
    // eu = eu-west, eu-central. users-db: eu-west ok, us-east not; sessions-db: eu-west ok, standby us-west not.
    const r = residency(
      modelOf(`
regions: [us-east, us-west, eu-west]
components:
  users-db: {kind: database, regions: [eu-west, us-east]}
  sessions-db: {kind: cache, regions: [eu-west], failover: {mode: active-passive, standby: us-west}}
workload:
  data:
    eu-personal-data: {stores: [users-db, sessions-db], residency: [eu]}
`),
    );
    expect(r.violations).toEqual([
      { dataClass: 'eu-personal-data', store: 'users-db', region: 'us-east', allowed: ['eu-west', 'eu-central'] },
      { dataClass: 'eu-personal-data', store: 'sessions-db', region: 'us-west', allowed: ['eu-west', 'eu-central'] },
    ]);
    expect(r.classes['eu-personal-data']).toEqual({ regions: ['eu-west', 'us-east', 'us-west'], allowed: ['eu-west', 'eu-central'] });
  });

  it('accepts named regions as well as areas', () => {
    // residency [eu-west, us-east]: a db in both is fine
    const r = residency(
      modelOf(`
regions: [us-east, eu-west]
components:
  db: {kind: database}
workload:
  data:
    contracts: {stores: [db], residency: [eu-west, us-east]}
`),
    );
    expect(r.violations).toEqual([]);
    expect(r.classes.contracts).toEqual({ regions: ['us-east', 'eu-west'], allowed: ['eu-west', 'us-east'] });
  });

  it('a class with no rule may live anywhere', () => {
    const r = residency(
      modelOf(`
regions: [us-east, ap-northeast]
components:
  posts-db: {kind: database}
workload:
  data:
    public-posts: {stores: [posts-db]}
`),
    );
    expect(r.violations).toEqual([]);
    expect(r.classes['public-posts']).toEqual({ regions: ['us-east', 'ap-northeast'] });
  });
});
