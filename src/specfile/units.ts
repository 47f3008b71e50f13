// Quantities with units for estimates ("12k/s", "3.5 TB", "40 Gbps"), parsed with mathjs. mathjs is
// loaded on first use only: a spec without estimates never pays for it. Every grade against a problem
// does (its estimate stage's references feed the later stages), so it loads mathjs's one-file build
// (mathjs/lib/browser/math.js, the same library and version): its package entry requires ~800 CommonJS
// modules and builds the default instance's functions as it loads, 0.9 s on a 2-core machine against
// 0.15 s. The build stores that file as a script file with V8's code cache (dist/vendor/mathjs.cjs,
// scripts/vendor-cache.mjs); from source (tests), the package's own file.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { codeCacheFile, runScriptModule, scriptFile } from './script-file.js';

/** mathjs's dimension order: mass, length, time, current, temperature, luminous intensity, amount, angle, bit. */
export const TIME = 2;
export const BIT = 8;

export interface Quantity {
  /** In base units: seconds, bits, plain counts (a request is a count). */
  value: number;
  /** Exponent per mathjs dimension (see TIME and BIT); all zero for a plain count. */
  dims: number[];
  /** The text as written, trimmed. */
  text: string;
  /** True when the unit part names bytes (B), false for bits, undefined when neither. */
  bytes?: boolean;
}

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; message: string };

type MathJs = {
  unit(text: string): { value: number | null; dimensions: number[]; units: { unit: { name: string }; prefix: { name: string } }[] };
  createUnit(name: string, def: Record<string, unknown>): unknown;
  parse(text: string): MathNode;
  evaluate(text: string, scope?: Record<string, unknown>): unknown;
};

export interface MathNode {
  type: string;
  name?: string;
  op?: string;
  fn?: unknown;
  value?: unknown;
  args?: MathNode[];
  content?: MathNode;
  traverse(cb: (node: MathNode) => void): void;
  compile(): { evaluate(scope?: Record<string, unknown>): unknown };
}

let math: MathJs | undefined;

// Counts: a request, a user, a server are all "one of something" (dimensionless), so 12k/s, 12k req/s
// and 12k rps are the same answer. Rates and byte rates get the abbreviations people write.
const COUNT_UNITS: [string, string[]][] = [
  [
    'req',
    [
      'reqs',
      'request',
      'requests',
      'query',
      'queries',
      'op',
      'ops',
      'call',
      'calls',
      'read',
      'reads',
      'write',
      'writes',
      'click',
      'clicks',
      'msg',
      'msgs',
      'message',
      'messages',
      'event',
      'events',
      'item',
      'items',
      'object',
      'objects',
      'post',
      'posts',
      'order',
      'orders',
    ],
  ],
  ['user', ['users', 'DAU', 'MAU']],
  [
    'server',
    [
      'servers',
      'machine',
      'machines',
      'node',
      'nodes',
      'host',
      'hosts',
      'instance',
      'instances',
      'replica',
      'replicas',
      'box',
      'boxes',
      'vm',
      'vms',
    ],
  ],
  ['thread', ['threads', 'connection', 'connections', 'conn', 'conns']],
];

/** What mathjs's one-file build exports: its default instance, whose create() makes another with every function. */
export interface MathJsModule {
  create(): MathJs;
}

const VENDORED_MATHJS = fileURLToPath(new URL('../vendor/mathjs.cjs', import.meta.url));

/** mathjs's one-file build: the build's script file with its code cache, else (from source) the package's. */
export function loadMathjsModule(): MathJsModule {
  if (existsSync(VENDORED_MATHJS))
    return runScriptModule(scriptFile(VENDORED_MATHJS, {}, codeCacheFile(VENDORED_MATHJS)), VENDORED_MATHJS) as MathJsModule;
  return createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathJsModule;
}

/** The mathjs instance with sdcoach's units, created on first call. */
export function mathjs(): MathJs {
  return math ?? useMathjs(loadMathjsModule());
}

/** Makes sdcoach's instance (its units added) from a loaded mathjs module and uses it from now on (scripts/vendor-cache.mjs passes its own). */
export function useMathjs(mod: MathJsModule): MathJs {
  const m = mod.create();
  for (const [name, aliases] of COUNT_UNITS) m.createUnit(name, { definition: '1', aliases });
  m.createUnit('rps', { definition: '1 / s', aliases: ['qps', 'tps', 'RPS', 'QPS', 'TPS'] });
  m.createUnit('bps', { definition: '1 b / s', prefixes: 'short' });
  m.createUnit('Bps', { definition: '1 B / s', prefixes: 'short' });
  m.createUnit('yr', { definition: '1 year', aliases: ['yrs'] });
  m.createUnit('mo', { definition: '1 month', aliases: ['mos'] });
  m.createUnit('wk', { definition: '1 week', aliases: ['wks'] });
  math = m;
  return m;
}

// A number as people write it in an estimate: 12000, 12,000, 12_000, 1.2e4, .5, with an optional
// magnitude suffix glued to it (12k, 3.5M, 2bn) when what follows is not a unit starting with it (3.5 MB).
const NUMBER = /^([~≈]\s*)?([+-]?(?:\d{1,3}(?:,\d{3})+|\d[\d_]*)?(?:\.\d+)?(?:[eE][+-]?\d+)?)(?:\s*(k|K|M|bn|mn)(?=$|[\s/*]))?\s*(.*)$/s;
const MAGNITUDE: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, mn: 1e6, bn: 1e9 };

/** Rewrites everyday spellings into mathjs units: "per day" -> "/ day", "KB" -> "kB", "µs" -> "us", "/s" -> "1/s". */
function normaliseUnit(unit: string): string {
  let u = unit.trim();
  u = u.replace(/\bper\b/g, '/').replace(/µ/g, 'u');
  u = u
    .replace(/\bK([Bb])\b/g, 'k$1')
    .replace(/\bKbps\b/g, 'kbps')
    .replace(/\bKBps\b/g, 'kBps');
  u = u.replace(/\bsec(s|onds?)?\b/g, 's');
  return u;
}

function describeUnitError(message: string, unit: string): string {
  const m = /Unit "([^"]+)" not found/.exec(message);
  if (m) return `unknown unit "${m[1]}" in "${unit}" (write e.g. req/s, rps, GB, TiB, Gbps, MB/s, ms, servers)`;
  return `cannot read the unit "${unit}" (write e.g. req/s, GB, Gbps, ms)`;
}

/** Parses "12k/s", "3.5 TB", "40 Gbps", "2,300 req/s", "10 servers", or a bare YAML number. */
export function parseQuantity(input: string | number): QuantityResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: 'an estimate must be a finite number' };
    if (input < 0) return { ok: false, message: 'an estimate cannot be negative' };
    return { ok: true, quantity: { value: input, dims: [], text: String(input) } };
  }
  const text = input.trim();
  if (!text) return { ok: false, message: 'empty estimate: write a number with its unit, e.g. 12k/s or 3.5 TB' };
  const m = NUMBER.exec(text);
  const digits = m?.[2] ?? '';
  if (!m || !/\d/.test(digits))
    return { ok: false, message: `"${text}" does not start with a number: write a number with its unit, e.g. 12k/s or 3.5 TB` };
  const num = Number(digits.replace(/[,_]/g, ''));
  if (!Number.isFinite(num)) return { ok: false, message: `"${digits}" is not a number` };
  if (num < 0) return { ok: false, message: 'an estimate cannot be negative' };
  const magnitude = m[3] ? MAGNITUDE[m[3]]! : 1;
  const rest = m[4]!.trim();
  const base = num * magnitude;
  if (!rest) return { ok: true, quantity: { value: base, dims: [], text } };
  if (/^[kKM]\b|^bn\b/.test(rest))
    return { ok: false, message: `"${text}": put the magnitude next to the number (12k req/s) or write the number out` };
  const unitText = normaliseUnit(rest);
  // "12k/s", "20 per day": a bare "per" unit is the reciprocal of the unit after the slash.
  const reciprocal = unitText.startsWith('/');
  let unit: ReturnType<MathJs['unit']>;
  try {
    unit = mathjs().unit(`1 ${reciprocal ? unitText.slice(1).trim() : unitText}`);
  } catch (err) {
    return { ok: false, message: describeUnitError((err as Error).message, rest) };
  }
  if (reciprocal) unit = { value: 1 / (unit.value ?? 1), dimensions: unit.dimensions.map((d) => (d === 0 ? 0 : -d)), units: unit.units };
  const dims = [...unit.dimensions];
  const other = dims.findIndex((d, i) => d !== 0 && i !== TIME && i !== BIT);
  if (other >= 0)
    return {
      ok: false,
      message: `"${rest}" is not a unit for an estimate: estimates are counts, rates, sizes, bandwidths or times (req/s, GB, Gbps, ms)`,
    };
  const names = unit.units.map((u) => u.unit.name);
  const q: Quantity = { value: base * (unit.value ?? 1), dims, text };
  if (names.some((n) => n === 'B' || n === 'bytes' || n === 'Bps')) q.bytes = true;
  else if (names.some((n) => n === 'b' || n === 'bits' || n === 'bps')) q.bytes = false;
  return { ok: true, quantity: q };
}

export function sameDimension(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
}

/** "a rate", "a size", "a bandwidth", "a duration", "a count": what kind of quantity a dimension vector is. */
export function describeDimension(dims: readonly number[]): string {
  const t = dims[TIME] ?? 0;
  const b = dims[BIT] ?? 0;
  if (b === 0 && t === 0) return 'a count';
  if (b === 0 && t === -1) return 'a rate (per second)';
  if (b === 0 && t === 1) return 'a duration';
  if (b === 1 && t === 0) return 'a size (bytes)';
  if (b === 1 && t === -1) return 'a bandwidth or data rate';
  return 'an unusual unit';
}

/** The value of a quantity expressed in `unit` (e.g. 11574 for 11574 /s in "req/s"). */
export function inUnit(q: Pick<Quantity, 'value'>, unit: string): number {
  const one = parseQuantity(`1 ${unit}`);
  if (!one.ok) throw new Error(one.message);
  return q.value / one.quantity.value;
}
