// The environment every benchmarked child process runs in (bench.mjs, bench-diagrams.mjs, bench-practice.mjs).
// No NODE_EXTRA_CA_CERTS: a machine that sets it (this sandbox does) makes every node start parse a CA
// bundle, which adds the same ~80 ms to the baseline and to sdcoach and flatters the ratios.
const { NODE_EXTRA_CA_CERTS: _certs, ...plain } = process.env;

/** process.env without NODE_EXTRA_CA_CERTS. */
export const plainEnv = Object.freeze(plain);

/** plainEnv with NO_COLOR: output that is captured, not shown. */
export const childEnv = Object.freeze({ ...plain, NO_COLOR: '1' });
