// The default rubric prebuilt by the build (src/grading/rubric.ts PrebuiltRubric): the same rubric as the
// YAML gives, used only while the YAML reads the same, and refused for what data cannot hold.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromPrebuilt, loadRubricFile, loadRubricText, prebuiltRubric, RUBRICS_DIR, type Rubric } from '../../src/grading/rubric.js';

const GENERAL = join(RUBRICS_DIR, 'general.yaml');
const text = readFileSync(GENERAL, 'utf8');

function loaded(): Rubric {
  const r = loadRubricFile(GENERAL);
  if (!r.ok) throw new Error('general.yaml does not load');
  return r.rubric;
}

describe('the prebuilt default rubric', () => {
  it('round-trips through JSON to the rubric the YAML gives, file names included', () => {
    const pre = prebuiltRubric(loaded(), text);
    expect(pre).toBeDefined();
    // Stored relative to rubrics/, so a moved checkout still names its own files.
    expect(pre!.rubric.file).toBe('general.yaml');
    expect(pre!.rubric.checks.every((c) => c.source?.file === 'general.yaml')).toBe(true);
    expect(fromPrebuilt(JSON.parse(JSON.stringify(pre)), text)).toEqual(loaded());
  });

  it('is not used once the YAML has changed', () => {
    const pre = prebuiltRubric(loaded(), text)!;
    expect(fromPrebuilt(pre, text.replace('pass_mark: 70', 'pass_mark: 80'))).toBeUndefined();
  });

  it('is refused for a rubric with assertions (compiled expressions are not data)', () => {
    const withAssertion = `${text}\nassertions:\n  - id: quick\n    expr: 'true'\n    message: always\n`;
    const r = loadRubricText(GENERAL, withAssertion);
    expect(r.ok).toBe(true);
    expect(prebuiltRubric((r as { rubric: Rubric }).rubric, withAssertion)).toBeUndefined();
  });

  it('the build wrote what the YAML gives today', () => {
    const file = join(RUBRICS_DIR, '..', 'dist', 'rubrics', 'general.json');
    if (!existsSync(file)) return; // not built: nothing to compare
    expect(fromPrebuilt(JSON.parse(readFileSync(file, 'utf8')), text)).toEqual(loaded());
  });
});
