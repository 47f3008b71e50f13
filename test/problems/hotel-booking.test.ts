// hotel-booking: the estimate derivations, the search read model's load and the region-loss drill,
// each figure worked out by hand from problem.yaml and the spec files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import survives from '../../src/checks/drill/survives.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';

const DIR = join(import.meta.dirname, '..', '..', 'problems', 'hotel-booking');

const loaded = loadProblem(DIR);
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
const problem = loaded.problem;

/** The spec as the grader sees it: resolved with the problem's givens for its stage. */
function load(file: string) {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return withGivens(r.loaded, stageGivens(problem, r.loaded.model.stage ?? 1)).model;
}

describe('hotel-booking estimate stage', () => {
  const refs = problem.stages[0]!.estimate!.references;

  it('derives the peak rates from the guests', () => {
    // 24M × 12 = 288M searches a day / 86,400 s = 3,333.3/s × 3 = 10,000/s
    expect(refs.peak_searches_per_s!.shown).toBeCloseTo((24e6 * 12 * 3) / 86_400, 6);
    expect(refs.peak_searches_per_s!.shown).toBeCloseTo(10_000, 6);
    // 24M × 1.2 / 86,400 × 3 = 1,000/s; 24M × 0.036 / 86,400 × 3 = 30/s
    expect(refs.peak_room_checks_per_s!.shown).toBeCloseTo(1_000, 6);
    expect(refs.peak_holds_per_s!.shown).toBeCloseTo(30, 6);
  });

  it('derives storage, bandwidth and nodes', () => {
    // 864,000 reservations a day × 365.25 days (mathjs's year) × 2,000 B = 631.2 GB = 0.6312 TB
    expect(refs.booking_storage_per_year!.shown).toBeCloseTo((864_000 * 365.25 * 2_000) / 1e12, 4);
    // 10,000/s × 30,000 B × 8 bits = 2.4 Gbps
    expect(refs.search_egress!.shown).toBeCloseTo(2.4, 6);
    // 10,000 / 2,000 / 0.8 = 6.25 -> 7
    expect(refs.search_nodes!.shown).toBe(7);
  });
});

describe('hotel-booking search read model', () => {
  it('each index node in us-east applies every projected write and a fifth of the searches', () => {
    const m = analyse(load('solutions/stage-2.yaml'));
    const east = m.capacity['availability-index']!['us-east']!;
    // 30 holds/s + 6,000 searches / 5 nodes = 1,230 req/s of 2,000 = 61.5 %
    expect(east.perNodeRate).toBeCloseTo(30 + 6_000 / 5, 6);
    expect(east.utilization).toBeCloseTo(1_230 / 2_000, 6);
  });

  it('two nodes per region put 3,030 req/s on a node that serves 2,000', () => {
    const m = analyse(load('fixtures/stage-2-thin-index.yaml'));
    // 30 + 6,000 / 2 = 3,030 / 2,000 = 151.5 %
    expect(m.capacity['availability-index']!['us-east']!.utilization).toBeCloseTo(3_030 / 2_000, 6);
  });
});

describe('hotel-booking, a results cache stated in front of the index', () => {
  it('a stated 95% is graded at 0 (the problem gives no cache a hit ratio): every search reaches the index, 6,000 + 30 and 4,000 + 30', () => {
    const model = load('fixtures/stage-2-results-cache.yaml');
    expect(model.figures!.find((f) => f.field === 'hit_ratio')).toMatchObject({ claimed: 0.95, value: 0, verdict: 'beyond-givens' });
    const c = analyse(model).capacity['availability-index']!;
    expect(c['us-east']!.rate).toBeCloseTo(6_000 + 30, 6);
    expect(c['eu-west']!.rate).toBeCloseTo(4_000 + 30, 6);
  });
});

describe('hotel-booking, us-east lost at the peak', () => {
  const drill = (file: string) => {
    const model = load(file);
    return survives.run({ model, metrics: analyse(model), options: { drills: [{ scenarios: ['region-down:us-east'], rpoS: 5 }] } });
  };

  it('the reference settles healthy: eu-west index nodes at (10,000 / 7 + 90) / 2,000 = 75.9 %', () => {
    const findings = drill('solutions/stage-5.yaml');
    expect(findings.map((f) => f.messageId)).toEqual(['survives']);
    // 10,000 searches / 7 nodes = 1,428.6 + 30 holds + 2 x 30 checkout writes = 1,518.6 of 2,000 = 75.9 %
    expect(findings[0]!.data).toMatchObject({ component: 'availability-index', region: 'eu-west', utilization: '75.9 %' });
  });

  it('five index nodes overflow in eu-west: (10,000 / 5 + 90) / 2,000 = 104.5 %', () => {
    const findings = drill('fixtures/stage-5-index-not-resized.yaml');
    const over = findings.find((f) => f.messageId === 'overloaded' && f.data.component === 'availability-index');
    expect(over?.data).toMatchObject({ region: 'eu-west', utilization: '104.5 %' });
  });

  it('with the failover in place, inventory-db loses nothing: sync replication, RPO 0, RTO 10 + 30 = 40 s', () => {
    const m = analyse(load('solutions/stage-5.yaml'));
    expect(m.stores['inventory-db']!.rpoS).toBe(0);
    expect(m.stores['inventory-db']!.rtoS).toBe(40);
  });
});
