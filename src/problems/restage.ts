// Moving a learner's spec file to another stage: its top-level `stage:` and the header comment
// the starter wrote (that stage's prompt) follow; the design below is never touched. Without
// this, `sdcoach grade` on the file grades the old stage while the practice screen shows the new one.
import type { Problem } from './problem.js';
import { schemaRefFor, starterHeader } from './render.js';

export type Restaged =
  | { ok: true; text: string; changed: boolean; header: boolean }
  | { ok: false; why: string };

/** The header starterHeader writes, as it stands at the top of a file (any stage, any $schema). */
function headerEnd(lines: string[], problem: Problem): number | undefined {
  if (!/^#\s*yaml-language-server:/.test(lines[0] ?? '')) return undefined;
  const title = lines[1] ?? '';
  if (!title.startsWith(`# ${problem.title} (${problem.id}), stage `)) return undefined;
  for (let i = 2; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.startsWith('#')) return undefined;
    if (l.startsWith('# Grade it: ')) return i;
  }
  return undefined;
}

export function restageSpec(text: string, problem: Problem, stage: number, file: string): Restaged {
  if (!problem.stages[stage - 1]) return { ok: false, why: `${problem.id} has no stage ${stage}` };
  const lines = text.split('\n');
  const stageLine = lines.findIndex((l) => /^stage:/.test(l));
  if (stageLine < 0) return { ok: false, why: 'it has no top-level `stage:` line' };
  const m = /^stage:[ \t]*(\S+?)([ \t]*(#.*)?)$/.exec(lines[stageLine]!);
  if (!m) return { ok: false, why: `its \`stage:\` line (line ${stageLine + 1}) is not a plain number` };
  const problemLine = lines.find((l) => /^problem:/.test(l));
  if (problemLine && problemLine.replace(/^problem:\s*/, '').replace(/\s*#.*$/, '').replace(/^["']|["']$/g, '') !== problem.id) {
    return { ok: false, why: `its \`problem:\` line names another problem` };
  }
  const out = [...lines];
  out[stageLine] = `stage: ${stage}${m[2] ?? ''}`;
  const end = headerEnd(out, problem);
  let header = false;
  if (end !== undefined) {
    // The $schema line keeps what the file had (the learner may have pointed it elsewhere).
    const schema = /\$schema=(.*)$/.exec(out[0]!)?.[1] ?? schemaRefFor(file);
    const fresh = starterHeader(problem, schema, stage).split('\n');
    // starterHeader ends with an empty line (the blank after the header): keep the file's own.
    out.splice(0, end + 1, ...fresh.slice(0, -1));
    header = true;
  }
  const next = out.join('\n');
  return { ok: true, text: next, changed: next !== text, header };
}
