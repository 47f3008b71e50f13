// Read:write ratio, the figure that says whether separating reads from writes (CQRS) pays off.

/** reads / writes; Infinity when there are reads and no writes, 0 when there is nothing. */
export function readWriteRatio(readsPerS: number, writesPerS: number): number {
  if (writesPerS === 0) return readsPerS > 0 ? Number.POSITIVE_INFINITY : 0;
  return readsPerS / writesPerS;
}
