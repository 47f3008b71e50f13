#!/usr/bin/env node
// One-time, whole-tree changes of issue #19, run once on the merged tree (they would conflict with
// every branch if committed earlier). Idempotent: a second run changes nothing. It works by pattern,
// not by a list, so files that other branches added (new checks, new modules under src/spec/) are
// rewritten too:
//   1. src/spec/ -> src/specfile/ and test/spec/ -> test/specfile/ (git mv), with every path and
//      relative import that names them (code, docs, scripts, configs).
//   2. The imports of invocation.ts follow its move from src/problems/ to src/grading/.
//   3. Check<any> -> Check<unknown> (no-explicit-any: the registry holds checks of any options type).
//   4. eslint --fix (type imports, needless assertions), then prettier --write (the one-time reformat).
// Usage, at the repository root with a clean work tree: node scripts/finish-habits.mjs [--no-format]
// Then: npm run build && npm run typecheck && npx tsc -p tsconfig.test.json --noEmit && npm run lint
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const FROM = 'spec';
const TO = 'specfile';
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' });
const tracked = (path) => git('ls-files', '-z', '--', path).split('\0').filter(Boolean);
let changed = 0;

/** Moves a folder with git mv; when the target exists already (a second run after a merge that
 * added files under the old name), moves the files one by one. */
function moveFolder(from, to) {
  if (!existsSync(from)) return;
  if (!existsSync(to)) {
    git('mv', from, to);
    console.log(`moved ${from}/ -> ${to}/`);
    changed++;
  } else {
    for (const file of tracked(from)) {
      const target = join(to, relative(from, file));
      if (existsSync(target)) throw new Error(`${file} and ${target} both exist: merge them by hand, then run again`);
      mkdirSync(dirname(target), { recursive: true });
      git('mv', file, target);
      console.log(`moved ${file} -> ${target}`);
      changed++;
    }
  }
  // Whatever is left is untracked (editor files, outputs): say so rather than delete it.
  const left = existsSync(from) ? readdirSync(from, { recursive: true }).filter((f) => statSync(join(from, f)).isFile()) : [];
  if (left.length) console.warn(`warning: ${from}/ still holds untracked files: ${left.join(', ')}`);
  else if (existsSync(from)) removeEmpty(from);
}

function removeEmpty(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeEmpty(join(dir, e.name));
  if (!readdirSync(dir).length) rmdirSync(dir);
}

moveFolder(`src/${FROM}`, `src/${TO}`);
moveFolder(`test/${FROM}`, `test/${TO}`);

// Content rewrites. Specs, problems, fixtures and generated diagrams never name source folders;
// their bytes are left alone (tests assert positions in them).
const SKIP =
  /^scripts\/finish-habits\.mjs$|^(problems|examples|diagrams|test\/fixtures|test\/checks\/fixtures|test\/[^/]+\/fixtures|node_modules|dist)\/|(^|\/)package-lock\.json$|\.(svg|png|pdf|ico|snap)$/;
const CODE = /\.(ts|tsx|js|mjs|cjs)$/;

/** Each rewrite: which files, a pattern, its replacement. Every pattern no longer matches its own output. */
const REWRITES = [
  // Paths from the repository root, in code, docs, configs and scripts (dist/ mirrors src/).
  { files: () => true, re: new RegExp(`\\b(src|test|dist)/${FROM}/`, 'g'), to: `$1/${TO}/` },
  // Relative import specifiers that climb into the old folder: '../spec/x.js', '../../spec/x.js'.
  { files: (f) => CODE.test(f), re: new RegExp(`(['"\`])((?:\\.\\./)+)${FROM}/`, 'g'), to: `$1$2${TO}/` },
  // Build-script paths under a computed root: `${out}/spec/ajv-linear.js`.
  { files: (f) => /^scripts\/.*\.(mjs|js)$/.test(f), re: new RegExp(`(\\$\\{\\w+\\})/${FROM}/`, 'g'), to: `$1/${TO}/` },
  // The layer of the import zones, by name (eslint.config.js).
  { files: (f) => f === 'eslint.config.js', re: new RegExp(`^(\\s+)${FROM}: \\[`, 'gm'), to: `$1${TO}: [` },
  { files: (f) => f === 'eslint.config.js', re: new RegExp(`'${FROM}'`, 'g'), to: `'${TO}'` },
  // invocation.ts moved down to grading/ (grading/format/text.ts needs it; problems/ is downstream).
  { files: (f) => CODE.test(f), re: /\/problems\/invocation\.js(['"`])/g, to: '/grading/invocation.js$1' },
  { files: (f) => /^src\/problems\/[^/]+\.tsx?$/.test(f), re: /(['"`])\.\/invocation\.js(['"`])/g, to: '$1../grading/invocation.js$2' },
  // A check of any options type is a Check<unknown> (its run() is a method, so any Check<O> fits).
  { files: (f) => /\.tsx?$/.test(f), re: /\bCheck<any>/g, to: 'Check<unknown>' },
];

for (const file of tracked('.')) {
  if (SKIP.test(file) || !existsSync(file) || !statSync(file).isFile()) continue;
  const buf = readFileSync(file);
  if (buf.includes(0)) continue; // binary
  const text = buf.toString('utf8');
  let next = text;
  for (const r of REWRITES) if (r.files(file)) next = next.replace(r.re, r.to);
  if (next !== text) {
    writeFileSync(file, next);
    console.log(`rewrote ${file}`);
    changed++;
  }
}

if (existsSync('src/problems/invocation.ts'))
  console.warn('warning: src/problems/invocation.ts exists again (a merge?): fold it into src/grading/invocation.ts');
// Names a rewrite cannot see (a path built from parts): listed for a human to look at.
const leftovers = spawnSync(
  'git',
  [
    'grep',
    '-n',
    '-E',
    `(src|test|dist)/${FROM}/|['"]\\.\\./+${FROM}/|join\\([^)]*'${FROM}'`,
    '--',
    '.',
    ':!problems',
    ':!examples',
    ':!test/fixtures',
    ':!package-lock.json',
    ':!scripts/finish-habits.mjs',
  ],
  { encoding: 'utf8' },
).stdout.trim();
if (leftovers) console.warn(`warning: still naming the old folder:\n${leftovers}`);

if (!process.argv.includes('--no-format')) {
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  console.log('eslint --fix (type-aware: a minute or more) ...');
  // Exit status 1 means findings are left that need a hand; they are printed, the formatting still runs.
  const lint = spawnSync(bin('eslint'), ['--fix', '.'], { stdio: 'inherit' });
  console.log('prettier --write ...');
  const fmt = spawnSync(bin('prettier'), ['--write', '.', '--log-level', 'warn'], { stdio: 'inherit' });
  if (fmt.status !== 0) process.exitCode = 1;
  if (lint.status !== 0) {
    console.warn('eslint: findings are left (above) that need a hand fix');
    process.exitCode = 1;
  }
}
console.log(
  `${changed} moves and rewrites. Next: npm run build && npm run typecheck && npx tsc -p tsconfig.test.json --noEmit && npm run lint`,
);
