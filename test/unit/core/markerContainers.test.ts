// Stray markers and CommonMark's containers (#14, "Never lose a character"):
// a marker line is flagged and removed only where markdown-it, configured as
// the preview, reads it as prose; code and raw HTML in list items, block
// quotes and HTML blocks are never touched, and a setext heading goes whole.

import assert from 'node:assert/strict';
import { analyze, applyEdits, DEFAULT_CONFIG, fixAll } from '../../../src/core';

const now = new Date(2024, 0, 15, 12, 0, 0);
const FRONT = '---\ntitle: x\ndate: 2020-01-01\n---\n';

/** Document lines (after the front matter) of the stray-marker findings. */
function flagged(body: string): number[] {
  const lines = FRONT.split('\n').length - 1;
  return analyze({ path: 'post.md', text: FRONT + body }, DEFAULT_CONFIG, { now })
    .findings.filter((f) => f.rule === 'stray-marker')
    .map((f) => f.range.start.line - lines);
}

/** What `postdesk fix` leaves of the body. */
function fixed(body: string): string {
  const out = fixAll({ path: 'post.md', text: FRONT + body }, DEFAULT_CONFIG, { safeOnly: true, now }).text;
  assert.ok(out.startsWith(FRONT));
  return out.slice(FRONT.length);
}

/** What the preferred quick fix of the finding on `line` leaves of the body. */
function quickFixed(body: string, line: number): string {
  const lines = FRONT.split('\n').length - 1;
  const text = FRONT + body;
  const f = analyze({ path: 'post.md', text }, DEFAULT_CONFIG, { now }).findings.find((x) => x.rule === 'stray-marker' && x.range.start.line === line + lines);
  assert.ok(f, `no finding on body line ${line}`);
  return applyEdits(text, f.fixes[0].edits).slice(FRONT.length);
}

function untouched(body: string): void {
  assert.deepEqual(flagged(body), [], `flagged in ${JSON.stringify(body)}`);
  assert.equal(fixed(body), body);
}

describe('stray markers in containers', () => {
  describe('code in list items and block quotes is never flagged', () => {
    const cases: [string, string][] = [
      ['a fence opened on a bullet item’s first line', '- ```\n  Advertisement\n  ```\n'],
      ['a fence opened on an ordered item’s first line', '1. ```\n   Advertisement\n   ```\n'],
      ['a fence indented under a nested item', '- a\n  - b\n    ```\n    Advertisement\n    ```\n'],
      ['a fence after a blank line in an item', '- a\n\n  ```\n  Advertisement\n  ```\n'],
      ['a fence left open in an item', '- ```\n  text\n\n  Advertisement\n'],
      ['a tilde fence in an ordered item with a long marker', '10. ~~~\n    Advertisement\n    ~~~\n'],
      ['a fence in a block quote', '> ```\n> Advertisement\n> ```\n'],
      ['a fence in a nested block quote', '> > ```\n> > Advertisement\n> > ```\n'],
      ['a fence in a quote in an item', '- > ```\n  > Advertisement\n  > ```\n'],
      ['a fence in an item in a quote', '> - ```\n>   Advertisement\n>   ```\n'],
      ['indented code in an item', '- a\n\n      Advertisement\n'],
      ['indented code in a block quote', '> a\n>\n>     Advertisement\n'],
    ];
    for (const [name, body] of cases) it(name, () => untouched(body));
  });

  describe('raw HTML blocks are never flagged', () => {
    const cases: [string, string][] = [
      ['<pre> (type 1)', '<pre>\nAdvertisement\n</pre>\n'],
      ['<pre> across blank lines', '<pre>\ntext\n\nAdvertisement\n\n</pre>\n'],
      ['<textarea> across blank lines', '<textarea>\n\nAdvertisement\n\n</textarea>\n'],
      ['<script>', '<script>\nAdvertisement\n</script>\n'],
      ['<style>', '<style>\n\nAdvertisement\n\n</style>\n'],
      ['a comment (type 2)', '<!--\n\nAdvertisement\n\n-->\n'],
      ['a processing instruction (type 3)', '<?php\n\nAdvertisement\n\n?>\n'],
      ['a declaration (type 4)', '<!DOCTYPE html\nAdvertisement\n>\n'],
      ['CDATA (type 5)', '<![CDATA[\n\nAdvertisement\n\n]]>\n'],
      ['a block-level tag (type 6)', '<div>\nAdvertisement\n</div>\n'],
      ['a table cell (type 6)', '<table><tr><td>\nAdvertisement\n</td></tr></table>\n'],
      ['any complete tag on its own line (type 7)', '<custom-tag>\nAdvertisement\n</custom-tag>\n'],
      ['a closing tag on its own line (type 7)', '</span>\nAdvertisement\n'],
      ['an HTML block in a list item', '- <pre>\n  Advertisement\n  </pre>\n'],
      ['an HTML block in a block quote', '> <div>\n> Advertisement\n> </div>\n'],
    ];
    for (const [name, body] of cases) it(name, () => untouched(body));

    it('but prose after a blank line ends a type 6 block and is flagged (CommonMark)', () => {
      const body = '<div>\n\nAdvertisement\n\n</div>\n';
      assert.deepEqual(flagged(body), [2]);
      assert.equal(fixed(body), '<div>\n\n</div>\n');
    });
  });

  describe('inline code and HTML spanning lines are not prose', () => {
    it('a code span across lines', () => untouched('Some `code\nAdvertisement\nhere` and more.\n'));
    it('an attribute value across lines', () => untouched('Text <span title="a\nAdvertisement\nb">x</span> text.\n'));
    it('an inline comment across lines', () => untouched('Text <!-- a\nAdvertisement\nb --> text.\n'));
    it('a link’s text across lines', () => untouched('See [the\nAdvertisement\npage](https://example.com).\n'));
  });

  describe('prose in list items and block quotes is flagged and removed with its container intact', () => {
    it('a paragraph of its own in a list item', () => {
      const body = '- One\n\n  Advertisement\n\n  Two\n- Three\n';
      assert.deepEqual(flagged(body), [2]);
      assert.equal(fixed(body), '- One\n\n  Two\n- Three\n');
    });
    it('a line in the middle of a list item’s paragraph', () => {
      const body = '1. One\n   Advertisement\n   Two\n';
      assert.deepEqual(flagged(body), [1]);
      assert.equal(fixed(body), '1. One\n   Two\n');
    });
    it('a paragraph of its own in a block quote, with its blank quote line', () => {
      const body = '> One\n>\n> Advertisement\n>\n> Two\n';
      assert.deepEqual(flagged(body), [2]);
      assert.equal(fixed(body), '> One\n>\n> Two\n');
    });
    it('a line of a quoted paragraph', () => {
      const body = '> One\n> **Advertisement**\n> Two\n';
      assert.deepEqual(flagged(body), [1]);
      assert.equal(fixed(body), '> One\n> Two\n');
      const finding = analyze({ path: 'p.md', text: body }, DEFAULT_CONFIG, { now }).findings.find((f) => f.rule === 'stray-marker');
      assert.match(finding?.message ?? '', /"\*\*Advertisement\*\*"/);
    });
    it('a block quote holding only the marker goes with it', () => {
      const body = 'One\n\n> Advertisement\n\nTwo\n';
      assert.deepEqual(flagged(body), [2]);
      assert.equal(fixed(body), 'One\n\nTwo\n');
    });
    it('a quote in a list item, and an item in a quote', () => {
      const a = '- One\n\n  > Quoted\n  > Advertisement\n';
      assert.deepEqual(flagged(a), [3]);
      assert.equal(fixed(a), '- One\n\n  > Quoted\n');
      const b = '> - One\n>\n>   Advertisement\n>\n>   Two\n';
      assert.deepEqual(flagged(b), [2]);
      assert.equal(fixed(b), '> - One\n>\n>   Two\n');
    });
    it('a lazy continuation line in the middle of a quoted paragraph', () => {
      const body = '> One\nAdvertisement\n> Two\n';
      assert.deepEqual(flagged(body), [1]);
      assert.equal(fixed(body), '> One\n> Two\n');
    });
  });

  describe('lines whose removal would change the blocks around them are left alone', () => {
    it('a list item’s own line (it would delete the item)', () => {
      untouched('- Advertisement\n- Two\n');
      untouched('1. Advertisement\n2. Two\n');
      untouched('- # Advertisement\n');
      untouched('> - Advertisement\n');
    });
    it('the first line of a quote whose paragraph goes on lazily', () => untouched('> Advertisement\nlazy text\n'));
    it('the first line of a paragraph whose next line would become code', () => untouched('Advertisement\n    more text\n'));
    it('the first line of a paragraph whose next line would become a link definition', () => untouched('Advertisement\n[x]: /url\n\n[x]\n'));
    it('the first line of a paragraph whose next line would start a list', () => untouched('Advertisement\n2. Two\n'));
    it('the first line of a list item paragraph whose next line is lazy', () => untouched('- One\n\n  Advertisement\nlazy\n'));
  });

  describe('large files are parsed around their candidates only, with the same answers', () => {
    const filler = (n: number): string => Array.from({ length: n }, (_, i) => `Paragraph ${i} of prose.\n\n`).join('');
    it('a fence that the HTML block before it hides from a line scan', () => {
      untouched(`${filler(3)}<div>\n\`\`\`\n</div>\n\n\`\`\`\ntext\n\nAdvertisement\n\n\`\`\`\n${filler(3)}`);
    });
    it('a fence after a list item whose indented fence a line scan would take for its opener', () => {
      untouched(`${filler(3)}- a\n\n  \`\`\`\n  x\n\nText\n\n\`\`\`\n\nAdvertisement\n\n\`\`\`\n${filler(3)}`);
    });
    it('raw HTML of kinds 1 to 5 across blank lines', () => {
      untouched(`${filler(3)}<pre>\n\nAdvertisement\n\n</pre>\n${filler(3)}`);
      untouched(`${filler(3)}<!--\n\nAdvertisement\n\n-->\n${filler(3)}`);
    });
    it('a marker whose removal would pull the next line into the list before it', () => {
      untouched(`${filler(3)}- One\n\nAdvertisement\n\n  Two\n\n${filler(3)}`);
    });
    it('a line of a link’s text whose reference is defined far away', () => {
      untouched(`[See\nAdvertisement\nhere][ref]\n\n${filler(5)}[ref]: https://example.com\n`);
      untouched(`[See\nAdvertisement\nhere][nowhere]\n`);
    });
    it('and still removes the markers between paragraphs', () => {
      const body = `${filler(3)}Advertisement\n\n${filler(3)}`;
      assert.deepEqual(flagged(body), [6]);
      assert.equal(fixed(body), filler(3) + filler(3));
    });
  });

  describe('setext headings are one unit', () => {
    it('removes the text and its --- underline together', () => {
      const body = 'Text\n\nAdvertisement\n-------------\n\nMore\n';
      assert.deepEqual(flagged(body), [2]);
      assert.equal(fixed(body), 'Text\n\nMore\n');
      assert.equal(quickFixed(body, 2), 'Text\n\nMore\n');
    });
    it('removes the text and its === underline together', () => {
      const body = 'Text\n\n**Advertisement**\n=====\nMore\n';
      assert.deepEqual(flagged(body), [2]);
      assert.equal(fixed(body), 'Text\n\nMore\n');
    });
    it('in a block quote', () => {
      const body = '> Text\n>\n> Advertisement\n> ---\n';
      assert.deepEqual(flagged(body), [2]);
      assert.equal(fixed(body), '> Text\n>\n');
    });
    it('never leaves an underline behind: a heading with other text is not a marker', () => {
      untouched('One\nAdvertisement\n---\n');
      untouched('Advertisement\nOne\n===\n');
    });
    it('a line before a thematic break that is not an underline is a paragraph', () => {
      const body = 'Advertisement\n\n---\n\nText\n';
      assert.deepEqual(flagged(body), [0]);
      assert.equal(fixed(body), '\n---\n\nText\n');
    });
  });

  describe('several markers', () => {
    it('fixes all at once, in every container, and leaves code alone', () => {
      const body = [
        'Intro',
        '',
        'Advertisement',
        '',
        '- ```',
        '  Advertisement',
        '  ```',
        '- Item',
        '',
        '  Advertisement',
        '',
        '> Quote',
        '> Advertisement',
        '',
        '<pre>',
        'Advertisement',
        '</pre>',
        '',
        'Advertisement',
        '---',
        '',
        'End',
        '',
      ].join('\n');
      assert.deepEqual(flagged(body), [2, 9, 12, 18]);
      assert.equal(fixed(body), ['Intro', '', '- ```', '  Advertisement', '  ```', '- Item', '', '> Quote', '', '<pre>', 'Advertisement', '</pre>', '', 'End', ''].join('\n'));
    });
    it('keeps each fix safe on its own when removing both would not be', () => {
      // Either line alone may go; both together would turn the indented
      // line into code, so only the first is offered, and then no more.
      const body = 'Advertisement\nAdvertisement\n    more\n';
      assert.deepEqual(flagged(body), [0]);
      assert.equal(fixed(body), 'Advertisement\n    more\n');
    });
    it('flags a marker that is safe only once a later one goes too', () => {
      // Deleting both headings alone would join "Advertisement" to the
      // paragraph above; deleting all three leaves the paragraph as it was.
      // (The last two markers cannot both go, so the group is tried one by one.)
      const body = ['> Some prose here.', '> ## Sponsored content', '> ## Sponsored content', '> Advertisement', '', 'Advertisement', 'Advertisement', '    more', ''].join('\n');
      assert.deepEqual(flagged(body), [1, 2, 3, 5]);
      assert.equal(fixed(body), '> Some prose here.\n\nAdvertisement\n    more\n');
    });
  });
});
