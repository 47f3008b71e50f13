// loadProblem reads problem.yaml as a spec is read: the fast readers where they answer, else the full parser.
// On every shipped problem file the fast readers must give the full parser's data and positions exactly.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastProblemRead } from '../../src/problems/problem.js';
import { createLocator } from '../../src/specfile/locate.js';
import { parseSource } from '../../src/specfile/parse.js';
import { paths, ROOT } from '../specfile/yaml-files.js';

const files = readdirSync(join(ROOT, 'problems'))
  .sort()
  .map((id) => join(ROOT, 'problems', id, 'problem.yaml'));

describe('problem files through the fast readers', () => {
  it('most take the fast path, each with the full parser data and every position', () => {
    let fast = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const read = fastProblemRead(text);
      if (!read) continue;
      fast++;
      const full = parseSource(file, text);
      if (!full.ok) throw new Error(`${file}: ${full.diagnostics[0]?.message}`);
      expect(read.data, file).toEqual(full.parsed.data);
      const slow = createLocator(full.parsed);
      for (const p of paths(full.parsed.data)) {
        expect(read.locate!(p), `${file} ${p.join('.')}`).toEqual(slow(p));
        if (p.length) expect(read.locate!(p, { key: true }), `${file} ${p.join('.')} (key)`).toEqual(slow(p, { key: true }));
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(fast).toBeGreaterThanOrEqual(20);
  });
});
