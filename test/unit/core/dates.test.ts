// The calendar-date model. Run under TZ=America/Los_Angeles and
// TZ=Pacific/Kiritimati too (npm run test:unit:tz): nothing here may depend
// on the machine's zone except todayLocal/isFuture, which are defined by it.

import assert from 'node:assert/strict';
import {
  comparePostDates,
  dateFromFileName,
  formatDisplayDate,
  formatIsoDate,
  formatLongDisplayDate,
  isFuture,
  normalizeDateText,
  parseDate,
  todayLocal,
  type PostDate,
} from '../../../src/core';

const d = (year: number, month: number, day: number): PostDate => ({ kind: 'date', year, month, day });

describe('parseDate', () => {
  const accepted: [string, PostDate][] = [
    ['2020-11-06', d(2020, 11, 6)],
    ['  2020-11-06  ', d(2020, 11, 6)],
    ['2020-11-06T10:00:00-05:00', { kind: 'datetime', year: 2020, month: 11, day: 6, hour: 10, minute: 0, second: 0, offsetMinutes: -300 }],
    ['2020-11-06T10:00:00Z', { kind: 'datetime', year: 2020, month: 11, day: 6, hour: 10, minute: 0, second: 0, offsetMinutes: 0 }],
    ['2020-11-06T10:00:00.123+05:30', { kind: 'datetime', year: 2020, month: 11, day: 6, hour: 10, minute: 0, second: 0, offsetMinutes: 330 }],
    ['2020-11-06 10:00:00 -0500', { kind: 'datetime', year: 2020, month: 11, day: 6, hour: 10, minute: 0, second: 0, offsetMinutes: -300 }],
    ['2013-05-06 02:12:52 +0200', { kind: 'datetime', year: 2013, month: 5, day: 6, hour: 2, minute: 12, second: 52, offsetMinutes: 120 }],
    ['2020-11-06T10:00', { kind: 'datetime', year: 2020, month: 11, day: 6, hour: 10, minute: 0, second: 0 }],
    // TOML local date-time (space separator allowed) and offset date-time.
    ['1979-05-27 07:32:00', { kind: 'datetime', year: 1979, month: 5, day: 27, hour: 7, minute: 32, second: 0 }],
    ['1979-05-27T00:32:00.999999-07:00', { kind: 'datetime', year: 1979, month: 5, day: 27, hour: 0, minute: 32, second: 0, offsetMinutes: -420 }],
    ['November 6, 2020', d(2020, 11, 6)],
    ['Nov 6, 2020', d(2020, 11, 6)],
    ['nov. 6, 2020', d(2020, 11, 6)],
    ['6 November 2020', d(2020, 11, 6)],
    ['06 Nov 2020', d(2020, 11, 6)],
    ['Sept 30, 2019', d(2019, 9, 30)],
    ['2020-02-29', d(2020, 2, 29)],
    ['2000-02-29', d(2000, 2, 29)],
  ];
  for (const [text, expected] of accepted) {
    it(`reads ${JSON.stringify(text)}`, () => assert.deepEqual(parseDate(text), expected));
  }

  const rejected = [
    '2020-02-30',
    '2019-02-29',
    '1900-02-29',
    '2020-13-01',
    '2020-00-10',
    '2020-11-00',
    '2023-01-29 18:30:22 2023 -0800',
    '2020-11-06T24:00:00Z',
    '2020-11-06T10:60:00Z',
    '2020-11-06T10:00:61Z',
    '2020-11-06T10:00:00+15:00',
    '2020-11-06T10:00:00+05:60',
    '2020-11-06 10:00:00 -05000',
    'November 31, 2020',
    'Smarch 6, 2020',
    '2020/11/06',
    '20-11-06',
    '',
    'tomorrow',
    '0000-01-01',
  ];
  for (const text of rejected) {
    it(`rejects ${JSON.stringify(text)}`, () => assert.equal(parseDate(text), undefined));
  }
});

describe('normalizeDateText', () => {
  const cases: [string, string | undefined][] = [
    ['2020/11/06', '2020-11-06'],
    ['2020.11.6', '2020-11-06'],
    ['2020-11-6', '2020-11-06'],
    ['06 Nov 2020', '2020-11-06'],
    ['Nov 6 2020', '2020-11-06'],
    ['November 6th, 2020', '2020-11-06'],
    ['6th of November 2020', '2020-11-06'],
    ['Friday, November 6, 2020', '2020-11-06'],
    ['Monday, November 6, 2020', undefined], // the weekday contradicts the date
    ['13/11/2020', '2020-11-13'],
    ['11/13/2020', '2020-11-13'],
    ['11/06/2020', undefined], // June 11 or November 6
    ['06/06/2020', '2020-06-06'],
    ['2020-11-06 10:00:00 -0500', '2020-11-06T10:00:00-05:00'],
    ['2023-01-29 18:30:22 2023 -0800', '2023-01-29T18:30:22-08:00'],
    ['2023-01-29 18:30:22 2024 -0800', undefined], // which year?
    ['2020-02-30', undefined],
    ['soon', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${String(expected)}`, () => assert.equal(normalizeDateText(text), expected));
  }
  it('always returns text that parseDate accepts', () => {
    for (const [text] of cases) {
      const n = normalizeDateText(text);
      if (n !== undefined) assert.ok(parseDate(n), n);
    }
  });
});

describe('dateFromFileName', () => {
  it('reads a Jekyll file name prefix', () => {
    assert.deepEqual(dateFromFileName('_posts/2019-02-14-magic-mirror.md'), { date: d(2019, 2, 14), span: { start: 7, end: 17 } });
  });
  it('reads the folder of a page bundle', () => {
    assert.deepEqual(dateFromFileName('content/posts/2019-02-14-magic-mirror/index.md')?.date, d(2019, 2, 14));
    assert.deepEqual(dateFromFileName('content/2019-02-14-x/_index.md')?.date, d(2019, 2, 14));
    assert.deepEqual(dateFromFileName('C:\\site\\2019-02-14-x\\index.mdx')?.date, d(2019, 2, 14));
    const p = 'a/2019-02-14-x/index.md';
    const span = dateFromFileName(p)?.span;
    assert.equal(p.slice(span?.start, span?.end), '2019-02-14');
    assert.deepEqual(dateFromFileName('C:\\site/2019-02-14-x\\_index.md')?.span, { start: 8, end: 18 });
    assert.deepEqual(dateFromFileName('2019-02-14-x/index.md')?.span, { start: 0, end: 10 });
    assert.deepEqual(dateFromFileName('2019-02-14-x.md')?.span, { start: 0, end: 10 });
  });
  it('ignores names without a valid prefix', () => {
    assert.equal(dateFromFileName('posts/magic-mirror.md'), undefined);
    assert.equal(dateFromFileName('posts/2019-02-30-x.md'), undefined);
    assert.equal(dateFromFileName('posts/2019-02-14.md'), undefined);
    assert.equal(dateFromFileName('2019-02-14-x/other.md'), undefined);
    assert.equal(dateFromFileName('index.md'), undefined);
  });
});

describe('formatting', () => {
  it('formats ISO dates keeping the author’s offset', () => {
    assert.equal(formatIsoDate(d(2020, 11, 6)), '2020-11-06');
    assert.equal(formatIsoDate(parseDate('2020-11-06 10:00:00 -0500') as PostDate), '2020-11-06T10:00:00-05:00');
    assert.equal(formatIsoDate(parseDate('2020-11-06T23:59:59+05:45') as PostDate), '2020-11-06T23:59:59+05:45');
    assert.equal(formatIsoDate(parseDate('2020-11-06T10:00:00Z') as PostDate), '2020-11-06T10:00:00+00:00');
    assert.equal(formatIsoDate(parseDate('2020-11-06T10:00') as PostDate), '2020-11-06T10:00:00');
    assert.equal(formatIsoDate(d(33, 1, 2)), '0033-01-02');
  });
  it('displays the author’s calendar day in every time zone', () => {
    assert.equal(formatDisplayDate(d(2020, 11, 6)), 'November 6, 2020');
    assert.equal(formatDisplayDate(parseDate('2020-11-06T23:30:00-08:00') as PostDate), 'November 6, 2020');
    assert.equal(formatDisplayDate(parseDate('2020-11-06T00:30:00+14:00') as PostDate), 'November 6, 2020');
    assert.equal(formatDisplayDate(d(2020, 1, 1)), 'January 1, 2020');
    assert.equal(formatDisplayDate(d(2020, 12, 31)), 'December 31, 2020');
    assert.equal(formatDisplayDate(d(1, 1, 1)), 'January 1, 1');
    assert.equal(formatLongDisplayDate(d(2020, 11, 6)), 'Friday, November 6, 2020');
  });
  it('follows the display language, and survives an unknown one', () => {
    assert.equal(formatDisplayDate(d(2020, 11, 6), 'de'), '6. November 2020');
    assert.equal(formatDisplayDate(d(2020, 11, 6), 'fr'), '6 novembre 2020');
    assert.equal(formatDisplayDate(d(2020, 11, 6), 'not a locale!!'), 'November 6, 2020');
  });
});

describe('comparePostDates', () => {
  const p = (s: string): PostDate => parseDate(s) as PostDate;
  it('orders calendar dates', () => {
    assert.ok(comparePostDates(d(2020, 11, 6), d(2020, 11, 7)) < 0);
    assert.ok(comparePostDates(d(2021, 1, 1), d(2020, 12, 31)) > 0);
    assert.equal(comparePostDates(d(2020, 11, 6), d(2020, 11, 6)), 0);
  });
  it('compares date-times with offsets as instants', () => {
    // 01:00 in Kiritimati on Nov 7 is 11:00 UTC on Nov 6, before 20:00 in New York on Nov 6.
    assert.ok(comparePostDates(p('2020-11-07T01:00:00+14:00'), p('2020-11-06T20:00:00-05:00')) < 0);
    assert.equal(comparePostDates(p('2020-11-06T10:00:00-05:00'), p('2020-11-06 15:00:00 +0000')), 0);
  });
  it('counts a date-only value as its calendar day', () => {
    assert.ok(comparePostDates(d(2020, 11, 6), p('2020-11-05T22:00:00-05:00')) > 0);
    assert.ok(comparePostDates(d(2020, 11, 6), p('2020-11-06T10:00:00-05:00')) < 0);
    assert.ok(comparePostDates(d(2020, 11, 7), p('2020-11-06T23:00:00')) > 0);
  });
  it('sorts a mixed list without throwing', () => {
    const list = ['2020-11-06', '2020-11-06T10:00:00-05:00', '2019-01-01', 'Nov 7, 2020', '2020-11-06T09:00'].map(p);
    const sorted = [...list].sort(comparePostDates).map(formatIsoDate);
    assert.deepEqual(sorted, ['2019-01-01', '2020-11-06', '2020-11-06T09:00:00', '2020-11-06T10:00:00-05:00', '2020-11-07']);
  });
});

describe('today and the future', () => {
  it('todayLocal is the local calendar day', () => {
    const now = new Date(2020, 10, 6, 23, 59, 0); // local time
    assert.deepEqual(todayLocal(now), d(2020, 11, 6));
    assert.deepEqual(todayLocal(new Date(2020, 10, 6, 0, 0, 1)), d(2020, 11, 6));
  });
  it('a date-only value is in the future only after today', () => {
    const now = new Date(2020, 10, 6, 12, 0, 0);
    assert.equal(isFuture(d(2020, 11, 6), now), false);
    assert.equal(isFuture(d(2020, 11, 7), now), true);
    assert.equal(isFuture(d(2020, 11, 5), now), false);
    // Late in the evening the same calendar day is still today.
    assert.equal(isFuture(d(2020, 11, 7), new Date(2020, 10, 6, 23, 59, 59)), true);
    assert.equal(isFuture(d(2020, 11, 6), new Date(2020, 10, 6, 0, 0, 0)), false);
  });
  it('a date-time with an offset is compared as an instant', () => {
    const now = new Date(Date.UTC(2020, 10, 6, 15, 0, 0));
    assert.equal(isFuture(parseDate('2020-11-06T10:00:01-05:00') as PostDate, now), true);
    assert.equal(isFuture(parseDate('2020-11-06T10:00:00-05:00') as PostDate, now), false);
  });
  it('a floating date-time is read in the local zone', () => {
    const now = new Date(2020, 10, 6, 12, 0, 0);
    assert.equal(isFuture(parseDate('2020-11-06T12:00:01') as PostDate, now), true);
    assert.equal(isFuture(parseDate('2020-11-06T11:59:59') as PostDate, now), false);
  });
});
