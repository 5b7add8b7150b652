// The harness's network check: what counts as the browser trying to leave 127.0.0.1.
import * as assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { BrowserContext } from 'playwright-core';
import { isWebviewResource, RequestTracker } from '../../../test/harness/browser';

const RESOURCE = 'https://vscode-remote+127-002e0-002e0-002e1-003a44617.vscode-resource.vscode-cdn.net/tmp/ws/site/assets/x.png';

function fakeRequest(url: string, failure?: string) {
  return { url: () => url, failure: () => (failure === undefined ? null : { errorText: failure }) };
}

describe('harness: the request tracker', () => {
  it('knows a webview resource URL', () => {
    assert.ok(isWebviewResource(RESOURCE));
    assert.ok(!isWebviewResource('https://example.com/x.png'));
    assert.ok(!isWebviewResource('https://vscode-resource.vscode-cdn.net.evil.example/x.png'));
  });

  it('flags outside hosts and failed loads, but not a webview resource cancelled mid-load or one the service worker served', () => {
    const context = new EventEmitter();
    const tracker = new RequestTracker(context as unknown as BrowserContext, '127.0.0.1:4000');
    const local = fakeRequest('http://127.0.0.1:4000/static/a.js');
    const outside = fakeRequest('https://example.com/pixel.png', 'net::ERR_NAME_NOT_RESOLVED');
    const cancelled = fakeRequest(RESOURCE, 'net::ERR_ABORTED');
    const served = fakeRequest(`${RESOURCE}?v=2`);
    const resourceRefused = fakeRequest(`${RESOURCE}?v=3`, 'net::ERR_CONNECTION_REFUSED');
    for (const request of [local, outside, cancelled, served, resourceRefused]) context.emit('request', request);
    context.emit('response', { request: () => served, fromServiceWorker: () => true });
    for (const request of [outside, cancelled, resourceRefused]) context.emit('requestfailed', request);
    assert.deepEqual(tracker.offenders().map((e) => e.url), ['https://example.com/pixel.png', `${RESOURCE}?v=3`]);
  });
});
