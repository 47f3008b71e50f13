// A flow's path as written (component ids, call steps {to, latency_ms, fanout}, parallel groups) flattened
// into the calls it makes, in order, each with where it is written. Shared by validation and resolution,
// so both read a step the same way; ModelFlow.path stays the list of component ids visited.
import type { SpecPath } from './diagnostic.js';
import type { ModelFlow } from './model.js';
import type { CallStep, PathStep } from './spec-types.js';

export interface FlatStep {
  component: string;
  fanout: number;
  latency?: CallStep['latency_ms'];
  /** A write step that must also reach a stream: how (outbox, cdc, event-sourced). */
  publish?: CallStep['publish'];
  group?: { step: number; branch: number };
  /** Path of the step inside the flow, e.g. ['path', 2, 'parallel', 1, 0]. */
  at: SpecPath;
  /** Path of the component id inside the flow (the step itself for a bare id, else its `to`). */
  idAt: SpecPath;
  /** The call step as written, when the step is one (its concurrency, idempotency key, retries...). */
  call?: CallStep;
}

type Call = string | CallStep;

function call(step: Call, at: SpecPath, group?: FlatStep['group']): FlatStep {
  if (typeof step === 'string') return { component: step, fanout: 1, at, idAt: at, ...(group ? { group } : {}) };
  return {
    component: step.to,
    fanout: step.fanout ?? 1,
    at,
    idAt: [...at, 'to'],
    call: step,
    ...(step.latency_ms !== undefined ? { latency: step.latency_ms } : {}),
    ...(step.publish !== undefined ? { publish: step.publish } : {}),
    ...(group ? { group } : {}),
  };
}

/** The calls a path makes, in order; a parallel group's branches one after another. */
export function flattenPath(path: readonly PathStep[]): FlatStep[] {
  const out: FlatStep[] = [];
  path.forEach((step, i) => {
    if (typeof step === 'object' && step !== null && 'parallel' in step) {
      step.parallel.forEach((branch, b) => {
        const group = { step: i, branch: b };
        if (Array.isArray(branch)) branch.forEach((s, k) => out.push(call(s, ['path', i, 'parallel', b, k], group)));
        else out.push(call(branch, ['path', i, 'parallel', b], group));
      });
    } else out.push(call(step, ['path', i]));
  });
  return out;
}

/** Where hop `index` of `flow.path` is written, for a finding's location. */
export function hopSpecPath(flow: ModelFlow, index: number): SpecPath {
  return flow.hops?.[index]?.specPath ?? [...flow.specPath, 'path', index];
}
