// The terminal preview: never wider than asked, every component in every region it runs in,
// findings marked and listed, a flow's hop table; and it stays inert with hostile names.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { asciiDiagram, displayWidth } from '../../src/diagrams/ascii.js';
import { findingsOf } from '../../src/diagrams/findings.js';
import { gradeLoaded } from '../../src/grading/grade.js';
import { defaultRubric } from '../../src/grading/rubric.js';
import { loadSpecFile } from '../../src/specfile/load.js';
import { hostileDesign } from './hostile.js';

// eslint-disable-next-line no-control-regex
const strip = (s: string) => s.replace(/\u001b\[\d+m/g, '');
const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.yaml')).map((f) => `examples/${f}`);

function load(file: string) {
  const r = loadSpecFile(file);
  if (!r.ok) throw new Error(file);
  return { loaded: r.loaded, model: r.loaded.model, metrics: analyse(r.loaded.model) };
}

describe('asciiDiagram', () => {
  it.each(EXAMPLES)('fits every width it is given: %s', (file) => {
    const { loaded, model, metrics } = load(file);
    const findings = findingsOf(gradeLoaded(loaded, defaultRubric()));
    for (const width of [40, 60, 80, 120, 160]) {
      for (const color of [false, true]) {
        const out = asciiDiagram(model, metrics, { width, color, findings });
        for (const line of out.split('\n')) expect(displayWidth(strip(line)), `${width}: ${line}`).toBeLessThanOrEqual(width);
      }
    }
  });

  it('shows each region once, with every component placed there', () => {
    const { model, metrics } = load('examples/orders-cqrs.yaml');
    const out = asciiDiagram(model, metrics, { width: 100 });
    const box = (region: string) => {
      const lines = out.split('\n');
      const start = lines.findIndex((l) => l.startsWith(`╭─ ${region}`));
      const end = lines.findIndex((l, i) => i > start && l.startsWith('╰'));
      return lines.slice(start, end).join('\n');
    };
    expect(box('us-east')).toContain('[(orders-db ×1 primary)]');
    expect(box('us-east')).toContain('{{payments}}');
    expect(box('us-west')).toContain('[(orders-db ×1 standby)]');
    expect(box('eu-west')).toContain('[(summary-db ×8 replica standby)]');
    expect(box('eu-west')).not.toContain('orders-db');
    expect(out).toContain('orders-db: us-east ⇢ us-west (sync · standby · RTO 40 s)');
    expect(out).toContain('order-events → projector → summary-db (lag 500 ms)');
  });

  it('marks and lists failed checks', () => {
    const { loaded, model, metrics } = load('examples/payments-failover.yaml');
    const out = asciiDiagram(model, metrics, { width: 100, findings: findingsOf(gradeLoaded(loaded, defaultRubric())) });
    expect(out).toContain('[payments-api ×8] ✗');
    expect(out).toMatch(/^ {2}✗ bulkhead\/isolated-pools \(line \d+\): payments-api calls/m);
    expect(out).toContain('p50 513 of 500 ms ✗');
  });

  it('breaks one flow down hop by hop from each origin', () => {
    const { model, metrics } = load('examples/orders-cqrs.yaml');
    const out = asciiDiagram(model, metrics, { width: 100, flow: 'create-order' });
    expect(out).toContain('from us-east:');
    expect(out).toContain('from eu-west:');
    // orders-db from eu-west: 82 RTT + 30 + 64 sync wait + its queue: one replica of 10,000 req/s taking all 200
    // writes/s, rho = 0.02 = Erlang C > 1 %, p99 wait ln(0.02 / 0.01) / 9,800 s = 0.0707 ms -> "0.1"; total 176.07 -> 176
    expect(out).toMatch(/^ {4}4 {2}orders-db +us-east +82 +30 +64 +0\.1 +176$/m);
  });

  it('adds a guard column to a flow table: the conditional writes and the idempotency key', () => {
    const { model, metrics } = load('problems/checkout-bulkhead/solutions/stage-4.yaml');
    const out = strip(asciiDiagram(model, metrics, { width: 120, flow: 'checkout' }));
    expect(out).toMatch(/#\s+hop\s+region\s+net\s+proc\s+queue\s+total\s+guard\n/);
    // queue: orders-db's M/M/c wait at p99 (a few tenths of a millisecond at its load), the externals none.
    expect(out).toMatch(/3\s+orders-db\s+us-east\s+0\.5\s+20\s+0\.\d\s+21\s+conditional write\n/);
    expect(out).toMatch(/5\s+payment-api\s+-\s+0\s+200\s+0\s+200\s+idempotency key in orders-db\n/);
    // A hop with no guard leaves the column empty, and no line ends in spaces.
    expect(out).toMatch(/4\s+fraud-api\s+-\s+0\s+150\s+0\s+150\n/);
    expect(out).not.toMatch(/ \n/);
  });

  it('shows hostile names as text: no escape sequence reaches the terminal', () => {
    const { model, metrics } = hostileDesign();
    const out = asciiDiagram(model, metrics, { width: 80 });
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    for (const line of out.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
  });
});

describe('asciiDiagram with parallel calls', () => {
  it('brackets a parallel group, splits its branches with |, and gives the group\'s own p99', () => {
    const { model, metrics } = load('problems/global-feed/solutions/stage-4.yaml');
    const out = strip(asciiDiagram(model, metrics, { width: 200, color: false }));
    // read-feed from us-east: the branches [feed-cache -> posts-db] and celeb-cache (3.5). posts-db in us-east: one
    // replica of 10,000 req/s at 40,000 x 50 % x 10 % misses + 400 writes = 2,400/s, rho = 0.24 = Erlang C, p99 wait
    // ln(24) / 7,600 s = 0.42 ms. feed-cache answers 90 % of the branch's reads: only the 10 % of misses take posts-db.
    // Near 10 ms the hits (and celeb-cache) are done, so the group's p99 is the miss path's 0.9 quantile: 1 ms of
    // network (of p50 1.5 + 4.53 = 6.03, p99 3.54 + 12.92 = 16.46) plus a log-normal through 5.03 / 15.46, sigma = ln(3.0736) / 2.326348
    // = 0.48267, 1 + 5.03 x exp(1.281552 x 0.48267) = 1 + 5.03 x 1.8562 = 10.34 ms (the two branches summed: 16).
    expect(out).toMatch(/→ \[feed-cache@us-east \+3\.5 → posts-db@us-east \+13 \(queue 0\.4\)\s+\| celeb-cache@us-east \+3\.5\] =10/);
  });

  it('names a fan-out in the hop table', () => {
    const { model, metrics } = load('problems/global-feed/fixtures/stage-4-shard-fan-out.yaml');
    const out = strip(asciiDiagram(model, metrics, { width: 160, color: false, flow: 'read-feed' }));
    expect(out).toMatch(/celeb-posts fan-out 20 ∥2/);
  });

  it('marks partitioned stores and relay workers', () => {
    const hot = load('test/checks/fixtures/scalability/partitions-hot.yaml');
    expect(strip(asciiDiagram(hot.model, hot.metrics, { width: 120 }))).toContain('[(likes-db ×1 32p hot 25%)]');
    const cdc = load('test/checks/fixtures/cqrs/cdc-ok.yaml');
    expect(strip(asciiDiagram(cdc.model, cdc.metrics, { width: 120 }))).toContain('[[orders-cdc ×2 CDC connector]]');
  });
});
