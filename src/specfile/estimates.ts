// The spec's `estimates:` section: each named quantity parsed with its unit. A value that cannot be
// read is an input error at its own line and column (exit 2), like any other bad field.
import type { SpecPath } from './diagnostic.js';
import type { ModelEstimate } from './model.js';
import { parseQuantity } from './units.js';

export type EstimatesResult =
  { ok: true; estimates: Record<string, ModelEstimate> } | { ok: false; problems: { path: SpecPath; message: string; code: string }[] };

export function parseEstimates(raw: Record<string, string | number | undefined>): EstimatesResult {
  const estimates: Record<string, ModelEstimate> = {};
  const problems: { path: SpecPath; message: string; code: string }[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const path: SpecPath = ['estimates', name];
    if (value === undefined) continue;
    const r = parseQuantity(value);
    if (!r.ok) {
      problems.push({ path, message: `estimate ${name}: ${r.message}`, code: 'bad-estimate' });
      continue;
    }
    estimates[name] = { ...r.quantity, path };
  }
  return problems.length ? { ok: false, problems } : { ok: true, estimates };
}
