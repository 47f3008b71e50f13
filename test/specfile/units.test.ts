// Quantities with units for estimates: what people write in an interview, read into base units
// (seconds, bits, counts). Every expected value is worked out by hand beside its case.
import { describe, expect, it } from 'vitest';
import { describeDimension, parseQuantity } from '../../src/specfile/units.js';
import { loadSpecText } from '../../src/specfile/load.js';

const RATE = 'a rate (per second)';
const SIZE = 'a size (bytes)';
const BANDWIDTH = 'a bandwidth or data rate';
const TIME = 'a duration';
const COUNT = 'a count';

// [text, value in base units, kind]
const GOOD: [string | number, number, string][] = [
  ['12k/s', 12_000, RATE],
  ['12K/s', 12_000, RATE],
  ['12,000/s', 12_000, RATE],
  ['12_000 req/s', 12_000, RATE],
  ['1.2e4 rps', 12_000, RATE],
  ['~12k req/s', 12_000, RATE],
  ['≈ 2,300 req/s', 2_300, RATE],
  ['12000 per second', 12_000, RATE],
  ['1000 qps', 1_000, RATE],
  ['500 msgs/s', 500, RATE],
  ['86400/day', 1, RATE], // 86,400 a day = 1 a second
  ['3600 clicks per hour', 1, RATE], // 3,600 an hour = 1 a second
  ['3.5 TB', 3.5e12 * 8, SIZE], // 3.5 × 10^12 bytes × 8 bits
  ['4 KB', 4_000 * 8, SIZE], // KB read as kB (10^3 bytes)
  ['4 KiB', 4 * 1024 * 8, SIZE],
  ['1 GiB', 2 ** 30 * 8, SIZE],
  ['500 B', 500 * 8, SIZE],
  ['1 Mb', 1e6, SIZE], // megabit
  ['40 Gbps', 40e9, BANDWIDTH],
  ['5 Kbps', 5_000, BANDWIDTH],
  ['40 GB/s', 40e9 * 8, BANDWIDTH],
  ['35 MBps', 35e6 * 8, BANDWIDTH],
  ['864 GB/day', (864e9 * 8) / 86_400, BANDWIDTH], // 864 GB a day = 10 MB/s = 8 × 10^7 bits/s
  ['.5 ms', 0.0005, TIME],
  ['100 µs', 0.0001, TIME],
  ['150 us', 0.00015, TIME],
  ['2 h', 7_200, TIME],
  ['10 servers', 10, COUNT],
  ['3 M users', 3e6, COUNT],
  ['50M users', 50e6, COUNT],
  ['2bn', 2e9, COUNT],
  [13, 13, COUNT],
];

const BAD: [string | number, RegExp][] = [
  ['twelve', /does not start with a number/],
  ['', /empty estimate/],
  ['   ', /empty estimate/],
  ['12 frobs/s', /unknown unit "frobs"/],
  ['12 m', /not a unit for an estimate/], // metres
  ['3 kg', /not a unit for an estimate/],
  ['-3 GB', /cannot be negative/],
  [-1, /cannot be negative/],
  ['12k k req/s', /put the magnitude next to the number/],
  ['12 req/', /cannot read the unit|unknown unit/],
];

describe('parseQuantity', () => {
  it.each(GOOD)('reads %j', (text, value, kind) => {
    const r = parseQuantity(text);
    if (!r.ok) throw new Error(r.message);
    expect(r.quantity.value).toBeCloseTo(value, 6);
    expect(describeDimension(r.quantity.dims)).toBe(kind);
  });

  it.each(BAD)('rejects %j with a clear message', (text, message) => {
    const r = parseQuantity(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('knows bytes from bits', () => {
    const bytes = parseQuantity('1 GB/s');
    const bits = parseQuantity('1 Gbps');
    expect(bytes.ok && bytes.quantity.bytes).toBe(true);
    expect(bits.ok && bits.quantity.bytes).toBe(false);
    if (bytes.ok && bits.ok) expect(bytes.quantity.value / bits.quantity.value).toBe(8);
  });

  it('counts more than 30 forms, good and bad', () => {
    expect(GOOD.length + BAD.length).toBeGreaterThanOrEqual(30);
  });
});

describe('estimates in a spec', () => {
  const spec = (estimates: string) => `regions: [us-east]\ncomponents:\n  api: {kind: service}\nestimates:\n${estimates}`;

  it('are parsed into the Model in base units', () => {
    const r = loadSpecText('s.yaml', spec('  peak: 12k/s\n  storage: 2 TB\n'));
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    expect(r.loaded.model.estimates?.peak?.value).toBe(12_000);
    expect(r.loaded.model.estimates?.storage?.value).toBe(2e12 * 8);
  });

  it('report a value they cannot read at its file:line:column', () => {
    const r = loadSpecText('s.yaml', spec('  peak: 12k/s\n  storage: lots of TB\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = r.diagnostics[0]!;
    expect([d.line, d.column, d.code]).toEqual([6, 12, 'bad-estimate']);
    expect(d.message).toMatch(/estimate storage: "lots of TB" does not start with a number/);
  });

  it('a spec without estimates has none in its Model', () => {
    const r = loadSpecText('s.yaml', 'regions: [us-east]\ncomponents:\n  api: {kind: service}\n');
    expect(r.ok && r.loaded.model.estimates).toBeUndefined();
  });
});
