// The fast path's source map must agree with the full parser's, position for position, on every
// key and value of every real spec in the repository (examples, catalog, fixtures).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/specfile/fast-parse.js';
import { loadWithPositions } from '../../src/specfile/fast-locate.js';
import { createLocator } from '../../src/specfile/locate.js';
import { parseSource } from '../../src/specfile/parse.js';
import { paths, ROOT, yamlFiles } from './yaml-files.js';

const files = ['examples', 'problems', 'test/checks/fixtures', 'test/grading/fixtures'].flatMap((d) => yamlFiles(join(ROOT, d)));

describe('fast source map', () => {
  it('covers the repository specs', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('agrees with the full parser on every key and value', () => {
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!fastParse(text, 'yaml')) continue;
      const full = parseSource(file, text);
      if (!full.ok) continue;
      const slow = createLocator(full.parsed);
      const fast = loadWithPositions(text);
      for (const p of paths(full.parsed.data)) {
        expect(fast.locate(p), `${file} ${p.join('.')}`).toEqual(slow(p));
        if (p.length) expect(fast.locate(p, { key: true }), `${file} ${p.join('.')} (key)`).toEqual(slow(p, { key: true }));
        compared++;
      }
      // A missing key falls back to its closest parent, in both.
      expect(fast.locate(['components', 'no-such-component', 'replicas'])).toEqual(slow(['components', 'no-such-component', 'replicas']));
    }
    expect(compared).toBeGreaterThan(5000);
  });
});

describe('which text takes the fast path', () => {
  const spec = (extra: string) => `name: x\nregions: [us-east]\ncomponents:\n  api: {kind: service}${extra}\n`;

  it('takes it when "%", "&", "*" or "!" are words of a comment or a sentence', () => {
    for (const extra of ['  # 95 % of reads stay in the region', '  # R & D, 3 * 4, wow!', '\ndescription: 99.9 % & more']) {
      const fast = fastParse(spec(extra), 'yaml');
      expect(fast, extra).toBeDefined();
      const full = parseSource('x.yaml', spec(extra));
      expect(full.ok && full.parsed.data).toEqual(fast!.data);
    }
  });

  it('leaves anchors, aliases, tags and directives to the full parser, wherever a node can start', () => {
    for (const extra of [
      '\nbase: &b {kind: cache}',
      '\nother: *b',
      '\nn: !!str 3',
      '\nlist:\n  - &i 1',
      '\nflow: [1,&a 2]',
      '\nflow2: {a:*x}',
      '\nv:\n  !!int 3',
    ]) {
      expect(fastParse(spec(extra), 'yaml'), extra).toBeUndefined();
    }
    expect(fastParse(`%YAML 1.2\n---\n${spec('')}`, 'yaml')).toBeUndefined();
  });
});
