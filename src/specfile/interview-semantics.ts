// References in the interview sections a schema cannot check: an endpoint's flow, an entity's store,
// a decision's pattern, and endpoints declared twice.
import type { SemanticProblem } from './semantic.js';
import { closestMatch, listChoices } from './suggest.js';
import type { ComponentKind, Spec } from './types.js';

const HOLDS_DATA: ReadonlySet<ComponentKind> = new Set(['database', 'cache', 'search', 'event-store', 'object-store', 'stream']);

export function checkInterviewSemantics(spec: Spec): SemanticProblem[] {
  const out: SemanticProblem[] = [];
  const err = (path: SemanticProblem['path'], message: string, code: string) => out.push({ path, message, code, severity: 'error' });
  const flows = spec.flows ?? {};
  const flowIds = Object.keys(flows);
  const seen = new Map<string, number>();
  spec.api?.forEach((e, i) => {
    if (!Object.hasOwn(flows, e.flow)) {
      const guess = closestMatch(e.flow, flowIds);
      err(
        ['api', i, 'flow'],
        `endpoint "${e.endpoint}" names unknown flow "${e.flow}"${guess ? `: did you mean "${guess}"?` : flowIds.length ? `. Flows: ${listChoices(flowIds)}` : ': the spec has no flows'}`,
        'unknown-flow',
      );
    }
    const [method, route] = e.endpoint.split(' ');
    // Two routes that differ only in their parameters' names are the same route.
    const shape = `${method} ${route!.replace(/\{[^}]*\}/g, '{}')}`;
    const first = seen.get(shape);
    if (first !== undefined)
      err(
        ['api', i, 'endpoint'],
        `endpoint "${e.endpoint}" is declared twice (also api[${first}]): a request could not tell which flow serves it`,
        'duplicate-endpoint',
      );
    else seen.set(shape, i);
  });
  const components = spec.components;
  const ids = Object.keys(components);
  for (const [name, entity] of Object.entries(spec.data ?? {})) {
    if (!entity) continue;
    const c = Object.hasOwn(components, entity.store) ? components[entity.store] : undefined;
    if (!c) {
      const guess = closestMatch(entity.store, ids);
      err(
        ['data', name, 'store'],
        `entity "${name}" is stored in unknown component "${entity.store}"${guess ? `: did you mean "${guess}"?` : `. Components: ${listChoices(ids)}`}`,
        'unknown-component',
      );
    } else if (!HOLDS_DATA.has(c.kind)) {
      err(
        ['data', name, 'store'],
        `entity "${name}" is stored in "${entity.store}", a ${c.kind}: store entities in a database, cache, search index, event store, object store or stream`,
        'wrong-kind',
      );
    }
  }
  const patterns = spec.patterns ?? {};
  spec.decisions?.forEach((d, i) => {
    if (d.pattern !== undefined && !Object.hasOwn(patterns, d.pattern)) {
      const declared = Object.keys(patterns);
      err(
        ['decisions', i, 'pattern'],
        `decision "${d.choice}" is about ${d.pattern}, but the spec declares no ${d.pattern} under patterns${declared.length ? ` (it declares ${declared.join(', ')})` : ''}: declare it, or drop pattern from the decision`,
        'undeclared-pattern',
      );
    }
  });
  return out;
}
