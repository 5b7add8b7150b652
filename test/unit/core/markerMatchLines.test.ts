// classifyLines (the line scan the stray-marker rule, the disable comments and
// the word count stand on) reads lines by offset now; here it is held to the
// version that copied out every line and tested it with regular expressions,
// kept verbatim as the reference, over every real post in ../shared/corpus,
// the fixtures, and lines made to reach the corners.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { classifyLines, detectEol, disabledRules, LineIndex, splitDocument, type LineKind } from '../../../src/core';

function referenceClassify(text: string, bodyStart: number, index: LineIndex): LineKind[] {
  const count = index.lineCount;
  const kinds: LineKind[] = new Array<LineKind>(count);
  const firstBodyLine = bodyStart >= text.length && bodyStart > 0 ? count : index.lineAt(bodyStart);
  for (let l = 0; l < Math.min(firstBodyLine, count); l++) kinds[l] = 'front-matter';
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  let previous: LineKind = 'blank';
  for (let l = firstBodyLine; l < count; l++) {
    const line = index.lineText(l);
    let kind: LineKind;
    if (fence) {
      kind = 'fence';
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else if (inComment) {
      kind = 'comment';
      if (line.includes('-->')) inComment = false;
    } else if (line.trim() === '') {
      kind = 'blank';
    } else if (/^(?: {4}|\t)/.test(line) && (previous === 'blank' || previous === 'indented-code')) {
      kind = 'indented-code';
    } else {
      const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
      if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
        kind = 'fence';
        fence = { char: open[1][0], length: open[1].length };
      } else {
        kind = 'text';
        const opened = line.lastIndexOf('<!--');
        if (opened !== -1 && line.indexOf('-->', opened + 4) === -1) {
          inComment = true;
          if (line.trimStart().startsWith('<!--')) kind = 'comment';
        } else if (/^\s*<!--.*-->\s*$/.test(line)) {
          kind = 'comment';
        }
      }
    }
    kinds[l] = kind;
    previous = kind;
  }
  return kinds;
}

function referenceEol(text: string): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

const REPO = path.resolve(__dirname, '../../..');
const CORPUS = path.resolve(REPO, '../shared/corpus');

function textFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) textFiles(p, out);
    else if (/\.(md|mdx|markdown|html)$/i.test(entry.name)) out.push(p);
  }
  return out;
}

const TRICKY = [
  '---\ntitle: x\n---\n\ntext\n    code\n\tcode\n\n    code\n  ```js\nin fence ``` still\n   ```   \nafter',
  'a\n````\n```\nstill\n`````\nout\n~~~ info `ticks` ok\n~~~\n``` info `tick`\nnot a fence',
  'x <!-- open\nin\nstill -- > in\n--> out\n<!-- one -->\n  <!-- two --> \ntext <!-- a --> b <!-- c\n-->\n<!--\n-->',
  '\u00a0\n\u3000 \n\u2028\n\u0085\n\x0b\n\x01\n    \n\t\n\n   \t\n    code after blank',
  'line\r\n    code\r\n\r\n    code\r\n```\r\n<!--\r\n```\r\n-->\r\nx\rmixed\r\n',
  '<!-- postdesk-disable stray-marker -->\nAdvertisement\n<!--postdesk-disable-->\n```\n<!-- postdesk-disable front-matter -->\n```',
  '   ```\n    ```\n```\n',
  '<!-- --> <!--\nin\n-->',
];

describe('classifyLines by offset', () => {
  const files = [...textFiles(path.join(CORPUS, 'sites/nodejs-blog')), ...textFiles(path.join(CORPUS, 'jekyll-posts')), ...textFiles(path.join(CORPUS, 'sites/11ty-website')), ...textFiles(path.join(REPO, 'test/fixtures'))];
  const texts = [...TRICKY, ...files.map((f) => readFileSync(f, 'utf8'))];

  it('gives every line of every post the kind the line-copying scan gave', () => {
    for (const text of texts) {
      for (const bodyStart of [splitDocument(text).bodyStart, 0, text.length]) {
        const index = new LineIndex(text);
        const lines = classifyLines(text, bodyStart, index);
        assert.deepEqual(lines.kinds, referenceClassify(text, bodyStart, index), `${text.slice(0, 60)}… from ${bodyStart}`);
      }
    }
    assert.ok(texts.length > 8);
  });

  it('detects line endings and disable comments as before', () => {
    for (const text of [...texts, 'a\r\nb\nc\r\n', 'a\rb', '']) assert.equal(detectEol(text), referenceEol(text));
    const lines = classifyLines(TRICKY[5] ?? '', 0);
    assert.deepEqual([...disabledRules(lines)].sort(), ['all', 'stray-marker']);
    assert.deepEqual([...disabledRules(classifyLines('no comments here', 0))], []);
  });
});
