// Calls on a flow's path that change something the caller cannot take back (a charge, an email, a booking):
// a step says so with `side_effect`, else a call to an external on a write flow is one. Shared by the checks
// that ask what a retry of such a call does (reliability/idempotent-retries, interview/api-covers-flows).
import type { ModelComponent, ModelFlow, ModelHop } from '../specfile/model.js';

const RUNS_CODE = new Set(['service', 'gateway', 'worker']);

export interface SideEffectCall {
  /** Position of the called component on the flow's path. */
  index: number;
  hop: ModelHop | undefined;
  dependency: ModelComponent;
  /** The nearest component before it that runs code (whose retry repeats the call). */
  caller: ModelComponent | undefined;
}

/** Side-effect calls on the path, in order; `declared` names components whose calls always have one, whatever a step says. */
export function sideEffectCalls(
  flow: ModelFlow,
  components: Record<string, ModelComponent>,
  declared: ReadonlySet<string> = new Set(),
): SideEffectCall[] {
  const out: SideEffectCall[] = [];
  let caller: ModelComponent | undefined;
  flow.path.forEach((id, index) => {
    const c = components[id];
    if (!c) return;
    const hop = flow.hops?.[index];
    const effect = declared.has(id) || (hop?.sideEffect ?? (flow.kind === 'write' && c.kind === 'external'));
    if (effect) out.push({ index, hop, dependency: c, caller });
    if (RUNS_CODE.has(c.kind)) caller = c;
  });
  return out;
}
