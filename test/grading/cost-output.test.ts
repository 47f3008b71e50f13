// The design's cost where a learner reads it: grade's header, the HTML report's Cost table, metrics' table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricsTable } from '../../src/cli/metrics.js';
import { reportHtml } from '../../src/diagrams/html.js';
import { formatText } from '../../src/grading/format/text.js';
import { gradeLoaded } from '../../src/grading/grade.js';
import { loadRubricText } from '../../src/grading/rubric.js';
import { loadSpecText } from '../../src/specfile/load.js';

const FIXTURE = join(import.meta.dirname, '..', 'checks', 'fixtures', 'cost', 'overspent.yaml');

function gradeWith(rubricYaml: string) {
  const loaded = loadSpecText('overspent.yaml', readFileSync(FIXTURE, 'utf8'));
  if (!loaded.ok) throw new Error('fixture does not load');
  const rubric = loadRubricText('r.yaml', rubricYaml);
  if (!rubric.ok) throw new Error(rubric.diagnostics.map((d) => d.message).join('\n'));
  return gradeLoaded(loaded.loaded, rubric.rubric);
}

describe('cost in the outputs', () => {
  // overspent.yaml: lb 2 x $0.0225 + api 8 x $0.096 + db $0.225 = $1.038/h x 730 = $757.74 a month
  const withBudget = gradeWith(
    'id: cost-test\ntitle: Cost test\nchecks:\n  cost/within-budget: {options: {maxMonthlyUsd: 400}}\n  latency/flow-budget: {}\n',
  );
  const without = gradeWith('id: cost-test\ntitle: Cost test\nchecks:\n  latency/flow-budget: {}\n');

  it('grade prints the monthly cost and the budget under the score when the cost check ran, and not otherwise', () => {
    expect(formatText(withBudget, { color: false })).toContain('cost: $758 a month at on-demand prices, budget $400');
    expect(formatText(without, { color: false })).not.toContain('cost: $');
  });

  it('the HTML report has a Cost table with each billed component, the total in red when over budget', () => {
    const html = reportHtml(withBudget, '<svg></svg>');
    expect(html).toContain('<h2>Cost</h2>');
    // api: 8 x 0.096 x 730 = $560.64 -> $561; db 0.225 x 730 = $164.25 -> $164 (whole dollars from $100)
    expect(html).toMatch(/<code>api<\/code><\/td><td>app-server large \(as a service\)<\/td><td class="num">\$561<\/td>/);
    expect(html).toContain('<code>db</code></td><td>postgres large</td><td class="num">$164</td>');
    expect(html).toContain('<td class="num over"><strong>$758</strong>');
    expect(html).toContain('budget $400 a month');
  });

  it('metrics lists the cost per component and region', () => {
    const table = metricsTable(withBudget.metrics);
    expect(table).toContain('cost.usdPerMonth = 757.74');
    expect(table).toContain('cost.components["api"].usdPerMonth = 560.64  (app-server large, representative of service)');
    expect(table).toContain('.regions["us-east"].usdPerMonth = 164.25  (1 replica $0.225/h)');
  });
});
