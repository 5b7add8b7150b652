// Long groups of the Posts view in pages: which rows a group shows, what its
// "Show more" row says, and that any post can be brought into view.
import { strict as assert } from 'node:assert';
import type { Post } from '../../../src/core/types';
import { PostTreeModel, type GroupNode, type ModelEntry, type TreeModelOptions, type TreeNode } from '../../../src/tree/model';
import { GroupPages, moreId, type MoreNode } from '../../../src/tree/paging';

const labels = { drafts: 'Drafts', scheduled: 'Scheduled', expired: 'Expired', unlisted: 'Unlisted', undated: 'Undated', pages: 'Pages', otherFiles: 'Other files' };
const options = (over: Partial<TreeModelOptions> = {}): TreeModelOptions => ({ grouping: 'year', order: 'newest', locale: 'en', labels, ...over });

/** `count` posts of 2020, one a day from January 1 (the newest last), and a draft. */
function model(count: number, over: Partial<TreeModelOptions> = {}): PostTreeModel {
  const entries: ModelEntry[] = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(Date.UTC(2020, 0, 1 + i));
    const post: Post = {
      path: `/site/_posts/p${i}.md`,
      title: `Post ${i}`,
      titleSource: 'front-matter',
      date: { value: { kind: 'date', year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, source: 'front-matter', field: 'date' },
      status: 'published',
      tags: [],
      categories: [],
      wordCount: 1,
    };
    entries.push({ key: `p${i}`, folder: 'f1', post });
  }
  entries.push({ key: 'draft', folder: 'f1', post: { path: '/site/_drafts/d.md', title: 'Draft', titleSource: 'front-matter', status: 'draft', tags: [], categories: [], wordCount: 1 } });
  const m = new PostTreeModel(options(over));
  m.reset([{ key: 'f1', name: 'site' }], entries);
  return m;
}

const titles = (nodes: readonly (TreeNode | MoreNode)[]): string[] =>
  nodes.map((node) => (node.kind === 'post' ? node.entry.post.title : node.kind === 'more' ? `more ${node.next} (${node.shown}/${node.shown + node.hidden})` : node.name));

function year(m: PostTreeModel): GroupNode {
  const found = m.roots().find((node): node is GroupNode => node.kind === 'group' && node.group === 'year');
  assert.ok(found, 'a year group');
  return found;
}

describe('Posts view pages', () => {
  it('shows a group of more posts than a page as its first page and a "Show more" row', () => {
    const m = model(25);
    const pages = new GroupPages(10);
    const group = year(m);
    const rows = pages.page(group, m.children(group));
    assert.deepEqual(titles(rows), [...Array.from({ length: 10 }, (_, i) => `Post ${24 - i}`), 'more 10 (10/25)']);
    const more = rows[10] as MoreNode;
    assert.equal(more.id, moreId(group));
    assert.equal(more.parent, group);
  });

  it('shows a page more per click, then the rest, then no "Show more" row', () => {
    const m = model(25);
    const pages = new GroupPages(10);
    const group = year(m);
    pages.showMore(group.id);
    let rows = pages.page(group, m.children(group));
    assert.equal(rows.length, 21);
    assert.deepEqual(titles(rows.slice(-2)), ['Post 5', 'more 5 (20/25)']);
    pages.showMore(group.id);
    rows = pages.page(group, m.children(group));
    assert.equal(rows.length, 25);
    assert.ok(rows.every((row) => row.kind === 'post'));
  });

  it('"Show all" shows every post of that group only', () => {
    const m = model(25, { grouping: 'none' });
    const pages = new GroupPages(10);
    pages.showAll('');
    // Ungrouped: the top level holds the Drafts group and the dated posts.
    const top = pages.page(undefined, m.roots());
    assert.equal(top.filter((row) => row.kind === 'post').length, 25);
    assert.equal(top.some((row) => row.kind === 'more'), false);
  });

  it('keeps groups whatever the page size and counts only posts against it', () => {
    const m = model(25, { grouping: 'none' });
    const rows = new GroupPages(3).page(undefined, m.roots());
    assert.deepEqual(titles(rows), ['Drafts', 'Post 24', 'Post 23', 'Post 22', 'more 3 (3/25)']);
    assert.equal((rows[4] as MoreNode).parent, undefined);
    assert.equal((rows[4] as MoreNode).id, 'more:');
  });

  it('does not page a group that fits, nor any group with page size 0', () => {
    const m = model(10);
    assert.equal(new GroupPages(10).page(year(m), m.children(year(m))).length, 10);
    const big = model(300);
    assert.equal(new GroupPages(0).page(year(big), big.children(year(big))).length, 300);
  });

  it('brings the page a post is on into view, and only when it was hidden', () => {
    const m = model(25);
    const pages = new GroupPages(10);
    const group = year(m);
    const children = m.children(group);
    assert.equal(GroupPages.positionOf(children, 'p24'), 0);
    assert.equal(GroupPages.positionOf(children, 'p2'), 22);
    assert.equal(GroupPages.positionOf(children, 'nope'), -1);
    assert.equal(pages.showPosition(group.id, 3), false);
    assert.equal(pages.showPosition(group.id, 22), true);
    const rows = pages.page(group, children);
    // Through the end of the third page: every post, since the group has 25.
    assert.ok(titles(rows).includes('Post 2'));
    assert.equal(pages.limit(group.id), 30);
    assert.equal(pages.showPosition(group.id, 22), false);
  });

  it('starts every group from its first page when the page size changes', () => {
    const pages = new GroupPages(10);
    pages.showMore('y2020');
    pages.showAll('y2019');
    pages.resize(50);
    assert.equal(pages.limit('y2020'), 50);
    assert.equal(pages.limit('y2019'), 50);
    pages.resize(0);
    assert.equal(pages.limit('y2020'), Infinity);
  });
});
