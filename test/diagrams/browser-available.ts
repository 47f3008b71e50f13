// Whether the tests that render in a real browser run: locally without Chromium they skip; in CI
// (which installs it) they must run, so there a missing browser fails them instead.
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer';
import { findBrowser } from '../../src/diagrams/browser.js';

function hasBrowser(): boolean {
  try {
    findBrowser(process.env, existsSync, () => puppeteer.executablePath());
    return true;
  } catch {
    return false;
  }
}

export const RENDER = hasBrowser() || Boolean(process.env.CI);
