// Post-processing of the SVG mermaid produces: smaller (coordinates to 2 decimals, no per-edge point
// data) and inert (no script, event handler or javascript: link survives), before it is written or
// embedded in a page.

const GEOMETRY_ATTR = /(\s(?:d|points|transform|viewBox|x|y|x1|y1|x2|y2|width|height|rx|ry|cx|cy|r)=")([^"]*)"/g;
const LONG_NUMBER = /-?\d+\.\d{3,}(?:e-?\d+)?/g;

function round2(n: string): string {
  const r = Number(n).toFixed(2).replace(/\.?0+$/, '');
  return r === '-0' ? '0' : r;
}

/** Same drawing, about half the bytes: mermaid writes coordinates to 15 digits. */
export function compactSvg(svg: string): string {
  return svg
    .replace(GEOMETRY_ATTR, (_, head: string, value: string) => `${head}${value.replace(LONG_NUMBER, round2)}"`)
    .replace(/\sdata-points="[^"]*"/g, '');
}

/** The SVG minus anything a page must never run or fetch (mermaid's strict mode already sanitises labels). */
export function inertSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<script[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script[^>]*\/>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/((?:xlink:)?href\s*=\s*["'])\s*javascript:[^"']*/gi, '$1#');
}
