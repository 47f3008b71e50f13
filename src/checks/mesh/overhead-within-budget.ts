// mesh/overhead-within-budget: the sidecars' overhead is counted, and latency-sensitive flows still meet their budget.
import type { FlowMetrics, OriginLatency } from '../../analysis/metrics.js';
import { meshOverhead } from '../../analysis/latency.js';
import { COURSE_MESH_OVERHEAD_MS, MESH_OVERHEAD_MS } from '../../data/figures.js';
import type { Model } from '../../specfile/model.js';
import { defineCheck, ms, pct, type Finding } from '../types.js';

interface Options {
  /** Largest share of a flow's p99 budget the mesh may take before a warning. */
  maxShare: number;
}

const meshedHops = (o: OriginLatency): number => o.hops.filter((h) => h.mesh.p99 > 0).length;

/** Per-call figures to 0.01 ms: half of a 2.7 ms pair is 1.35, not 1.4. */
const fine = (n: number): string => String(Math.round(n * 100) / 100);

/**
 * Per call, not per hop: a call between two meshed components crosses two proxies (the full per-call
 * figure); an ingress call from a user or a call to an unmeshed store crosses one (half of it).
 */
function callBreakdown(o: OriginLatency, perCallP99: number): string {
  let pairs = 0;
  let singles = 0;
  for (const h of o.hops) {
    if (h.mesh.p99 <= 0) continue;
    if (perCallP99 > 0 && h.mesh.p99 * 2 <= perCallP99 * 1.5) singles++;
    else pairs++;
  }
  const parts: string[] = [];
  if (pairs) parts.push(`${pairs} call${pairs === 1 ? '' : 's'} between two meshed components x ${fine(perCallP99)} ms`);
  if (singles)
    parts.push(
      `${singles} call${singles === 1 ? '' : 's'} with a proxy at one end only (the user's ingress call, or a call to an unmeshed store) x ${fine(perCallP99 / 2)} ms`,
    );
  return parts.join(' + ');
}

/** Where the per-call figure came from, for the message. */
function figureSource(model: Model): string {
  const mesh = model.patterns.mesh;
  const course = `the course says ${COURSE_MESH_OVERHEAD_MS.min}-${COURSE_MESH_OVERHEAD_MS.max} ms per hop`;
  if (mesh?.overheadSource === 'spec') {
    return `as the spec states; ${course}, measured Istio sidecars add ${MESH_OVERHEAD_MS.sidecar.p99} ms p99 and ambient ${MESH_OVERHEAD_MS.ambient.p99} ms`;
  }
  if (mesh?.overheadSource === 'given') return `given by the problem; ${course}`;
  if (mesh?.overheadSource === 'catalog' && mesh.tech) return `measured for ${mesh.tech}; ${course}`;
  const plane = mesh?.dataPlane ?? 'sidecar';
  const what = plane === 'ambient' ? 'Istio ambient (L4 ztunnels)' : 'an Istio sidecar pair';
  return `measured for ${what}; ${course}`;
}

export default defineCheck<Options>({
  meta: {
    id: 'mesh/overhead-within-budget',
    topic: 'mesh',
    title: "Count the mesh's per-hop overhead and keep latency-sensitive flows within budget",
    concept:
      'A service mesh puts a proxy beside every service, and each call between meshed services passes through two of them. ' +
      'The cost per call is small (the course quotes 1-5 ms; a modern sidecar pair measures about 2-3 ms at p99, ambient mode about 0.2 ms), but it is paid on every hop, so a long synchronous chain pays it many times. ' +
      'A flow with a tight budget and many meshed hops can miss its budget because of the mesh alone.',
    computes:
      "Per flow with a p99 budget and meshed hops, from each user region: mesh overhead = the sum over the calls of the per-call overhead (p99) x the share of the call's two ends that are meshed (both: 1, one: 1/2). " +
      "The figure is per call, not per hop: a call between two meshed services crosses two proxies, while the user's ingress call and a call to an unmeshed store cross one. " +
      'Fails when the flow is over budget but would be within it without that overhead; warns when the overhead exceeds maxShare of the budget.',
    sources: ['course', 'istioOpenshift', 'istioAmbient'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxShare: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: "Largest fraction of a flow's p99 budget the mesh overhead may take before a warning. Default 0.1.",
        },
      },
    },
    defaults: { maxShare: 0.1 },
    messages: {
      small:
        'the mesh adds {{overhead}} ms to {{flow}} from {{origin}} ({{breakdown}}): {{share}} of its {{budget}} ms p99 budget ({{perCall}} ms per call through a pair of proxies, {{figure}})',
      largeShare:
        'the mesh adds {{overhead}} ms to {{flow}} from {{origin}} ({{breakdown}}): {{share}} of its {{budget}} ms p99 budget ({{perCall}} ms per call through a pair of proxies, {{figure}})',
      breaksBudget:
        'the mesh adds {{overhead}} ms to {{flow}} ({{breakdown}}); without it {{flow}} would be at {{without}} ms from {{origin}}, budget {{budget}} ms, but it is at {{latency}} ms ({{perCall}} ms per call through a pair of proxies, {{figure}})',
    },
    hints: {
      largeShare:
        'Count the meshed hops on this flow and what each one costs. Does every component on a latency-sensitive path need its own proxy, and does the data plane you chose cost the same per hop as the alternatives?',
      breaksBudget:
        'The mesh alone pushes this flow over budget. Look at how many proxies a request crosses on its path, and which of those hops need what the mesh gives (mTLS, telemetry, routing).',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    const perCall = ms(meshOverhead(model).p99);
    const figure = figureSource(model);
    for (const f of Object.values(metrics.flows)) {
      const budget = f.budget.p99;
      if (budget === undefined || budget <= 0) continue;
      const meshed = Object.values(f.origins).filter((o) => o.meshMs.p99 > 0);
      if (!meshed.length) continue;
      out.push(flowFinding(model, f, meshed, budget, options.maxShare, { perCall, figure }));
    }
    return out;
  },
});

function flowFinding(
  model: Model,
  f: FlowMetrics,
  meshed: OriginLatency[],
  budget: number,
  maxShare: number,
  fig: { perCall: string; figure: string },
): Finding {
  const perCallP99 = meshOverhead(model).p99;
  const path = model.patterns.mesh ? ['patterns', 'mesh'] : ['flows', f.name, 'path'];
  const data = (o: OriginLatency) => ({
    flow: f.name,
    origin: o.origin,
    overhead: ms(o.meshMs.p99),
    hops: meshedHops(o),
    breakdown: callBreakdown(o, perCallP99),
    budget,
    share: pct(o.meshMs.p99 / budget, 1),
    ...fig,
  });
  const evidence = (o: OriginLatency) => ({
    budget,
    byOrigin: Object.fromEntries(meshed.map((x) => [x.origin, { p99: x.p99, meshMs: x.meshMs.p99, meshedHops: meshedHops(x) }])),
    hops: o.hops.map((h) => ({ component: h.component, mesh: h.mesh.p99 })),
  });
  const broken = meshed.filter((o) => o.p99 > budget && o.p99 - o.meshMs.p99 <= budget).sort((a, b) => b.p99 - a.p99)[0];
  if (broken) {
    return {
      status: 'fail',
      messageId: 'breaksBudget',
      data: { ...data(broken), latency: ms(broken.p99), without: ms(broken.p99 - broken.meshMs.p99) },
      path,
      evidence: evidence(broken),
    };
  }
  const most = meshed.reduce((a, b) => (b.meshMs.p99 > a.meshMs.p99 ? b : a));
  const large = most.meshMs.p99 / budget > maxShare;
  return { status: large ? 'warn' : 'pass', messageId: large ? 'largeShare' : 'small', data: data(most), path, evidence: evidence(most) };
}
