// `npm run diagrams`: regenerates diagrams/ from every shipped problem's reference solutions: mermaid
// source (.mmd) and SVG rendered in one browser, stamped with the source's hash.
// Files whose source has not changed are left alone (`--force` renders all); files no spec accounts
// for are removed. Run after `npm run build` (the npm script does).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'diagrams');
const force = process.argv.includes('--force');

const { galleryEntries, gallerySource, orphanFiles, stampSvg, svgStamp, sourceHash } = await import(join(root, 'dist/diagrams/gallery.js'));
const { openRenderer } = await import(join(root, 'dist/diagrams/render.js'));

const { entries, skipped } = galleryEntries(root);
for (const s of skipped) console.error(`skipped ${s}`);

let failed = 0;
const todo = [];
for (const e of entries) {
  const src = gallerySource(e.spec, e.givens);
  if (!src.ok) {
    console.error(`✗ ${relative(root, e.spec)}:\n${src.error}`);
    failed++;
    continue;
  }
  const mmd = join(out, `${e.name}.mmd`);
  const svg = join(out, `${e.name}.svg`);
  mkdirSync(dirname(mmd), { recursive: true });
  if (!existsSync(mmd) || readFileSync(mmd, 'utf8') !== src.source) writeFileSync(mmd, src.source);
  const current = existsSync(svg) ? svgStamp(readFileSync(svg, 'utf8')) : undefined;
  if (force || current !== sourceHash(src.source)) todo.push({ ...e, source: src.source, svg });
}

if (todo.length) {
  const renderer = await openRenderer({ expected: todo.length });
  try {
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const e = todo[next++];
        try {
          const data = new TextDecoder().decode(await renderer.render(e.source, 'svg'));
          writeFileSync(e.svg, stampSvg(data, e.source));
          console.log(`rendered diagrams/${e.name}.svg`);
        } catch (err) {
          console.error(`✗ diagrams/${e.name}.svg: ${err.message.split('\n')[0]}`);
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: renderer.concurrency }, worker));
  } finally {
    await renderer.close();
  }
}

for (const f of orphanFiles(out, entries)) {
  rmSync(join(out, f));
  console.log(`removed diagrams/${f} (no spec draws it any more)`);
}
console.log(
  `${entries.length} diagram(s): ${todo.length} rendered, ${entries.length - todo.length} already up to date${failed ? `, ${failed} failed` : ''}`,
);
process.exitCode = failed ? 1 : 0;
