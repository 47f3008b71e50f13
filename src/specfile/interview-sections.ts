// The interview sections of a spec (api, data, decisions) carried into the Model as they are, with each
// endpoint's lookup fields made explicit: `by`, else the path's {parameters}.
import type { Model, ModelEndpoint } from './model.js';
import type { Spec } from './types.js';

const PATH_PARAM = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The fields a path looks its data up by: its {parameters}, in order, without repeats. */
export function pathParameters(route: string): string[] {
  return [...new Set([...route.matchAll(PATH_PARAM)].map((m) => m[1]!))];
}

export function resolveInterviewSections(spec: Spec, model: Model): void {
  if (spec.api) {
    model.api = spec.api.map((e, i): ModelEndpoint => {
      const space = e.endpoint.indexOf(' ');
      const route = e.endpoint.slice(space + 1);
      return {
        method: e.endpoint.slice(0, space) as ModelEndpoint['method'],
        route,
        flow: e.flow,
        by: e.by ? [...e.by] : pathParameters(route),
        byStated: e.by !== undefined,
        body: [...(e.body ?? [])],
        idempotencyKey: e.idempotency_key ?? false,
        path: ['api', i],
      };
    });
  }
  if (spec.data) {
    model.data = {};
    for (const [name, e] of Object.entries(spec.data)) {
      if (!e) continue;
      const key = typeof e.key === 'string' ? [e.key] : [...e.key];
      model.data[name] = {
        name,
        store: e.store,
        key,
        partitionKey: e.partition_key ?? key[0]!,
        indexes: [...(e.indexes ?? [])],
        holds: [...(e.holds ?? [])],
        path: ['data', name],
      };
    }
  }
  if (spec.decisions) {
    model.decisions = spec.decisions.map((d, i) => ({
      choice: d.choice,
      ...(d.pattern !== undefined ? { pattern: d.pattern } : {}),
      alternatives: [...(d.alternatives ?? [])],
      hasAlternatives: d.alternatives !== undefined,
      reason: d.reason,
      ...(d.risk !== undefined ? { risk: d.risk } : {}),
      path: ['decisions', i],
    }));
  }
}
