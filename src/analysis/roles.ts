// What a kind may do on a path. A gateway or load balancer forwards requests (an event-driven proxy with
// a proxy's capacity and concurrency); a CDN answers from its cache and fetches a miss from its origin.
// One that itself calls a store, a queue or a third party is doing a service's work under a proxy's
// figures: a service renamed "gateway" to take 50,000 req/s and 1,000 concurrent requests per replica.
// design/honest-figures fails each such component (docs/spec.md, "A path is a chain of calls").
import type { SpecPath } from '../specfile/diagnostic.js';
import type { Model, ModelFlow } from '../specfile/model.js';
import { CALLER_KINDS } from './route.js';

/** Kinds that hold or move data, and third parties: work a service does, not a proxy. */
const DATA_KINDS: ReadonlySet<string> = new Set([
  'database',
  'event-store',
  'object-store',
  'search',
  'queue',
  'stream',
  'cache',
  'external',
]);
/** Proxies, and what each may call beyond code and other proxies. */
const PROXY_MAY_CALL: Readonly<Record<string, ReadonlySet<string>>> = {
  gateway: new Set(),
  'load-balancer': new Set(),
  cdn: new Set(['object-store']),
};

export interface RoleMismatch {
  /** The proxy doing a service's work. */
  component: string;
  kind: string;
  flow: string;
  /** What it calls, and that one's kind. */
  target: string;
  targetKind: string;
  /** Where the call is written: the target's step. */
  specPath: SpecPath;
}

/** The index of the component that calls path[i]: the nearest caller before it, outside sibling branches. */
function callerIndex(model: Model, flow: ModelFlow, i: number): number {
  const g = flow.hops?.[i]?.group;
  for (let j = i - 1; j >= 0; j--) {
    const gj = flow.hops?.[j]?.group;
    if (g && gj && gj.step === g.step && gj.branch !== g.branch) continue;
    const c = model.components[flow.path[j]!];
    if (c && CALLER_KINDS.has(c.kind)) return j;
  }
  return -1;
}

/** Each proxy (gateway, load balancer, CDN) that calls a store, a queue or a third party, once, at its first such call. */
export function roleMismatches(model: Model): RoleMismatch[] {
  const out: RoleMismatch[] = [];
  const seen = new Set<string>();
  for (const flow of Object.values(model.flows)) {
    for (let i = 0; i < flow.path.length; i++) {
      const target = model.components[flow.path[i]!];
      if (!target || !DATA_KINDS.has(target.kind)) continue;
      const j = callerIndex(model, flow, i);
      if (j < 0) continue;
      const caller = model.components[flow.path[j]!]!;
      const allowed = PROXY_MAY_CALL[caller.kind];
      if (!allowed || allowed.has(target.kind) || seen.has(caller.id)) continue;
      seen.add(caller.id);
      out.push({
        component: caller.id,
        kind: caller.kind,
        flow: flow.name,
        target: target.id,
        targetKind: target.kind,
        specPath: flow.hops?.[i]?.specPath ?? [...flow.specPath, 'path', i],
      });
    }
  }
  return out;
}
