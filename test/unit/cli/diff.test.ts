import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffLines, splitLines, unifiedDiff } from '../../../src/cli/diff';

/** Rebuilds both sides from a diff's operations: proves the diff is complete and correct. */
function sides(ops: ReturnType<typeof diffLines>): { a: string; b: string } {
  let a = '';
  let b = '';
  for (const op of ops) {
    if (op.kind !== '+') a += op.line;
    if (op.kind !== '-') b += op.line;
  }
  return { a, b };
}

describe('cli unified diff', () => {
  it('prints a hunk with three lines of context', () => {
    const before = 'one\ntwo\nthree\nfour\nAdvertisement\nfive\nsix\nseven\neight\n';
    const after = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n';
    assert.equal(
      unifiedDiff('posts/a.md', before, after),
      ['--- a/posts/a.md', '+++ b/posts/a.md', '@@ -2,7 +2,6 @@', ' two', ' three', ' four', '-Advertisement', ' five', ' six', ' seven', ''].join('\n'),
    );
  });

  it('shows an insertion at the top and keeps CRLF lines whole, \\r included (or the patch does not apply)', () => {
    const diff = unifiedDiff('a.md', 'Hello\r\n', '---\r\ndate: 2020-11-06\r\n---\r\nHello\r\n');
    assert.equal(diff, ['--- a/a.md', '+++ b/a.md', '@@ -1,1 +1,4 @@', '+---\r', '+date: 2020-11-06\r', '+---\r', ' Hello\r', ''].join('\n'));
  });

  it('names files as git does: a tab after a name with spaces, C quoting for control characters', () => {
    assert.match(unifiedDiff('my post.md', 'a\n', 'b\n'), /^--- a\/my post\.md\t\n\+\+\+ b\/my post\.md\t\n/);
    assert.match(unifiedDiff('e\u001b[2J"\\.md', 'a\n', 'b\n'), /^--- "a\/e\\033\[2J\\"\\\\\.md"\n\+\+\+ "b\/e\\033\[2J\\"\\\\\.md"\n/);
    assert.match(unifiedDiff('r\u202eev.md', 'a\n', 'b\n'), /^--- "a\/r\\342\\200\\256ev\.md"\n/);
    assert.match(unifiedDiff('記事.md', 'a\n', 'b\n'), /^--- a\/記事\.md\n/);
  });

  it('keeps distant changes in separate hunks and marks a missing final newline', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const before = lines.join('\n');
    const after = lines.map((l, i) => (i === 2 || i === 29 ? l.toUpperCase() : l)).join('\n');
    const diff = unifiedDiff('x', before, after);
    assert.equal((diff.match(/^@@/gm) ?? []).length, 2);
    assert.match(diff, /-line 29\n\\ No newline at end of file\n\+LINE 29\n\\ No newline at end of file\n$/);
  });

  it('is empty for equal texts', () => {
    assert.equal(unifiedDiff('x', 'same\n', 'same\n'), '');
  });

  it('always reconstructs both texts (property)', () => {
    const text = fc.array(fc.constantFrom('a\n', 'b\n', 'c\r\n', 'Advertisement\n', '\n', 'x'), { maxLength: 30 }).map((l) => l.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const rebuilt = sides(diffLines(splitLines(a), splitLines(b)));
        assert.equal(rebuilt.a, a);
        assert.equal(rebuilt.b, b);
      }),
      { numRuns: 300 },
    );
  });
});
