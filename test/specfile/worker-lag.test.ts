import { describe, expect, it } from 'vitest';
import { loadSpecText } from '../../src/specfile/load.js';

function model(yaml: string) {
  const r = loadSpecText('spec.yaml', yaml);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.loaded.model;
}

const SPEC = (worker: string) => `
regions: [us-east, eu-west]
components:
  api: {kind: service}
  events: {kind: stream, regions: [us-east]}
  ${worker}
  view: {kind: database, regions: [us-east, eu-west], replication: {mode: async}}
flows:
  read: {kind: read, rate: 10, path: [api, view]}
`;

describe("a worker's lag", () => {
  it('is the default when unstated and the trip through the worker is shorter', () => {
    // us-east: 0.25 (half the 0.5 ms intra-region round trip) + 20 + 0.25 + 10 (database write p50) = 30.5 < 500
    const m = model(SPEC('proj: {kind: worker, regions: [us-east], consumes: events, writes: view}'));
    expect(m.components.proj!.lagMs).toBe(500);
  });

  it('is at least the trip through the worker when unstated, however slow its processing', () => {
    // 0.25 + 900 (its own p50) + 0.25 + 10 = 910.5 > the 500 ms default
    const m = model(SPEC('proj: {kind: worker, regions: [us-east], consumes: events, writes: view, latency_ms: {p50: 900, p99: 2000}}'));
    expect(m.components.proj!.lagMs).toBe(910.5);
  });

  it('keeps a stated lag at or above the trip, in the most favourable region it runs in', () => {
    // eu-west: 41 from events + 20 + 41 to view's primary (us-east; its eu-west copy takes no writes) + 10 = 112;
    // us-east: 30.5. The worker runs in both: 30.5 is the floor, and 31 is above it.
    const m = model(SPEC('proj: {kind: worker, regions: [us-east, eu-west], consumes: events, writes: view, lag_ms: 31}'));
    expect(m.components.proj!.lagMs).toBe(31);
    expect(m.figures?.find((f) => f.subject === 'proj' && f.field === 'lag_ms')?.verdict).toBeUndefined();
  });

  it('is graded with the trip when stated below it, and says what the trip is made of', () => {
    const m = model(SPEC('proj: {kind: worker, regions: [eu-west], consumes: events, writes: view, lag_ms: 10}'));
    // eu-west: half of 82 from events + 20 + half of 82 to view's primary in us-east + 10 = 112
    expect(m.components.proj!.lagMs).toBe(112);
    const fig = m.figures?.find((f) => f.subject === 'proj' && f.field === 'lag_ms');
    expect(fig).toMatchObject({ claimed: 10, value: 112, verdict: 'out-of-range', range: { min: 112 } });
    expect(fig?.floor).toBe('41 ms from events + 20 ms processing + 51 ms to write view');
  });
});
