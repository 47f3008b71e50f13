// Escaping for everything authored that goes into mermaid source: identifiers become generated
// safe ids, and label text keeps only plain characters, the rest as mermaid entity codes (#NN;).
//
// Why this strict: mermaid scans the whole source for `%%{...}%%` directives (which could switch
// securityLevel), treats `"`, brackets, `|`, `;` and `-->` as syntax, renders HTML in labels, reads
// `click`/`style` lines as commands, and rewrites any line matching /style.*:\S*#.*;/ (so `:` is
// an entity too: a label can never hold a raw colon). A label made only of letters, digits, spaces, a few
// inert punctuation marks and `#NN;` entities can do none of that.

/** Characters that pass into a label as they are; everything else becomes `#<code>;`. */
const PLAIN = /[\p{L}\p{N} .,/_+=@()?!'×·–✓✗⚠-]/u;
/** Characters dropped entirely: controls, bidi overrides, zero-width and other invisible marks. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

/**
 * Label text for mermaid (inside `["..."]`, `|"..."|`, subgraph titles): safe against every
 * syntax mermaid has (`%`, `#`, quotes, brackets, `<`, `>`, `;`, `|` and backticks all become
 * entities); letters of every script stay readable.
 */
export function mermaidText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (INVISIBLE.test(ch)) out += ch === '\n' || ch === '\t' || ch === '\r' ? ' ' : '';
    else out += PLAIN.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}

/** Several label lines joined by mermaid's line break (a tag we write, never the author). */
export function mermaidLines(lines: readonly string[]): string {
  return lines.map(mermaidText).join('<br/>');
}

/**
 * Plain text for places where mermaid entities are not decoded (the diagram title in front
 * matter): anything that is not a letter, digit or inert punctuation becomes a space.
 */
export function plainTitle(text: string, max = 120): string {
  const kept = [...text].map((ch) => (/[\p{L}\p{N} .,:/_+()!?'-]/u.test(ch) ? ch : ' ')).join('');
  const collapsed = kept.replace(/\s+/g, ' ').trim();
  return collapsed.length > max ? `${collapsed.slice(0, max - 1)}…` : collapsed;
}

/**
 * Hands out mermaid identifiers: readable (`n_orders_db_us_east`), made only of [A-Za-z0-9_],
 * always starting with a fixed prefix (so never a keyword such as `end`, `click` or `style`, and
 * never `o`/`x` right after an arrow), and unique even when two raw names map to the same text.
 */
export class IdAllocator {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  id(prefix: string, ...parts: string[]): string {
    const key = `${prefix}\u0000${parts.join('\u0000')}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const base = `${prefix}_${parts.map((p) => p.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'x').join('_')}`.slice(0, 80);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.taken.add(id);
    this.byKey.set(key, id);
    return id;
  }
}
