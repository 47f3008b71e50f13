// The cqrs checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import asyncProjection from './async-projection.js';
import noDualWrite from './no-dual-write.js';
import readModelServesReads from './read-model-serves-reads.js';
import readWriteRatio from './read-write-ratio.js';
import separateStores from './separate-stores.js';
import strongReadsOnWriteModel from './strong-reads-on-write-model.js';

export const cqrsChecks: Check<unknown>[] = [
  readWriteRatio,
  separateStores,
  readModelServesReads,
  strongReadsOnWriteModel,
  asyncProjection,
  noDualWrite,
];
