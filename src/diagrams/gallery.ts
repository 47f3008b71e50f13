// The diagrams/ folder: every shipped problem's reference solutions, as mermaid source (.mmd) and
// rendered SVG stamped with the hash of that source. `npm run diagrams` writes it;
// a test proves it matches the specs without opening a browser.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyse } from '../analysis/analyse.js';
import { scanCatalogs } from '../problems/catalog.js';
import { loadProblem } from '../problems/problem.js';
import { stageGivens } from '../problems/stage-rubric.js';
import { formatDiagnostic } from '../specfile/diagnostic.js';
import type { Givens } from '../specfile/givens.js';
import { loadSpecFile, withGivens } from '../specfile/load.js';
import { designToMermaid } from './mermaid.js';

export interface GalleryEntry {
  /** The spec drawn. */
  spec: string;
  /** Output path without extension, relative to the diagrams folder: `order-history/stage-2`. */
  name: string;
  /** The stage's givens: the figures the grade uses, so the drawing shows the numbers the grade computes. */
  givens?: Givens;
}

export interface Gallery {
  entries: GalleryEntry[];
  /** Problems that could not be read (their own checks report why). */
  skipped: string[];
}

/** What diagrams/ should hold: each shipped problem's stages, in order. */
export function galleryEntries(root: string): Gallery {
  const entries: GalleryEntry[] = [];
  const skipped: string[] = [];
  const problems = join(root, 'problems');
  const { entries: found } = existsSync(problems) ? scanCatalogs([problems]) : { entries: [] };
  for (const e of found) {
    const p = loadProblem(e.dir);
    if (!p.ok) {
      skipped.push(`${e.dir}: ${p.diagnostics.map(formatDiagnostic).join('; ')}`);
      continue;
    }
    for (const s of p.problem.stages) {
      const givens = stageGivens(p.problem, s.number);
      entries.push({ spec: s.solution, name: `${e.id}/stage-${s.number}`, ...(givens ? { givens } : {}) });
    }
  }
  return { entries, skipped };
}

export type GallerySource = { ok: true; source: string } | { ok: false; error: string };

/** The mermaid source drawn for a gallery spec: the whole design with its stage's givens, no grading, default theme. */
export function gallerySource(spec: string, givens?: Givens): GallerySource {
  const loaded = loadSpecFile(spec);
  if (!loaded.ok) return { ok: false, error: loaded.diagnostics.map(formatDiagnostic).join('\n') };
  const { model } = withGivens(loaded.loaded, givens);
  return { ok: true, source: designToMermaid(model, analyse(model)) };
}

export function sourceHash(source: string): string {
  return createHash('sha256').update(source.replace(/\r\n/g, '\n')).digest('hex');
}

const STAMP = /<metadata id="sdcoach-source">sha256:([0-9a-f]{64})<\/metadata>/;

/** Puts the source's hash into the SVG, right after its opening tag. */
export function stampSvg(svg: string, source: string): string {
  const clean = svg.replace(STAMP, '');
  const open = clean.indexOf('>', clean.indexOf('<svg'));
  if (open < 0) throw new Error('not an SVG');
  return `${clean.slice(0, open + 1)}<metadata id="sdcoach-source">sha256:${sourceHash(source)}</metadata>${clean.slice(open + 1)}`;
}

/** The hash an SVG was rendered from, if it carries one. */
export function svgStamp(svg: string): string | undefined {
  return STAMP.exec(svg)?.[1];
}

/** Files under diagrams/ that no entry accounts for (a removed problem or stage). */
export function orphanFiles(dir: string, entries: readonly GalleryEntry[]): string[] {
  const expected = new Set(entries.flatMap((e) => [`${e.name}.mmd`, `${e.name}.svg`]));
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, f.name);
      if (f.isDirectory()) walk(abs);
      else if (/\.(mmd|svg)$/.test(f.name) && !expected.has(relative(dir, abs))) out.push(relative(dir, abs));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}
