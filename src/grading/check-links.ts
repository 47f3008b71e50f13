// Where a check is explained: its section of docs/checks.md (the heading "### `topic/name`", whose
// GitHub anchor drops the slash). Used by SARIF (helpUri) and the language server (codeDescription).
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHECKS_DOC = fileURLToPath(new URL('../../docs/checks.md', import.meta.url));

/** The anchor GitHub (and most markdown renderers) give the check's heading. */
export function checkAnchor(id: string): string {
  return id.replace(/\//g, '').toLowerCase();
}

/**
 * An absolute link to the check's section: under SDCOACH_DOCS_URL when set (e.g. the repository's
 * docs/checks.md on GitHub, for CI annotations), else the file shipped with this install.
 */
export function checkDocsUrl(id: string, base: string | undefined = process.env.SDCOACH_DOCS_URL): string {
  const doc = base || pathToFileURL(CHECKS_DOC).href;
  return `${doc}#${checkAnchor(id)}`;
}
