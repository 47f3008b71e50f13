// The drill checks, in the order they are listed by `sdcoach explain`: what-if scenarios run on the design.
import type { Check } from '../types.js';
import contained from './contained.js';
import headroom from './headroom.js';
import survives from './survives.js';

export const drillChecks: Check<unknown>[] = [survives, contained, headroom];
