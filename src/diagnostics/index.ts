// Diagnostics, quick fixes and date hovers for posts. See controller.ts for
// who publishes what; extension.ts only calls registerDiagnostics.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import type { PostIndex } from '../index/postIndex';
import { PostdeskCodeActionProvider } from './codeActions';
import { registerDiagnosticsCommands } from './commands';
import { DiagnosticsController } from './controller';
import { DateHoverProvider } from './hover';

export { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, RULES_DOCUMENTATION_URL, ruleDocumentationUri } from './links';

/** Markdown documents, on disk or untitled; MDX files may carry their own language id. */
const SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'mdx' }, { pattern: '**/*.{md,markdown,mdx}' }];

export function registerDiagnostics(_context: vscode.ExtensionContext, index: PostIndex, config: ConfigService): vscode.Disposable {
  const controller = new DiagnosticsController(index, config);
  const configFor = (uri: vscode.Uri) => config.forUri(uri);
  return vscode.Disposable.from(
    controller,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PostdeskCodeActionProvider(controller, configFor), {
      providedCodeActionKinds: PostdeskCodeActionProvider.providedCodeActionKinds,
    }),
    vscode.languages.registerHoverProvider(SELECTOR, new DateHoverProvider(controller, configFor)),
    registerDiagnosticsCommands(controller, index, configFor),
  );
}
