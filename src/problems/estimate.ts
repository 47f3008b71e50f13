// Estimate stages: a problem states facts (10M users, 20 req/day, 5) and, per quantity, a formula over
// them; this computes each quantity from the facts with units (mathjs parses the formula; the
// arithmetic here allows only + - * / ^, ceil, round, min and max over facts and numbers, so authored
// text is never executed) and writes the derivation out with the facts in place.
import { ESTIMATE_TOLERANCE } from '../data/figures.js';
import type { EstimateReference } from '../analysis/estimates.js';
import { count } from '../checks/types.js';
import { describeDimension, inUnit, mathjs, parseQuantity, sameDimension, type MathNode, type Quantity } from '../specfile/units.js';
import type { Difficulty } from './problem.js';

export interface EstimateFact {
  value: string | number;
  label: string;
}

export interface EstimateQuantitySpec {
  label: string;
  unit: string;
  formula: string;
  derivation: string;
  tolerance?: number;
  flow?: string;
}

type Dimensioned = Pick<Quantity, 'value' | 'dims'>;

const FUNCTIONS: Record<string, (xs: Dimensioned[]) => Dimensioned> = {
  ceil: ([x]) => ({ value: Math.ceil(x!.value - 1e-9), dims: x!.dims }),
  round: ([x]) => ({ value: Math.round(x!.value), dims: x!.dims }),
  min: (xs) => xs.reduce((a, b) => (b.value < a.value ? b : a)),
  max: (xs) => xs.reduce((a, b) => (b.value > a.value ? b : a)),
};

const addDims = (a: readonly number[], b: readonly number[], sign: 1 | -1) => Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + sign * (b[i] ?? 0));

export class FormulaError extends Error {}

/** The same functions with rounding left out: what a formula gives before ceil() or round() make it whole. */
const UNROUNDED: Record<string, (xs: Dimensioned[]) => Dimensioned> = { ...FUNCTIONS, ceil: ([x]) => x!, round: ([x]) => x! };

/**
 * Evaluates a formula over the facts, with dimensions (`unrounded`: ceil and round leave their argument as it
 * is). Throws FormulaError on anything not allowed.
 */
export function evaluateFormula(formula: string, facts: Record<string, Dimensioned>, unrounded = false): Dimensioned {
  const functions = unrounded ? UNROUNDED : FUNCTIONS;
  let root: MathNode;
  try {
    root = mathjs().parse(formula);
  } catch (err) {
    throw new FormulaError(`cannot parse formula "${formula}": ${(err as Error).message}`);
  }
  const ev = (n: MathNode): Dimensioned => {
    switch (n.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number') throw new FormulaError(`only numbers may appear as constants in "${formula}"`);
        return { value: n.value, dims: [] };
      case 'ParenthesisNode':
        return ev(n.content!);
      case 'SymbolNode': {
        const f = facts[n.name!];
        if (!f) throw new FormulaError(`"${n.name}" in formula "${formula}" is not a fact of this stage (facts: ${Object.keys(facts).join(', ')})`);
        return f;
      }
      case 'FunctionNode': {
        const fname = (n.fn as MathNode | undefined)?.name ?? '';
        const fn = functions[fname];
        if (!fn || !n.args?.length) throw new FormulaError(`function "${fname}" is not allowed in "${formula}" (use ceil, round, min, max)`);
        const args = n.args.map(ev);
        if (args.some((a) => !sameDimension(a.dims, args[0]!.dims))) throw new FormulaError(`${fname}() needs arguments of one kind in "${formula}"`);
        return fn(args);
      }
      case 'OperatorNode': {
        const args = (n.args ?? []).map(ev);
        const [a, b] = args;
        if (n.fn === 'unaryMinus' && a) return { value: -a.value, dims: a.dims };
        if (n.fn === 'unaryPlus' && a) return a;
        if (!a || !b) break;
        switch (n.op) {
          case '+':
          case '-':
            if (!sameDimension(a.dims, b.dims)) throw new FormulaError(`"${formula}" adds ${describeDimension(a.dims)} to ${describeDimension(b.dims)}`);
            return { value: n.op === '+' ? a.value + b.value : a.value - b.value, dims: a.dims };
          case '*':
            return { value: a.value * b.value, dims: addDims(a.dims, b.dims, 1) };
          case '/':
            return { value: a.value / b.value, dims: addDims(a.dims, b.dims, -1) };
          case '^':
            if (b.dims.some((d) => d !== 0) || !Number.isInteger(b.value)) throw new FormulaError(`exponents must be whole numbers in "${formula}"`);
            return { value: a.value ** b.value, dims: a.dims.map((d) => d * b.value) };
        }
        break;
      }
    }
    throw new FormulaError(`"${formula}" uses something other than facts, numbers, + - * / ^ and ceil/round/min/max`);
  };
  return ev(root);
}

/**
 * The facts a formula uses, each once, in the order it first appears: the symbols mathjs parses out of it
 * that name a fact (function names such as ceil and anything else not among `facts` are left out).
 */
export function formulaFacts(formula: string, facts: Readonly<Record<string, unknown>>): string[] {
  const used = new Set<string>();
  mathjs()
    .parse(formula)
    .traverse((n) => {
      if (n.type === 'SymbolNode' && n.name && Object.hasOwn(facts, n.name)) used.add(n.name);
    });
  return [...used];
}

/** The formula with each fact written as stated: "50M users × 8 req/day × 4". */
export function writeOut(formula: string, facts: Record<string, EstimateFact>): string {
  const root = mathjs().parse(formula) as MathNode & { toString(o: unknown): string };
  const text = root.toString({
    handler: (node: MathNode) => (node.type === 'SymbolNode' && facts[node.name!] ? String(facts[node.name!]!.value) : undefined),
    implicit: 'show',
  });
  return text.replace(/ \* /g, ' × ');
}

/** A fact whose omission moves the answer by less than 1.2x either way is too close to tell from rounding. */
const LEFT_OUT_MIN = Math.log(1.2);

export type ReferenceResult = { ok: true; references: Record<string, EstimateReference> } | { ok: false; errors: { at: (string | number)[]; message: string }[] };

/** Computes every quantity of an estimate stage from its facts. Errors name the field they are about. */
export function estimateReferences(facts: Record<string, EstimateFact>, quantities: Record<string, EstimateQuantitySpec>, difficulty: Difficulty): ReferenceResult {
  const errors: { at: (string | number)[]; message: string }[] = [];
  const values: Record<string, Quantity> = {};
  for (const [name, f] of Object.entries(facts)) {
    const q = parseQuantity(f.value);
    if (q.ok) values[name] = q.quantity;
    else errors.push({ at: ['facts', name, 'value'], message: `fact ${name}: ${q.message}` });
  }
  if (errors.length) return { ok: false, errors };
  const references: Record<string, EstimateReference> = {};
  for (const [name, spec] of Object.entries(quantities)) {
    const unit = parseQuantity(`1 ${spec.unit}`);
    if (!unit.ok) {
      errors.push({ at: ['quantities', name, 'unit'], message: `quantity ${name}: ${unit.message}` });
      continue;
    }
    let result: Dimensioned;
    try {
      result = evaluateFormula(spec.formula, values);
    } catch (err) {
      if (!(err instanceof FormulaError)) throw err;
      errors.push({ at: ['quantities', name, 'formula'], message: `quantity ${name}: ${err.message}` });
      continue;
    }
    if (!sameDimension(result.dims, unit.quantity.dims)) {
      errors.push({ at: ['quantities', name, 'formula'], message: `quantity ${name}: the formula gives ${describeDimension(result.dims)} but the unit "${spec.unit}" is ${describeDimension(unit.quantity.dims)}` });
      continue;
    }
    if (!(result.value > 0) || !Number.isFinite(result.value)) {
      errors.push({ at: ['quantities', name, 'formula'], message: `quantity ${name}: the formula gives ${result.value}, not a positive number` });
      continue;
    }
    if (spec.flow !== undefined && !sameDimension(result.dims, [0, 0, -1])) {
      errors.push({ at: ['quantities', name, 'flow'], message: `quantity ${name}: only a rate (per second) can feed flow "${spec.flow}"` });
      continue;
    }
    const shown = inUnit(result, spec.unit);
    const factors: Record<string, number> = {};
    for (const s of formulaFacts(spec.formula, facts)) {
      const v = values[s]!;
      if (v.dims.every((d) => d === 0) && v.value > 1) factors[`${s}, ${facts[s]!.label}`] = v.value;
    }
    // What the formula gives with each dimensionless fact left out (set to 1), against the derivation: an answer
    // nearer that than the derivation left the fact out, even inside the tolerance (a 0.8 utilization limit is
    // 1.25x; an estimate of 4 nodes where the derivation is 4 / 0.8 = 5 forgot the headroom). Where the formula
    // rounds (ceil), the answer must be nearer the fact left out both rounded and before rounding: 3.125
    // replicas is 12,500 / 5,000 / 0.8 not yet rounded up, not 12,500 / 5,000 = 2.5 rounded to 3.
    const leftOut: NonNullable<EstimateReference['leftOut']> = {};
    // The formula before rounding, over the derivation: only where it rounds.
    let rawWith: number | undefined;
    try {
      const r = evaluateFormula(spec.formula, values, true).value / result.value;
      if (Math.abs(r - 1) > 1e-9) rawWith = r;
    } catch {
      rawWith = undefined;
    }
    for (const s of formulaFacts(spec.formula, facts)) {
      const v = values[s]!;
      if (!v.dims.every((d) => d === 0) || v.value === 1 || !(v.value > 0)) continue;
      const one = { ...values, [s]: { ...v, value: 1 } };
      let without: number;
      let rawWithout: number | undefined;
      try {
        without = evaluateFormula(spec.formula, one).value / result.value;
        if (rawWith !== undefined) rawWithout = evaluateFormula(spec.formula, one, true).value / result.value;
      } catch {
        continue;
      }
      const moves = Math.abs(Math.log(rawWith !== undefined ? rawWithout! / rawWith : without));
      if (!Number.isFinite(without) || !(without > 0) || moves < LEFT_OUT_MIN) continue;
      leftOut[`${s}, ${facts[s]!.label}`] = rawWith !== undefined ? { without, rawWith, rawWithout: rawWithout! } : { without };
    }
    const ref: EstimateReference = {
      label: spec.label,
      unit: spec.unit,
      value: result.value,
      dims: [...result.dims],
      shown,
      tolerance: spec.tolerance ?? ESTIMATE_TOLERANCE[difficulty],
      derivation: spec.derivation.trim(),
      worked: `${writeOut(spec.formula, facts)} ≈ ${count(shown)} ${spec.unit}`,
      factors,
      leftOut,
    };
    if (spec.flow !== undefined) ref.flow = spec.flow;
    references[name] = ref;
  }
  return errors.length ? { ok: false, errors } : { ok: true, references };
}
