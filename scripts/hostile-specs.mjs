// Large hostile specs for the bench (and the size tests): about 1 MB with thousands of errors.
// schema: every component breaks the schema (replicas below 1, an unknown field);
// semantic: valid shapes, but every flow names components that do not exist.

export function manyErrorsSpec(kind, targetBytes = 1024 * 1024) {
  const lines = ['regions: [us-east, eu-west]', 'components:'];
  let size = 0;
  let i = 0;
  const body = [];
  while (size < targetBytes * 0.6) {
    const line =
      kind === 'schema'
        ? `  c${i}: {kind: service, regions: [us-east], replicas: -1, threads: 0, colour: red}`
        : `  c${i}: {kind: service, regions: [us-east], replicas: 2}`;
    body.push(line);
    size += line.length + 1;
    i++;
  }
  lines.push(...body, 'flows:');
  for (let j = 0; size < targetBytes; j++) {
    const line = `  f${j}: {kind: read, rate: 10, path: [c${j % i}, missing-${j}], budget_ms: {p99: 100}}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}
