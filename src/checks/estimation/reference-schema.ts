// The JSON Schema of one reference quantity in an estimate check's options (built by the problem's
// estimate stage from its facts; see src/problems/estimate.ts).
export const REFERENCE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['label', 'unit', 'value', 'dims', 'shown', 'tolerance', 'derivation', 'worked', 'factors'],
  properties: {
    label: { type: 'string' },
    unit: { type: 'string' },
    value: { type: 'number', exclusiveMinimum: 0 },
    dims: { type: 'array', items: { type: 'integer' } },
    shown: { type: 'number', exclusiveMinimum: 0 },
    tolerance: { type: 'number', minimum: 1.05, maximum: 10 },
    derivation: { type: 'string' },
    worked: { type: 'string' },
    factors: { type: 'object', additionalProperties: { type: 'number' } },
    flow: { type: 'string' },
  },
} as const;

/** 12000 -> "12,000"; 3.456 -> "3.46"; 0.0123 -> "0.0123": figures in estimate messages. */
export function figure(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  if (Math.abs(n) >= 100) return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return String(Number(n.toPrecision(3)));
}
