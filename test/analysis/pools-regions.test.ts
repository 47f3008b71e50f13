// A thread is held in the region its request runs in: a service's demand adds its own work and its calls made
// from one region, never one region's work to another region's calls (review: global-feed's feed-api was charged
// us-east's own work plus ap-northeast's round trips to a like's primary).
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { modelOf } from './model-of.js';

const SPEC = `
regions: [us-east, ap-southeast]
users: {us-east: 0.9, ap-southeast: 0.1}
components:
  api: {kind: service, replicas: 1, latency_ms: 10}
  db: {kind: database, regions: [us-east], latency_ms: 5}
flows:
  read: {kind: read, rate: 100, path: [api, db]}
`;

describe('thread demand by region', () => {
  it("is the busiest region's own work plus its own calls", () => {
    const p = analyse(modelOf(SPEC)).pools.api!;
    // us-east: 90/s x 10 ms own = 0.9 threads, + 90/s x (0.5 + 5) ms to db = 0.495: 1.395
    // ap-southeast: 10/s x 10 ms = 0.1, + 10/s x (223 round trip to db in us-east + 5) ms = 2.28: 2.38 (the busiest)
    // (queue waits at these loads are microseconds.) Summing us-east's own 0.9 with ap-southeast's 2.28 made 3.18.
    expect(p.region).toBe('ap-southeast');
    expect(p.demand).toBeCloseTo(0.1 + 2.28, 1);
    // Each dependency's calls at their own busiest region, for the pools and timeouts that must hold them.
    expect(p.calls.map((c) => [c.dependency, c.region])).toEqual([['db', 'ap-southeast']]);
    expect(p.ratePerReplica).toBeCloseTo(10, 6);
  });
});
