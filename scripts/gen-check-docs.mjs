// Writes docs/checks.md and the check table in docs/authoring.md from the built checks' metadata
// (`npm run docs:checks`; the build runs first). A test fails when either is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { checksMarkdown, withChecksTable } = await import(`${root}dist/grading/check-docs.js`);
writeFileSync(`${root}docs/checks.md`, checksMarkdown());
const authoring = `${root}docs/authoring.md`;
writeFileSync(authoring, withChecksTable(readFileSync(authoring, 'utf8')));
console.log('wrote docs/checks.md and the check table in docs/authoring.md');
