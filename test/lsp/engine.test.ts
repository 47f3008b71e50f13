// The language server's engine without the protocol: completion of regions and check ids, the
// token ranges diagnostics point at, and did-you-mean fixes only when the token is the misspelt word.
import { describe, expect, it } from 'vitest';
import { complete, didYouMean, Engine, tokenRange } from '../../src/lsp/engine.js';

const at = (text: string, marker: string) => {
  const i = text.indexOf(marker);
  const before = text.slice(0, i).split('\n');
  return { text: text.replace(marker, ''), pos: { line: before.length - 1, character: before.at(-1)!.length } };
};

describe('completion', () => {
  it("offers the spec's regions in a component's regions, every known region at the top", () => {
    const c = at('regions: [us-east, eu-west]\ncomponents:\n  api: {kind: service, regions: [|]}\n', '|');
    expect(complete(c.text, c.pos).map((i) => i.label)).toEqual(['us-east', 'eu-west']);
    const top = at('regions: [us-east, |]\ncomponents: {}\n', '|');
    const labels = complete(top.text, top.pos).map((i) => i.label);
    expect(labels).toContain('ap-northeast');
    expect(labels.length).toBeGreaterThan(2);
  });
  it('offers check ids in a rubric, with their titles', () => {
    const r = at('id: mine\ntitle: Mine\nchecks:\n  - id: |\n', '|');
    const items = complete(r.text, r.pos);
    expect(items.map((i) => i.label)).toContain('scalability/utilization');
    expect(items.every((i) => i.kind === 'check' && i.detail)).toBe(true);
  });
  it('offers component ids in a block-style path too', () => {
    const f = at(
      'regions: [us-east]\ncomponents:\n  api: {kind: service}\n  db: {kind: database}\nflows:\n  f:\n    kind: read\n    rate: 1\n    path:\n      - api\n      - |\n',
      '|',
    );
    expect(complete(f.text, f.pos).map((i) => i.label)).toEqual(['api', 'db']);
  });
});

describe('ranges and fixes', () => {
  it('a token ends at a flow-style delimiter; a quoted one includes its quotes', () => {
    expect(tokenRange(['  api: {kind: servce, replicas: 2}'], 1, 15)).toEqual({
      start: { line: 0, character: 14 },
      end: { line: 0, character: 20 },
    });
    expect(tokenRange(['{"kind": "servce"}'], 1, 10)).toEqual({ start: { line: 0, character: 9 }, end: { line: 0, character: 17 } });
  });
  it('reads the misspelt word and the suggestion from a message', () => {
    expect(didYouMean('unknown field "threds" in component "api": did you mean "threads"? Allowed: ...')).toEqual({
      wrong: ['threds', 'api'],
      right: 'threads',
    });
    expect(didYouMean('unknown field "zzz" in component "api".')).toBeUndefined();
  });
  it('the engine attaches the fix to a misspelt region, keeping JSON quotes', () => {
    const json = '{"regions": ["us-east"], "components": {"db": {"kind": "database", "regions": ["us-eats"]}}}';
    const a = new Engine().analyse('/x/s.json', json, 'json');
    const d = a.diagnostics.find((x) => x.message.includes('us-eats'))!;
    expect(d.fix).toBe('"us-east"');
  });
});

describe('hostile documents', () => {
  it('answers hover and completion in a document nested past the limit with nothing, without parsing it', () => {
    // 900,000 nested brackets held the server 18 s per completion (review attack); past 64 levels it is not read.
    const deep = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(complete(deep, { line: 0, character: 50_000 })).toEqual([]);
    expect(new Engine({ catalogs: [] }).analyse('deep.yaml', deep).diagnostics.length).toBeGreaterThan(0);
  });

  it('refuses a document over the 2 MB a file may have, with one diagnostic at its start', () => {
    const big = `name: x\ndescription: "${'a'.repeat(2 * 1024 * 1024)}"\n`;
    const r = new Engine({ catalogs: [] }).analyse('big.yaml', big);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'too-large', severity: 'error', range: { start: { line: 0, character: 0 } } });
    expect(r.diagnostics[0]!.message).toBe('this document is 2.0 MB; specs and rubrics are limited to 2 MB');
  });
});
