// `sdcoach lsp`: the language server over stdio. Documents live in memory (TextDocuments); every
// open or change re-runs the engine on that document (debounced per document) and publishes its
// diagnostics; hover, completion and code actions answer from the last analysis. Loaded only by
// the `lsp` command, so `grade` and `validate` never load vscode-languageserver.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogDirs } from '../problems/catalog.js';
import { complete, Engine, hover, type Analysed, type EditorDiagnostic } from './engine.js';
import { guardedInput } from './frame-guard.js';

export interface ServerSettings {
  /** Extra problem catalogs (like --problems). */
  problems?: string[];
  /** Milliseconds to wait after a keystroke before re-grading (default 30). */
  debounceMs?: number;
}

const SEVERITY: Record<EditorDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

function toLsp(d: EditorDiagnostic): Diagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(d.href ? { codeDescription: { href: d.href } } : {}),
    source: d.source,
    message: d.message,
    ...(d.fix ? { data: { fix: d.fix } } : {}),
  };
}

function fileOf(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/** The connection over stdio, its input guarded (frame-guard.ts): a frame that cannot be read ends the server, saying why. */
function stdioConnection(): Connection {
  const input = guardedInput(process.stdin, (reason) => {
    process.stderr.write(`sdcoach lsp: the client sent ${reason}; nothing after a broken frame can be read, so the server stops\n`);
    process.exit(1);
  });
  return createConnection(input, process.stdout);
}

export function startServer(connection: Connection = stdioConnection()): Connection {
  const documents = new TextDocuments(TextDocument);
  let engine = new Engine();
  let debounceMs = 30;
  const results = new Map<string, { version: number; analysed: Analysed }>();
  const timers = new Map<string, NodeJS.Timeout>();

  const analyse = (doc: TextDocument): Analysed => {
    const hit = results.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysed;
    let analysed: Analysed;
    try {
      analysed = engine.analyse(fileOf(doc.uri), doc.getText(), doc.languageId);
    } catch (err) {
      // The server must outlive any document: report the failure on the file, keep serving.
      analysed = {
        kind: 'other',
        diagnostics: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
            severity: 'error',
            code: 'internal',
            source: 'sdcoach',
            message: `sdcoach could not analyse this file: ${(err as Error).message} (please report this)`,
          },
        ],
      };
    }
    results.set(doc.uri, { version: doc.version, analysed });
    return analysed;
  };

  const publish = (doc: TextDocument) => {
    const analysed = analyse(doc);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: analysed.diagnostics.map(toLsp) });
  };

  const schedule = (doc: TextDocument, delay: number) => {
    clearTimeout(timers.get(doc.uri));
    if (delay <= 0) {
      publish(doc);
      return;
    }
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) publish(current);
      }, delay),
    );
  };

  connection.onInitialize((params) => {
    const settings = (params.initializationOptions ?? {}) as ServerSettings;
    if (Array.isArray(settings.problems)) engine = new Engine({ catalogs: catalogDirs(settings.problems) });
    if (typeof settings.debounceMs === 'number' && settings.debounceMs >= 0) debounceMs = settings.debounceMs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['[', ',', ' ', '-', '/'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'sdcoach' },
    };
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => {
    // didOpen also fires a content change; the open already published.
    const hit = results.get(e.document.uri);
    if (hit && hit.version === e.document.version) return;
    schedule(e.document, debounceMs);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    results.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    const value = hover(doc.getText(), p.position, analyse(doc));
    return value ? { contents: { kind: MarkupKind.Markdown, value } } : null;
  });

  connection.onCompletion((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return [];
    return complete(doc.getText(), p.position).map((c) => ({
      label: c.label,
      kind:
        c.kind === 'component'
          ? CompletionItemKind.Module
          : c.kind === 'region'
            ? CompletionItemKind.EnumMember
            : CompletionItemKind.Reference,
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.documentation ? { documentation: c.documentation } : {}),
    }));
  });

  connection.onCodeAction((p) => {
    const actions: CodeAction[] = [];
    for (const d of p.context.diagnostics) {
      const fix = (d.data as { fix?: unknown } | undefined)?.fix;
      if (d.source !== 'sdcoach' || typeof fix !== 'string') continue;
      actions.push({
        title: `Change to "${fix}"`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [p.textDocument.uri]: [{ range: d.range, newText: fix }] } },
      });
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
