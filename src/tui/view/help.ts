// The help overlay: every key, what live grading does, and where progress is kept.
import { blank, hanging, line, seg, type Line } from './lines.js';
import { asInvoked } from '../../grading/invocation.js';

const STAGE_KEYS: [string, string][] = [
  ['e', 'open the spec file in $VISUAL or $EDITOR; the session resumes when the editor closes'],
  ['h', 'reveal the next hint for this stage (hints stay revealed next time)'],
  ['n', 'go to the next stage, once this one has passed'],
  ['s', 'the reference solution beside your spec, once the stage has passed (or with --reveal)'],
  [
    'w',
    'estimate stages: open or close the derivations, the worked reasoning of each quantity. Each is earned by an answer in range, or all of them once every hint is shown; before that w says what earns them',
  ],
  ['d', 'show or hide the diagram pane'],
  ['g', "drill: the stage's what-if scenario (else losing the busiest region) run on your design, phase by phase with ← →"],
  ['r', 'grade the file again now'],
  ['↑ ↓ j k', 'scroll the results (PgUp PgDn, Home End)'],
  ['Tab', 'switch between the prompt and the results on narrow terminals'],
  ['Esc', 'back to the problem list'],
  ['q', 'quit; progress is saved'],
  ['?', 'this help'],
];

const PICKER_KEYS: [string, string][] = [
  ['letters', 'filter by id, title, topic or difficulty (e.g. "cqrs", "staff")'],
  ['↑ ↓', 'choose a problem'],
  [
    'Enter',
    'start it, or resume where you left off; on the first row, drills:estimation, leave this screen for quick-fire estimation questions (the same as sdcoach practice --drills estimation)',
  ],
  ['Esc', 'clear the filter; with no filter, quit'],
  ['Ctrl+C', 'quit from anywhere'],
];

export function helpLines(width: number, progressFile: string | undefined): Line[] {
  const keyw = 9;
  const rows = (keys: [string, string][]) => keys.flatMap(([k, d]) => hanging([seg(`  ${k.padEnd(keyw)}`, 'key', true)], d, width));
  const out: Line[] = [
    line(seg('Practising a stage', undefined, true)),
    ...hanging(
      [],
      "Write your design in the spec file named above the results, in any editor. Every save is graded against the stage's rubric and the results update here; a file that does not load shows its errors with their lines instead.",
      width,
      'dim',
    ),
    blank(),
    ...rows(STAGE_KEYS),
    blank(),
    line(seg('Choosing a problem', undefined, true)),
    ...rows(PICKER_KEYS),
    blank(),
    ...hanging(
      [],
      asInvoked(
        `Progress (stages passed, best scores, hints, time) is kept in ${progressFile ?? 'the state folder'}; sdcoach progress prints it. Grade without this screen: sdcoach grade <file> --problem <id> --stage <n>.`,
      ),
      width,
      'dim',
    ),
    blank(),
    line(seg('↑ ↓ scroll · any other key closes this help', 'dim')),
  ];
  return out;
}
