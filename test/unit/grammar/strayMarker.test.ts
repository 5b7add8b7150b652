// Grammar tests for syntaxes/stray-marker.injection.tmLanguage.json: the lines
// the engine's stray-marker rule reports get their own scope in the editor, and
// prose, code, comments and front matter never do.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { LINE_SCOPE, loadMarkdownGrammar, markedText, readInjection, tokenizeDocument } from './tokenize';

const ROOT = path.resolve(__dirname, '../../..');

interface Manifest {
  contributes: {
    grammars?: { scopeName: string; path: string; injectTo?: string[] }[];
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const defaultMarkers = manifest.contributes.configuration.properties['postdesk.markers']?.default as string[];

/** Marked text per line of a document. */
function marks(grammar: IGrammar, text: string): string[] {
  return tokenizeDocument(grammar, text).map(markedText);
}

/** Marked text of one line standing alone between blank lines, as in an article body. */
function markOf(grammar: IGrammar, line: string): string {
  return marks(grammar, `Intro paragraph.\n\n${line}\n\nOutro paragraph.`)[2] ?? '';
}

describe('stray-marker grammar', () => {
  let grammar: IGrammar;
  before(async () => {
    grammar = await loadMarkdownGrammar();
  });

  it('is declared in package.json as an injection into Markdown', () => {
    const injection = readInjection();
    const entry = manifest.contributes.grammars?.find((g) => g.scopeName === injection.scopeName);
    assert.ok(entry, 'contributes.grammars has an entry for the injection grammar');
    assert.deepEqual(entry.injectTo, ['text.html.markdown']);
    assert.equal(path.resolve(ROOT, entry.path), path.join(ROOT, 'syntaxes/stray-marker.injection.tmLanguage.json'));
  });

  it('scopes the two lone "Advertisement" lines of the seed article and nothing else', () => {
    const article = readFileSync(path.join(__dirname, 'fixtures/seed-article.md'), 'utf8');
    const lines = article.split('\n');
    const marked = marks(grammar, article)
      .map((text, line) => ({ text, line }))
      .filter((entry) => entry.text !== '');
    const expected = lines.flatMap((text, line) => (text === 'Advertisement' ? [{ text, line }] : []));
    assert.equal(expected.length, 2, 'the fixture holds two marker lines');
    assert.deepEqual(marked, expected);
  });

  it('marks every default marker of postdesk.markers, in any case', () => {
    assert.ok(defaultMarkers.length > 5);
    for (const marker of defaultMarkers) {
      for (const variant of [marker, marker.toUpperCase(), marker.toLowerCase()]) {
        assert.equal(markOf(grammar, variant), variant, `"${variant}" is marked`);
      }
    }
  });

  it('lists exactly the default markers (no drift from package.json)', () => {
    const match = JSON.stringify(readInjection()).match(/\(\[\*_\]\{1,3\}\)\?\((.+?)\)\(\[:\.\]\?\)/);
    assert.ok(match?.[1], 'the marker alternation is found in the grammar');
    const alternatives = match[1]
      .split('|')
      .flatMap((alt) => (alt.endsWith('s?') ? [alt.slice(0, -2), alt.slice(0, -2) + 's'] : [alt]))
      .map((alt) => alt.replace(/\[ \\\\t\]\+/g, ' '));
    assert.deepEqual([...alternatives].sort(), defaultMarkers.map((m) => m.toLowerCase()).sort());
  });

  it('ignores surrounding spaces, emphasis, heading marks and a trailing colon or period', () => {
    const cases: [string, string][] = [
      ['Advertisement', 'Advertisement'],
      ['  Advertisement   ', 'Advertisement'],
      ['**Advertisement**', 'Advertisement'],
      ['_Sponsored content_', 'Sponsored content'],
      ['*ADVERTISEMENT*', 'ADVERTISEMENT'],
      ['## Advertisement', 'Advertisement'],
      ['Advertisement:', 'Advertisement:'],
      ['Advertisement.', 'Advertisement.'],
      ['**Advertisement**:', 'Advertisement:'],
      ['Story continues below advertisement', 'Story continues below advertisement'],
      ['Ad', 'Ad'],
    ];
    for (const [line, expected] of cases) assert.equal(markOf(grammar, line), expected, JSON.stringify(line));
  });

  it('gives the whole line a scope themes can target', () => {
    const tokens = tokenizeDocument(grammar, 'Text.\n\n**Advertisement**\n')[2] ?? [];
    assert.ok(tokens.length > 0 && tokens.every((token) => token.scopes.includes(LINE_SCOPE)));
  });

  it('leaves prose that merely contains a marker word alone', () => {
    for (const line of [
      'Advertisement revenue fell by a third.',
      'The Advertisement',
      'Ad hoc meetings were held.',
      'Adverts',
      'Advertisement - November 6, 2020',
      'Tips for becoming a good boxer - November 6, 2020',
      'Skip advertisement, please',
      '`Advertisement`',
      '[Advertisement](https://example.com)',
    ]) {
      assert.equal(markOf(grammar, line), '', JSON.stringify(line));
    }
  });

  it('never marks fenced or indented code', () => {
    const text = ['Text.', '', '```', 'Advertisement', '```', '', '~~~js', 'Advertisement', '~~~', '', '    Advertisement', '', 'Advertisement'].join('\n');
    assert.deepEqual(marks(grammar, text), ['', '', '', '', '', '', '', '', '', '', '', '', 'Advertisement']);
  });

  it('never marks a line inside a template block whose content is code, as the engine reads it', () => {
    const text = [
      '{{< highlight html >}}', 'Advertisement', '', 'Advertisement', '{{< /highlight >}}', '',
      '{% highlight ruby %}', 'Advertisement', '{% endhighlight %}', '',
      '{% raw %}', 'Advertisement', '{% endraw %}', '',
      '{{% highlight go %}}', 'Advertisement', '{{% /highlight %}}', '',
      'Advertisement',
    ].join('\n');
    const marked = marks(grammar, text);
    assert.deepEqual(marked.slice(0, -1).filter((m) => m !== ''), [], JSON.stringify(marked));
    assert.equal(marked.at(-1), 'Advertisement', 'the body after the blocks is marked again');
    // Any other template tag is not code: a marker beside it is still one.
    assert.deepEqual(marks(grammar, ['{{< note >}}', '', 'Advertisement', '', '{{< /note >}}'].join('\n'))[2], 'Advertisement');
  });

  it('never marks HTML comments', () => {
    const text = ['<!--', 'Advertisement', '-->', '', 'Advertisement'].join('\n');
    assert.deepEqual(marks(grammar, text), ['', '', '', '', 'Advertisement']);
  });

  it('never marks YAML or TOML front matter, and marks the body after it', () => {
    const yaml = ['---', 'title: Hello', 'note: |', '  Advertisement', 'Advertisement', '---', 'Advertisement'].join('\n');
    assert.deepEqual(marks(grammar, yaml), ['', '', '', '', '', '', 'Advertisement']);
    const toml = ['+++', 'title = "Hello"', 'Advertisement', '+++', '', 'Advertisement'].join('\n');
    assert.deepEqual(marks(grammar, toml), ['', '', '', '', '', 'Advertisement']);
  });

  it('marks nothing without the injection (the tests above can fail)', async () => {
    const plain = await loadMarkdownGrammar(false);
    assert.equal(marks(plain, 'Text.\n\nAdvertisement\n')[2], '');
  });

  // Documented limits (README "Rules" → stray-marker): a static grammar cannot
  // read settings, so custom markers are only reported by diagnostics; and
  // marker lines inside block quotes or list items are left unhighlighted.
  it('documents its limits: custom markers and quoted/listed lines are not highlighted', () => {
    assert.equal(markOf(grammar, 'Werbung'), '');
    assert.equal(markOf(grammar, '> Advertisement'), '');
    assert.equal(markOf(grammar, '- Advertisement'), '');
  });
});
