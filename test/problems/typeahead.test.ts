// typeahead: the key figures of its references, worked by hand from the problem's facts and the spec
// files (the estimate from keystrokes, the tail of a 32-way scatter-gather, the mesh's share, the drill).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { runDrill } from '../../src/analysis/drills/run.js';
import { parseScenario } from '../../src/analysis/drills/scenario.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem, type Problem } from '../../src/problems/problem.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';

const DIR = join(SHIPPED_PROBLEMS, 'typeahead');
const problem: Problem = (() => {
  const r = loadProblem(DIR);
  if (!r.ok) throw new Error('typeahead does not load');
  return r.problem;
})();

function metrics(file: string, stage: number) {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const model = withGivens(r.loaded, stageGivens(problem, stage)).model;
  return { model, m: analyse(model) };
}

describe('typeahead estimate', () => {
  it('derives queries from keystrokes, and the index size that decides the design', () => {
    const refs = problem.stages[0]!.estimate!.references;
    // 12M users x 6 searches x 12 keystrokes = 864M a day; / 86,400 = 10,000/s; x 3 = 30,000/s
    expect(refs.peak_queries_per_s!.shown).toBeCloseTo(30_000, 6);
    // 100M phrases x 120 B = 12 GB: fits in the 32 GB one server gives the index
    expect(refs.index_size!.shown).toBeCloseTo(12, 6);
    // 30,000/s x 1 KB x 8 = 240 Mbps (1 KB = 1,000 B)
    expect(refs.peak_egress!.shown).toBeCloseTo(240, 6);
    // 30,000 / 5,000 / 0.8 = 7.5 -> 8
    expect(refs.index_servers!.shown).toBe(8);
  });
});

describe('typeahead references', () => {
  // Each index call: log-normal through p50 1.5 ms and p99 15 ms: sigma = ln(10) / 2.326 = 0.990.
  const sigma = Math.log(10) / 2.326;

  it('stage 2: the slowest of 32 costs each call\'s 0.99^(1/32) quantile; one call per keystroke fits', () => {
    const starter = metrics('starter.yaml', 2).m.flows['suggest']!.worst.p99;
    // 0.99^(1/32) = 0.999686, z = 3.42: 1.5 x e^(0.990 x 3.42) = 44.2 ms for the scatter-gather alone,
    // plus the gateway's 8.5 and suggest-api's 6.9: about 59-60 ms, over 40
    const slowestOf32 = 1.5 * Math.exp(sigma * 3.42);
    expect(slowestOf32).toBeCloseTo(44.2, 0);
    expect(starter).toBeGreaterThan(40);
    expect(starter).toBeGreaterThan(8.5 + 6.5 + slowestOf32 - 1);
    const ref = metrics('solutions/stage-1.yaml', 2).m;
    // 8.5 + 6.86 + 15.86 = 31.2 ms
    expect(ref.flows['suggest']!.worst.p99).toBeGreaterThan(31);
    expect(ref.flows['suggest']!.worst.p99).toBeLessThan(32);
    // 30,000 lookups/s over 8 x 5,000 = 75 %
    expect(ref.capacity['index-shard']!['us-east']!.utilization).toBeCloseTo(0.75, 3);
  });

  it('stage 3: sidecars cost 1.35 + 2.7 + 2.7 = 6.75 ms per keystroke, ambient 0.1 + 0.2 + 0.2 = 0.5', () => {
    const sidecars = metrics('fixtures/stage-2-sidecars.yaml', 3).m.flows['suggest']!.worst.meshMs.p99;
    const ambient = metrics('solutions/stage-2.yaml', 3).m.flows['suggest']!.worst.meshMs.p99;
    expect(sidecars).toBeCloseTo(2.7 / 2 + 2.7 + 2.7, 6);
    expect(sidecars).toBeGreaterThan(0.1 * 40);
    expect(ambient).toBeCloseTo(0.2 / 2 + 0.2 + 0.2, 6);
  });

  it('stage 4: Europe served in its own region, us-east sized for its 70 %', () => {
    const { m } = metrics('solutions/stage-3.yaml', 4);
    // 30,000 x 0.7 = 21,000 over 6 x 5,000 = 70 %; eu-west 9,000 = 30 %
    expect(m.capacity['index-shard']!['us-east']!.utilization).toBeCloseTo(0.7, 3);
    expect(m.capacity['index-shard']!['eu-west']!.utilization).toBeCloseTo(0.3, 3);
    expect(m.flows['suggest']!.origins['eu-west']!.p99).toBeLessThan(40);
    // with the index left in us-east a European keystroke pays the 82 ms round trip: over 40 before anything else
    const home = metrics('fixtures/stage-3-index-at-home.yaml', 4).m;
    expect(home.flows['suggest']!.origins['eu-west']!.p99).toBeGreaterThan(82);
  });

  it('stage 5: a 25 ms timeout keeps search served while the index takes 500 ms; without one it falls too', () => {
    const slow = parseScenario('slow:index-shard=500');
    if (!slow.ok) throw new Error(slow.message);
    const ok = runDrill(metrics('solutions/stage-4.yaml', 5).model, [slow.scenario]).final;
    expect(ok.flows['search']!.errorShare).toBe(0);
    expect(ok.flows['search']!.p99).toBeLessThan(300);
    const none = runDrill(metrics('fixtures/stage-4-no-timeout.yaml', 5).model, [slow.scenario]).final;
    expect(none.flows['search']!.errorShare).toBe(1);
    // us-east: 21,000 keystrokes/s x 0.5 s = 10,500 threads over 6 gateways = 1,750 each, of 200 (plus search's)
    const gw = none.exhausted.find((e) => e.service === 'gateway');
    expect(gw?.demand).toBeGreaterThan(1750);
  });
});
