import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { expandBraces, flatGlobUnion } from '../../../src/core/braces';

describe('glob braces for VS Code', () => {
  it('expands nested groups into one flat alternation', () => {
    assert.equal(
      flatGlobUnion(['**/*.md', '**/*.markdown', '**/*.mdx', 'tpl-hugo/content/**/*.{html,htm}']),
      '{**/*.md,**/*.markdown,**/*.mdx,tpl-hugo/content/**/*.html,tpl-hugo/content/**/*.htm}',
    );
  });

  it('keeps a single glob as it is, and drops repeats', () => {
    assert.equal(flatGlobUnion(['**/*.md']), '**/*.md');
    assert.equal(flatGlobUnion(['**/*.md', '**/*.md']), '**/*.md');
    assert.equal(flatGlobUnion(['**/*.{md,md}']), '**/*.md');
  });

  it('expands several and nested groups, leaving escaped braces and single-item groups alone', () => {
    assert.deepEqual(expandBraces('{a,b}/{c,d}'), ['a/c', 'a/d', 'b/c', 'b/d']);
    assert.deepEqual(expandBraces('x/{a,{b,c}d}.md'), ['x/a.md', 'x/bd.md', 'x/cd.md']);
    assert.deepEqual(expandBraces('\\{a,b\\}.md'), ['\\{a,b\\}.md']);
    assert.deepEqual(expandBraces('{a}/{b,c}'), ['{a}/b', '{a}/c']);
    assert.deepEqual(expandBraces('a{,.bak}'), ['a', 'a.bak']);
  });

  it('matches exactly the files the nested glob matches', () => {
    const globs = ['**/*.md', 'docs/{en,de}/**/*.{html,htm}', 'notes/*.{md,{txt,text}}'];
    const nested = picomatch(`{${globs.join(',')}}`, { dot: true });
    const flat = picomatch(flatGlobUnion(globs), { dot: true });
    for (const file of ['a.md', 'docs/en/x/y.html', 'docs/de/y.htm', 'docs/fr/y.html', 'notes/a.text', 'notes/a.txt', 'notes/b/a.txt', 'x.htm']) {
      assert.equal(flat(file), nested(file), file);
    }
    assert.ok(!/\{[^}]*\{/.test(flatGlobUnion(globs)), 'no nested group left');
  });
});
