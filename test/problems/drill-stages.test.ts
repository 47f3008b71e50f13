// Drill stages in the catalog: the region-outage reference that used to overload its survivors fails
// drill/survives, and the fixed reference passes it (figures worked by hand from the spec files).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import survives from '../../src/checks/drill/survives.js';
import { loadSpecFile } from '../../src/specfile/load.js';

const ROOT = join(import.meta.dirname, '..', '..', 'problems');

function surviveUsEast(file: string) {
  const r = loadSpecFile(join(ROOT, file));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  const model = r.loaded.model;
  return survives.run({ model, metrics: analyse(model), options: { drills: [{ scenarios: ['region-down:us-east'], p99Factor: 4 }] } });
}

describe('global-feed, survive a region outage', () => {
  it('the old reference (sized for the normal peak) fails drill/survives: eu-west feed-api at 107.7 %', () => {
    const findings = surviveUsEast('global-feed/fixtures/stage-2-survivors-overloaded.yaml');
    // eu-west serves its own 30 % plus us-east's 50 %: feed-api gets (40,000 reads + 400 posts) x 0.8
    // = 32,320 req/s over 6 replicas x 5,000 = 107.7 %
    const over = findings.find((f) => f.messageId === 'overloaded' && f.data.component === 'feed-api');
    expect(over?.data).toMatchObject({ region: 'eu-west', utilization: '107.7 %' });
    // gateway threads: the answer to "who runs out first": 7 replicas at 164 threads each, 1.6x the load
    expect(findings.some((f) => f.messageId === 'poolExhausted' && f.data.service === 'gateway')).toBe(true);
    expect(findings.every((f) => f.status === 'fail')).toBe(true);
  });

  it('the fixed reference passes: 32,320 / (7 x 5,000) = 92.3 % at most', () => {
    const findings = surviveUsEast('global-feed/solutions/stage-2.yaml');
    expect(findings.map((f) => f.messageId)).toEqual(['survives']);
    expect(findings[0]!.data).toMatchObject({ component: 'feed-api', region: 'eu-west', utilization: '92.3 %' });
  });
});
