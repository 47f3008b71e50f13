// The HTML report: one self-contained page with the rendered diagram, the score and the feedback.
// Every authored string is HTML-escaped; a Content-Security-Policy forbids scripts and any
// fetch, so the page stays inert even if an SVG ever carried something it should not.
import type { Report, ReportCheck } from '../grading/report.js';
import { fmtMs } from './labels.js';
import { inertSvg } from './svg.js';
import { usd } from '../checks/cost/within-budget.js';

export function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/**
 * The diagram fits the page width (never wider than its natural size), so every part of it, the
 * failing ones included, is in view without scrolling sideways. A checkbox (no script: the page's
 * policy forbids them) switches to the natural size, scrolled in its box, to read small labels.
 */
export function fittedSvg(svg: string): { svg: string; natural?: number } {
  const open = svg.slice(0, svg.indexOf('>'));
  const natural = /max-width:\s*([\d.]+)px/.exec(open)?.[1];
  const fitted = svg.replace(/^(<svg[^>]*?)\swidth="[^"]*"/, '$1 width="100%"');
  return natural ? { svg: fitted, natural: Math.ceil(Number(natural)) } : { svg: fitted };
}

function diagramBlock(svg: string): string {
  const f = fittedSvg(svg);
  const zoom =
    f.natural !== undefined
      ? `<style>#zoom:checked~.diagram svg{width:${f.natural}px;max-width:none!important}</style><input type="checkbox" id="zoom" class="zoom"><label for="zoom" class="zoom">full size (${f.natural} px wide, scrolls)</label>\n`
      : '';
  return `${zoom}<div class="diagram">${f.svg}</div>`;
}

const ICON: Record<string, string> = { pass: '✓', warn: '!', fail: '✗', 'n/a': '–' };
const ORDER: Record<string, number> = { fail: 0, warn: 1, pass: 2, 'n/a': 3 };

function checkRow(c: ReportCheck): string {
  const where = c.location?.line !== undefined && c.status !== 'pass' ? `line ${c.location.line}` : '';
  const hint = c.hint && c.status !== 'pass' ? `<div class="hint">${htmlEscape(c.hint)}</div>` : '';
  return `<tr class="${c.status === 'n/a' ? 'na' : c.status}"><td class="icon">${ICON[c.status]}</td><td><code>${htmlEscape(c.id)}</code>${c.mustPass ? ' <span class="must">must pass</span>' : ''}<div class="title">${htmlEscape(c.title)}</div></td><td>${htmlEscape(c.message)}${hint}</td><td class="where">${where}</td></tr>`;
}

function flowRows(report: Report): string {
  const rows: string[] = [];
  for (const f of Object.values(report.metrics.flows)) {
    for (const o of Object.values(f.origins)) {
      const over = (p: 'p50' | 'p99') => f.budget[p] !== undefined && o[p] > f.budget[p];
      const cell = (p: 'p50' | 'p99') => `<td class="num${over(p) ? ' over' : ''}">${fmtMs(o[p])}${f.budget[p] !== undefined ? ` / ${fmtMs(f.budget[p])}` : ''}</td>`;
      rows.push(`<tr><td><code>${htmlEscape(f.name)}</code></td><td>${f.kind}</td><td>${htmlEscape(o.origin)}</td>${cell('p50')}${cell('p99')}</tr>`);
    }
  }
  if (!rows.length) return '';
  return `<h2>Flows</h2><table class="flows"><thead><tr><th>flow</th><th>kind</th><th>from</th><th>p50 ms / budget</th><th>p99 ms / budget</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The design's on-demand cost per component and region, with the budget when the rubric's cost check ran. */
function costRows(report: Report): string {
  const cost = report.metrics.cost;
  if (!cost || cost.usdPerMonth <= 0) return '';
  const regions = Object.keys(cost.regions);
  const check = report.checks.find((c) => c.id === 'cost/within-budget' && c.status !== 'n/a');
  const budget = check?.findings[0]?.data.budget;
  const money = (n: number) => `$${usd(n)}`;
  const rows = Object.values(cost.components).filter((c) => c.usdPerMonth > 0).map((c) => {
    const priced = `${c.tech} ${c.size}${c.basis === 'representative' ? ` (as a ${c.kind})` : ''}`;
    return `<tr><td><code>${htmlEscape(c.component)}</code></td><td>${htmlEscape(priced)}</td>${regions.map((r) => `<td class="num">${c.regions[r] ? money(c.regions[r].usdPerMonth) : ''}</td>`).join('')}<td class="num">${money(c.usdPerMonth)}</td></tr>`;
  });
  const total = `<tr><td><strong>total</strong></td><td></td>${regions.map((r) => `<td class="num">${money(cost.regions[r]!.usdPerMonth)}</td>`).join('')}<td class="num${check?.status === 'fail' ? ' over' : ''}"><strong>${money(cost.usdPerMonth)}</strong></td></tr>`;
  const head = `<tr><th>component</th><th>priced as</th>${regions.map((r) => `<th>${htmlEscape(r)}</th>`).join('')}<th>per month</th></tr>`;
  const note = `On-demand list prices, monthly = hourly x ${cost.hoursPerMonth} h${budget !== undefined ? `; budget $${htmlEscape(String(budget))} a month` : ''}.`;
  return `<h2>Cost</h2><p class="meta">${note}</p><table class="cost"><thead>${head}</thead><tbody>${rows.join('')}${total}</tbody></table>`;
}

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px}
.meta{color:#57606a}
.verdict{display:inline-block;font-weight:600;padding:4px 12px;border-radius:6px;margin:12px 0}
.verdict.passed{background:#dafbe1;color:#116329}.verdict.failed{background:#ffebe9;color:#a40e26}
.diagram{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px;overflow:auto}
.diagram svg{height:auto;display:block;margin:0 auto}
label.zoom{font-size:13px;color:#57606a;cursor:pointer;margin-left:4px}input.zoom{vertical-align:middle}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d0d7de}
td,th{border-top:1px solid #d0d7de;padding:6px 10px;vertical-align:top;text-align:left}
tr.fail td.icon{color:#c62828}tr.warn td.icon{color:#b7791f}tr.pass td.icon{color:#1a7f37}tr.na{color:#8c959f}
td.icon{font-weight:700;width:1.5em}.title{color:#57606a;font-size:13px}.hint{color:#57606a;font-size:13px;margin-top:4px}
.must{font-size:12px;background:#eaeef2;border-radius:4px;padding:0 4px}.where{white-space:nowrap;color:#57606a}
td.num{text-align:right;font-variant-numeric:tabular-nums}td.over{color:#c62828;font-weight:600}
`;

/** One page: verdict, diagram, checks with hints, flow latencies. `svg` is mermaid's output. */
export function reportHtml(report: Report, svg: string, extra = ''): string {
  const name = report.name ? `${report.name}` : report.spec;
  const problem = report.problem ? `, problem <code>${htmlEscape(report.problem)}</code>${report.stage ? ` stage ${report.stage}` : ''}` : '';
  const checks = [...report.checks].sort((a, b) => ORDER[a.status]! - ORDER[b.status]!);
  const why: string[] = [];
  if (!report.passed && report.score < report.passMark) why.push(`below the pass mark of ${report.passMark}`);
  if (report.mustPassFailed.length) why.push(`must-pass failed: ${report.mustPassFailed.map(htmlEscape).join(', ')}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sdcoach: ${htmlEscape(name)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${htmlEscape(name)}</h1>
<div class="meta"><code>${htmlEscape(report.spec)}</code> · rubric ${htmlEscape(report.rubric.title)} (<code>${htmlEscape(report.rubric.id)}</code>)${problem}</div>
<div class="verdict ${report.passed ? 'passed' : 'failed'}">Score ${report.score}/100 · ${report.passed ? 'passed' : 'failed'}</div>
<div class="meta">${why.length ? why.join('; ') : `pass mark ${report.passMark}`}</div>
${report.warnings.map((w) => `<p class="meta">warning: ${htmlEscape(w)}</p>`).join('\n')}
<h2>Diagram</h2>
${diagramBlock(inertSvg(svg))}
<h2>Checks</h2>
<table class="checks"><tbody>${checks.map(checkRow).join('\n')}</tbody></table>
${extra}
${flowRows(report)}
${costRows(report)}
<p class="meta">Generated by sdcoach. The diagram marks failed checks in red and warnings in amber, with the check id on the part it is about.</p>
</main>
</body>
</html>
`;
}
