// mesh/justified: a service mesh is there for a need it meets (mTLS, telemetry, traffic shifting, policy) or for its size.
import { meshOverhead } from '../../analysis/latency.js';
import { defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** Meshed services at which a uniform layer pays for itself without a stated need. */
  minServices: number;
}

/** Needs a mesh meets better than a library in each service. Retries alone are not one: a client library retries. */
const NEEDS = ['mtls', 'observability', 'traffic-shifting', 'policy'];

export default defineCheck<Options>({
  meta: {
    id: 'mesh/justified',
    topic: 'mesh',
    title: 'Add a service mesh for a need it meets, not for fashion',
    concept:
      'A mesh moves cross-cutting network concerns out of the services into proxies: mutual TLS, uniform telemetry, traffic shifting for canaries, and access policy. ' +
      'It costs latency on every hop, CPU and memory for every proxy, and one more system to run. ' +
      'It earns that cost when the design needs those features, or when there are enough services that doing them in each one would be worse; a handful of services with no such need is better served by a library.',
    computes:
      'When the design declares a mesh (patterns.mesh or sidecar: true): justified by needs when mtls is true or reasons include mtls, observability, traffic-shifting or policy; justified by size when at least minServices components run a sidecar. Otherwise it warns.',
    sources: ['course', 'istioOpenshift'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minServices: { type: 'integer', minimum: 1, description: 'Meshed services at which a mesh is justified by size alone. Default 5.' },
      },
    },
    defaults: { minServices: 5 },
    messages: {
      byNeeds: 'the mesh across {{count}} services is there for {{needs}}',
      bySize:
        'the mesh spans {{count}} services (at least {{minServices}}): enough that one uniform layer beats doing TLS, telemetry and routing in each',
      unjustified:
        'a mesh across {{count}} services (fewer than {{minServices}}) with no stated need ({{stated}}): it adds {{overhead}} ms p99 per call and a proxy per replica',
    },
    hints: {
      unjustified:
        'What does this design need from the mesh that the services could not do themselves with a library? If there is a real need (encryption between services, uniform telemetry, canary routing, policy), say so in patterns.mesh; if not, weigh what every proxy costs.',
    },
  },
  run({ model, options }) {
    const meshedIds = model.componentOrder.filter((id) => model.components[id]!.sidecar);
    const mesh = model.patterns.mesh;
    if (!mesh && !meshedIds.length) return [];
    const count = meshedIds.length;
    const path = mesh ? ['patterns', 'mesh'] : ['components', meshedIds[0]!, 'sidecar'];
    const needs = [...new Set([...(mesh?.mtls ? ['mtls'] : []), ...(mesh?.reasons ?? []).filter((r) => NEEDS.includes(r))])];
    const evidence = { meshed: meshedIds, mtls: mesh?.mtls ?? false, reasons: mesh?.reasons ?? [] };
    if (needs.length) return [{ status: 'pass', messageId: 'byNeeds', data: { count, needs: needs.join(', ') }, path, evidence }];
    if (count >= options.minServices)
      return [{ status: 'pass', messageId: 'bySize', data: { count, minServices: options.minServices }, path, evidence }];
    const stated = mesh?.reasons.length ? `reasons: ${mesh.reasons.join(', ')}` : 'no reasons, mtls off';
    const finding: Finding = {
      status: 'warn',
      messageId: 'unjustified',
      data: { count, minServices: options.minServices, stated, overhead: ms(meshOverhead(model).p99) },
      path,
      evidence,
    };
    return [finding];
  },
});
