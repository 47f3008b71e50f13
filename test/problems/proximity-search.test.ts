// proximity-search: the estimate derivations, Midtown's partition, residency of the EU positions and
// the region-loss drill, each figure worked out by hand from problem.yaml and the spec files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import survives from '../../src/checks/drill/survives.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';

const DIR = join(import.meta.dirname, '..', '..', 'problems', 'proximity-search');
const loaded = loadProblem(DIR);
if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
const problem = loaded.problem;

/** The spec as the grader sees it: resolved with the problem's givens for its stage. */
function load(file: string) {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return withGivens(r.loaded, stageGivens(problem, r.loaded.model.stage ?? 1)).model;
}

describe('proximity-search estimate stage', () => {
  const refs = problem.stages[0]!.estimate!.references;

  it('riders follow the day, scooters a 10 s timer', () => {
    // 8.64M × 20 = 172.8M a day / 86,400 s = 2,000/s × 5 = 10,000/s
    expect(refs.peak_nearby_per_s!.shown).toBeCloseTo((8.64e6 * 20 * 5) / 86_400, 6);
    expect(refs.peak_nearby_per_s!.shown).toBeCloseTo(10_000, 6);
    // 600,000 / 10 s = 60,000/s, no peak factor
    expect(refs.location_updates_per_s!.shown).toBeCloseTo(60_000, 6);
  });

  it('the index is small, the traffic is not', () => {
    // 600,000 × 200 B = 120,000,000 B = 120 MB
    expect(refs.index_memory!.shown).toBeCloseTo(120, 6);
    // (60,000 + 10,000) / 25,000 / 0.8 = 3.5 -> 4
    expect(refs.index_nodes!.shown).toBe(4);
  });
});

describe('proximity-search, Midtown on one partition', () => {
  it('with Midtown split 32 ways, the busiest of 8 partitions carries 12.5%: 12.5% × (60,000 + 90,000 / 2) per node', () => {
    const east = analyse(load('solutions/stage-2.yaml')).capacity['geo-index']!['us-east']!;
    expect(east.hottestShare).toBeCloseTo(1 / 8, 9);
    // 9 cell reads per query: 10,000 × 9 = 90,000 reads + 60,000 writes reach the index
    expect(east.rate).toBeCloseTo(60_000 + 10_000 * 9, 6);
    // 0.125 × (60,000 + 45,000) = 13,125 ops/s of 25,000 = 52.5 %
    expect(east.perNodeRate).toBeCloseTo(0.125 * (60_000 + 90_000 / 2), 6);
  });

  it('kept whole over 32 partitions, Midtown still puts 30% of 60,000 writes on one primary, and its partition 1/32 of the rest', () => {
    const east = analyse(load('fixtures/stage-2-more-partitions.yaml')).capacity['geo-index']!['us-east']!;
    // Midtown's 30% plus 1/32 of the other 70%: 32.19%
    const share = 0.3 + 0.7 / 32;
    expect(east.hottestShare).toBeCloseTo(share, 4);
    // each node: 0.3219 × (60,000 + 90,000) = 48,281 of 25,000 = 193 %
    expect(east.utilization).toBeCloseTo((share * 150_000) / 25_000, 3);
  });
});

describe('proximity-search, the neighbour reads are a fan-out, not a total', () => {
  it("one-cell reads of an index still keyed by cell are graded at the reference's 9 cells, whatever the step says", () => {
    const m = analyse(load('fixtures/stage-2-writes-for-reads.yaml'));
    // 150,000 writes + 10,000 reads x 9 cells = 240,000
    expect(m.capacity['geo-index']!['us-east']!.rate).toBeCloseTo(150_000 + 10_000 * 9, 6);
    const hop = m.flows['nearby-vehicles']!.worst.hops.find((h) => h.component === 'geo-index')!;
    expect(hop.fanout).toBe(9);
  });
});

describe('proximity-search, the EU positions stay in the EU', () => {
  it('the reference keeps every copy in eu-west and eu-central', () => {
    const m = analyse(load('solutions/stage-4.yaml'));
    expect(m.residency.violations).toEqual([]);
    expect(m.residency.classes['eu-vehicle-locations']!.regions).toEqual(['eu-west', 'eu-central']);
  });

  it('a standby in us-east is a copy in the US', () => {
    const m = analyse(load('fixtures/stage-4-eu-standby-in-us.yaml'));
    expect(m.residency.classes['eu-vehicle-locations']!.regions).toContain('us-east');
    expect(m.residency.violations.length).toBeGreaterThan(0);
  });
});

describe('proximity-search, a region goes dark', () => {
  const drill = (file: string, region: string) => {
    const model = load(file);
    return survives.run({ model, metrics: analyse(model), options: { drills: [{ scenarios: [`region-down:${region}`], rpoS: 10 }] } });
  };

  it('eu-west lost: eu-central carries Europe, the EU index promoted there in 10 + 30 = 40 s, 1 s of positions lost', () => {
    expect(drill('solutions/stage-4.yaml', 'eu-west').map((f) => f.messageId)).toEqual(['survives']);
    const m = analyse(load('solutions/stage-4.yaml'));
    expect(m.stores['geo-index-eu']!.rtoS).toBe(40);
    expect(m.stores['geo-index-eu']!.rpoS).toBe(1);
  });

  it('us-east lost: us-west carries the US', () => {
    expect(drill('solutions/stage-4.yaml', 'us-east').map((f) => f.messageId)).toEqual(['survives']);
  });

  it('without standbys the stage-3 design does not survive eu-west', () => {
    const findings = drill('fixtures/stage-4-no-standby.yaml', 'eu-west');
    expect(findings.some((f) => f.status === 'fail')).toBe(true);
  });
});
