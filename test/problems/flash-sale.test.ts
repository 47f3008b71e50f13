// flash-sale: the key figures of its references, worked by hand from the problem's facts and the spec
// files (the estimate derivations, the waiting room sized for the surge, the bulkhead in the drill).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { runDrill } from '../../src/analysis/drills/run.js';
import { parseScenario, type Scenario } from '../../src/analysis/drills/scenario.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem, type Problem } from '../../src/problems/problem.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';

const DIR = join(SHIPPED_PROBLEMS, 'flash-sale');
const problem: Problem = (() => {
  const r = loadProblem(DIR);
  if (!r.ok) throw new Error('flash-sale does not load');
  return r.problem;
})();

function model(file: string, stage: number) {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return withGivens(r.loaded, stageGivens(problem, stage)).model;
}
const scenario = (text: string): Scenario => {
  const p = parseScenario(text);
  if (!p.ok) throw new Error(p.message);
  return p.scenario;
};

describe('flash-sale estimate', () => {
  const refs = problem.stages[0]!.estimate!.references;

  it('derives the storefront, the sale, the sell-out and the gateways from users', () => {
    // 8.64M users x 25 pages / 86,400 s = 2,500/s; x 3 at noon = 7,500/s
    expect(refs.storefront_peak_per_s!.shown).toBeCloseTo((8.64e6 * 25 * 3) / 86_400, 6);
    expect(refs.storefront_peak_per_s!.shown).toBeCloseTo(7500, 6);
    // 1M people x 3 presses over 10 s = 300,000/s
    expect(refs.sale_clicks_per_s!.shown).toBeCloseTo(300_000, 6);
    // 10,000 consoles / (2,000 updates/s x 0.8) = 6.25 s
    expect(refs.sellout_time!.shown).toBeCloseTo(6.25, 6);
    // (7,500 + 300,000) / 50,000 / 0.8 = 7.69 -> 8
    expect(refs.gateway_replicas!.shown).toBe(8);
  });
});

describe('flash-sale references', () => {
  it('stage 2: the stock row gets only the admitted 1,600/s, and the surge doubles only the waiting room', () => {
    const m = analyse(model('solutions/stage-1.yaml', 2));
    // 1,600 / 2,000 = 80 %; 300,000 / (32 x 20,000) = 46.9 %; 300,000 / (8 partitions x 100,000) = 37.5 %
    expect(m.capacity['inventory-db']!['us-east']!.utilization).toBeCloseTo(1600 / 2000, 3);
    expect(m.capacity['waiting-room']!['us-east']!.utilization).toBeCloseTo(300_000 / (32 * 20_000), 3);
    expect(m.capacity['queue-cache']!['us-east']!.utilization).toBeCloseTo(300_000 / (8 * 100_000), 3);
    const drill = runDrill(model('solutions/stage-1.yaml', 2), [scenario('surge:join-sale=2')]);
    const during = drill.final.metrics.capacity;
    // join-sale doubled: 600,000 / 640,000 = 93.75 %; gateway (600,000 + 7,500 + 1,600) / (16 x 50,000) = 76.1 %
    expect(during['waiting-room']!['us-east']!.utilization).toBeCloseTo(600_000 / 640_000, 3);
    expect(during['gateway']!['us-east']!.utilization).toBeCloseTo(609_100 / 800_000, 3);
    // buy is admitted at the same rate whatever the crowd
    expect(during['inventory-db']!['us-east']!.utilization).toBeCloseTo(0.8, 3);
    expect(drill.final.healthy).toBe(true);
  });

  it('stage 2: without a waiting room the stock row would take 300,000 / 2,000 = 150x its limit', () => {
    const m = analyse(model('fixtures/stage-1-no-waiting-room.yaml', 2));
    expect(m.capacity['inventory-db']!['us-east']!.utilization).toBeCloseTo(150, 3);
  });

  it('stage 3: with inventory-db at 3 s the bulkhead keeps browse and join-sale served; shared threads do not', () => {
    const slow = [scenario('slow:inventory-db=3000')];
    const ok = runDrill(model('solutions/stage-2.yaml', 3), slow).final.flows;
    expect(ok['browse']!.errorShare).toBe(0);
    expect(ok['join-sale']!.errorShare).toBe(0);
    expect(ok['buy']!.errorShare).toBe(1); // fails fast at the 200 ms timeout
    const shared = runDrill(model('fixtures/stage-2-shared-shop-api.yaml', 3), slow).final;
    // purchases alone: 1,600/s x 2 s timeout = 3,200 threads over 4 shop-api replicas = 800 each, of 200;
    // the storefront adds at most 7,500/s x 41.5 ms (browse's whole p99) / 4 = 77.8 more
    const exhausted = shared.exhausted.find((e) => e.service === 'shop-api');
    expect(exhausted?.demand).toBeGreaterThan(800);
    expect(exhausted?.demand).toBeLessThan(800 + (7500 * 0.0415) / 4);
    expect(shared.flows['browse']!.errorShare).toBe(1);
  });

  it('stage 4: a payment brownout fills the bulkhead, and the gateway gives up on it in time', () => {
    const slow = [scenario('slow:payment-api=2000')];
    const ref = model('solutions/stage-3.yaml', 4);
    // the purchase's bounded worst: sale-api 20 + inventory-db 200 + orders-db 20 + payment-api 800 +
    // orders-db 20 = 1,060 ms p99, under the gateway's 1,200 ms timeout on sale-api, inside buy's 1,500
    expect(20 + 200 + 20 + 800 + 20).toBeLessThan(ref.components['sale-api']!.timeoutMs!);
    expect(ref.components['sale-api']!.timeoutMs!).toBeLessThan(1500);
    const ok = runDrill(ref, slow).final;
    // 1,600/s over 4 replicas = 400/s each, holding a thread at least the 800 ms timeout: 320+ of 200
    const full = ok.exhausted.find((e) => e.service === 'sale-api');
    expect(full?.demand).toBeGreaterThan((1600 / 4) * 0.8);
    expect(ok.flows['buy']!.errorShare).toBe(1);
    expect(ok.flows['browse']!.errorShare).toBe(0);
    expect(ok.flows['join-sale']!.errorShare).toBe(0);
    // without that timeout the gateway waits on the full sale-api for ever, and the storefront goes too
    const waits = runDrill(model('fixtures/stage-3-gateway-waits.yaml', 4), slow).final;
    expect(waits.flows['browse']!.errorShare).toBe(1);
    expect(waits.flows['join-sale']!.errorShare).toBe(1);
  });
});
