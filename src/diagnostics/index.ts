// Diagnostics, quick fixes and date hovers for posts. See controller.ts for
// who publishes what; extension.ts only calls registerDiagnostics.
import * as vscode from 'vscode';
import type { ConfigService } from '../config/configService';
import type { PostIndex } from '../index/postIndex';
import type { DocumentAnalyses } from '../analysis/documentAnalyses';
import { DiagnosticsSettings } from '../config/diagnosticsSettings';
import { diagnosticsProbe, type DiagnosticsProbe } from './probe';
import { PostdeskCodeActionProvider } from './codeActions';
import { registerDiagnosticsCommands } from './commands';
import { DiagnosticsController } from './controller';
import { DateHoverProvider } from './hover';

export type { DiagnosticsProbe, DiagnosticsStats } from './probe';
export { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, RULES_DOCUMENTATION_URL, ruleDocumentationUri } from './links';

/** Markdown documents, on disk or untitled; MDX files may carry their own language id; Hugo reads .html content too. Only posts get answers (the controller asks ConfigService.isContent). */
const SELECTOR: vscode.DocumentSelector = [{ language: 'markdown' }, { language: 'mdx' }, { pattern: '**/*.{md,markdown,mdx,html,htm}' }];

export interface DiagnosticsRegistration extends vscode.Disposable {
  /** What the last checks cost, for the test API (src/testApi.ts). */
  readonly probe: DiagnosticsProbe;
}

export function registerDiagnostics(index: PostIndex, config: ConfigService, analyses: DocumentAnalyses): DiagnosticsRegistration {
  const settings = new DiagnosticsSettings();
  const controller = new DiagnosticsController(index, config, analyses, settings);
  const probe = diagnosticsProbe(controller, analyses);
  const configFor = (uri: vscode.Uri) => config.forUri(uri);
  const registration = vscode.Disposable.from(
    probe,
    controller,
    settings,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PostdeskCodeActionProvider(controller, configFor), {
      providedCodeActionKinds: PostdeskCodeActionProvider.providedCodeActionKinds,
    }),
    vscode.languages.registerHoverProvider(SELECTOR, new DateHoverProvider(controller, configFor)),
    registerDiagnosticsCommands(controller, index, configFor),
  );
  return { probe, dispose: () => registration.dispose() };
}
