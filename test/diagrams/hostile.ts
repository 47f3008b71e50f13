// A design whose every name is hostile to mermaid, markdown, HTML and terminals. The schema would
// refuse most of these ids, so the Model is resolved directly: the drawing must be safe on its own.
import { analyse } from '../../src/analysis/analyse.js';
import type { Metrics } from '../../src/analysis/metrics.js';
import type { Model } from '../../src/specfile/model.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

export const HOSTILE_IDS = {
  breakout: 'x"] --> y["pwned',
  arrow: 'a --> b',
  end: 'end',
  click: 'click n_a call alert(1)',
  directive: '%%{init: {"securityLevel": "loose"}}%%',
  comment: '%% hidden',
  html: '<img src=x onerror=alert(1)>',
  entity: '#quot; & &amp; #35;',
  brackets: '([{<>}])|;',
  backticks: '`**md**`',
  newline: 'line1\nline2\rline3',
  bidi: 'abc\u202edef\u200b',
  style: 'style n_x fill:#f00',
  proto: 'constructor',
} as const;

export const HOSTILE_NAME = '---\ntitle: x\n--- %%{init: {"theme":"dark"}}%% <script>alert(1)</script> "quoted" `tick` ]) #35;';

export function hostileDesign(): { model: Model; metrics: Metrics } {
  const h = HOSTILE_IDS;
  const spec = {
    name: HOSTILE_NAME,
    regions: ['us-east', 'eu-west'],
    users: { 'us-east': 0.5, 'eu-west': 0.5 },
    components: {
      [h.end]: { kind: 'gateway' },
      [h.breakout]: { kind: 'service', sidecar: true },
      [h.click]: { kind: 'service' },
      [h.directive]: { kind: 'database', regions: ['us-east', 'eu-west'], replication: { mode: 'async', lag_ms: 100 } },
      [h.comment]: { kind: 'cache', regions: ['us-east'] },
      [h.html]: { kind: 'stream', regions: ['us-east'] },
      [h.entity]: { kind: 'worker', regions: ['us-east'], consumes: h.html, writes: h.directive },
      [h.brackets]: { kind: 'external', latency_ms: { p50: 50, p99: 100 } },
      [h.backticks]: { kind: 'queue', regions: ['eu-west'] },
      [h.newline]: { kind: 'event-store', regions: ['eu-west'] },
      [h.bidi]: { kind: 'search', regions: ['eu-west'] },
      [h.style]: { kind: 'object-store', regions: ['us-east'] },
      [h.proto]: { kind: 'cdn' },
      [h.arrow]: { kind: 'load-balancer' },
    },
    flows: {
      [h.breakout]: { kind: 'read', rate: 100, path: [h.proto, h.arrow, h.end, h.breakout, h.comment, h.directive] },
      [h.click]: { kind: 'write', rate: 10, path: [h.end, h.click, h.brackets, h.directive, h.html, h.backticks, h.newline, h.bidi, h.style] },
    },
  } as unknown as Spec;
  const model = resolveSpec(spec);
  return { model, metrics: analyse(model) };
}
