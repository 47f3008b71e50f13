// `sdcoach scorecard`: a recorded interview scored from the command line, as text, Markdown or JSON, with
// the exit status a CI job can use, and a clear error for a bad session.
import { describe, expect, it } from 'vitest';
import { expectNoStackTrace, sdcoach } from './run-cli.js';

const REF = 'problems/order-history/interview/reference.yaml';
const FLAWED = 'problems/order-history/interview/flawed-design-only.yaml';

describe('sdcoach scorecard', () => {
  it('the reference session: strong hire, exit 0', () => {
    const r = sdcoach(['scorecard', REF]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Signal: STRONG HIRE  (overall 100/100, 45 of 45 minutes)');
  });

  it('a flawed session: the weak phases and what was never asked, exit 1', () => {
    const r = sdcoach(['scorecard', FLAWED]);
    expect(r.status).toBe(1);
    // 3 + 1 + 1 + 30 + 8 + 1 = 44 minutes of 45
    expect(r.stdout).toContain('Signal: LEAN NO  (overall 49/100, 44 of 45 minutes)');
    expect(r.stdout).toContain('✗ Estimate the scale         0    1 / 7 min');
    expect(r.stdout).toContain('  - How long do we keep orders? (the figures retention)');
  });

  it('Markdown has the scorecard table, the questions and answers, the deep dive and the final spec', () => {
    const r = sdcoach(['scorecard', REF, '--format', 'markdown']);
    expect(r.stdout).toContain('| Clarify the requirements | 100 | 5 / 5 min | yes | asked 9 of 9 questions that matter |');
    expect(r.stdout).toContain('- **How many customers use the shop on a given day?**');
    expect(r.stdout).toContain('## Deep dive');
    expect(r.stdout).toContain('## Final spec');
    expect(r.stdout).toContain('  - choice: Serve My orders from a read model (summary-db) fed from order-events');
  });

  it('JSON carries every phase without the full reports', () => {
    const r = sdcoach(['scorecard', REF, '--format', 'json']);
    const card = JSON.parse(r.stdout) as { signal: string; phases: { phase: string; score: number; report?: unknown }[] };
    expect(card.signal).toBe('strong hire');
    expect(card.phases.map((p) => p.phase)).toEqual(['clarify', 'estimate', 'api', 'design', 'deep_dive', 'decide']);
    expect(card.phases.every((p) => p.report === undefined)).toBe(true);
  });

  it('a bad session is a located error, exit 2', () => {
    const r = sdcoach(['scorecard', 'test/fixtures/interview/escape-session.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('escape-session.yaml:4:');
    expect(r.stderr).toContain("points outside the session's folder");
    expectNoStackTrace(r.all);
    const m = sdcoach(['scorecard', 'no-such-session.yaml']);
    expect(m.status).toBe(2);
    expectNoStackTrace(m.all);
  });
});
