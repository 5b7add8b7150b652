import assert from 'node:assert/strict';
import { classifyUrl } from '../../../src/core/render/urls';

describe('classifyUrl', () => {
  const kinds: [string, string][] = [
    ['#intro', 'fragment'],
    ['https://example.com/a', 'external'],
    ['HTTP://example.com', 'external'],
    ['mailto:ed@example.com', 'external'],
    ['img/cat.png', 'relative'],
    ['../_posts/x.md', 'relative'],
    ['/assets/a.png', 'relative'],
    ['data:image/png;base64,iVBORw0KGgo=', 'data-image'],
    ['data:image/svg+xml;base64,PHN2Zz4=', 'blocked'],
    ['data:text/html,<b>', 'blocked'],
    ['javascript:alert(1)', 'blocked'],
    [' \tjava\tscript:alert(1)', 'blocked'],
    ['java\nscript:alert(1)', 'blocked'],
    ['java\u0000script:alert(1)', 'blocked'],
    ['\u000ejavascript:alert(1)', 'blocked'],
    ['vbscript:x', 'blocked'],
    ['file:///etc/passwd', 'blocked'],
    ['command:workbench.action.terminal.new', 'blocked'],
    ['//example.com/x', 'blocked'],
    ['\\\\host\\share', 'blocked'],
  ];
  for (const [href, kind] of kinds) {
    it(`${JSON.stringify(href)} is ${kind}`, () => assert.equal(classifyUrl(href).kind, kind));
  }

  it('recognises links to posts and decodes their path', () => {
    const url = classifyUrl('news%20and%20notes/2018-11-09-vacation.MD?x=1#top');
    assert.equal(url.kind, 'relative');
    assert.ok(url.kind === 'relative' && url.isPost && url.path === 'news and notes/2018-11-09-vacation.MD');
    const png = classifyUrl('a.png');
    assert.ok(png.kind === 'relative' && !png.isPost);
  });
});
