// Failover timings are figures: a problem's measured ones hold a faster claim, and detection and promotion have a floor.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FAILOVER, DNS_CLIENT_CACHE_S, DNS_TTL_S, ELECTION_TIMEOUT_MS } from '../../src/data/figures.js';
import { failoverTiming } from '../../src/specfile/failover-timings.js';
import type { Givens } from '../../src/specfile/givens.js';
import type { ModelFigure } from '../../src/specfile/model.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

const MEASURED: Givens = { failover: { detect_s: 10, promote_s: 30 } };

describe('failoverTiming', () => {
  it("grades a faster claim than the problem measured with the problem's figure, and keeps a slower one", () => {
    const figures: ModelFigure[] = [];
    expect(failoverTiming('db', 'detect_s', 0, MEASURED, figures)).toBe(10);
    expect(failoverTiming('db', 'promote_s', 5, MEASURED, figures)).toBe(30);
    expect(failoverTiming('db', 'promote_s', 90, MEASURED, figures)).toBe(90);
    expect(figures.map((f) => [f.field, f.claimed, f.value, f.verdict])).toEqual([
      ['failover.detect_s', 0, 10, 'contradicts-given'],
      ['failover.promote_s', 5, 30, 'contradicts-given'],
      ['failover.promote_s', undefined, 90, undefined],
    ]);
    expect(figures[0]!.path).toEqual(['components', 'db', 'failover', 'detect_s']);
  });

  it('gives a failover that states no timing the measured one, else the default', () => {
    const figures: ModelFigure[] = [];
    expect(failoverTiming('db', 'promote_s', undefined, MEASURED, figures)).toBe(30);
    expect(figures).toMatchObject([{ field: 'failover.promote_s', value: 30, origin: 'given' }]);
    expect(failoverTiming('db', 'promote_s', undefined, undefined, [])).toBe(DEFAULT_FAILOVER.promoteS);
    expect(failoverTiming('db', 'steer_s', undefined, MEASURED, [])).toBe(DEFAULT_FAILOVER.steerS);
  });

  it("holds detection to an election timeout (etcd's 1 s) without a given", () => {
    expect(ELECTION_TIMEOUT_MS).toBe(1000);
    const figures: ModelFigure[] = [];
    expect(failoverTiming('db', 'detect_s', 0, undefined, figures)).toBe(1);
    expect(figures).toMatchObject([{ claimed: 0, value: 1, verdict: 'out-of-range', range: { min: 1 } }]);
    // A trading system's own heartbeats may detect in 2 s: plausible
    expect(failoverTiming('db', 'detect_s', 2, undefined, [])).toBe(2);
  });

  it("holds promotion to the same 1 s (the old primary's lease must lapse) and lets a store's client steer in 0 s", () => {
    const figures: ModelFigure[] = [];
    expect(failoverTiming('db', 'promote_s', 0, undefined, figures)).toBe(1);
    expect(figures).toMatchObject([{ field: 'failover.promote_s', claimed: 0, value: 1, verdict: 'out-of-range', range: { min: 1 } }]);
    expect(failoverTiming('db', 'promote_s', 5, undefined, [])).toBe(5);
    // A store's clients (a library that retries another region) move without DNS.
    expect(failoverTiming('db', 'steer_s', 0, undefined, [])).toBe(0);
  });

  it("holds a stateless tier's DNS steering to the 30 s clients keep an address; anycast steers in 0 s, by default too", () => {
    expect(DNS_CLIENT_CACHE_S).toBe(30);
    const figures: ModelFigure[] = [];
    expect(failoverTiming('gateway', 'steer_s', 0, undefined, figures, 'dns')).toBe(30);
    expect(failoverTiming('gateway', 'steer_s', 29, undefined, figures, 'dns')).toBe(30);
    expect(failoverTiming('gateway', 'steer_s', 45, undefined, figures, 'dns')).toBe(45);
    expect(figures.map((f) => [f.claimed, f.value, f.verdict])).toEqual([
      [0, 30, 'out-of-range'],
      [29, 30, 'out-of-range'],
      [undefined, 45, undefined],
    ]);
    expect(failoverTiming('gateway', 'steer_s', undefined, undefined, [], 'dns')).toBe(DNS_TTL_S);
    expect(failoverTiming('gateway', 'steer_s', 0, undefined, [], 'anycast')).toBe(0);
    expect(failoverTiming('gateway', 'steer_s', undefined, undefined, [], 'anycast')).toBe(0);
    // A problem's measured steering holds with anycast; found by DNS, not under the clients' cache either.
    expect(failoverTiming('gateway', 'steer_s', 0, { failover: { steer_s: 20 } }, [], 'anycast')).toBe(20);
    expect(failoverTiming('gateway', 'steer_s', 0, { failover: { steer_s: 10 } }, [], 'dns')).toBe(30);
    expect(failoverTiming('gateway', 'steer_s', 45, { failover: { steer_s: 10 } }, [], 'dns')).toBe(45);
  });
});

describe('failover timings in the model', () => {
  const spec = (failover: Record<string, unknown>): Spec =>
    ({
      regions: ['us-east', 'us-west'],
      components: {
        api: { kind: 'service', regions: ['us-east', 'us-west'] },
        db: {
          kind: 'database',
          regions: ['us-east'],
          replication: { mode: 'sync' },
          failover: { mode: 'active-passive', standby: 'us-west', ...failover },
        },
      },
      flows: { w: { kind: 'write', rate: 100, path: ['api', 'db'], budget_ms: { p99: 500 } } },
    }) as unknown as Spec;

  it("payments-failover's attack: detect_s 0 and promote_s 0 are graded as the measured 10 s and 30 s", () => {
    const m = resolveSpec(spec({ detect_s: 0, promote_s: 0 }), MEASURED);
    expect(m.components.db!.failover).toMatchObject({ detectS: 10, promoteS: 30 });
    expect(m.figures!.filter((f) => f.verdict === 'contradicts-given').map((f) => f.field)).toEqual([
      'failover.detect_s',
      'failover.promote_s',
    ]);
  });
});
