// The Posts view's grouping, ordering, counts and labels, without VS Code.
import { strict as assert } from 'node:assert';
import type { Post, PostDate, PostStatus } from '../../../src/core/types';
import { dateSortKey } from '../../../src/core';
import { groupLabel, monthName } from '../../../src/tree/labels';
import {
  PostTreeModel,
  type ModelEntry,
  type TreeModelOptions,
  type TreeNode,
} from '../../../src/tree/model';

const labels = { drafts: 'Drafts', scheduled: 'Scheduled', expired: 'Expired', unlisted: 'Unlisted', undated: 'Undated', pages: 'Pages', otherFiles: 'Other files' };
const options = (over: Partial<TreeModelOptions> = {}): TreeModelOptions => ({ grouping: 'year-month', order: 'newest', locale: 'en', labels, ...over });

function day(text: string): PostDate {
  const [year, month, dayOfMonth] = text.split('-').map(Number);
  return { kind: 'date', year, month, day: dayOfMonth };
}

function entry(key: string, title: string, date?: PostDate | string, status?: PostStatus, folder = 'f1'): ModelEntry {
  const value = typeof date === 'string' ? day(date) : date;
  const post: Post = {
    path: `/site/_posts/${key}.md`,
    title,
    titleSource: 'front-matter',
    date: value ? { value, source: 'front-matter', field: 'date' } : undefined,
    status: status ?? (value ? 'published' : 'undated'),
    tags: [],
    categories: [],
    wordCount: 10,
  };
  return { key, folder, post };
}

/** The tree as indented text: group labels and post titles. */
function render(model: PostTreeModel): string {
  const lines: string[] = [];
  const walk = (nodes: readonly TreeNode[], depth: number): void => {
    for (const node of nodes) {
      lines.push('  '.repeat(depth) + (node.kind === 'group' ? groupLabel(node) : node.entry.post.title));
      if (node.kind === 'group') walk(model.children(node), depth + 1);
    }
  };
  walk(model.roots(), 0);
  return lines.join('\n');
}

const folders = [{ key: 'f1', name: 'site' }];

function sample(): ModelEntry[] {
  return [
    entry('a', 'Tips for becoming a good boxer', '2020-11-06'),
    entry('b', 'Winter training', '2020-11-20'),
    entry('c', 'Spring notes', '2020-03-01'),
    entry('d', 'Old times', '2019-02-14'),
    entry('e', 'Work in progress', '2020-12-01', 'draft'),
    entry('f', 'Next year', '2099-01-01', 'scheduled'),
    entry('g', 'Scraped article'),
    entry('h', 'Idea without date', undefined, 'draft'),
  ];
}

describe('tree model: grouping and labels', () => {
  it('puts Drafts, Scheduled and Undated first, then years and months newest first with counts', () => {
    const model = new PostTreeModel(options());
    model.reset(folders, sample());
    assert.equal(
      render(model),
      [
        'Drafts · 2',
        '  Work in progress',
        '  Idea without date',
        'Scheduled · 1',
        '  Next year',
        'Undated · 1',
        '  Scraped article',
        '2020 · 3',
        '  November · 2',
        '    Winter training',
        '    Tips for becoming a good boxer',
        '  March · 1',
        '    Spring notes',
        '2019 · 1',
        '  February · 1',
        '    Old times',
      ].join('\n'),
    );
  });

  it('gathers files that could not be read or parsed under Undated, even with a file-name date', () => {
    const model = new PostTreeModel(options());
    const broken = { ...entry('x', 'Broken front matter', '2018-11-24'), broken: true };
    model.reset(folders, [entry('a', 'Fine', '2018-11-25'), broken]);
    assert.equal(render(model), ['Undated · 1', '  Broken front matter', '2018 · 1', '  November · 1', '    Fine'].join('\n'));
    model.upsert([{ ...broken, broken: false }]);
    assert.equal(render(model), ['2018 · 2', '  November · 2', '    Fine', '    Broken front matter'].join('\n'));
  });

  it('groups by year only, or not at all', () => {
    const model = new PostTreeModel(options({ grouping: 'year' }));
    model.reset(folders, sample().filter((e) => e.post.status === 'published'));
    assert.equal(render(model), ['2020 · 3', '  Winter training', '  Tips for becoming a good boxer', '  Spring notes', '2019 · 1', '  Old times'].join('\n'));
    model.reset(folders, sample().filter((e) => e.post.status === 'published'), options({ grouping: 'none' }));
    assert.equal(render(model), ['Winter training', 'Tips for becoming a good boxer', 'Spring notes', 'Old times'].join('\n'));
  });

  it('orders oldest first (groups too) and by title', () => {
    const published = sample().filter((e) => e.post.status === 'published');
    const model = new PostTreeModel(options({ order: 'oldest' }));
    model.reset(folders, published);
    assert.equal(
      render(model),
      ['2019 · 1', '  February · 1', '    Old times', '2020 · 3', '  March · 1', '    Spring notes', '  November · 2', '    Tips for becoming a good boxer', '    Winter training'].join('\n'),
    );
    model.reset(folders, published, options({ order: 'title', grouping: 'none' }));
    assert.equal(render(model), ['Old times', 'Spring notes', 'Tips for becoming a good boxer', 'Winter training'].join('\n'));
  });

  it('sorts titles with the locale, case-insensitively and numbers by value', () => {
    const model = new PostTreeModel(options({ order: 'title', grouping: 'none' }));
    model.reset(folders, [entry('1', 'Part 10', '2020-01-01'), entry('2', 'part 9', '2020-01-02'), entry('3', 'Éclair', '2020-01-03'), entry('4', 'apple', '2020-01-04')]);
    assert.equal(render(model), ['apple', 'Éclair', 'part 9', 'Part 10'].join('\n'));
  });

  it('names months in the display language', () => {
    assert.equal(monthName(11, 'en'), 'November');
    assert.equal(monthName(3, 'de'), 'März');
    assert.equal(monthName(5, 'de'), 'Mai');
    assert.equal(monthName(11, 'not a locale!'), 'November');
    const model = new PostTreeModel(options({ locale: 'de' }));
    model.reset(folders, [entry('a', 'Frühling', '2021-03-05')]);
    assert.equal(render(model), ['2021 · 1', '  März · 1', '    Frühling'].join('\n'));
  });

  it('keeps a date-time in the month and year the author wrote, whatever the offset', () => {
    // 23:30 at -08:00 is already January 1 in UTC; the author meant December 31.
    const late: PostDate = { kind: 'datetime', year: 2020, month: 12, day: 31, hour: 23, minute: 30, second: 0, offsetMinutes: -480 };
    // 00:30 at +14:00 is still December 31 in UTC; the author meant January 1.
    const early: PostDate = { kind: 'datetime', year: 2021, month: 1, day: 1, hour: 0, minute: 30, second: 0, offsetMinutes: 840 };
    const model = new PostTreeModel(options());
    model.reset(folders, [entry('late', 'New Year’s Eve', late), entry('early', 'New Year', early)]);
    assert.equal(render(model), ['2021 · 1', '  January · 1', '    New Year', '2020 · 1', '  December · 1', '    New Year’s Eve'].join('\n'));
  });

  it('orders date-times on one day as instants', () => {
    const at = (hour: number, offsetMinutes: number): PostDate => ({ kind: 'datetime', year: 2020, month: 11, day: 6, hour, minute: 0, second: 0, offsetMinutes });
    // 10:00-05:00 is 15:00Z; 12:00+02:00 is 10:00Z.
    assert.ok(dateSortKey(at(10, -300)) > dateSortKey(at(12, 120)));
    assert.ok(dateSortKey(day('2020-11-07')) > dateSortKey(at(23, 0)));
    assert.equal(dateSortKey(day('1970-01-01')), 0);
    assert.equal(dateSortKey(day('2000-03-01')) - dateSortKey(day('2000-02-28')), 2 * 86400);
  });

  it('gives one top-level node per folder in a multi-root workspace', () => {
    const model = new PostTreeModel(options());
    model.reset(
      [{ key: 'f1', name: 'site' }, { key: 'f2', name: 'blog' }, { key: 'f3', name: 'empty' }],
      [entry('a', 'One', '2020-01-01', undefined, 'f1'), entry('b', 'Two', '2021-05-01', undefined, 'f2'), entry('c', 'Three', undefined, undefined, 'f2')],
    );
    assert.equal(
      render(model),
      ['site', '  2020 · 1', '    January · 1', '      One', 'blog', '  Undated · 1', '    Three', '  2021 · 1', '    May · 1', '      Two', 'empty'].join('\n'),
    );
  });
});

describe('tree model: incremental updates', () => {
  it('reports only the affected year when a post is added to an existing month', () => {
    const model = new PostTreeModel(options());
    model.reset(folders, sample());
    const change = model.upsert([entry('n', 'Another November post', '2020-11-10')]);
    assert.equal(change.root, false);
    assert.deepEqual(change.nodes.map((n) => n.id), ['y2020']);
    assert.match(render(model), /2020 · 4\n {2}November · 3\n {4}Winter training\n {4}Another November post\n {4}Tips/);
  });

  it('reports the root when a new top-level group appears or disappears', () => {
    const model = new PostTreeModel(options());
    model.reset(folders, sample());
    assert.equal(model.upsert([entry('n', 'Way back', '2001-01-01')]).root, true);
    assert.equal(model.remove(['n']).root, true);
    assert.doesNotMatch(render(model), /2001/);
  });

  it('moves a post whose date changed, dropping the group it leaves empty', () => {
    const model = new PostTreeModel(options());
    model.reset(folders, sample());
    const change = model.upsert([entry('c', 'Spring notes', '2020-11-02')]);
    assert.deepEqual(change.nodes.map((n) => n.id), ['y2020']);
    assert.equal(model.post('c')?.parent?.id, 'y2020/m11');
    assert.doesNotMatch(render(model), /March/);
    assert.match(render(model), /2020 · 3\n {2}November · 3/);
  });

  it('re-sorts only the month when a title changes, and refreshes just the item when nothing placed changes', () => {
    const model = new PostTreeModel(options({ order: 'title' }));
    model.reset(folders, sample());
    const renamed = model.upsert([entry('b', 'A winter story', '2020-11-20')]);
    assert.deepEqual(renamed.nodes.map((n) => n.id), ['y2020/m11']);
    assert.match(render(model), /November · 2\n {4}A winter story\n {4}Tips/);
    const withWords = entry('b', 'A winter story', '2020-11-20');
    const more = { ...withWords, post: { ...withWords.post, wordCount: 500 } };
    assert.deepEqual(model.upsert([more]).nodes.map((n) => n.id), ['b']);
    assert.deepEqual(model.upsert([more]).nodes, [], 'an identical entry refreshes nothing');
  });

  it('moves a post between status groups (draft published, date removed)', () => {
    const model = new PostTreeModel(options());
    model.reset(folders, sample());
    model.upsert([entry('e', 'Work in progress', '2020-12-01')]);
    assert.match(render(model), /^Drafts · 1\n/);
    assert.match(render(model), /2020 · 4\n {2}December · 1\n {4}Work in progress/);
    model.upsert([entry('a', 'Tips for becoming a good boxer')]);
    assert.match(render(model), /Undated · 2\n {2}Scraped article\n {2}Tips for becoming a good boxer/);
  });

  it('keeps node objects stable so the view can find them again', () => {
    const model = new PostTreeModel(options());
    model.reset(folders, sample());
    const node = model.post('a');
    const year = model.group('y2020');
    model.upsert([entry('a', 'Tips for becoming a good boxer', '2020-11-06'), entry('z', 'Other', '2020-05-05')]);
    assert.equal(model.post('a'), node);
    assert.equal(model.group('y2020'), year);
    assert.equal(model.parent(node!), model.group('y2020/m11'));
    assert.equal(model.parent(model.group('y2020/m11')!), year);
  });

  it('stays consistent with a rebuild after thousands of random updates', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const statuses: PostStatus[] = ['published', 'published', 'published', 'draft', 'scheduled', 'undated'];
    const randomEntry = (key: string): ModelEntry => {
      const status = statuses[random(statuses.length)];
      const date = status === 'undated' ? undefined : `${2015 + random(8)}-${String(1 + random(12)).padStart(2, '0')}-${String(1 + random(28)).padStart(2, '0')}`;
      return entry(key, `Post ${random(50)}`, date, status, random(3) === 0 ? 'f2' : 'f1');
    };
    const two = [{ key: 'f1', name: 'one' }, { key: 'f2', name: 'two' }];
    for (const grouping of ['year-month', 'year', 'none'] as const) {
      const model = new PostTreeModel(options({ grouping }));
      const current = new Map<string, ModelEntry>();
      model.reset(two, []);
      for (let step = 0; step < 2000; step++) {
        const key = `k${random(200)}`;
        if (random(4) === 0) {
          model.remove([key]);
          current.delete(key);
        } else {
          const next = randomEntry(key);
          model.upsert([next]);
          current.set(key, next);
        }
      }
      const rebuilt = new PostTreeModel(options({ grouping }));
      rebuilt.reset(two, current.values());
      assert.equal(render(model), render(rebuilt), grouping);
      assert.equal(model.size, current.size);
    }
  });
});
