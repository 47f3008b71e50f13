// `sdcoach lsp` driven end to end by a real LSP client (vscode-jsonrpc over the child's stdio):
// initialize -> didOpen -> didChange, asserting diagnostics from validation and grading, a hover
// with computed numbers, a completion of component ids in a flow's path and a did-you-mean fix.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../cli/run-cli.js';

interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  codeDescription?: { href: string };
  message: string;
  data?: unknown;
}

// The starter, graded at order-history's first design stage (stage 2; stage 1 is its estimate stage).
const STARTER = readFileSync(join(ROOT, 'problems/order-history/starter.yaml'), 'utf8').replace(/^stage: 1$/m, 'stage: 2');
const uri = pathToFileURL(join(ROOT, 'sdcoach-lsp-test', 'orders.yaml')).href;
const lineOf = (text: string, re: RegExp) => text.split('\n').findIndex((l) => re.test(l));

let child: ChildProcess;
let conn: MessageConnection;
const published: { uri: string; version?: number; diagnostics: LspDiagnostic[] }[] = [];
const waiters: (() => void)[] = [];

function diagnosticsFor(version: number): Promise<LspDiagnostic[]> {
  return new Promise((resolve) => {
    const look = () => {
      const hit = published.find((p) => p.uri === uri && p.version === version);
      if (hit) resolve(hit.diagnostics);
      else waiters.push(look);
    };
    look();
  });
}

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, SDCOACH_PROBLEMS: '' },
  });
  conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.onNotification('textDocument/publishDiagnostics', (p: (typeof published)[number]) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  conn.listen();
  const init = await conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ROOT).href,
    capabilities: {},
    initializationOptions: { debounceMs: 0 },
  });
  expect(init.capabilities.hoverProvider).toBe(true);
  await conn.sendNotification('initialized', {});
}, 60_000);

afterAll(async () => {
  await conn.sendRequest('shutdown').catch(() => undefined);
  await conn.sendNotification('exit').catch(() => undefined);
  conn.dispose();
  child.kill();
});

describe('sdcoach lsp', () => {
  it('publishes grading diagnostics on open, with check id, severity and a docs link', async () => {
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: STARTER } });
    const ds = await diagnosticsFor(1);
    const util = ds.find((d) => d.code === 'scalability/utilization')!;
    expect(util).toBeDefined();
    expect(util.severity).toBe(1);
    // 40,000 summary reads + 200 writes on one orders-db replica of 10,000/s: 402%.
    expect(util.message).toContain(`${Math.round(((40_000 + 200) / (1 * 10_000)) * 100)}%`);
    expect(util.range.start.line).toBe(lineOf(STARTER, /^\s+orders-db:/));
    expect(util.codeDescription!.href).toMatch(/docs\/checks\.md#scalabilityutilization$/);
    // The spec names problem order-history, stage 2: its rubric requires the pattern.
    expect(ds.map((d) => d.code)).toContain('design/pattern-declared');
  });

  it('hovers a component with its computed utilization per region', async () => {
    const line = lineOf(STARTER, /^\s+orders-db:/);
    const h = await conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 4 },
    });
    expect(h.contents.value).toContain('component `orders-db`');
    expect(h.contents.value).toMatch(/\| us-east \| 40,200 \| 1 × 10,000 \| 402% \|/);
  });

  it('hovers a flow with its latency from each origin', async () => {
    const line = lineOf(STARTER, /^\s+get-order-summary:/);
    const h = await conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 4 },
    });
    expect(h.contents.value).toContain('flow `get-order-summary`');
    expect(h.contents.value).toMatch(/\| us-east \|/);
    expect(h.contents.value).toMatch(/\| eu-west \|/);
  });

  it('completes component ids inside a flow-style path', async () => {
    const line = lineOf(STARTER, /^\s+create-order:/);
    const character = STARTER.split('\n')[line]!.indexOf('orders-api');
    const items = await conn.sendRequest<{ label: string }[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
    });
    expect(items.map((i) => i.label).sort()).toEqual(['gateway', 'orders-api', 'orders-db']);
  });

  it('re-grades on didChange: more replicas clear the utilization failure; a misspelt field gets a quick fix', async () => {
    // Six replicas: 40,200 / (6 x 10,000) = 67% (below the 80% limit), if reads spread over them.
    const fixed = STARTER.replace(
      /orders-db:  \{kind: database, regions: \[us-east\], replicas: 1,/,
      'orders-db:  {kind: database, regions: [us-east], replicas: 6, thread: 10,',
    );
    expect(fixed).not.toBe(STARTER);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const ds = await diagnosticsFor(2);
    const typo = ds.find((d) => d.code === 'schema/unknown-field')!;
    expect(typo.message).toContain('did you mean "threads"?');
    const actions = await conn.sendRequest<{ title: string; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } },
    );
    expect(actions[0]!.title).toBe('Change to "threads"');
    expect(actions[0]!.edit.changes[uri]![0]!.newText).toBe('threads');
    const line = fixed.split('\n')[typo.range.start.line]!;
    expect(line.slice(typo.range.start.character, typo.range.end.character)).toBe('thread');

    const repaired = fixed.replace('thread: 10,', '');
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: repaired }] });
    const graded = await diagnosticsFor(3);
    expect(graded.map((d) => d.code)).not.toContain('schema/unknown-field');
    expect(graded.map((d) => d.code)).not.toContain('scalability/utilization');
    expect(graded.map((d) => d.code)).toContain('design/pattern-declared');
  });
});
