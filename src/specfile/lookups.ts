// Lookups over the Model that analysis and checks share: components by id, where replicas live,
// round trips between regions, and the nearest replica of a component from a region.
import type { Model, ModelComponent } from './model.js';

export function componentById(model: Model, id: string): ModelComponent | undefined {
  return model.components[id];
}

/** Regions that hold a copy of the component: its placements plus a failover standby. */
export function replicaRegions(c: ModelComponent): string[] {
  const out = [...c.regions];
  if (c.failover?.standby && !out.includes(c.failover.standby)) out.push(c.failover.standby);
  return out;
}

/** Round trip between two regions, ms; undefined when the model has no figure for the pair. */
export function rttMs(model: Model, a: string, b: string): number | undefined {
  return model.network.rttMs[a]?.[b];
}

export function rttSourceOf(model: Model, a: string, b: string): 'measured' | 'course' | 'spec' | undefined {
  return model.network.rttSource[a]?.[b];
}

/** The region of the component's deployment closest to `from` (serving regions only, not a standby). */
export function nearestRegion(model: Model, c: ModelComponent, from: string): { region: string; rttMs: number } | undefined {
  // By index, one object at the end: a for-of and an object per better candidate allocate in the interpreter.
  const regions = c.regions;
  const row = model.network.rttMs[from];
  let bestRegion: string | undefined;
  let bestMs = 0;
  for (let i = 0; i < regions.length; i++) {
    const r = regions[i]!;
    const ms = row?.[r];
    if (ms === undefined) continue;
    if (bestRegion === undefined || ms < bestMs) {
      bestRegion = r;
      bestMs = ms;
    }
  }
  return bestRegion === undefined ? undefined : { region: bestRegion, rttMs: bestMs };
}

export function isStore(c: ModelComponent): boolean {
  return c.stateful;
}
