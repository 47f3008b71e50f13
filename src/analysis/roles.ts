// What a kind may do on a path. A gateway or load balancer forwards requests (an event-driven proxy with
// a proxy's capacity and concurrency); a CDN answers from its cache and fetches a miss from its origin.
// One that itself reads or writes data no deployed proxy of its kind serves (a gateway writing a database,
// a load balancer publishing to a queue) is doing a service's work under a proxy's figures: a service
// declared a gateway to take 50,000 req/s and 1,000 concurrent requests per replica.
// design/honest-figures fails each such component (docs/spec.md, "A path is a chain of calls").
import type { SpecPath } from '../specfile/diagnostic.js';
import type { Model, ModelComponent, ModelFlow } from '../specfile/model.js';
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
/**
 * What each proxy may call beyond code and other proxies, as deployed proxies do: a gateway an external API
 * (an egress gateway) and, when it rate-limits, the cache holding its counters; a load balancer the replicas
 * of a store (a connection proxy such as PgBouncer or twemproxy); a CDN its origin (an object store) or a
 * shield cache in front of it.
 */
function proxyMayCall(proxy: ModelComponent, target: string): boolean | undefined {
  switch (proxy.kind) {
    case 'gateway':
      return target === 'external' || (target === 'cache' && proxy.rateLimit !== undefined);
    case 'load-balancer':
      return target === 'database' || target === 'cache' || target === 'search';
    case 'cdn':
      return target === 'object-store' || target === 'cache';
    default:
      return undefined;
  }
}

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

/** Each proxy (gateway, load balancer, CDN) that calls data no such proxy serves, once, at its first such call. */
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
      const allowed = proxyMayCall(caller, target.kind);
      if (allowed !== false || seen.has(caller.id)) continue;
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
