// createLocator: a path into the spec -> file line:column, falling back to the closest existing parent.
import { describe, expect, it } from 'vitest';
import { createLocator, type Locator } from '../../src/specfile/locate.js';
import { parseSource } from '../../src/specfile/parse.js';

function locatorFor(file: string, text: string): Locator {
  const r = parseSource(file, text);
  if (r.ok) return createLocator(r.parsed);
  if (r.partial) return createLocator(r.partial);
  throw new Error(`cannot parse ${file}: ${JSON.stringify(r.diagnostics)}`);
}

const YAML = [
  'regions: [us-east, eu-west]', //                                      1
  'components:', //                                                       2
  '  api: {kind: service, pools: {db: 10}}', //                          3
  '  db:', //                                                             4
  '    kind: database', //                                                5
  '    regions:', //                                                      6
  '      - us-east', //                                                   7
  '      - eu-west', //                                                   8
  '  empty:', //                                                          9
  '  404: {kind: cache}', //                                             10
  'flows:', //                                                           11
  '  checkout: {kind: write, path: [api, db]}', //                       12
  '',
].join('\n');

describe('createLocator', () => {
  const locate = locatorFor('spec.yaml', YAML);

  it('points at a value, or at its key when asked', () => {
    expect(locate(['components', 'db'])).toEqual({ line: 5, column: 5 });
    expect(locate(['components', 'db'], { key: true })).toEqual({ line: 4, column: 3 });
    expect(locate(['components', 'db', 'kind'])).toEqual({ line: 5, column: 11 });
    expect(locate(['components', 'db', 'kind'], { key: true })).toEqual({ line: 5, column: 5 });
  });

  it('walks flow collections and list indexes', () => {
    expect(locate(['regions', 1])).toEqual({ line: 1, column: 20 });
    expect(locate(['components', 'api', 'pools', 'db'])).toEqual({ line: 3, column: 36 });
    expect(locate(['flows', 'checkout', 'path', 1])).toEqual({ line: 12, column: 39 });
    expect(locate(['components', 'db', 'regions', 1])).toEqual({ line: 8, column: 9 });
  });

  it('falls back to the closest existing parent for a missing key or index', () => {
    expect(locate(['components', 'db', 'replicas'])).toEqual(locate(['components', 'db']));
    expect(locate(['components', 'nope', 'kind'])).toEqual(locate(['components']));
    expect(locate(['flows', 'checkout', 'path', 9])).toEqual(locate(['flows', 'checkout', 'path']));
    expect(locate(['components', 'db', 'kind', 'deeper'])).toEqual(locate(['components', 'db', 'kind']));
    // A string index into a list, a number index into a mapping: stop at the list / mapping.
    expect(locate(['regions', 'first'])).toEqual({ line: 1, column: 10 });
  });

  it('points just after the colon when the value is empty', () => {
    // yaml gives `empty:` an empty scalar where the value would start.
    expect(locate(['components', 'empty'])).toEqual({ line: 9, column: 9 });
    expect(locate(['components', 'empty', 'kind'])).toEqual({ line: 9, column: 9 });
    expect(locate(['components', 'empty'], { key: true })).toEqual({ line: 9, column: 3 });
  });

  it('matches numeric keys by their text', () => {
    expect(locate(['components', '404'], { key: true })).toEqual({ line: 10, column: 3 });
    expect(locate(['components', 404, 'kind'])).toEqual({ line: 10, column: 15 });
  });

  it('locates the top level for an empty path', () => {
    expect(locate([])).toEqual({ line: 1, column: 1 });
  });

  it('gives no position for a document without contents', () => {
    const empty = locatorFor('empty.yaml', '# only a comment\n');
    expect(empty(['components'])).toBeUndefined();
    expect(empty([])).toBeUndefined();
  });

  it('locates in JSON, with CRLF line endings and after a byte-order mark', () => {
    const json = '\uFEFF{\r\n  "regions": ["us-east"],\r\n  "components": {\r\n    "api": {"kind": "service"}\r\n  }\r\n}\r\n';
    const loc = locatorFor('spec.json', json);
    expect(loc(['regions', 0])).toEqual({ line: 2, column: 15 });
    expect(loc(['components', 'api'], { key: true })).toEqual({ line: 4, column: 5 });
    expect(loc(['components', 'api', 'kind'])).toEqual({ line: 4, column: 21 });
  });

  it('still locates in a document that has syntax errors (through the partial parse)', () => {
    const loc = locatorFor('dup.yaml', 'regions: [us-east]\ncomponents:\n  api: {kind: service}\n  api: {kind: worker}\n');
    expect(loc(['components'])).toEqual({ line: 3, column: 3 });
    expect(loc(['regions', 0])).toEqual({ line: 1, column: 11 });
  });
});
