// Bad input, one case per file in test/fixtures/bad/: each must be rejected with one clear diagnostic
// (code, line, message) rather than a crash, a hang or a wall of noise. Cases too big or odd to commit
// (a 50 MB file, 10 000 levels of nesting, a missing file, a directory) are generated below.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/specfile/diagnostic.js';
import { loadSpecFile, loadSpecText, type LoadResult } from '../../src/specfile/load.js';

const BAD = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

interface Case {
  file: string;
  code: string;
  /** Expected line of the diagnostic; null when it is about the file as a whole. */
  line: number | null;
  column?: number;
  /** A substring of the message. */
  message: string;
}

// prettier-ignore
const CASES: Case[] = [
  // Files that are not spec text at all.
  { file: 'empty.yaml', code: 'empty-file', line: null, message: 'is empty' },
  { file: 'only-comments.yaml', code: 'empty-file', line: 1, message: 'holds only comments' },
  { file: 'binary.yaml', code: 'binary-file', line: null, message: 'binary file' },
  { file: 'latin1.yaml', code: 'not-utf8', line: null, message: 'save it as UTF-8' },

  // YAML syntax.
  { file: 'bad-indent.yaml', code: 'yaml-bad-indent', line: 6, message: 'bad indentation' },
  { file: 'unclosed-quote.yaml', code: 'yaml-missing-char', line: 3, column: 7, message: 'a quoted value is never closed' },
  { file: 'unclosed-bracket.yaml', code: 'yaml-bad-indent', line: 4, column: 8, message: 'this { is never closed' },
  { file: 'tab-indent.yaml', code: 'yaml-tab-as-indent', line: 4, message: 'YAML indents with spaces only' },
  { file: 'missing-colon.yaml', code: 'yaml-multiline-implicit-key', line: 2, message: 'is a colon missing' },
  { file: 'duplicate-key.yaml', code: 'yaml-duplicate-key', line: 6, column: 3, message: 'duplicate key "api" (first on line 4)' },
  { file: 'alias-bomb.yaml', code: 'yaml-alias-bomb', line: 6, message: 'alias bomb' },
  { file: 'unresolved-alias.yaml', code: 'yaml-bad-alias', line: 4, column: 8, message: 'alias *svc refers to no anchor' },
  { file: 'multiple-documents.yaml', code: 'yaml-multiple-docs', line: 4, message: 'more than one YAML document' },
  { file: 'top-level-list.yaml', code: 'not-a-mapping', line: 2, message: 'this file holds a list' },
  { file: 'top-level-scalar.yaml', code: 'not-a-mapping', line: 1, message: 'this file holds a string' },
  { file: 'yaml-binary-tag.yaml', code: 'schema/type', line: 4, message: '"api" must be a mapping (key: value), found string' },

  // JSON syntax.
  { file: 'trailing-comma.json', code: 'json-trailing-comma', line: 4, column: 31, message: 'trailing comma' },
  { file: 'trailing-comma-array.json', code: 'json-trailing-comma', line: 2, column: 35, message: 'trailing comma' },
  { file: 'duplicate-key.json', code: 'yaml-duplicate-key', line: 5, column: 5, message: 'duplicate key "api"' },
  { file: 'json-comment.json', code: 'json-comment', line: 3, column: 3, message: 'comments are not allowed in JSON' },
  { file: 'json-single-quotes.json', code: 'json-syntax', line: 4, column: 5, message: 'double quotes' },
  { file: 'json-bare-word.json', code: 'json-syntax', line: 4, column: 43, message: 'unexpected "y"' },
  { file: 'json-truncated.json', code: 'json-syntax', line: 5, message: 'invalid JSON' },

  // Schema.
  { file: 'missing-components.yaml', code: 'schema/required', line: 2, message: 'missing required field "components"' },
  { file: 'missing-kind.yaml', code: 'schema/required', line: 4, message: 'component "api" is missing required field "kind"' },
  { file: 'unknown-field.yaml', code: 'schema/unknown-field', line: 6, column: 5, message: 'unknown field "replica" in component "api": did you mean "replicas"?' },
  { file: 'wrong-enum.yaml', code: 'schema/enum', line: 5, message: 'did you mean "database"?' },
  { file: 'wrong-enum-failover.yaml', code: 'schema/enum', line: 5, message: 'did you mean "active-passive"?' },
  { file: 'wrong-type.yaml', code: 'schema/type', line: 4, message: '"replicas" must be a whole number, found string "two"' },
  { file: 'regions-not-a-list.yaml', code: 'schema/type', line: 2, message: '"regions" must be a list' },
  { file: 'latency-wrong-shape.yaml', code: 'schema/type', line: 4, message: 'must be a number or a mapping with p50/p99, found a list' },
  { file: 'empty-value.yaml', code: 'schema/type', line: 4, message: 'found nothing (an empty value)' },
  { file: 'key-with-newline.yaml', code: 'schema/unknown-field', line: 6, column: 1, message: 'unknown field "name\\n" in the spec: did you mean "name"?' },
  { file: 'bad-component-id.yaml', code: 'schema/bad-key', line: 4, column: 3, message: '"orders api" is not a valid id' },
  { file: 'negative-replicas.yaml', code: 'schema/too-small', line: 3, message: '"replicas" must be >= 1' },
  { file: 'share-over-one.yaml', code: 'schema/too-large', line: 3, message: 'must be <= 1, found 60' },
  { file: 'latency-absurd.yaml', code: 'schema/too-large', line: 4, message: 'not a plausible figure' },
  { file: 'budget-absurd.yaml', code: 'schema/too-large', line: 6, message: 'must be <= 600000, found 3600000' },

  // Semantics (src/specfile/semantic.ts).
  { file: 'unknown-hop.yaml', code: 'unknown-component', line: 8, message: 'flow "checkout" hop 2 names unknown component "orders-sevice": did you mean "orders-service"?' },
  { file: 'unknown-pool.yaml', code: 'unknown-component', line: 7, column: 7, message: 'pool "paymets" names no component: did you mean "payments"?' },
  { file: 'undeclared-region.yaml', code: 'undeclared-region', line: 5, message: 'region "eu-west", which the spec does not declare in `regions` (declared: us-east, us-west): add it there' },
  { file: 'standby-undeclared.yaml', code: 'undeclared-region', line: 6, message: 'did you mean "us-west"?' },
  { file: 'user-shares.yaml', code: 'user-shares', line: 4, message: 'user shares sum to 0.9, not 1' },
  { file: 'standby-same-region.yaml', code: 'standby-same-region', line: 7, message: 'the same region as its primary' },
  { file: 'missing-standby.yaml', code: 'missing-standby', line: 6, message: 'needs a `standby` region' },
  { file: 'repeated-hop.yaml', code: 'repeated-hop', line: 9, message: 'visits "orders-api" twice in a row' },
  { file: 'field-wrong-kind.yaml', code: 'field-not-for-kind', line: 6, column: 5, message: '"hit_ratio" applies only to caches and CDNs; "orders-db" is a database' },
  { file: 'field-wrong-kind-external.yaml', code: 'field-not-for-kind', line: 7, column: 5, message: '"write_latency_ms" applies only to stateful components (stores, queues, streams, caches); "sms" is an external' },
  { file: 'threads-on-database.yaml', code: 'field-not-for-kind', line: 3, message: '"threads" applies only to services, gateways and workers' },
  { file: 'budget-order.yaml', code: 'budget-order', line: 9, message: 'the p50 budget (300 ms) is above the p99 budget (100 ms)' },
  { file: 'latency-order.yaml', code: 'latency-order', line: 5, message: 'p50 (40 ms) is above p99 (8 ms)' },
  { file: 'unknown-region.yaml', code: 'unknown-region', line: 2, message: 'unknown region "eu-wset": did you mean "eu-west"?' },
  { file: 'unknown-user-region.yaml', code: 'unknown-region', line: 2, message: 'did you mean "ap-northeast"?' },
  { file: 'unknown-region-no-guess.yaml', code: 'unknown-region', line: 1, message: 'unknown region "mars-north". sdcoach knows' },
  { file: 'prototype-regions.yaml', code: 'unknown-region', line: 2, message: 'unknown region "constructor"' },
  { file: 'external-unknown-region.yaml', code: 'unknown-region', line: 5, message: 'unknown region "moon-base" for external dependency "payments": use one of the spec\'s regions' },
  { file: 'residency-unknown.yaml', code: 'unknown-region', line: 6, message: 'residency "europe" is neither an area' },
  { file: 'strong-reads-missing-flow.yaml', code: 'unknown-flow', line: 9, message: 'strong_reads names unknown flow "get-balanse": did you mean "get-balance"?' },
  { file: 'strong-reads-write-flow.yaml', code: 'wrong-kind', line: 8, message: 'which is a write flow' },
  { file: 'prototype-names.yaml', code: 'unknown-component', line: 7, message: 'names unknown component "toString"' },
  { file: 'cqrs-unknown-store.yaml', code: 'unknown-component', line: 7, message: 'cqrs.queries names unknown component "summary-bd": did you mean "summary-db"?' },
  { file: 'cqrs-wrong-kind.yaml', code: 'wrong-kind', line: 7, message: 'cqrs.commands must be a store, but "orders-api" is a service' },
  { file: 'mesh-unknown-service.yaml', code: 'unknown-component', line: 8, message: 'mesh.services names unknown component "orders-ap": did you mean "orders-api"?' },
  { file: 'event-sourcing-unknown-store.yaml', code: 'unknown-component', line: 5, message: 'did you mean "events"?' },
  // Path steps (call steps and parallel groups), each pointing at the step or field at fault.
  { file: 'idempotency-unknown-store.yaml', code: 'unknown-component', line: 9, message: 'the idempotency key store of flow "checkout" hop 3 names unknown component "order-db": did you mean "orders-db"?' },
  { file: 'invariant-unknown-data.yaml', code: 'unknown-component', line: 8, message: 'invariant of flow "hold" protects "seat-db", which is neither a component nor a data class in workload.data: did you mean "seats-db"?' },
  { file: 'concurrency-on-service.yaml', code: 'wrong-kind', line: 8, message: 'concurrency says how a write to a store stays correct, but "api" is a service' },
  { file: 'step-unknown-component.yaml', code: 'unknown-component', line: 9, column: 38, message: 'flow "search" hop 3 names unknown component "shard-bd": did you mean "shard-db"?' },
  { file: 'step-fanout-zero.yaml', code: 'schema/too-small', line: 12, column: 32, message: '"fanout" must be >= 1, found 0' },
  { file: 'step-unknown-field.yaml', code: 'schema/unknown-field', line: 8, column: 32, message: 'did you mean "latency_ms"?' },
  { file: 'step-latency-order.yaml', code: 'latency-order', line: 11, column: 21, message: 'p50 (300 ms) is above p99 (100 ms)' },
  { file: 'parallel-one-branch.yaml', code: 'schema/too-few', line: 9, message: '"parallel" needs at least 2 items' },
  { file: 'parallel-first.yaml', code: 'parallel-first', line: 9, column: 9, message: 'starts with a parallel group' },
  { file: 'client-not-first.yaml', code: 'client-not-first', line: 6, message: 'a client can only be the first hop' },
  { file: 'primary-not-placed.yaml', code: 'primary-not-placed', line: 3, message: 'primary region "eu-west" is not one of "orders-db"\'s regions' },
  { file: 'publish-relay-not-worker.yaml', code: 'wrong-kind', line: 7, message: 'publish.relay must be a worker, but "api" is a service' },
  { file: 'publish-outbox-no-stream.yaml', code: 'missing-field', line: 10, message: 'publish via outbox needs `stream`: the stream or queue the change must reach' },
  { file: 'publish-on-service.yaml', code: 'publish-target', line: 11, message: 'publish goes on the step that writes a store; "api" is a service' },
  { file: 'partitions-on-service.yaml', code: 'field-not-for-kind', line: 3, message: '"partitions" applies only to databases, event stores, search indexes and caches; "api" is a service' },
  { file: 'worker-consumes-service.yaml', code: 'wrong-kind', line: 4, message: '"consumes" of worker "projector" must be a queue, stream or event store, or a database whose outbox or change log it reads' },
];

function diagnosticsOf(r: LoadResult): Diagnostic[] {
  return r.ok ? r.loaded.diagnostics : r.diagnostics;
}

/** Every diagnostic reads as one line `file:line:col  message  (code)` with a sane position. */
function expectWellFormed(ds: Diagnostic[], file: string) {
  for (const d of ds) {
    expect(d.file).toBe(file);
    expect(d.message.trim().length).toBeGreaterThan(0);
    expect(d.message).not.toMatch(/\n/);
    expect(d.message).not.toMatch(/\bundefined\b|\[object Object\]|\bnull null\b/);
    if (d.line !== undefined) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
  }
}

describe('bad spec files', () => {
  it.each(CASES)('$file: $code', ({ file, code, line, column, message }) => {
    const path = join(BAD, file);
    const r = loadSpecFile(path);
    expect(r.ok).toBe(false);
    const ds = diagnosticsOf(r);
    expectWellFormed(ds, path);
    const hit = ds.find((d) => d.code === code);
    expect(hit, `no ${code} among ${JSON.stringify(ds.map((d) => `${d.line}:${d.column} ${d.message} (${d.code})`))}`).toBeDefined();
    expect(hit!.severity).toBe('error');
    expect(hit!.message).toContain(message);
    if (line === null) expect(hit!.line).toBeUndefined();
    else expect(hit!.line).toBe(line);
    if (column !== undefined) expect(hit!.column).toBe(column);
  });

  it('has at least 32 committed cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(32);
  });

  it('accepts a JSON file with a byte-order mark (a BOM is not an error)', () => {
    const path = join(BAD, 'bom.json');
    const r = loadSpecFile(path);
    expect(r.ok, JSON.stringify(diagnosticsOf(r))).toBe(true);
    if (r.ok) expect(r.loaded.model.componentOrder).toEqual(['api']);
    // Text that still carries the BOM (stdin, an editor buffer) is accepted too.
    expect(loadSpecText('bom.json', '\uFEFF{"regions": ["us-east"], "components": {"api": {"kind": "service"}}}').ok).toBe(true);
    expect(loadSpecText('bom.yaml', '\uFEFFregions: [us-east]\ncomponents:\n  api: {kind: service}\n').ok).toBe(true);
  });

  it("warns of steer_s outside active-active on a store, not on a stateless tier's failover record", () => {
    const codes = (component: string) => {
      const r = loadSpecText('s.yaml', `regions: [us-east, us-west]\ncomponents:\n  ${component}\n`);
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      return r.loaded.diagnostics.map((d) => `${d.code} ${d.path?.join('.')}`);
    };
    expect(codes('db: {kind: database, regions: [us-east], failover: {mode: active-passive, standby: us-west, steer_s: 10}}')).toEqual([
      'unused-field components.db.failover.steer_s',
    ]);
    expect(codes('gw: {kind: gateway, failover: {mode: active-passive, standby: us-west, steer_s: 30}}')).toEqual([]);
    expect(codes('gw: {kind: gateway, failover: {mode: none, steer_s: 10}}')).toEqual(['unused-field components.gw.failover.steer_s']);
  });

  it('accepts a spec with only warnings, and reports the warnings', () => {
    const path = join(BAD, 'warnings-only.yaml');
    const r = loadSpecFile(path);
    expect(r.ok).toBe(true);
    const ds = diagnosticsOf(r);
    expectWellFormed(ds, path);
    expect(ds).toEqual([
      expect.objectContaining({
        code: 'unused-field',
        severity: 'warning',
        line: 6,
        message: expect.stringContaining('lag_ms only applies to async replication'),
      }),
    ]);
  });

  it('accepts a pool queue, with a warning that it is deprecated and ignored', () => {
    const r = loadSpecText(
      'queue.yaml',
      'regions: [us-east]\ncomponents:\n  api: {kind: service, pools: {db: {size: 10, queue: 5}}}\n  db: {kind: database}\n',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.loaded.model.components.api!.pools).toEqual([{ name: 'db', dependency: 'db', size: 10 }]);
    expect(diagnosticsOf(r)).toEqual([
      expect.objectContaining({
        code: 'deprecated-field',
        severity: 'warning',
        line: 3,
        message: expect.stringContaining('"queue" is deprecated and ignored'),
      }),
    ]);
  });

  it('accepts an external dependency in several regions, with a warning that only the first counts', () => {
    const path = join(BAD, 'warning-external-regions.yaml');
    const r = loadSpecFile(path);
    expect(r.ok).toBe(true);
    expect(diagnosticsOf(r)).toEqual([
      expect.objectContaining({
        code: 'external-regions',
        severity: 'warning',
        line: 5,
        message: expect.stringContaining('only its first region (us-east)'),
      }),
    ]);
  });

  it('keeps the deprecated strategy async-replication working, with a warning at its position naming multi-primary', () => {
    const path = join(BAD, 'warning-deprecated-strategy.yaml');
    const r = loadSpecFile(path);
    expect(r.ok).toBe(true);
    const ds = diagnosticsOf(r);
    expectWellFormed(ds, path);
    expect(ds).toEqual([
      expect.objectContaining({
        code: 'deprecated-value',
        severity: 'warning',
        line: 6,
        column: 28,
        message: expect.stringContaining('write "multi-primary"'),
      }),
      expect.objectContaining({
        code: 'unused-field',
        severity: 'warning',
        line: 8,
        message: expect.stringContaining('max_staleness_ms is ignored'),
      }),
    ]);
    if (r.ok) expect(r.loaded.model.patterns.multiRegion?.strategy).toBe('multi-primary');
  });

  it('reports both tab-indented lines, in order', () => {
    const r = loadSpecFile(join(BAD, 'tab-indent.yaml'));
    expect(diagnosticsOf(r).map((d) => [d.line, d.code])).toEqual([
      [4, 'yaml-tab-as-indent'],
      [5, 'yaml-tab-as-indent'],
    ]);
  });

  it('names both names that only exist on Object.prototype', () => {
    const ds = diagnosticsOf(loadSpecFile(join(BAD, 'prototype-names.yaml')));
    expect(ds.map((d) => d.code).sort()).toEqual(['unknown-component', 'unknown-flow']);
    expect(ds.find((d) => d.code === 'unknown-flow')!.message).toContain('unknown flow "constructor"');
  });
});

describe('generated bad input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sdcoach-bad-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a 50 MB file by its size, before reading or parsing it', () => {
    const file = join(dir, 'huge.yaml');
    const line = Buffer.from('# padding padding padding padding padding padding padding padding padding\n');
    const size = 50 * 1024 * 1024;
    const buf = Buffer.alloc(size, line);
    writeFileSync(file, buf);
    const start = performance.now();
    const r = loadSpecFile(file);
    const ms = performance.now() - start;
    expect(r.ok).toBe(false);
    const ds = diagnosticsOf(r);
    expect(ds).toEqual([expect.objectContaining({ file, code: 'file-too-large', message: expect.stringContaining('is 50.0 MB') })]);
    expect(ds[0]!.line).toBeUndefined();
    expect(ms).toBeLessThan(500);
  });

  it('reports a missing file', () => {
    const file = join(dir, 'no-such-spec.yaml');
    const r = loadSpecFile(file);
    expect(r.ok).toBe(false);
    expect(diagnosticsOf(r)).toEqual([expect.objectContaining({ file, code: 'file-not-found', message: 'no such file' })]);
  });

  it('reports a directory given as a file', () => {
    const r = loadSpecFile(dir);
    expect(r.ok).toBe(false);
    expect(diagnosticsOf(r)).toEqual([
      expect.objectContaining({ file: dir, code: 'is-directory', message: expect.stringContaining('is a directory') }),
    ]);
  });

  it('reports a generated binary file', () => {
    const file = join(dir, 'random.yaml');
    writeFileSync(file, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe]));
    expect(diagnosticsOf(loadSpecFile(file))).toEqual([expect.objectContaining({ code: 'binary-file' })]);
  });

  const N = 10_000;
  const deep: Record<string, string> = {
    'JSON arrays': `{"regions": ["us-east"], "components": {"api": {"kind": "service", "x": ${'['.repeat(N)}${']'.repeat(N)}}}}`,
    'JSON objects': `{"regions": ["us-east"], "components": ${'{"a": '.repeat(N)}1${'}'.repeat(N)}}`,
    'YAML flow mappings': `regions: [us-east]\ncomponents: ${'{a: '.repeat(N)}1${'}'.repeat(N)}\n`,
    'YAML block lists': `regions: [us-east]\nx:\n${'- '.repeat(N)}deep\n`,
    'unclosed brackets': '['.repeat(N),
  };

  it.each(Object.keys(deep))('rejects %s nested 10 000 levels with a clear error, not a stack overflow', (name) => {
    // Parse a tab-indented file first: that compiles a regular expression in yaml which, once hot, V8
    // recompiled deep inside the recursion and aborted the whole process (FATAL ERROR, not a RangeError).
    loadSpecFile(join(BAD, 'tab-indent.yaml'));
    const text = deep[name]!;
    const file = name.startsWith('JSON') ? 'deep.json' : 'deep.yaml';
    const start = performance.now();
    const r = loadSpecText(file, text);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    const ds = diagnosticsOf(r);
    expect(ds).toEqual([
      expect.objectContaining({ code: 'too-deep', message: expect.stringContaining('nesting is too deep to be a spec') }),
    ]);
    expect(ds[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it('rejects a 10 000-level file on disk the same way', () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, `${'['.repeat(N)}${']'.repeat(N)}`);
    expect(diagnosticsOf(loadSpecFile(file))).toEqual([expect.objectContaining({ file, code: 'too-deep', line: 1 })]);
  });

  it('still accepts ordinary nesting', () => {
    const r = loadSpecText(
      'ok.yaml',
      'regions: [us-east]\ncomponents:\n  api:\n    kind: service\n    pools:\n      db: {size: 10, timeout_ms: 100}\n  db: {kind: database}\n',
    );
    expect(r.ok, JSON.stringify(diagnosticsOf(r))).toBe(true);
  });

  it('rejects the alias bomb quickly, without expanding it', () => {
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const text = `regions: [us-east]\ncomponents:\n  api: {kind: service}\n${levels.join('\n')}\n`;
    const start = performance.now();
    const r = loadSpecText('bomb.yaml', text);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(diagnosticsOf(r)).toEqual([expect.objectContaining({ code: 'yaml-alias-bomb', line: 5 })]);
  });

  it('finds a duplicate among 40 000 keys without comparing every pair', () => {
    // yaml's own uniqueKeys check is quadratic: 40 000 keys took about 14 s, a 2 MB file minutes.
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`);
    keys.push('k7: 2');
    const text = `regions: [us-east]\ncomponents: {api: {kind: service}}\nx: {${keys.join(', ')}}\n`;
    const start = performance.now();
    const r = loadSpecText('keys.yaml', text);
    expect(performance.now() - start).toBeLessThan(8000);
    expect(diagnosticsOf(r)).toEqual([
      expect.objectContaining({ code: 'yaml-duplicate-key', line: 3, message: expect.stringContaining('duplicate key "k7"') }),
    ]);
  });

  it('does not turn YAML 1.1 tags into non-JSON values', () => {
    const r = loadSpecText('tags.yaml', 'regions: [us-east]\nname: !!timestamp 2024-01-01\ncomponents: !!set {api}\n');
    expect(r.ok).toBe(false);
    const ds = diagnosticsOf(r);
    expectWellFormed(ds, 'tags.yaml');
    expect(ds).toEqual([
      expect.objectContaining({
        code: 'schema/type',
        line: 3,
        message: '"api" must be a mapping (key: value), found nothing (an empty value)',
      }),
    ]);
  });
});

describe('a file of many YAML syntax errors', () => {
  it('lists the first 100, each at its line, and counts the rest', () => {
    // Each line `  fN: {a: [x, y]}}}` leaves two stray closing braces: 12 errors per line by the yaml package's count
    // (review attack: 50,000 such lines printed 600,000 errors, took 30 s and ended in a stack overflow).
    const lines = 500;
    const text = `flows:\n${Array.from({ length: lines }, (_, i) => `  f${i}: {a: [x, y]}}}\n`).join('')}`;
    const r = loadSpecText('many-errors.yaml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(101);
    expect(r.diagnostics.slice(0, 100).every((d) => d.line !== undefined && d.code?.startsWith('yaml-'))).toBe(true);
    const more = r.diagnostics[100]!;
    expect(more.code).toBe('more-problems');
    const counted = Number(/\.\.\. and ([\d,]+) more problems/.exec(more.message)![1]!.replace(/,/g, ''));
    // every error beyond the first 100 is counted, none dropped: at least two a line
    expect(counted + 100).toBeGreaterThanOrEqual(2 * lines);
  });
});
