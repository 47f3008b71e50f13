// The event-sourcing checks, in the order they are listed by `sdcoach explain`.
import type { Check } from '../types.js';
import noDualWrite from './no-dual-write.js';
import snapshots from './snapshots.js';
import sourceOfTruth from './source-of-truth.js';
import versioning from './versioning.js';

export const eventSourcingChecks: Check<unknown>[] = [sourceOfTruth, noDualWrite, snapshots, versioning];
