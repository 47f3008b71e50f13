// The declared strategy is one word for the whole design: the pass names the stores it describes and says how each
// other one takes writes (payments' merchant-settings, active-active, was listed under "active-passive": review).
import { describe, expect, it } from 'vitest';
import writeStrategy from '../../../src/checks/geo/write-strategy.js';
import { analyse } from '../../../src/analysis/analyse.js';
import { loadSpecText } from '../../../src/specfile/load.js';

const SPEC = `
regions: [us-east, us-west]
components:
  api: {kind: service}
  payments-db:
    kind: database
    regions: [us-east]
    replication: {mode: sync}
    failover: {mode: active-passive, standby: us-west}
  settings-db:
    kind: database
    regions: [us-east, us-west]
    replication: {mode: async}
    failover: {mode: active-active, conflict: last-writer-wins}
flows:
  pay: {kind: write, rate: 10, path: [api, payments-db]}
  settings: {kind: write, rate: 1, path: [api, settings-db]}
patterns:
  multi_region: {strategy: active-passive}
`;

describe('geo/write-strategy, a design whose stores write differently', () => {
  it('names the stores the strategy describes, and how the others write', () => {
    const r = loadSpecText('spec.yaml', SPEC);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    const m = r.loaded.model;
    const declared = writeStrategy.run({ model: m, metrics: analyse(m), options: {} }).find((f) => f.messageId === 'declared')!;
    expect(declared.status).toBe('pass');
    expect(declared.data.stores).toBe('payments-db');
    expect(declared.data.others).toBe('; settings-db accepts writes in every region (active-active, last-writer-wins: multi-primary)');
  });
});
