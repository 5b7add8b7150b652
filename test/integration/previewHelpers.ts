// The preview as the integration suites drive it: open a post and the preview
// beside it, and wait until the page drew a render the test accepts.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PostdeskApi } from '../../src/extension';
import type { PreviewApi, PreviewSnapshot } from '../../src/preview';
import { waitFor } from './diagnostics.helpers';

export async function previewApi(): Promise<PreviewApi> {
  const extension = vscode.extensions.getExtension<PostdeskApi>('postdesk.postdesk');
  assert.ok(extension);
  return (await extension.activate()).preview;
}

/** Opens `uri` in the first group and the preview beside it, then waits for a render of it, drawn by the page, that `accept` takes. */
export async function previewOf(preview: PreviewApi, uri: vscode.Uri, what: string, accept: (sent: PreviewSnapshot) => boolean): Promise<PreviewSnapshot> {
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preview: false });
  await vscode.commands.executeCommand('postdesk.openPreviewToSide');
  let last: PreviewSnapshot | undefined;
  try {
    await waitFor(
      () => {
        last = preview.lastRendered;
        return last?.uri === uri.toString() && preview.lastPageReport?.renderId === last.renderId && accept(last);
      },
      what,
      15_000,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\nlast body sent for ${last?.uri}:\n${last?.bodyHtml}`);
  }
  assert.ok(last);
  return last;
}
