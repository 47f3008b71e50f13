// leaderboard: the estimate derivations and the key figures of the references, worked by hand from the
// problem's facts, the spec files and the redis figures of the technology catalog.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import headroom from '../../src/checks/drill/headroom.js';
import survives from '../../src/checks/drill/survives.js';
import idempotentRetries from '../../src/checks/reliability/idempotent-retries.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { loadSpecFile } from '../../src/specfile/load.js';

const DIR = join(SHIPPED_PROBLEMS, 'leaderboard');

function model(file: string) {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.loaded.model;
}

function utilization(file: string, component: string): number {
  return analyse(model(file)).capacity[component]!['us-east']!.utilization;
}

function tournament(file: string) {
  const m = model(file);
  return headroom.run({ model: m, metrics: analyse(m), options: { drills: [{ scenarios: ['surge:get-rank=10'] }] } });
}

function loseUsEast(file: string) {
  const m = model(file);
  return survives.run({ model: m, metrics: analyse(m), options: { drills: [{ scenarios: ['region-down:us-east'], rpoS: 5 }] } });
}

function keyed(file: string) {
  const m = model(file);
  return idempotentRetries.run({ model: m, metrics: analyse(m), options: { ...idempotentRetries.meta.defaults, sideEffects: ['scores-db'] } });
}

describe('leaderboard estimate', () => {
  const loaded = loadProblem(DIR);
  if (!loaded.ok) throw new Error('leaderboard does not load');
  const refs = loaded.problem.stages[0]!.estimate!.references;

  it('derives the peak rates the design stages use', () => {
    // 17.28M players × 10 matches = 172.8M a day; / 86,400 s = 2,000/s; × 3 = 6,000/s
    expect(refs.peak_scores_per_s!.shown).toBeCloseTo(6_000, 6);
    // 17.28M × 50 lookups = 864M a day; / 86,400 s = 10,000/s; × 3 = 30,000/s
    expect(refs.peak_rank_reads_per_s!.shown).toBeCloseTo(30_000, 6);
  });

  it('derives storage, the board in memory and servers', () => {
    // 172.8M rows a day × 365.25 days × 200 B = 1.262 × 10^13 B = 12.6 TB
    expect(refs.score_history_per_year!.shown).toBeCloseTo((172.8e6 * 365.25 * 200) / 1e12, 6);
    // 50M players × 100 B = 5 × 10^9 B = 5 GB
    expect(refs.board_memory!.shown).toBeCloseTo(5, 6);
    // (6,000 + 30,000) / 5,000 / 0.8 = 9
    expect(refs.api_servers!.shown).toBe(9);
  });
});

describe('leaderboard references', () => {
  it('stage 1: the starter ranks on scores-db; the read model takes the reads off it', () => {
    // (6,000 writes + 30,000 rank queries) / 10,000 = 360 %
    expect(utilization('starter.yaml', 'scores-db')).toBeCloseTo(36_000 / 10_000, 6);
    // the write model keeps only the writes: 6,000 / 10,000 = 60 %
    expect(utilization('solutions/stage-1.yaml', 'scores-db')).toBeCloseTo(0.6, 6);
    // redis: 6,000 writes / 110,000 + 30,000 reads / 80,000 = 5.45 % + 37.5 % = 42.95 %
    expect(utilization('solutions/stage-1.yaml', 'leaderboard')).toBeCloseTo(6_000 / 110_000 + 30_000 / 80_000, 3);
  });

  it('stage 2: a key from the client, kept in scores-db, passes; a cache or a per-attempt key does not', () => {
    expect(keyed('solutions/stage-2.yaml').map((f) => f.status)).toEqual(['pass']);
    expect(keyed('fixtures/stage-2-no-key.yaml').map((f) => f.messageId)).toContain('noKey');
    expect(keyed('fixtures/stage-2-key-in-cache.yaml').map((f) => f.messageId)).toContain('volatileStore');
    expect(keyed('fixtures/stage-2-key-per-attempt.yaml').map((f) => f.messageId)).toContain('keyNotKept');
  });

  it('stage 3: ten times the rank reads saturate the stage 2 read side, not the reference', () => {
    const before = tournament('fixtures/stage-3-as-before.yaml');
    expect(before.some((f) => f.status === 'fail')).toBe(true);
    // score-api: (300,000 + 6,000) / (10 × 5,000) = 612 %; leaderboard: 6,000 / 110,000 + 300,000 / 80,000 = 380 %
    const text = JSON.stringify(before.map((f) => f.data));
    expect(text).toContain('612');
    expect(text).toContain('380');
    // the reference: score-api 306,000 / (80 × 5,000) = 76.5 %; leaderboard 5.45 % + 300,000 / (6 × 80,000) = 68 %
    expect(tournament('solutions/stage-3.yaml').every((f) => f.status === 'pass')).toBe(true);
  });

  it('stage 5: losing us-east keeps the board and the scores with copies and standbys in us-west', () => {
    // the reference: scores-db, score-events and the leaderboard are promoted in us-west; the lost
    // window is the 1 s async lag, inside the 5 s allowed
    expect(loseUsEast('solutions/stage-4.yaml').every((f) => f.status === 'pass')).toBe(true);
    // a board kept only in us-east ("rebuild it from the stream") leaves get-rank nothing to read
    const rebuild = loseUsEast('fixtures/stage-4-rebuild-board-later.yaml');
    expect(rebuild.some((f) => f.status === 'fail' && JSON.stringify(f.data).includes('get-rank'))).toBe(true);
    // a read replica nobody promotes: every submission fails
    const noFailover = loseUsEast('fixtures/stage-4-read-replica-no-failover.yaml');
    expect(noFailover.some((f) => f.status === 'fail' && JSON.stringify(f.data).includes('submit-score'))).toBe(true);
  });

  it('stage 5: the two-region reference keeps the tournament headroom', () => {
    // us-east serves 60 % of 306,000 = 183,600 req/s over 50 × 5,000 = 73 %; its leaderboard
    // 6,000 / 110,000 + 180,000 / (4 × 80,000) = 62 %
    expect(tournament('solutions/stage-4.yaml').every((f) => f.status === 'pass')).toBe(true);
  });
});
