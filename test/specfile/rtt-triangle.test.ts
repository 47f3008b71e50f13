// A region sdcoach's tables do not know is still somewhere: its stated round trips cannot put it nearer both ends of
// a known pair than that pair's own round trip (review attack: a hub 1 ms from us-east and from ap-southeast).
import { describe, expect, it } from 'vitest';
import honestFigures from '../../src/checks/design/honest-figures.js';
import { analyse } from '../../src/analysis/analyse.js';
import { loadSpecText } from '../../src/specfile/load.js';

function model(rtt: string) {
  const r = loadSpecText(
    'spec.yaml',
    `
regions: [us-east, us-west, zz-hub]
components:
  api: {kind: service, regions: [zz-hub]}
flows:
  ping: {kind: read, rate: 1, path: [api]}
network:
  rtt_ms: {zz-hub: ${rtt}}
`,
  );
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.loaded.model;
}

describe('round trips to a region no table knows', () => {
  it('are raised, in the proportion stated, to what the triangle allows', () => {
    // us-east <-> us-west is 64 ms (measured); 1 + 1 < 64: both raised by 64 / 2 = 32x, to 32 ms each
    const m = model('{us-east: 1, us-west: 1}');
    expect(m.network.rttMs['zz-hub']!['us-east']).toBeCloseTo(32, 9);
    expect(m.network.rttMs['us-west']!['zz-hub']).toBeCloseTo(32, 9);
    // 4 and 12 (a hub nearer us-east): x 64 / 16 = 4, to 16 and 48
    const n = model('{us-east: 4, us-west: 12}');
    expect(n.network.rttMs['zz-hub']!['us-east']).toBeCloseTo(16, 9);
    expect(n.network.rttMs['zz-hub']!['us-west']).toBeCloseTo(48, 9);
  });

  it('are kept where they are consistent with the known pairs', () => {
    const m = model('{us-east: 10, us-west: 60}'); // 70 >= 64
    expect(m.network.rttMs['zz-hub']!['us-east']).toBe(10);
    expect(m.figures!.filter((f) => f.field.startsWith('rtt_ms.') && f.verdict)).toEqual([]);
  });

  it('fail design/honest-figures, naming the pair that rules the claim out', () => {
    const m = model('{us-east: 1, us-west: 1}');
    const out = honestFigures.run({ model: m, metrics: analyse(m), options: { catalog: false } });
    const triangle = out.filter((f) => f.messageId === 'rttTriangle');
    expect(triangle.map((f) => f.data.used)).toEqual(['32', '32']);
    expect(triangle[0]!.data.floor).toBe('us-east <-> us-west is 64 ms, and no place is nearer both ends than that');
  });
});
