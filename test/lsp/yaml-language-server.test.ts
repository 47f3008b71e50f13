// The plain schema as editors see it: the YAML language server (no sdcoach process) with the
// `$schema` line sdcoach init writes flags a field that does not belong to the component's kind
// (`threads` on a cache), as `validate` does, and leaves the same field on a service alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run-cli.js';

interface Published {
  uri: string;
  diagnostics: { range: { start: { line: number; character: number } }; message: string; severity: number }[];
}

let child: ChildProcess;
let conn: MessageConnection;
const published: Published[] = [];
const waiters: (() => void)[] = [];

const schemaUri = pathToFileURL(join(ROOT, 'schemas', 'spec.schema.json')).href;

function diagnosticsOf(uri: string): Promise<Published['diagnostics']> {
  return new Promise((resolve) => {
    const look = () => {
      const hit = published.find((p) => p.uri === uri);
      if (hit) resolve(hit.diagnostics);
      else waiters.push(look);
    };
    look();
  });
}

beforeAll(async () => {
  child = spawn(process.execPath, [join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  // The server asks for its settings; answer with validation on.
  conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((i) => (i.section === 'yaml' ? { validate: true, hover: true, completion: true } : {})),
  );
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ROOT).href,
    capabilities: { workspace: { configuration: true } },
  });
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: { validate: true } } });
}, 60_000);

afterAll(async () => {
  await conn.sendRequest('shutdown').catch(() => undefined);
  await conn.sendNotification('exit').catch(() => undefined);
  conn.dispose();
  child.kill();
});

async function open(name: string, text: string) {
  const uri = pathToFileURL(join(ROOT, 'sdcoach-yls-test', name)).href;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return diagnosticsOf(uri);
}

describe('the spec schema in yaml-language-server', () => {
  it('flags threads on a cache, in flow style as the starters write it', async () => {
    const text = [
      `# yaml-language-server: $schema=${schemaUri}`,
      'regions: [us-east]',
      'components:',
      '  api:   {kind: service, threads: 200}',
      '  cache: {kind: cache, threads: 5}',
      '',
    ].join('\n');
    const ds = await open('cache.yaml', text);
    const onCache = ds.filter((d) => d.range.start.line === 4);
    expect(onCache.length, JSON.stringify(ds)).toBeGreaterThan(0);
    // At the field (its key or value), not elsewhere on the line.
    expect(onCache[0]!.range.start.character).toBeGreaterThanOrEqual(text.split('\n')[4]!.indexOf('threads'));
    // threads on the service is fine.
    expect(ds.filter((d) => d.range.start.line === 3)).toEqual([]);
  }, 60_000);

  it('a valid spec gets no diagnostics', async () => {
    const text = [
      `# yaml-language-server: $schema=${schemaUri}`,
      'regions: [us-east]',
      'components:',
      '  api:   {kind: service, threads: 200}',
      '  cache: {kind: cache, hit_ratio: 0.8}',
      '',
    ].join('\n');
    expect(await open('valid.yaml', text)).toEqual([]);
  }, 60_000);
});
