// The preview's markdown-it skips normalizeLink (mdurl parse, punycode,
// format, percent-encoding) for addresses it returns unchanged (see
// isNormalLink in src/core/render/markdown.ts). The output must be what
// markdown-it's own normalizeLink gives for every address: real ones from the
// corpus and the fixtures, and generated ones made of the characters where
// mdurl and punycode change something.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { createMarkdown, isNormalLink } from '../../../src/core/render/markdown';

const original = new MarkdownIt().normalizeLink;
const ours = createMarkdown();

const FIXTURES = join(__dirname, '../../fixtures');
const JEKYLL = join(__dirname, 'fixtures/jekyll-posts');
const CORPUS = join(__dirname, '../../../../shared/corpus/sites/nodejs-blog');

function markdownFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) {
      if (name !== 'node_modules' && name !== '.git') markdownFiles(file, out);
    } else if (/\.(md|markdown|mdx)$/i.test(name)) {
      out.push(file);
    }
  }
  return out;
}

/** Link and image destinations, reference definitions, autolinks and raw HTML addresses written in `text`. */
function addressesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)/g)) out.push(m[1] ?? '');
  for (const m of text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) out.push(m[1] ?? '');
  for (const m of text.matchAll(/<([a-z][a-z0-9+.-]*:[^\s<>]*)>/gi)) out.push(m[1] ?? '');
  for (const m of text.matchAll(/(?:href|src)\s*=\s*["']([^"']*)["']/gi)) out.push(m[1] ?? '');
  return out;
}

function assertSameAsMarkdownIt(url: string): void {
  const expected = original(url);
  assert.equal(ours.normalizeLink(url), expected, JSON.stringify(url));
  if (isNormalLink(url)) assert.equal(expected, url, `taken as unchanged: ${JSON.stringify(url)}`);
}

// Characters mdurl treats specially somewhere: host enders, auth, ports, escapes, IPv6, non-ASCII, punycode separators.
const TRICKY = [...'aZ09-_.+~!$&\'()*,;=:/?#@%[]{}|\\^`<>" \t\n'].concat(['%2F', '%zz', '%', 'ü', '\u3002', 'xn--', 'é', '\u{1F600}', '\uD800']);
const piece = fc.oneof(fc.constantFrom(...TRICKY), fc.constantFrom('http', 'https', 'HTTP', 'mailto', 'javascript', 'ftp', 'data', 'www', 'example', 'com', '1', '80'));
const tricky = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
const label = fc.stringMatching(/^[A-Za-z0-9_+-]{0,70}$/);
const webLike = fc
  .tuple(fc.constantFrom('http://', 'https://', 'HTTPS://', 'ftp://', '//', 'mailto:', ''), fc.array(label, { minLength: 1, maxLength: 6 }), fc.constantFrom('', ':', ':8080', ':x', '@host'), tricky)
  .map(([scheme, labels, port, rest]) => `${scheme}${labels.join('.')}${port}${rest}`);

describe("render: markdown-it's normalizeLink is skipped only where it changes nothing", () => {
  it('every address in the corpus and the fixtures', () => {
    const files = [...markdownFiles(FIXTURES), ...markdownFiles(JEKYLL), ...markdownFiles(CORPUS)];
    let count = 0;
    let normal = 0;
    for (const file of files) {
      for (const url of addressesIn(readFileSync(file, 'utf8'))) {
        assertSameAsMarkdownIt(url);
        count++;
        if (isNormalLink(url)) normal++;
      }
    }
    assert.ok(count > 50, `${count} addresses`);
    assert.ok(normal > count / 2, `most real addresses take the short path (${normal} of ${count})`);
  });

  it('addresses that differ from what markdown-it makes of them are never taken as unchanged', () => {
    for (const url of ['http://a:b:c/', 'http://@example.com/', 'http://ex ample.com', 'https://exämple.com/', 'https://example.com/a b', 'a%zzb', 'https://example.com:/x', 'x'.repeat(300) + ':y', `https://${'a'.repeat(64)}.com/`, 'mailto:ed@example.com', ' https://example.com/']) {
      assertSameAsMarkdownIt(url);
    }
    assert.equal(isNormalLink('http://a:b:c/'), false);
    assert.equal(isNormalLink('https://example.com/a b'), false);
  });

  it('generated addresses', () => {
    fc.assert(fc.property(fc.oneof(tricky, webLike, fc.string({ maxLength: 40 })), assertSameAsMarkdownIt), { numRuns: 20000 });
  });
});
