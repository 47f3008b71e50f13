// Issue 20: the shipped catalog is a library of the standard interview problems, spread over the
// difficulties, each seed pattern the main topic (the first listed) of at least four problems, and
// every problem an interview: an estimate stage first, then at least three design follow-ups, with a
// rendered reference diagram.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanCatalogs, SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem, type Problem } from '../../src/problems/problem.js';

const SEEDS = ['cqrs', 'event-sourcing', 'bulkhead', 'service-mesh', 'geo-distribution', 'active-active-vs-passive'];
const CLASSICS = [
  'pastebin', 'news-feed', 'rate-limiter', 'distributed-cache', 'key-value-store', 'web-crawler', 'typeahead',
  'video-streaming', 'file-sync', 'hotel-booking', 'flash-sale', 'leaderboard', 'metrics-ingestion',
  'ad-click-aggregation', 'job-scheduler', 'social-graph', 'proximity-search',
];

const problems: Problem[] = scanCatalogs([SHIPPED_PROBLEMS]).entries.map((e) => {
  const p = loadProblem(e.dir);
  if (!p.ok) throw new Error(`${e.id} does not load`);
  return p.problem;
});
const count = (pred: (p: Problem) => boolean) => problems.filter(pred).length;

describe('the shipped catalog (issue 20)', () => {
  it('has at least 30 problems: 8 warm-up, 12 interview, 6 staff', () => {
    expect(problems.length).toBeGreaterThanOrEqual(30);
    expect(count((p) => p.difficulty === 'warm-up')).toBeGreaterThanOrEqual(8);
    expect(count((p) => p.difficulty === 'interview')).toBeGreaterThanOrEqual(12);
    expect(count((p) => p.difficulty === 'staff')).toBeGreaterThanOrEqual(6);
  });

  it('includes the classic interview set', () => {
    const ids = new Set(problems.map((p) => p.id));
    expect(CLASSICS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(SEEDS)('%s is the main topic of at least four problems', (seed) => {
    expect(problems.filter((p) => p.topics[0] === seed).map((p) => p.id).length).toBeGreaterThanOrEqual(4);
  });

  it.each(problems.map((p) => p.id))('%s starts with an estimate stage and has three design follow-ups and a diagram', (id) => {
    const p = problems.find((q) => q.id === id)!;
    expect(p.stages[0]!.kind).toBe('estimate');
    expect(p.stages.filter((s) => s.kind === 'design').length).toBeGreaterThanOrEqual(3);
    for (const s of p.stages) expect(s.hints.length, `${id} stage ${s.number} hints`).toBeGreaterThanOrEqual(3);
    const dir = join(SHIPPED_PROBLEMS, '..', 'diagrams', id);
    expect(existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.svg'))).toBe(true);
  });
});
