// scalability/throughput on batch flows: every figure below is worked out by hand from the fixture.
import { describe, expect, it } from 'vitest';
import throughput from '../../../src/checks/scalability/throughput.js';
import { runCheckOn, testCheck } from '../tester.js';

// batch-crawler: 2,592,000,000 pages / 2,592,000 s = 1,000 pages/s. A fetcher thread is held for its own
// 10 ms + the frontier write (0.5 ms network + 6 ms p99 write) + the 500 ms page fetch (external, no region:
// no network) + the page write (0.5 + 20) = 10 + 6.5 + 500 + 20.5 = 537 ms, so by Little's law each page/s
// holds 0.537 / 10 replicas = 0.0537 threads per replica: 100 threads carry 100 / 0.0537 = 1,862 pages/s,
// 50 threads 931. Capacity is far from it: fetcher 0.8 x 10 x 5,000 = 40,000/s.
// batch-shared: lookup's 7,000 reads/s use 70 % of url-db (1 x 10,000/s); each page/s adds 1 / 10,000 =
// 0.01 %, so the crawl gets (80 % - 70 %) / 0.01 % = 1,000 pages/s of the 1,500 it needs, and at 1,500 it
// takes url-db to 70 % + 15 % = 85 %.
testCheck(throughput, {
  valid: [{ spec: 'scalability/batch-crawler.yaml' }, { spec: 'scalability/capacity-ok.yaml', applies: false }],
  invalid: [
    {
      spec: 'scalability/batch-crawler-threads.yaml',
      findings: [{ messageId: 'short', data: { achievable: '931', target: '1,000' }, line: 11 }],
    },
    {
      spec: 'scalability/batch-shared.yaml',
      findings: [
        { messageId: 'starves', data: { rate: '1,500', load: '85%', sharedWith: 'lookup' }, line: 12 },
        { messageId: 'short', data: { achievable: '1,000', target: '1,500' }, line: 12 },
      ],
    },
    {
      spec: 'scalability/batch-shared-paced.yaml',
      findings: [
        { messageId: 'pacedBelow', data: { rate: '900', target: '1,500' }, line: 12 },
        { messageId: 'short', data: { achievable: '1,000' }, line: 13 },
      ],
    },
    {
      name: "a problem's target the spec cannot lower",
      spec: 'scalability/batch-crawler.yaml',
      options: { minItemsPerS: { crawl: 2000 } },
      findings: [
        { messageId: 'targetBelow', data: { stated: '1,000', target: '2,000' }, line: 11 },
        { messageId: 'short', data: { achievable: '1,862', target: '2,000' }, line: 11 },
      ],
    },
  ],
});

describe('scalability/throughput figures', () => {
  it("names the fetcher's threads as the crawler's bottleneck, at 100 / (0.537 / 10) pages/s", () => {
    const [f] = runCheckOn(throughput, 'scalability/batch-crawler.yaml');
    const ev = f!.evidence as { achievable: number; target: number };
    expect(ev.target).toBe(2_592_000_000 / 2_592_000);
    expect(ev.achievable).toBeCloseTo(100 / ((10 + 6.5 + 500 + 20.5) / 1000 / 10), 0);
    expect(f!.data.bottleneck).toContain("fetcher's 100 threads");
  });
});
