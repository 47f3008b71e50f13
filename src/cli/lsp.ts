// `sdcoach lsp`: starts the language server on stdin/stdout. The server's modules (and
// vscode-languageserver) are imported only here, when the command runs.
import type { Command } from 'commander';

export function registerLsp(program: Command): void {
  program
    .command('lsp')
    .description(
      'run the language server over stdio: diagnostics from validation and grading, hover with computed numbers, completion, quick fixes',
    )
    .option('--stdio', 'talk LSP over stdin/stdout (the default and only transport; accepted for clients that pass it)')
    .addHelpText(
      'after',
      `
Editors start it themselves; docs/editors.md shows the set-up for VS Code, Neovim and Helix.

Examples:
  $ sdcoach lsp --stdio`,
    )
    .action(async () => {
      const { setCommandPrefix } = await import('../grading/invocation.js');
      // Hints shown in the editor name the plain command.
      setCommandPrefix('sdcoach');
      const { startServer } = await import('../lsp/server.js');
      const connection = startServer();
      // Commander returns when the action resolves; the server lives until the client exits it.
      await new Promise<void>((resolve) => connection.onExit(() => resolve()));
    });
}
