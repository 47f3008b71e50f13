// Writes the kind-specific part of the component schema into schemas/spec.schema.json: an `allOf`
// at the end of $defs.component with one if/then per kind, forbidding the fields that do not apply
// to that kind (the same rules `validate` applies, from src/specfile/semantic.ts FIELD_KINDS) and
// describing each field with that kind's default (src/data/figures.ts). Editors with the plain YAML
// language server then flag `threads` on a cache and show "a database defaults to 1 replica".
// `--check` exits 1 when the schema is out of date (the test suite runs it). Needs dist/ (npm run build).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, parseDocument } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = `${root}schemas/spec.schema.json`;
const { FIELD_KINDS } = await import(`${root}dist/specfile/semantic.js`);
const figures = await import(`${root}dist/data/figures.js`);
const { KIND_DEFAULTS, DEFAULT_THREADS, DEFAULT_HIT_RATIO, DEFAULT_WORKER_LAG_MS } = figures;

const a = (kind) => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);
const num = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : 'unlimited');
const RUNS_CODE = FIELD_KINDS.threads.kinds;

export function kindBlocks() {
  return Object.entries(KIND_DEFAULTS).map(([kind, d]) => {
    const properties = {};
    for (const [field, rule] of Object.entries(FIELD_KINDS)) {
      if (!rule.kinds.has(kind)) properties[field] = { not: {}, description: `"${field}" applies only to ${rule.say}, not to ${a(kind)}.` };
    }
    properties.replicas = { description: `Replicas per region; ${a(kind)} defaults to ${num(d.replicas)}.` };
    properties.capacity_rps = { description: `Requests/s one replica serves; ${a(kind)} defaults to ${num(d.capacityRps)}.` };
    properties.latency_ms = {
      description: `Processing time per request${d.stateful ? ' (reads)' : ''}; ${a(kind)} defaults to p50 ${d.latency.p50} ms, p99 ${d.latency.p99} ms.`,
    };
    if (FIELD_KINDS.write_latency_ms.kinds.has(kind))
      properties.write_latency_ms = {
        description: `Processing time of a write; ${a(kind)} defaults to p50 ${d.writeLatency.p50} ms, p99 ${d.writeLatency.p99} ms.`,
      };
    properties.availability = {
      description: `Availability of its deployment in one region; ${a(kind)} defaults to ${d.availability * 100}%.`,
    };
    if (RUNS_CODE.has(kind)) properties.threads = { description: `Request threads per replica; default ${DEFAULT_THREADS}.` };
    if (FIELD_KINDS.hit_ratio.kinds.has(kind))
      properties.hit_ratio = { description: `Share of requests answered without going further; default ${DEFAULT_HIT_RATIO}.` };
    if (FIELD_KINDS.lag_ms.kinds.has(kind))
      properties.lag_ms = { description: `Delay from event to write; default ${DEFAULT_WORKER_LAG_MS} ms.` };
    return { if: { properties: { kind: { const: kind } }, required: ['kind'] }, then: { properties } };
  });
}

/**
 * The schema text with the blocks spliced in as text (the allOf replaced, or added after the
 * component's last member), so the rest of the file keeps its exact formatting.
 */
export function withKindBlocks(text) {
  const doc = parseDocument(text);
  const component = doc.getIn(['$defs', 'component'], true);
  if (!isMap(component)) throw new Error('schemas/spec.schema.json has no $defs.component object');
  const json = JSON.stringify(kindBlocks(), null, 2).replace(/\n/g, '\n      ');
  const existing = component.items.find((p) => isScalar(p.key) && p.key.value === 'allOf');
  if (existing) {
    const [start, end] = existing.value.range;
    return `${text.slice(0, start)}${json}${text.slice(end)}`;
  }
  const close = text.lastIndexOf('}', component.range[1] - 1);
  let last = close - 1;
  while (/\s/.test(text[last])) last--;
  return `${text.slice(0, last + 1)},\n      "allOf": ${json}${text.slice(last + 1)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const current = readFileSync(file, 'utf8');
  const next = withKindBlocks(current);
  if (process.argv.includes('--check')) {
    if (current !== next) {
      console.error(
        'schemas/spec.schema.json: the per-kind conditionals are out of date: run `npm run gen:schema-kinds` (then `npm run gen:types`).',
      );
      process.exit(1);
    }
  } else if (current !== next) {
    writeFileSync(file, next);
    console.log('updated schemas/spec.schema.json');
  }
}
