// Names are data, so a grade does not depend on them: a design whose component or flow is called
// `constructor`, `toString` or any other Object.prototype member is graded exactly as the same design
// with an ordinary name of the same length (same columns in every location), names mapped back. A
// map keyed by names that is a plain object finds the built-in for a name it does not hold, and its
// `??=` then writes onto Object itself: a load, a pool or a class quietly goes missing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportToJson, stringifyJson } from '../../src/grading/format/json.js';
import { gradeLoaded } from '../../src/grading/grade.js';
import { defaultRubric, type Rubric } from '../../src/grading/rubric.js';
import { rubricForProblem } from '../../src/cli/problem-rubric.js';
import { catalogDirs } from '../../src/problems/catalog.js';
import { loadSpecText } from '../../src/specfile/load.js';
import { ROOT } from '../cli/run-cli.js';

/** Every Object.prototype member a component or flow id may spell. */
const MEMBERS = Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(n));
const general = defaultRubric();

/** The rubric `sdcoach grade` picks: the spec's problem and stage (givens, drills, estimates), else the general one. */
function rubricOf(problem: string | undefined, stage: number | undefined): Rubric {
  if (!problem) return general;
  const r = rubricForProblem(problem, stage ?? 1, catalogDirs());
  if ('error' in r) throw new Error(r.error.join('\n'));
  return r.rubric;
}

function graded(text: string, rubric: Rubric): string | undefined {
  const r = loadSpecText('design.yaml', text);
  return r.ok ? stringifyJson(reportToJson(gradeLoaded(r.loaded, rubric))) : undefined;
}

/** `name` as a word of a spec (a key, a list item, a value); in a report it may follow a dot (components.<name>.regions). */
const word = (name: string, afterDot = false) =>
  new RegExp(`(?<![A-Za-z0-9_${afterDot ? '' : '.'}-])${name.replace(/[.]/g, '\\.')}(?![A-Za-z0-9_-])`, 'g');

/** `text` with `name` written as `to` wherever it stands as a word. */
const rename = (text: string, name: string, to: string) => text.replace(word(name), to);

const SPECS = [
  ...readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(ROOT, 'examples', f)),
  // Graded against their problem's stage: givens, drills (global-feed), estimates (order-history).
  ...['global-feed/solutions/stage-3.yaml', 'global-feed/solutions/stage-4.yaml', 'news-feed/solutions/stage-2.yaml'].map((f) =>
    join(ROOT, 'problems', f),
  ),
  join(ROOT, 'problems/order-history/solutions/stage-estimate.yaml'),
];

describe('a grade does not depend on names', () => {
  for (const file of SPECS) {
    it(`${file.slice(ROOT.length)}: each component, flow, data class and estimate renamed to a prototype member`, () => {
      const text = readFileSync(file, 'utf8');
      const loaded = loadSpecText(file, text);
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) return;
      const { model } = loaded.loaded;
      const rubric = rubricOf(model.problem, model.stage);
      // Components and flows take any member; data classes and estimates are lower case, so of the members
      // only constructor spells one of theirs.
      const names: [string, string][] = [...model.componentOrder, ...model.flowOrder].map((name, i) => [
        name,
        MEMBERS[i % MEMBERS.length]!,
      ]);
      for (const name of [...Object.keys(model.workload.data ?? {}), ...Object.keys(model.estimates ?? {})])
        names.push([name, 'constructor']);
      let compared = 0;
      for (const [name, member] of names) {
        // An ordinary name as long as the member, in no other use in the text.
        const plain = `q${'x'.repeat(member.length - 1)}`;
        if (word(plain).test(text) || word(member).test(text)) continue;
        const asMember = graded(rename(text, name, member), rubric);
        const asPlain = graded(rename(text, name, plain), rubric);
        // A name that is also a keyword of the format (a component called gateway) does not rename cleanly.
        if (asPlain === undefined) continue;
        expect(asMember, `${name} -> ${member}`).toBeDefined();
        expect(asMember!.replace(word(member, true), plain), `${name} -> ${member}`).toBe(asPlain);
        compared++;
      }
      expect(compared).toBeGreaterThan(names.length / 2);
    });
  }
});
