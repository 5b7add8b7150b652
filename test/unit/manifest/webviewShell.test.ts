// The shared webview shell (src/webviewHost, src/webview/shared): every page
// gets a strict Content Security Policy with a fresh nonce, its own bundle and
// stylesheet, and a message channel that passes only its protocol's messages;
// the build's list of pages and the page folders stay in step.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { WebviewChannel } from '../../../src/webviewHost/channel';
import { contentSecurityPolicy, createNonce, pageAssets, pageHtml, PAGE_RESOURCE_FOLDERS, type WebviewPage } from '../../../src/webviewHost/page';
import { isFromPageMessage, type FromPageMessage, type ToPageMessage } from '../../../src/preview/protocol';
import { REPO_ROOT } from './manifest';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
/** What asWebviewUri makes of an extension file, near enough for the page's HTML. */
const webviewUri = (segments: readonly string[]) => `${CSP_SOURCE}/ext/${segments.join('/')}`;

function htmlFor(page: WebviewPage, nonce: string, extra: { allowRemoteImages?: boolean; extraStyleUris?: string[] } = {}): string {
  const assets = pageAssets(page.id);
  return pageHtml({
    page,
    policy: { allowRemoteImages: extra.allowRemoteImages },
    cspSource: CSP_SOURCE,
    nonce,
    scriptUri: webviewUri(assets.script),
    styleUri: webviewUri(assets.style),
    extraStyleUris: extra.extraStyleUris,
    language: 'de',
  });
}

const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const cspOf = (html: string) => decode(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '');
const scriptsOf = (html: string) => [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attributes: m[1]!, body: m[2]! }));
const stylesheetsOf = (html: string) => [...html.matchAll(/<link rel="stylesheet" nonce="([^"]*)" href="([^"]*)">/g)].map((m) => ({ nonce: m[1]!, href: m[2]! }));

const preview: WebviewPage = { id: 'preview', title: 'Postdesk-Vorschau', body: '<main id="postdesk-body"></main>' };
const calendar: WebviewPage = { id: 'calendar', title: 'Calendar', body: '<div id="calendar"></div>' };

describe('webview shell', () => {
  describe('the page HTML', () => {
    it('allows only the script carrying this load’s nonce: no inline script, no eval', () => {
      const nonce = createNonce();
      const html = htmlFor(preview, nonce);
      const csp = cspOf(html);
      assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'(;|$)`));
      assert.match(csp, /^default-src 'none'/);
      assert.doesNotMatch(csp, /unsafe-eval|unsafe-inline|strict-dynamic/);
      assert.match(csp, /form-action 'none'/);
      assert.match(csp, /base-uri 'none'/);
      const scripts = scriptsOf(html);
      assert.equal(scripts.length, 1);
      assert.equal(scripts[0]!.body, '', 'no inline script');
      assert.ok(scripts[0]!.attributes.includes(`nonce="${nonce}"`));
    });

    it('loads the page’s own bundle and stylesheet, then the extra stylesheets, all by nonce', () => {
      const nonce = createNonce();
      const html = htmlFor(preview, nonce, { extraStyleUris: [`${CSP_SOURCE}/workspace/site.css`] });
      assert.ok(scriptsOf(html)[0]!.attributes.includes(`src="${CSP_SOURCE}/ext/dist/webview/preview.js"`));
      assert.deepEqual(stylesheetsOf(html), [
        { nonce, href: `${CSP_SOURCE}/ext/media/preview.css` },
        { nonce, href: `${CSP_SOURCE}/workspace/site.css` },
      ]);
      assert.match(html, /<body class="postdesk-preview">\s*<main id="postdesk-body"><\/main>/);
      assert.match(html, /<html lang="de">/);
      assert.match(html, /<title>Postdesk-Vorschau<\/title>/);
    });

    it('lets in https images only when the page asks for them', () => {
      assert.ok(contentSecurityPolicy(CSP_SOURCE, 'n', {}).includes(`img-src ${CSP_SOURCE} data:;`));
      assert.ok(contentSecurityPolicy(CSP_SOURCE, 'n', { allowRemoteImages: true }).includes(`img-src ${CSP_SOURCE} https: data:;`));
    });

    it('gives a second page its own bundle, stylesheet and body class, and every load a fresh nonce', () => {
      const first = createNonce();
      const second = createNonce();
      assert.notEqual(first, second);
      assert.match(first, /^[0-9a-f]{36}$/);
      const html = htmlFor(calendar, second);
      assert.ok(scriptsOf(html)[0]!.attributes.includes(`src="${CSP_SOURCE}/ext/dist/webview/calendar.js"`));
      assert.deepEqual(stylesheetsOf(html), [{ nonce: second, href: `${CSP_SOURCE}/ext/media/calendar.css` }]);
      assert.match(html, /<body class="postdesk-calendar">/);
      assert.ok(!html.includes('preview'), 'nothing of the preview in the calendar page');
      assert.ok(!html.includes(first));
    });

    it('escapes what goes into attributes and refuses a page id that is not a plain name', () => {
      const html = pageHtml({ page: { id: 'x', title: '<b>"t"</b>', body: '' }, cspSource: CSP_SOURCE, nonce: 'n', scriptUri: 'a"><script>alert(1)</script>', styleUri: 's', language: 'en' });
      assert.equal(scriptsOf(html).length, 1);
      assert.match(html, /<title>&lt;b&gt;&quot;t&quot;&lt;\/b&gt;<\/title>/);
      assert.throws(() => pageAssets('../preview'), /lower-case/);
      assert.throws(() => pageAssets('Preview'), /lower-case/);
    });

    it('lets a page’s webview load only the pages’ bundles and stylesheets from the extension', () => {
      assert.deepEqual(PAGE_RESOURCE_FOLDERS.map((segments) => segments.join('/')), ['media', 'dist/webview']);
      for (const page of [preview, calendar]) {
        const { script, style } = pageAssets(page.id);
        for (const file of [script, style]) assert.ok(PAGE_RESOURCE_FOLDERS.some((root) => root.every((segment, i) => file[i] === segment)), file.join('/'));
      }
    });
  });

  describe('the build’s pages (scripts/build.mjs)', () => {
    const build = fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'build.mjs'), 'utf8');
    const listed = JSON.parse((/const WEBVIEW_PAGES = (\[[^\]]*\]);/.exec(build)?.[1] ?? '[]').replace(/'/g, '"')) as string[];
    const folders = fs
      .readdirSync(path.join(REPO_ROOT, 'src', 'webview'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
      .map((entry) => entry.name);

    it('lists every page folder of src/webview, each with its main.ts and its stylesheet', () => {
      assert.ok(listed.includes('preview'), `WEBVIEW_PAGES: ${JSON.stringify(listed)}`);
      assert.deepEqual([...listed].sort(), [...folders].sort(), 'a folder of src/webview/ (but shared/) is a page: list it in WEBVIEW_PAGES');
      for (const page of listed) {
        assert.ok(fs.existsSync(path.join(REPO_ROOT, 'src', 'webview', page, 'main.ts')), `src/webview/${page}/main.ts`);
        assert.ok(fs.existsSync(path.join(REPO_ROOT, ...pageAssets(page).style)), `media/${page}.css`);
      }
    });

    it('ships every page’s bundle in the VSIX', () => {
      const ignore = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8').split(/\r?\n/);
      assert.ok(ignore.includes('!dist/webview/*.js'), '.vscodeignore lets every page bundle through');
    });
  });

  describe('the message channel', () => {
    /** A webview double: what the extension posted, and a way to deliver a page message. */
    function fakeWebview() {
      const posted: unknown[] = [];
      const listeners = new Set<(message: unknown) => void>();
      const webview = {
        postMessage: (message: unknown) => {
          posted.push(message);
          return Promise.resolve(true);
        },
        onDidReceiveMessage: (listener: (message: unknown) => void) => {
          listeners.add(listener);
          return { dispose: () => listeners.delete(listener) };
        },
      } as unknown as vscode.Webview;
      return { webview, posted, deliver: (message: unknown) => listeners.forEach((l) => l(message)), listenerCount: () => listeners.size };
    }

    it('posts the page’s messages and hears only those its protocol accepts', async () => {
      const fake = fakeWebview();
      const channel = new WebviewChannel<ToPageMessage, FromPageMessage>(fake.webview, isFromPageMessage);
      const heard: FromPageMessage[] = [];
      channel.onMessage((message) => heard.push(message));
      assert.equal(await channel.post({ type: 'scrollToLine', line: 3 }), true);
      assert.deepEqual(fake.posted, [{ type: 'scrollToLine', line: 3 }]);
      fake.deliver({ type: 'ready' });
      fake.deliver({ type: 'revealLine', line: -1 });
      fake.deliver({ type: 'openLink', href: 'https://example.com', kind: 'javascript' });
      fake.deliver('ready');
      fake.deliver({ type: 'didScroll', line: 2.5 });
      assert.deepEqual(heard, [{ type: 'ready' }, { type: 'didScroll', line: 2.5 }]);
    });

    it('stops listening when disposed', () => {
      const fake = fakeWebview();
      const channel = new WebviewChannel<ToPageMessage, FromPageMessage>(fake.webview, isFromPageMessage);
      const heard: FromPageMessage[] = [];
      channel.onMessage((message) => heard.push(message));
      channel.onMessage(() => undefined);
      assert.equal(fake.listenerCount(), 2);
      channel.dispose();
      assert.equal(fake.listenerCount(), 0);
      fake.deliver({ type: 'ready' });
      assert.deepEqual(heard, []);
    });
  });
});
