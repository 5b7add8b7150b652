// The Posts view's hover of a post (src/tree/treeItems.ts `postTooltip`),
// outside VS Code: the few `vscode` names the module uses are stood in for
// by a small stub that records the Markdown it is given.
import { strict as assert } from 'node:assert';
import Module from 'node:module';
import type { IndexedPost } from '../../../src/index/entries';
import type { Post } from '../../../src/core/types';

class MarkdownString {
  value = '';
  constructor(value?: string, readonly supportThemeIcons?: boolean) {
    this.value = value ?? '';
  }
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}

class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(readonly id: string) {}
}

const vscodeStub = {
  MarkdownString,
  ThemeIcon,
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  TreeItem: class {},
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
  workspace: { asRelativePath: (uri: { path: string }) => uri.path.replace(/^\//, ''), workspaceFolders: undefined },
  Uri: { parse: (s: string) => ({ path: s }) },
};

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };

describe('Posts view: the hover of a post', () => {
  let postTooltip: (indexed: IndexedPost, locale: string) => MarkdownString;
  const original = loader._load;

  before(() => {
    loader._load = function (request, parent, isMain) {
      return request === 'vscode' ? vscodeStub : original.call(this, request, parent, isMain);
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    postTooltip = (require('../../../src/tree/treeItems') as { postTooltip: typeof postTooltip }).postTooltip;
  });

  after(() => {
    loader._load = original;
  });

  function hover(over: Partial<Post>): string {
    const post: Post = { path: '/site/_posts/p.md', title: 'A post', titleSource: 'front-matter', status: 'published', tags: [], categories: [], wordCount: 120, ...over };
    const indexed = { uri: { path: '/site/_posts/p.md' }, post, findings: [], fromOpenEditor: false, analyzed: true } as unknown as IndexedPost;
    return postTooltip(indexed, 'en-US').value;
  }

  it('names every author, in order, each escaped', () => {
    const md = hover({ author: 'Ada Lovelace', authors: ['Ada Lovelace', 'Grace *Hopper*', '[Margaret](x)'] });
    assert.match(md, /Ada Lovelace, Grace \\\*Hopper\\\*, \\\[Margaret\\\]\\\(x\\\)/);
  });

  it('names the one author of a post the index built before the list existed', () => {
    assert.match(hover({ author: 'Jane <b>' }), /· Jane \\<b\\>\n/);
  });

  it('names no one when the post has no author', () => {
    assert.doesNotMatch(hover({}), /·[^·\n]*Lovelace/);
    assert.match(hover({}), /120 words\n/);
  });

  it('leaves the word count out until the check has counted it (a post only listed)', () => {
    const md = hover({ wordCount: undefined });
    assert.doesNotMatch(md, /words/);
    assert.match(md, /Published\n/);
  });
});
