// diagrams/ is in step with the specs: each reference solution's mermaid source matches its .mmd
// file, and its .svg was rendered from exactly that source (a hash stamped in it). No browser needed;
// `npm run diagrams` fixes any failure here.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { galleryEntries, gallerySource, orphanFiles, sourceHash, stampSvg, svgStamp } from '../../src/diagrams/gallery.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, 'diagrams');
const FIX = 'run `npm run diagrams` and commit diagrams/';
const { entries } = galleryEntries(ROOT);

describe('diagrams/ (reference solutions)', () => {
  it('covers every stage of every shipped problem', () => {
    const problems = new Set(entries.map((e) => e.name.split('/')[0]));
    expect(problems.size).toBeGreaterThan(0);
    for (const e of entries) expect(e.name).toMatch(/^[a-z0-9-]+\/stage-\d+$/);
  });

  it.each(entries.map((e) => [e.name, e] as const))('%s is up to date', (_, e) => {
    const src = gallerySource(e.spec, e.givens);
    if (!src.ok) throw new Error(`${relative(ROOT, e.spec)} does not load:\n${src.error}`);
    const mmd = join(DIR, `${e.name}.mmd`);
    const svg = join(DIR, `${e.name}.svg`);
    expect(existsSync(mmd) && existsSync(svg), `diagrams/${e.name}.{mmd,svg} missing: ${FIX}`).toBe(true);
    expect(readFileSync(mmd, 'utf8'), `diagrams/${e.name}.mmd is stale: ${FIX}`).toBe(src.source);
    expect(svgStamp(readFileSync(svg, 'utf8')), `diagrams/${e.name}.svg was rendered from other source: ${FIX}`).toBe(sourceHash(src.source));
  });

  it('holds nothing else', () => {
    expect(orphanFiles(DIR, entries), `files no spec draws: ${FIX}`).toEqual([]);
  });
});

describe('the stamp', () => {
  it('goes right after the opening tag and is found again', () => {
    const svg = stampSvg('<svg id="a" width="1"><g/></svg>', 'flowchart LR\n');
    expect(svg).toMatch(/^<svg id="a" width="1"><metadata id="sdcoach-source">sha256:[0-9a-f]{64}<\/metadata><g\/><\/svg>$/);
    expect(svgStamp(svg)).toBe(sourceHash('flowchart LR\n'));
    expect(svgStamp(stampSvg(svg, 'other'))).toBe(sourceHash('other'));
    expect(svgStamp('<svg/>')).toBeUndefined();
  });
});
