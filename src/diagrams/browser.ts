// Finding a Chromium to render with, without loading puppeteer: PUPPETEER_EXECUTABLE_PATH, then the
// system paths, then puppeteer's own download. Also the launch flags, and what to say when none exists.
import { existsSync } from 'node:fs';

export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
] as const;

/** Headless flags: no sandbox (root in CI), and nothing that reaches the network on its own. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

export const INSTALL_HINT = [
  'svg, png and pdf output render the diagram in a headless Chromium, and none was found.',
  'Install one, then run the command again:',
  '  Debian/Ubuntu:  sudo apt-get install chromium',
  '  macOS:          brew install --cask chromium',
  '  or point at any Chrome/Chromium:  PUPPETEER_EXECUTABLE_PATH=/path/to/chrome sdcoach diagram ...',
  'Mermaid source (--format mmd), Markdown (--format md) and --ascii need no browser.',
].join('\n');

export class BrowserNotFoundError extends Error {
  constructor(detail?: string) {
    super(detail ? `${detail}\n${INSTALL_HINT}` : INSTALL_HINT);
    this.name = 'BrowserNotFoundError';
  }
}

export interface FoundBrowser {
  path: string;
  source: 'PUPPETEER_EXECUTABLE_PATH' | 'system' | 'puppeteer';
}

/**
 * The browser to launch. `puppeteerPath` is puppeteer's own download location (asked only when
 * nothing else is found). Throws BrowserNotFoundError when nothing exists, and when
 * PUPPETEER_EXECUTABLE_PATH names a file that is not there (a typo should not be silently skipped).
 */
export function findBrowser(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = existsSync,
  puppeteerPath?: () => string | undefined,
): FoundBrowser {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (exists(fromEnv)) return { path: fromEnv, source: 'PUPPETEER_EXECUTABLE_PATH' };
    throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH is set to ${fromEnv}, which does not exist.`);
  }
  for (const p of SYSTEM_BROWSERS) if (exists(p)) return { path: p, source: 'system' };
  let downloaded: string | undefined;
  try {
    downloaded = puppeteerPath?.();
  } catch {
    downloaded = undefined;
  }
  if (downloaded && exists(downloaded)) return { path: downloaded, source: 'puppeteer' };
  throw new BrowserNotFoundError();
}
