// A tiny store around the reducer: events are processed one at a time, in order; each one's
// effects run after its state is committed, and events they dispatch are queued behind.
import type { Effect, SessionEvent, Update } from './events.js';
import { update } from './reducer.js';
import type { SessionState } from './state.js';

export interface Store {
  // Properties, not methods: closures over the store, safe to pass unbound (useSyncExternalStore does).
  getState: () => SessionState;
  dispatch(event: SessionEvent): void;
  subscribe: (listener: () => void) => () => void;
  /** Runs effects returned by init() (call once the runner is ready). */
  start(effects: Effect[]): void;
}

export type EffectRunner = (effect: Effect, dispatch: (e: SessionEvent) => void) => void;

export function createStore(initial: Update<SessionState>, run: EffectRunner): Store {
  let state = initial.state;
  const listeners = new Set<() => void>();
  const queue: SessionEvent[] = [];
  let busy = false;
  const runAll = (effects: Effect[]) => {
    for (const e of effects) run(e, dispatch);
  };
  function dispatch(event: SessionEvent): void {
    queue.push(event);
    if (busy) return;
    busy = true;
    try {
      while (queue.length) {
        const next = update(state, queue.shift()!);
        if (next.state !== state) {
          state = next.state;
          for (const l of listeners) l();
        }
        runAll(next.effects);
      }
    } finally {
      busy = false;
    }
  }
  return {
    getState: () => state,
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(effects) {
      busy = true;
      try {
        runAll(effects);
      } finally {
        busy = false;
      }
      if (queue.length) dispatch(queue.shift()!);
    },
  };
}
