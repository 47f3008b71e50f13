// Ajv's generated code collects a sub-schema's errors with `vErrors = vErrors.concat(sub.errors)`,
// which copies every error found so far on each call: quadratic in the number of errors (a spec
// with 20,000 broken components took minutes). This rewrites that one statement to append in
// place, so validation stays linear. Used on the standalone code the build precompiles and on the
// code compiled at run time (tests).

const CONCAT = /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);/g;

export function linearErrors(code: string): string {
  return code.replace(
    CONCAT,
    (_m, fn: string) => `if (vErrors === null) vErrors = ${fn}.errors; else for (const e of ${fn}.errors) vErrors.push(e);`,
  );
}

/** How many concatenations the code has (the build checks the rewrite still applies). */
export function concatCount(code: string): number {
  return (code.match(/vErrors\.concat\(/g) ?? []).length;
}
