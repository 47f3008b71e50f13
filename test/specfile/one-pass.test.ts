// `validate` reports every problem it can find in one pass: schema problems and the semantic ones
// elsewhere in the spec together; and the schema itself carries the per-kind rules (generated from
// the same table the semantic pass uses) so editors flag them too.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecText } from '../../src/specfile/load.js';
import { FIELD_KINDS } from '../../src/specfile/semantic.js';
import { ROOT, sdcoach } from '../cli/run-cli.js';

const codes = (text: string) => {
  const r = loadSpecText('s.yaml', text);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.diagnostics.map((d) => `${d.line}:${d.code}`);
};

describe('one pass', () => {
  it('a misspelt field, a field of another kind and an undeclared region, all at once', () => {
    const text = [
      'regions: [us-east]',
      'components:',
      '  api: {kind: service, threds: 200}',
      '  c: {kind: cache, threads: 5}',
      '  db: {kind: database, regions: [us-eats]}',
      '',
    ].join('\n');
    expect(codes(text)).toEqual(['3:schema/unknown-field', '4:field-not-for-kind', '5:undeclared-region']);
  });

  it('does not report consequences of a value the schema rejected', () => {
    // users.us-east is not a number: the shares cannot be summed, so no user-shares error on top.
    const text = [
      'regions: [us-east, eu-west]',
      'users: {us-east: "most", eu-west: 0.1}',
      'components:',
      '  api: {kind: service}',
      '',
    ].join('\n');
    expect(codes(text)).toEqual(['2:schema/type']);
  });

  it('a semantic problem elsewhere still shows next to a schema one', () => {
    const text = [
      'regions: [us-east]',
      'components:',
      '  api: {kind: service, replicas: -1}',
      'flows:',
      '  f: {kind: read, rate: 10, path: [api, nope]}',
      '',
    ].join('\n');
    expect(codes(text)).toEqual(['3:schema/too-small', '5:unknown-component']);
  });
});

describe('per-kind conditionals in the schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/spec.schema.json'), 'utf8')) as {
    $defs: {
      component: {
        allOf: {
          if: { properties: { kind: { const: string } } };
          then: { properties: Record<string, { not?: object; description?: string }> };
        }[];
      };
    };
  };
  const blocks = schema.$defs.component.allOf;

  it('are current (npm run gen:schema-kinds)', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/gen-schema-kinds.mjs'), '--check'], { cwd: ROOT, stdio: 'pipe' });
  });

  it('forbid exactly the fields the semantic rules forbid, per kind', () => {
    for (const b of blocks) {
      const kind = b.if.properties.kind.const;
      const forbidden = Object.entries(b.then.properties)
        .filter(([, p]) => p.not)
        .map(([f]) => f)
        .sort();
      const expected = Object.entries(FIELD_KINDS)
        .filter(([, r]) => !r.kinds.has(kind as never))
        .map(([f]) => f)
        .sort();
      expect(forbidden, kind).toEqual(expected);
    }
    const cache = blocks.find((b) => b.if.properties.kind.const === 'cache')!;
    expect(cache.then.properties.threads!.not).toEqual({});
  });

  it('describe the default of each kind', () => {
    const db = blocks.find((b) => b.if.properties.kind.const === 'database')!;
    expect(db.then.properties.replicas!.description).toContain('a database defaults to 1');
    expect(db.then.properties.capacity_rps!.description).toContain('10,000');
  });
});

describe('sdcoach schema rubric|problem', () => {
  it('prints each shipped schema, and its path', () => {
    for (const name of ['rubric', 'problem']) {
      const r = sdcoach(['schema', name]);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, `schemas/${name}.schema.json`), 'utf8')));
      expect(sdcoach(['schema', name, '--path']).stdout.trim()).toBe(join(ROOT, `schemas/${name}.schema.json`));
    }
    expect(sdcoach(['schema', 'nope']).status).toBe(2);
  });
});
