// A problem's mock interview (problem.yaml `interview`): the vague opening, the questions a candidate may
// ask and what each uncovers, the stages that grade the design and the deep dive, and the phases' time guide.
import type { Diagnostic, SpecPath } from '../specfile/diagnostic.js';

export const PHASES = ['clarify', 'estimate', 'api', 'design', 'deep_dive', 'decide'] as const;
export type Phase = (typeof PHASES)[number];

/** The time guide for a 45-minute interview (minutes per phase), scaled to other lengths. */
export const DEFAULT_PHASE_MINUTES: Record<Phase, number> = { clarify: 5, estimate: 7, api: 8, design: 15, deep_dive: 7, decide: 3 };

export const PHASE_TITLES: Record<Phase, string> = {
  clarify: 'Clarify the requirements',
  estimate: 'Estimate the scale',
  api: 'API and data model',
  design: 'High-level design',
  deep_dive: 'Deep dive',
  decide: 'Decisions and trade-offs',
};

export interface InterviewQuestion {
  id: string;
  ask: string;
  answer: string;
  /** Estimate facts the answer gives. */
  reveals: string[];
  /** A requirement that is not a number. */
  fact?: string;
  path: SpecPath;
}

export interface ProblemInterview {
  opening: string;
  /** What the interviewer asks in the design and deep-dive phases, when not the stages' own prompts. */
  designPrompt?: string;
  deepDivePrompt?: string;
  minutes: number;
  phases: Record<Phase, number>;
  questions: InterviewQuestion[];
  designStage: number;
  deepDiveStage: number;
  /** Absolute paths of recorded sessions. */
  reference: string;
  flawed: string[];
  path: SpecPath;
}

export interface RawInterview {
  opening: string;
  design_prompt?: string;
  deep_dive_prompt?: string;
  minutes?: number;
  phases?: Partial<Record<Phase, number>>;
  questions: { id: string; ask: string; answer: string; reveals?: string[]; fact?: string }[];
  design_stage: number;
  deep_dive_stage: number;
  reference: string;
  flawed?: string[];
}

/** Each phase's time guide in minutes for an interview of `length` minutes: the problem's guides, scaled. */
export function phaseGuides(iv: Pick<ProblemInterview, 'minutes' | 'phases'>, length: number): Record<Phase, number> {
  const scale = length / iv.minutes;
  return Object.fromEntries(PHASES.map((p) => [p, iv.phases[p] * scale])) as Record<Phase, number>;
}

/** A question is relevant when its answer uncovers something the later phases use. */
export function isRelevant(q: Pick<InterviewQuestion, 'reveals' | 'fact'>): boolean {
  return q.reveals.length > 0 || q.fact !== undefined;
}

/**
 * Reads problem.yaml's `interview` against the problem's stages: reveals name facts of the estimate stage,
 * the design and deep-dive stages exist and are design stages, ids are unique, every estimate fact can be
 * uncovered, and there is at least one distractor.
 */
export function readInterview(
  raw: RawInterview,
  stages: { kind: 'design' | 'estimate'; facts?: Record<string, unknown> }[],
  inside: (rel: string, path: SpecPath, what: string) => string,
  at: (path: SpecPath, message: string, code: string) => Diagnostic,
): { interview: ProblemInterview; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const base: SpecPath = ['interview'];
  const minutes = raw.minutes ?? 45;
  const scale = minutes / 45;
  const phases = Object.fromEntries(
    (Object.keys(DEFAULT_PHASE_MINUTES) as Phase[]).map((p) => [p, raw.phases?.[p] ?? Math.round(DEFAULT_PHASE_MINUTES[p] * scale * 10) / 10]),
  ) as Record<Phase, number>;
  const estimate = stages.find((s) => s.kind === 'estimate');
  const facts = new Set(Object.keys(estimate?.facts ?? {}));
  const seen = new Set<string>();
  const revealed = new Set<string>();
  const questions = raw.questions.map((q, i): InterviewQuestion => {
    const path: SpecPath = [...base, 'questions', i];
    if (seen.has(q.id)) diagnostics.push(at([...path, 'id'], `question id "${q.id}" is used twice`, 'duplicate-question'));
    seen.add(q.id);
    (q.reveals ?? []).forEach((f, j) => {
      if (!facts.has(f))
        diagnostics.push(
          at([...path, 'reveals', j], `question "${q.id}" reveals "${f}", which is not a fact of the estimate stage${facts.size ? ` (facts: ${[...facts].join(', ')})` : ' (the problem has no estimate stage)'}`, 'unknown-fact'),
        );
      revealed.add(f);
    });
    return { id: q.id, ask: q.ask, answer: q.answer, reveals: [...(q.reveals ?? [])], ...(q.fact !== undefined ? { fact: q.fact } : {}), path };
  });
  const missing = [...facts].filter((f) => !revealed.has(f));
  if (missing.length) diagnostics.push(at([...base, 'questions'], `no question reveals ${missing.join(', ')}: the candidate could never learn ${missing.length > 1 ? 'them' : 'it'}`, 'unreachable-fact'));
  if (!questions.some((q) => !isRelevant(q))) diagnostics.push(at([...base, 'questions'], 'the questions have no distractor (a question that reveals nothing): asking everything would cost nothing', 'no-distractor'));
  for (const [key, n] of [['design_stage', raw.design_stage], ['deep_dive_stage', raw.deep_dive_stage]] as const) {
    const s = stages[n - 1];
    if (!s) diagnostics.push(at([...base, key], `${key} is ${n}, but the problem has ${stages.length} stages`, 'bad-stage'));
    else if (s.kind !== 'design') diagnostics.push(at([...base, key], `${key} is ${n}, an estimate stage: name a design stage`, 'bad-stage'));
  }
  if (raw.deep_dive_stage < raw.design_stage) diagnostics.push(at([...base, 'deep_dive_stage'], 'the deep dive follows the design: deep_dive_stage must not come before design_stage', 'bad-stage'));
  const interview: ProblemInterview = {
    opening: raw.opening,
    ...(raw.design_prompt !== undefined ? { designPrompt: raw.design_prompt } : {}),
    ...(raw.deep_dive_prompt !== undefined ? { deepDivePrompt: raw.deep_dive_prompt } : {}),
    minutes,
    phases,
    questions,
    designStage: raw.design_stage,
    deepDiveStage: raw.deep_dive_stage,
    reference: inside(raw.reference, [...base, 'reference'], 'interview reference session'),
    flawed: (raw.flawed ?? []).map((f, i) => inside(f, [...base, 'flawed', i], 'interview flawed session')),
    path: base,
  };
  return { interview, diagnostics };
}
