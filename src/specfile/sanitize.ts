// The one sanitizer for text on its way out. Authored text (catalog titles and prompts, rubric
// messages, spec and file names, command-line arguments, progress-file excerpts) can carry escape
// sequences that move the cursor, clear the screen, set the window title or hide output, bidi
// controls that make text read differently from what it is, and newlines that start a line a CI
// runner reads as a command (GitHub's `::error::`). Each output format gets what it can carry:
//
//   terminal   control and bidi characters become visible codes (\x1b, \u202e); tab and newline stay
//   line       as terminal, and newline and CR become \n, \r: one line stays one line
//   markdown   line, then Markdown and HTML metacharacters escaped (mdEscape in format/markdown.ts)
//   xml        control characters as visible codes (XML 1.0 cannot carry them), markup escaped
//   github     line escaping first, then GitHub's workflow-command escaping of %, CR and LF

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Bidirectional formatting characters (Trojan Source): embeddings, overrides, isolates, marks. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function code(ch: string): string {
  const n = ch.charCodeAt(0);
  if (n === 0x0a) return '\\n';
  if (n === 0x0d) return '\\r';
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/** Terminal text that may span lines: control and bidi characters shown as codes; tab and newline kept. */
export function sanitizeTerminal(text: string): string {
  return text.replace(CONTROL, code).replace(BIDI, code);
}

/** One line of terminal or log text: as sanitizeTerminal, and a newline cannot start another line. */
export function sanitizeLine(text: string): string {
  return text.replace(/\t/g, ' ').replace(CONTROL_ALL, code).replace(BIDI, code);
}

/** XML text and attribute values: control characters as visible codes, markup escaped. */
export function sanitizeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, code) // eslint-disable-line no-control-regex
    .replace(BIDI, code)
    .replace(/[\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** GitHub workflow-command data (the message after `::`): one line, %, CR and LF escaped as GitHub reads them. */
export function sanitizeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(CONTROL, code).replace(BIDI, code);
}

/** GitHub workflow-command properties (file=, title=): as data, and `:` and `,` escaped too. */
export function sanitizeGithubProp(text: string): string {
  return sanitizeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
