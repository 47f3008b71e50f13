// file-sync: the key figures of the reference solutions, worked out by hand from the problem's
// facts and givens (never copied from sdcoach's output).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogProblem } from './catalog-helpers.js';
import { analyse } from '../../src/analysis/analyse.js';
import { runDrill } from '../../src/analysis/drills/run.js';
import { parseScenario } from '../../src/analysis/drills/scenario.js';
import { estimateReferences } from '../../src/problems/estimate.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';

const { dir, problem, model, drill } = catalogProblem('file-sync');

describe('file-sync', () => {
  it('derives the estimate from users, devices and changes', () => {
    const est = problem.stages[0]!.estimate!;
    const r = estimateReferences(est.facts, est.quantities, 'staff');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    // 20M × 10 / 86,400 s × 3 = 6,944.4 commits/s
    expect(r.references.peak_commits_per_s!.shown).toBeCloseTo((20e6 * 10 * 3) / 86_400, 3);
    // 20M × 2 × 60 / 86,400 s × 3 = 83,333.3 checks/s
    expect(r.references.peak_list_changes_per_s!.shown).toBeCloseTo((20e6 * 2 * 60 * 3) / 86_400, 2);
    // 200M changes a day × 365.25 days × 500,000 B = 36,525,000,000,000,000 B = 36.525 PB
    expect(r.references.block_storage_per_year!.shown).toBeCloseTo(36.525, 6);
    // 200M × 365.25 × 1,000 B = 73,050,000,000,000 B = 73.05 TB
    expect(r.references.metadata_storage_per_year!.shown).toBeCloseTo(73.05, 6);
    // 6,944.4/s × 500,000 B × 8 = 27,777,777,778 bit/s = 27.78 Gbps
    expect(r.references.peak_upload_bandwidth!.shown).toBeCloseTo((((20e6 * 10 * 3) / 86_400) * 500_000 * 8) / 1e9, 6);
  });

  it('partitions the journal so that 83,400 sync reads fit', () => {
    const m = analyse(model(2));
    // per partition: 7,000 / 8 = 875 appends of 5,000 = 0.175; 83,400 / 8 / 2 replicas = 5,212.5 reads of 10,000 = 0.52125
    expect(m.capacity['file-journal']!['us-east']!.utilization).toBeCloseTo(0.175 + 0.52125, 4);
    // blocks: 7,000 uploads over 4 prefixes: 1,750 of 3,500 = 0.5
    expect(m.capacity.blocks!['us-east']!.utilization).toBeCloseTo(0.5, 4);
  });

  it('loses no saved version or block with us-east (stage 4)', () => {
    const r = drill(4, 'region-down:us-east');
    expect(r.final.healthy).toBe(true);
    expect(r.dataLoss).toEqual([]);
    // with the journal asynchronous (lag 1 s), 1 s × 7,000 commits/s = 7,000 saved versions would be lost
    const spec = loadSpecFile(join(dir, 'fixtures', 'stage-4-async-journal.yaml'));
    if (!spec.ok) throw new Error('fixture does not load');
    const s = parseScenario('region-down:us-east');
    if (!s.ok) throw new Error(s.message);
    const loss = runDrill(withGivens(spec.loaded, stageGivens(problem, 4)).model, [s.scenario]).dataLoss;
    expect(loss.find((d) => d.store === 'file-journal')!.writesLost).toBe(7_000);
  });
});
