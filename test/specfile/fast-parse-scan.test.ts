// needsFullParser (specfile/fast-parse.ts) is one pass over the text standing for a regex and a depth
// count: it must answer exactly as they do, on every YAML/JSON file of the repository and on random
// texts made of the characters the rules look at.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsFullParser } from '../../src/specfile/fast-parse.js';

// The reference: what fast-parse.ts tested before the single pass.
const RISKY = /(^|[[{,:?-])[ \t]*[&*!%]|(^|\s)\?(\s|$)|^(---|\.\.\.)(\s|$)|^\t|^ *\t/m;
const MAX_FAST_DEPTH = 32;
function tooDeep(text: string): boolean {
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (lineStart) {
      if (ch !== 10 && /\s/.test(text[i]!)) {
        if (++indent > 2 * MAX_FAST_DEPTH) return true;
        continue;
      }
      lineStart = false;
    }
    if (ch === 10) {
      lineStart = true;
      indent = 0;
    } else if (ch === 91 || ch === 123) {
      if (++depth > MAX_FAST_DEPTH) return true;
    } else if (ch === 93 || ch === 125) depth--;
  }
  return false;
}
const reference = (text: string) => tooDeep(text) || RISKY.test(text);

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
  }
  return out;
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('needsFullParser', () => {
  it('answers as the regex and the depth count on every YAML/JSON file of the repository', () => {
    const all = files(join(__dirname, '../..'));
    expect(all.length).toBeGreaterThan(100);
    const differ = all.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return needsFullParser(text) !== reference(text);
    });
    expect(differ).toEqual([]);
  });

  it('answers as they do on 200,000 random texts of the characters that matter', () => {
    // Line terminators of every kind, blanks (\s has Unicode ones), the node indicators and brackets.
    const alphabet = [
      '\n',
      '\r',
      '\u2028',
      '\u2029',
      ' ',
      ' ',
      '\t',
      '\u00a0',
      '\ufeff',
      '&',
      '*',
      '!',
      '%',
      '?',
      '-',
      '.',
      ':',
      ',',
      '[',
      ']',
      '{',
      '}',
      'a',
      '#',
      '"',
    ];
    const rnd = lcg(11);
    let differ = 0;
    let risky = 0;
    for (let i = 0; i < 200_000; i++) {
      const len = Math.floor(rnd() * 12);
      let text = '';
      for (let k = 0; k < len; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const want = reference(text);
      if (want) risky++;
      if (needsFullParser(text) !== want) differ++;
    }
    expect(differ).toBe(0);
    expect(risky).toBeGreaterThan(10_000); // the random texts exercise both answers
  });

  it('counts depth and indentation as before: 33 brackets or 65 blanks of indentation are too deep', () => {
    expect(needsFullParser('['.repeat(32) + ']'.repeat(32))).toBe(false);
    expect(needsFullParser('['.repeat(33) + ']'.repeat(33))).toBe(true);
    expect(needsFullParser(`a:\n${' '.repeat(64)}b: 1\n`)).toBe(false);
    expect(needsFullParser(`a:\n${' '.repeat(65)}b: 1\n`)).toBe(true);
  });
});
