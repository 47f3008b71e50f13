// Translates ajv's errors into plain sentences a learner can act on, one diagnostic per real problem.
import type { ErrorObject } from 'ajv';
import type { SpecPath } from './diagnostic.js';
import { sanitizeTerminal } from './sanitize.js';
import { closestMatch, didYouMean, listChoices } from './suggest.js';

export interface SchemaProblem {
  path: SpecPath;
  /** Point at the key rather than its value (unknown or misspelt keys). */
  key?: boolean;
  message: string;
  code: string;
}

export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => {
      const part = s.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^\d+$/.test(part) ? Number(part) : part;
    });
}

function resolveSchemaPointer(root: unknown, schemaPath: string): unknown {
  const parts = schemaPath
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s.replace(/~1/g, '/').replace(/~0/g, '~')));
  let node: unknown = root;
  for (const p of parts) {
    if (node && typeof node === 'object') node = (node as Record<string, unknown>)[p];
    else return undefined;
  }
  return node;
}

function valueAt(data: unknown, path: SpecPath): unknown {
  let node = data;
  for (const p of path) {
    if (node && typeof node === 'object') node = (node as Record<string | number, unknown>)[p];
    else return undefined;
  }
  return node;
}

/** A name from the spec, quoted with its control characters escaped: a key may hold a newline, a message may not. */
function quoted(name: string | number): string {
  return sanitizeTerminal(JSON.stringify(String(name)));
}

function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quoted(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  // Parsed YAML or JSON holds nothing else; a missing value reads as such.
  return value === undefined ? 'undefined' : typeof value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** What was found instead, without saying the type twice: 'a list', 'nothing (an empty value)', 'string "two"', 'integer 5'. */
function found(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (typeof value === 'object') return show(value);
  return `${typeName(value)} ${show(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
};

/** Where in the spec the subject sits, for context in messages ("component orders-db", "flow checkout"). */
function subject(path: SpecPath): string {
  const [top, id] = path;
  if (top === 'components' && id !== undefined) return `component ${quoted(id)}`;
  if (top === 'flows' && id !== undefined) return `flow ${quoted(id)}`;
  if (top === 'patterns' && id !== undefined) return `pattern ${id}`;
  if (typeof top === 'string') return top;
  return 'the spec';
}

const DROP_KEYWORDS = new Set(['if', 'then', 'else', 'allOf', '$ref']);

type Schemaish = Record<string, unknown> & {
  properties?: Record<string, { description?: string; enum?: unknown[] }>;
  description?: string;
  title?: string;
};

/** ajv types a parent schema as AnySchemaObject (an index of any): read it through unknown as the shape used here. */
const schemaish = (node: unknown): Schemaish | undefined => node as Schemaish | undefined;

function deref(node: unknown, root: unknown): Schemaish | undefined {
  let n = node as Schemaish | undefined;
  for (let i = 0; i < 8 && n && typeof n.$ref === 'string'; i++) n = resolveSchemaPointer(root, n.$ref) as Schemaish | undefined;
  return n;
}

function matchesType(branch: Schemaish | undefined, value: unknown): boolean {
  if (!branch) return false;
  if ('const' in branch) return typeof branch.const === typeof value;
  const t = branch.type;
  if (typeof t !== 'string') return true;
  const actual = typeName(value);
  if (t === 'object') return actual === 'mapping';
  if (t === 'array') return actual === 'list';
  if (t === 'number') return actual === 'number' || actual === 'integer';
  return t === actual;
}

export function translateSchemaErrors(errors: readonly ErrorObject[], data: unknown, schema: unknown): SchemaProblem[] {
  const suppressed = new Set<ErrorObject>();
  const extra: SchemaProblem[] = [];
  errors.forEach((failure, k) => {
    if (failure.keyword !== 'anyOf' && failure.keyword !== 'oneOf') return;
    suppressed.add(failure);
    const P = failure.instancePath;
    // ajv reports a failed anyOf's branch errors just before it: walk back over those under the same value.
    const children: ErrorObject[] = [];
    for (let i = k - 1; i >= 0; i--) {
      const e = errors[i]!;
      if (e.instancePath === P || e.instancePath.startsWith(`${P}/`)) children.push(e);
      else break;
    }
    const path = pointerToPath(P);
    const value = valueAt(data, path);
    const branches = ((failure.schema as unknown[]) ?? []).map((b) => deref(b, schema));
    let matching = branches.map((b, i) => (matchesType(b, value) ? i : -1)).filter((i) => i >= 0);
    // Several mappings fit the type: the one whose required keys the value has is the one meant
    // ({to: db, fanout: 0} is a call step, not a parallel group).
    if (matching.length > 1 && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keyed = matching.filter((i) => {
        const req = branches[i]?.required;
        return Array.isArray(req) && req.length > 0 && req.every((k) => Object.hasOwn(value, k as string));
      });
      if (keyed.length === 1) matching = keyed;
    }
    // A branch given by $ref reports its errors under the referenced schema's own path ("#/required"):
    // recognise it by the schema the error comes from.
    const branchAtTop = (e: ErrorObject) => {
      if (e.instancePath !== P) return undefined;
      if (e.schemaPath.startsWith(`${failure.schemaPath}/`)) return Number(e.schemaPath.slice(failure.schemaPath.length + 1).split('/')[0]);
      const same = (b: Schemaish | undefined) =>
        b !== undefined && (e.parentSchema === b || JSON.stringify(e.parentSchema) === JSON.stringify(b));
      const i = branches.findIndex(same);
      return i >= 0 ? i : undefined;
    };
    if (matching.length === 1) {
      for (const c of children) {
        const b = branchAtTop(c);
        if (b !== undefined && b !== matching[0]) suppressed.add(c);
      }
    } else {
      for (const c of children) suppressed.add(c);
      const parent = schemaish(failure.parentSchema);
      const kinds = branches.map((b) => describeBranch(b, schema)).filter(Boolean);
      extra.push({
        path,
        message: `${last(path)} must be ${kinds.join(' or ')}, found ${found(value)}${parent?.description ? ` (${parent.description})` : ''}`,
        code: 'schema/type',
      });
    }
  });

  const problems: SchemaProblem[] = [...extra];
  for (const e of errors) {
    if (suppressed.has(e) || DROP_KEYWORDS.has(e.keyword)) continue;
    const p = translateOne(e, data);
    if (p) problems.push(p);
  }
  // propertyNames reports twice (the inner pattern and propertyNames itself): keep one per key.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path.join('\u0000')}|${p.key ? 'k' : 'v'}`;
    if (seen.has(k + p.code)) return false;
    if (p.code === 'schema/pattern' && seen.has(`${k}schema/bad-key`)) return false;
    seen.add(k + p.code);
    return true;
  });
}

/** A sentence's first letter lowered to follow a colon inside a message, unless it starts an acronym ("ID", "RTT"). */
export function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function last(path: SpecPath): string {
  const l = path.at(-1);
  return l === undefined ? 'the spec' : typeof l === 'number' ? `item ${l + 1}` : quoted(l);
}

function describeBranch(branch: unknown, schema: unknown): string {
  let b = branch as Record<string, unknown>;
  if (typeof b.$ref === 'string') b = resolveSchemaPointer(schema, b.$ref) as Record<string, unknown>;
  if (!b) return '';
  if ('const' in b) return JSON.stringify(b.const);
  if (typeof b.type === 'string') {
    if (b.type === 'object' && b.properties) return `a mapping with ${Object.keys(b.properties).join('/')}`;
    if (b.type === 'array' && b.items) return `a list of ${describeBranch(b.items, schema).replace(/^an? /, '')}s`;
    if (b.type === 'string' && b.pattern) return 'an id';
    return TYPE_WORDS[b.type] ?? b.type;
  }
  return 'a valid value';
}

function translateOne(e: ErrorObject, data: unknown): SchemaProblem | undefined {
  const parent = schemaish(e.parentSchema);
  const propertyName = (e as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const path = pointerToPath(e.instancePath);
    return {
      path: [...path, propertyName],
      key: true,
      message: `${quoted(propertyName)} is not a valid ${parent?.title ?? 'key'} in ${subject(path)}${parent?.description ? `: ${lowerFirst(parent.description)}` : ''}`,
      code: 'schema/bad-key',
    };
  }
  const path = pointerToPath(e.instancePath);
  const value = valueAt(data, path);
  const params = e.params as Record<string, unknown>;
  const here = path.length ? `${last(path)}` : 'the spec';
  switch (e.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const prop = parent?.properties?.[missing];
      const what = prop?.enum ? ` (one of: ${listChoices(prop.enum)})` : prop?.description ? ` (${prop.description})` : '';
      return { path, message: `${subject(path)} is missing required field "${missing}"${what}`, code: 'schema/required' };
    }
    case 'additionalProperties': {
      const extraKey = String(params.additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {}).filter((k) => k !== '$schema');
      const guess = closestMatch(extraKey, allowed);
      return {
        path: [...path, extraKey],
        key: true,
        message: `unknown field ${quoted(extraKey)} in ${subject(path)}${guess ? `: did you mean "${guess}"?` : '.'} Allowed: ${listChoices(allowed, 30)}`,
        code: 'schema/unknown-field',
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      return {
        path,
        message: `${here} is ${show(value)}, which is not one of: ${listChoices(allowed)}${typeof value === 'string' ? didYouMean(value, allowed.map(String)) : ''}`,
        code: 'schema/enum',
      };
    }
    case 'const':
      return { path, message: `${here} must be ${JSON.stringify(params.allowedValue)}, found ${show(value)}`, code: 'schema/const' };
    case 'type': {
      const want = String(params.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      return { path, message: `${here} must be ${want}, found ${found(value)}`, code: 'schema/type' };
    }
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const limit = params.limit as number;
      const cmp = String(params.comparison);
      const absurd = e.keyword.includes('aximum') ? ' (that is not a plausible figure)' : '';
      return {
        path,
        message: `${here} must be ${cmp} ${limit}, found ${show(value)}${absurd}`,
        code: e.keyword.includes('aximum') ? 'schema/too-large' : 'schema/too-small',
      };
    }
    case 'pattern': {
      return {
        path,
        message: `${show(value)} is not a valid ${parent?.title ?? 'value'}${parent?.description ? `: ${lowerFirst(parent.description)}` : ''}`,
        code: 'schema/pattern',
      };
    }
    case 'propertyNames':
      return undefined; // reported through the inner error, which names the key
    case 'minItems':
      return {
        path,
        message: `${here} needs at least ${params.limit as number} item${params.limit === 1 ? '' : 's'}`,
        code: 'schema/too-few',
      };
    case 'maxItems':
      return { path, message: `${here} has more than ${params.limit as number} items`, code: 'schema/too-many' };
    case 'minProperties':
      return { path, message: `${here} must not be empty`, code: 'schema/empty' };
    case 'uniqueItems':
      return {
        path: [...path, params.i as number],
        message: `${here} lists ${show(valueAt(data, [...path, params.i as number]))} twice`,
        code: 'schema/duplicate-item',
      };
    case 'maxLength':
      return { path, message: `${here} is longer than ${params.limit as number} characters`, code: 'schema/too-long' };
    case 'not':
      // The per-kind conditionals forbid a field with `not: {}` and say why in its description.
      return { path, key: true, message: parent?.description ?? `${here} is not allowed here`, code: 'schema/field-not-for-kind' };
    default:
      return { path, message: `${here} ${e.message ?? 'is invalid'}`, code: `schema/${e.keyword}` };
  }
}
