// Drills (src/analysis/drills): each scenario's figures worked out by hand from the inline spec.
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/analysis/drills/run.js';
import { checkScenario, parseScenario, type Scenario } from '../../src/analysis/drills/scenario.js';
import { drillToJson, formatDrillText } from '../../src/grading/format/drill.js';
import { modelOf } from './model-of.js';

const sc = (text: string): Scenario => {
  const p = parseScenario(text);
  if (!p.ok) throw new Error(p.message);
  return p.scenario;
};

const TWO_REGIONS = `
regions: [us-east, eu-west]
users: {us-east: 0.6, eu-west: 0.4}
network: {intra_region_ms: 1, rtt_ms: {us-east: {eu-west: 80}}}
components:
  api: {kind: service, regions: [us-east, eu-west], replicas: 2, capacity_rps: 1000, latency_ms: {p50: 10, p99: 20}}
  db:
    kind: database
    regions: [us-east]
    capacity_rps: 5000
    latency_ms: {p50: 2, p99: 5}
    replication: {mode: async, lag_ms: 500}
    failover: {mode: active-passive, standby: eu-west, detect_s: 30, promote_s: 120}
flows:
  read: {kind: read, rate: 1000, path: [api], budget_ms: {p99: 150}}
  write: {kind: write, rate: 100, path: [api, db]}
`;

describe('region-down', () => {
  const r = runDrill(modelOf(TWO_REGIONS), [sc('region-down:us-east')]);
  const [detection, steering, promotion, steady] = r.phases;

  it('is a timeline: detection, steering (DNS TTL), promotion, steady state', () => {
    // detection at the stated detect_s 30 s; users steered at 30 + DNS TTL 60 = 90 s; db promoted at 30 + 120 = 150 s
    expect(r.phases.map((p) => [p.name, p.fromS, p.toS])).toEqual([
      ['detection', 0, 30],
      ['steering', 30, 90],
      ['promotion', 90, 150],
      ['steady-state', 150, null],
    ]);
  });

  it('steers users when the tier they enter by says: its own 40 s TTL after 30 s of default health checks', () => {
    // api (the entry: the design has no gateway) states active-active with steer_s 40 and no detect_s: 30 s + 40 s = 70 s
    const own = runDrill(
      modelOf(
        TWO_REGIONS.replace(
          'latency_ms: {p50: 10, p99: 20}}',
          'latency_ms: {p50: 10, p99: 20}, failover: {mode: active-active, steer_s: 40}}',
        ),
      ),
      [sc('region-down:us-east')],
    );
    expect(own.phases.map((p) => [p.name, p.fromS, p.toS])).toEqual([
      ['detection', 0, 30],
      ['steering', 30, 70],
      ['promotion', 70, 150],
      ['steady-state', 150, null],
    ]);
  });

  it('says what moves the users: anycast at detection, or clients keeping an address past a shorter TTL', () => {
    const steerEvents = (failover: string, routing = '') =>
      runDrill(
        modelOf(TWO_REGIONS.replace('latency_ms: {p50: 10, p99: 20}}', `latency_ms: {p50: 10, p99: 20}, failover: ${failover}}`) + routing),
        [sc('region-down:us-east')],
      ).phases.flatMap((p) => p.events.filter((e) => e.includes('users in us-east now reach')).map((e) => [p.fromS, e]));
    // anycast: 10 s detection + 0 s
    expect(
      steerEvents('{mode: active-active, detect_s: 10}', 'patterns:\n  multi_region: {strategy: active-passive, routing: anycast}\n'),
    ).toEqual([[10, 'anycast stops announcing us-east: users in us-east now reach surviving regions']]);
    // a 5 s TTL by DNS: clients keep the address 30 s, so 10 s + 30 s = 40 s
    expect(steerEvents('{mode: active-active, detect_s: 10, steer_s: 5}')).toEqual([
      [40, 'clients drop the address they looked up (30 s, past the shorter TTL stated): users in us-east now reach surviving regions'],
    ]);
  });

  it("fails the lost region's users until steered, and every write until the primary is promoted", () => {
    // us-east holds 60 % of the users; eu-west's writes go to the primary in us-east: 40 % more
    expect(detection!.flows.read!.errorShare).toBe(0.6);
    expect(detection!.flows.write!.errorShare).toBe(1);
    expect(steering!.flows.read!.errorShare).toBe(0.6);
    expect(promotion!.flows.read!.errorShare).toBe(0);
    expect(promotion!.flows.write!.errorShare).toBe(1);
    expect(promotion!.flows.write!.failures[0]!.reason).toBe('not-promoted');
    expect(steady!.flows.write!.errorShare).toBe(0);
    expect(promotion!.readOnly).toEqual(['db']);
    expect(steady!.readOnly).toEqual([]);
  });

  it('measures a moment that changes no state as the phase before it, with its own name, times and events', () => {
    // At 30 s health checks mark us-east down, but its users are steered only at 90 s and db is promoted at 150 s:
    // detection and steering run the same model, so they carry the same figures (60 % of reads fail, every write).
    expect(steering!.flows).toEqual(detection!.flows);
    expect(steering!.overloaded).toEqual(detection!.overloaded);
    expect(steering!.metrics.flows.read!.worst.p99).toBe(detection!.metrics.flows.read!.worst.p99);
    expect(steering!.events).toEqual(['health checks mark us-east down (30 s)']);
    expect(detection!.events).toEqual(['us-east is lost: nothing there answers']);
    expect([steering!.name, steering!.fromS, steering!.toS]).toEqual(['steering', 30, 90]);
    // Steering at 90 s changes the state: the reads no longer fail.
    expect(promotion!.flows).not.toEqual(steering!.flows);
  });

  it('loads the survivor with what it still serves: eu-west api from 22 % to 55 %', () => {
    // detection: eu-west's own 40 %: (1000 + 100) x 0.4 = 440 rps over 2 x 1000 = 22 %
    expect(detection!.metrics.capacity.api!['eu-west']!.utilization).toBe(0.22);
    // steered: all 1,100 rps over 2,000 = 55 %
    expect(promotion!.metrics.capacity.api!['eu-west']!.utilization).toBe(0.55);
    expect(steady!.metrics.capacity.api!['us-east']).toBeUndefined();
    // the promoted db in eu-west: 100 writes/s of 5,000 = 2 %
    expect(steady!.metrics.capacity.db!['eu-west']!.utilization).toBe(0.02);
  });

  it("serves the lost region's users from the survivor, their round trip included", () => {
    // from us-east: 80 ms to eu-west + api p99 20 ms = 100 ms (eu-west users: 1 + 20 = 21 ms),
    // plus the wait in front of eu-west's 2 api replicas, now at 55 % (M/M/c, c = 2, mu = 1,000/s, lambda = 1,100/s):
    // a = 1.1; Erlang B: B1 = 1.1 / 2.1 = 0.52381, B2 = 1.1 x 0.52381 / (2 + 1.1 x 0.52381) = 0.22366;
    // Erlang C = 0.22366 / (1 - 0.55 x (1 - 0.22366)) = 0.39033; p99 wait = ln(0.39033 / 0.01) / (2,000 - 1,100) s = 4.07 ms
    const a = 1.1;
    const b1 = a / (1 + a);
    const b2 = (a * b1) / (2 + a * b1);
    const erlangC = b2 / (1 - 0.55 * (1 - b2));
    const waitP99 = (Math.log(erlangC / 0.01) / 900) * 1000;
    expect(steady!.flows.read!.p99).toBeCloseTo(100 + waitP99, 1);
    expect(steady!.flows.read!.p99).toBeCloseTo(104.07, 1);
    expect(steady!.flows.read!.budgetRatio).toBeCloseTo(104.07 / 150, 2);
    expect(steady!.healthy).toBe(true);
  });

  it('loses the async lag of writes: 0.5 s x 100 writes/s = 50 writes', () => {
    expect(r.dataLoss).toEqual([{ store: 'db', region: 'us-east', replication: 'async', rpoS: 0.5, writesLost: 50 }]);
  });

  it("composes with a surge: 1,100 rps x 2 on eu-west's 2,000 = 110 %, latency unbounded", () => {
    const both = runDrill(modelOf(TWO_REGIONS), [sc('region-down:us-east'), sc('surge:2')]);
    const last = both.final;
    expect(last.metrics.capacity.api!['eu-west']!.utilization).toBe(1.1);
    expect(last.overloaded.map((o) => `${o.component}@${o.region}`)).toEqual(['api@eu-west']);
    expect(last.flows.read!.p99).toBe(Number.POSITIVE_INFINITY);
    expect(last.healthy).toBe(false);
    expect(drillToJson(both)).toContain('"p99": "unbounded"');
    expect(formatDrillText(both)).toContain('p99 unbounded');
  });
});

const BULKHEAD = (pools: string, timeout: string) => `
regions: [us-east]
network: {intra_region_ms: 1}
components:
  api: {kind: service, replicas: 4, threads: 100, latency_ms: {p50: 10, p99: 20}${pools}}
  pay: {kind: external, latency_ms: {p50: 100, p99: 200}${timeout}}
  db: {kind: database, capacity_rps: 5000, latency_ms: {p50: 2, p99: 4}}
flows:
  checkout: {kind: write, rate: 240, path: [api, pay]}
  browse: {kind: read, rate: 400, path: [api, db]}
`;

describe('slow and down dependencies', () => {
  it('a timeout fails the slow calls; a pool sized for the timeout keeps the rest healthy', () => {
    // slow to 5 s, timeout 500 ms: every checkout fails at the timeout. Pool demand: 240 / 4 = 60 rps per
    // replica x 0.5 s = 30 threads = the pool's 30, not over it.
    const r = runDrill(modelOf(BULKHEAD(', pools: {pay: 30}', ', timeout_ms: 500')), [sc('slow:pay=5000')]);
    const p = r.final;
    expect(p.flows.checkout!.errorShare).toBe(1);
    expect(p.flows.checkout!.failures[0]!.reason).toBe('timeout');
    expect(p.metrics.pools.api!.pools[0]!.demand).toBe(30);
    expect(p.exhausted).toEqual([]);
    expect(p.flows.browse!.errorShare).toBe(0);
  });

  it('retries multiply the threads held: 1 retry, 60 threads > 30, the pool rejects, browse unaffected', () => {
    const r = runDrill(modelOf(BULKHEAD(', pools: {pay: 30}', ', timeout_ms: 500')), [sc('slow:pay=5000')], { retries: 1 });
    const p = r.final;
    // 60 rps x 0.5 s x (1 + 1) = 60 threads
    expect(p.exhausted).toEqual([{ service: 'api', pool: 'pay', dependency: 'pay', demand: 60, size: 30 }]);
    expect(p.flows.checkout!.failures[0]!.reason).toBe('pool-exhausted');
    expect(p.flows.browse!.errorShare).toBe(0);
  });

  it("without a timeout or a pool, a slow dependency takes the whole service down (Little's law)", () => {
    // 60 rps x 5 s = 300 threads held by checkout alone, of api's 100
    const r = runDrill(modelOf(BULKHEAD('', '')), [sc('slow:pay=5000')]);
    const p = r.final;
    const shared = p.exhausted.find((e) => e.service === 'api' && e.pool === undefined)!;
    expect(shared.size).toBe(100);
    expect(shared.demand).toBeGreaterThan(300);
    expect(p.flows.browse!.errorShare).toBe(1);
    expect(p.flows.checkout!.errorShare).toBe(1);
  });

  it('down: the calls fail; with a pool and a timeout the other flows are untouched', () => {
    const r = runDrill(modelOf(BULKHEAD(', pools: {pay: 30}', ', timeout_ms: 500')), [sc('down:pay')]);
    expect(r.final.flows.checkout!.failures[0]!.reason).toBe('down');
    expect(r.final.flows.browse!.errorShare).toBe(0);
    expect(r.final.healthy).toBe(false);
  });
});

describe('surge', () => {
  const SPEC = `
regions: [us-east]
components:
  api: {kind: service, replicas: 2, capacity_rps: 1000, latency_ms: {p50: 10, p99: 20}}
  db: {kind: database, capacity_rps: 10000, latency_ms: {p50: 2, p99: 4}}
flows:
  read: {kind: read, rate: 800, path: [api, db]}
  write: {kind: write, rate: 200, path: [api, db]}
`;
  it('scales the load and names what breaks first: api at 1,000 / 2,000 = 50 % breaks at 2x', () => {
    const r = runDrill(modelOf(SPEC), [sc('surge:3')]);
    // 3,000 rps over 2,000 = 150 %
    expect(r.final.metrics.capacity.api!['us-east']!.utilization).toBe(1.5);
    expect(r.breakingPoint).toEqual({ kind: 'capacity', component: 'api', region: 'us-east', factor: 2, of: 'peak' });
  });
  it('a per-flow surge multiplies that flow only: (800 + 200 x 4) / 2,000 = 80 %', () => {
    const r = runDrill(modelOf(SPEC), [sc('surge:write=4')]);
    expect(r.final.metrics.capacity.api!['us-east']!.utilization).toBe(0.8);
    expect(r.final.healthy).toBe(true);
    // 1 / 0.8 = 1.25 times the drilled load (writes at 4x, reads at their peak): not a multiple of "the peak"
    expect(r.breakingPoint).toEqual({ kind: 'capacity', component: 'api', region: 'us-east', factor: 1.25, of: 'drilled' });
  });
});

describe('partition', () => {
  it('a synchronous store cannot commit across the cut (its timeout frees the threads); a multi-primary one diverges', () => {
    const r = runDrill(
      modelOf(`
regions: [us-east, eu-west]
components:
  api: {kind: service, regions: [us-east, eu-west]}
  ledger: {kind: database, regions: [us-east], replication: {mode: sync}, timeout_ms: 1000, failover: {mode: active-passive, standby: eu-west}}
  posts: {kind: database, regions: [us-east, eu-west], replication: {mode: async}, failover: {mode: active-active, conflict: last-writer-wins}}
flows:
  pay: {kind: write, rate: 10, path: [api, ledger]}
  post: {kind: write, rate: 10, path: [api, posts]}
`),
      [sc('partition:us-east,eu-west')],
    );
    expect(r.final.flows.pay!.errorShare).toBe(1);
    expect(r.final.flows.pay!.failures.every((f) => f.reason === 'partitioned')).toBe(true);
    expect(r.final.flows.post!.errorShare).toBe(0);
    expect(r.final.diverging.map((d) => [d.store, d.how])).toEqual([
      ['ledger', 'writes-blocked'],
      ['posts', 'both-write'],
    ]);
  });
});

describe('scenario strings', () => {
  it('rejects bad syntax with the accepted forms', () => {
    const p = parseScenario('slow:pay');
    expect(p.ok).toBe(false);
    expect(!p.ok && p.message).toContain('slow:<component>=<ms>');
    expect(!parseScenario('regoin-down:us-east').ok && (parseScenario('regoin-down:us-east') as { message: string }).message).toContain(
      'did you mean "region-down"',
    );
    expect(parseScenario('surge:0').ok).toBe(false);
    expect(parseScenario('partition:us-east,us-east').ok).toBe(false);
  });
  it('names an unknown region or component with a did-you-mean', () => {
    const m = modelOf(TWO_REGIONS);
    expect(checkScenario(m, sc('region-down:us-eats'))).toContain('did you mean "us-east"');
    expect(checkScenario(m, sc('down:dbb'))).toContain('did you mean "db"');
    expect(checkScenario(m, sc('surge:reed=2'))).toContain('did you mean "read"');
    expect(checkScenario(m, sc('region-down:eu-west'))).toBeUndefined();
  });
});
