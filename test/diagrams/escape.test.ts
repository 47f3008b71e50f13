// Escaping: no authored text can break out of a label or an id, whatever it contains.
import { describe, expect, it } from 'vitest';
import { designGraph } from '../../src/diagrams/graph.js';
import { IdAllocator, mermaidText, plainTitle } from '../../src/diagrams/escape.js';
import { designToMermaid } from '../../src/diagrams/mermaid.js';
import { HOSTILE_IDS, HOSTILE_NAME, hostileDesign } from './hostile.js';

const ID = '[A-Za-z][A-Za-z0-9_]*';
/** Label text: plain characters and #NN; entities, with our own <br/> between lines. */
const LABEL = String.raw`(?:[\p{L}\p{N} .,/_+=@()?!'×·–✓✗⚠-]|#\d+;|<br/>)*`;
const OPEN = String.raw`(?:\(\[|\[\/|\[\[|\[\(|\[|\(|>|\{\{)`;
const CLOSE = String.raw`(?:\]\)|\/\]|\\\]|\]\]|\)\]|\]|\)|\}\})`;
const LINE_GRAMMAR = [
  /^---$/,
  /^title: "[\p{L}\p{N} .,:/_+()!?'-…]*"$/u,
  /^config:$/,
  /^ {2}theme: (default|neutral|dark)$/,
  /^flowchart LR$/,
  new RegExp(`^ {2}subgraph ${ID}\\["${LABEL}"\\]$`, 'u'),
  /^ {4}direction (LR|TB)$/,
  /^ {2}end$/,
  new RegExp(`^ {2,4}${ID}${OPEN}"${LABEL}"${CLOSE}$`, 'u'),
  new RegExp(`^ {2}${ID} (-->|-\\.->|<-\\.->)(\\|"${LABEL}"\\|)? ${ID}$`, 'u'),
  /^ {2}classDef [a-z]+ [a-z-]+:[#a-z0-9 ]+(,[a-z-]+:[#a-z0-9 ]+)*$/,
  new RegExp(`^ {2}class ${ID}(,${ID})* [a-z]+$`),
  new RegExp(`^ {2}style ${ID} [a-z-]+:[#a-z0-9]+(,[a-z-]+:[#a-z0-9]+)*$`),
  /^ {2}linkStyle \d+(,\d+)* [a-z-]+:[#a-z0-9]+(,[a-z-]+:[#a-z0-9]+)*$/,
];

describe('mermaidText', () => {
  it('keeps plain text readable', () => {
    expect(mermaidText('orders-db · p99 15 ms (primary)')).toBe('orders-db · p99 15 ms (primary)');
    expect(mermaidText('Zürich 東京')).toBe('Zürich 東京');
  });

  it.each([
    ['"', '#34;'], ['#', '#35;'], ['%', '#37;'], ['<', '#60;'], ['>', '#62;'], ['[', '#91;'], [']', '#93;'],
    ['{', '#123;'], ['}', '#125;'], ['|', '#124;'], [';', '#59;'], ['`', '#96;'], ['&', '#38;'], ['\\', '#92;'], [':', '#58;'],
  ])('turns %s into an entity', (ch, entity) => {
    expect(mermaidText(`a${ch}b`)).toBe(`a${entity}b`);
  });

  it('drops controls and invisible characters, and turns line breaks into spaces', () => {
    expect(mermaidText('a\nb\tc\u0007d\u202ee\u200bf')).toBe('a b cdef');
  });

  it('never lets a directive, a comment, an arrow or a tag through', () => {
    for (const s of Object.values(HOSTILE_IDS)) {
      const out = mermaidText(s);
      expect(out).not.toMatch(/%%|-->|<|>|"|\[|\]|\{|\}|`|\n/);
    }
  });
});

describe('IdAllocator', () => {
  it('gives readable ids that never start with a keyword or o/x, and never collide', () => {
    const ids = new IdAllocator();
    const a = ids.id('n', 'a_b', 'c');
    const b = ids.id('n', 'a', 'b_c');
    expect(a).toBe('n_a_b_c');
    expect(b).toBe('n_a_b_c_2');
    expect(ids.id('n', 'a_b', 'c')).toBe(a);
    expect(ids.id('n', 'end')).toBe('n_end');
    expect(ids.id('n', '"]-->x')).toMatch(/^n_[A-Za-z0-9_]+$/);
  });
});

describe('plainTitle', () => {
  it('keeps words and drops syntax', () => {
    expect(plainTitle('Orders with CQRS')).toBe('Orders with CQRS');
    expect(plainTitle('a"b%%{c}%%<d>\ne')).toBe('a b c d e');
  });
});

describe('hostile names in a design', () => {
  const { model, metrics } = hostileDesign();

  it('every line of the mermaid source is one the grammar allows', () => {
    const src = designToMermaid(model, metrics, { findings: [{ check: 'x/y', status: 'fail', path: ['components', HOSTILE_IDS.click] }] });
    for (const line of src.trimEnd().split('\n')) {
      expect(LINE_GRAMMAR.some((re) => re.test(line)), `unexpected line: ${line}`).toBe(true);
    }
    expect(src).not.toMatch(/%%|^\s*click\b|<script|<img|javascript:/im);
  });

  it('the flow view is as safe', () => {
    for (const flow of [HOSTILE_IDS.breakout, HOSTILE_IDS.click]) {
      const src = designToMermaid(model, metrics, { flow });
      for (const line of src.trimEnd().split('\n')) expect(LINE_GRAMMAR.some((re) => re.test(line)), `unexpected line: ${line}`).toBe(true);
    }
  });

  it('draws exactly the nodes the design has: nothing injected, nothing lost', () => {
    const src = designToMermaid(model, metrics);
    const graph = designGraph(model, metrics);
    const declared = src.split('\n').filter((l) => new RegExp(`^ {2,4}${ID}${OPEN}"`, 'u').test(l));
    expect(declared).toHaveLength(graph.nodes.size);
    const expected = model.componentOrder.reduce((n, id) => n + Math.max(1, model.components[id]!.regions.length), 0) + 2; // + users per region
    expect(graph.nodes.size).toBe(expected);
  });

  it('the title keeps only plain words', () => {
    const src = designToMermaid(model, metrics);
    const title = src.split('\n')[1]!;
    expect(title).toMatch(/^title: "[^"%{}<>`#]*"$/);
    expect(HOSTILE_NAME).toContain('<script>');
  });
});
