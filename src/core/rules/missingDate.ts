// `missing-date`: no date from any source. Points at the opening fence (or
// line 1) and offers to insert one: the file name's date when it has one
// (safe), else today's local date (needs the author's eye, so not safe).

import type { Fix } from '../types';
import { dateFromFileName, formatIsoDate, todayLocal } from '../dates';
import { message } from '../messages';
import { finding, fixWithTitle, type Rule } from './context';
import { insertDateEdit } from './dateEdits';

export const missingDateRule: Rule = {
  check(ctx) {
    // Only a post is dated: a page, a section's list page or a file that is not content never is.
    if (ctx.site.classification.kind !== 'post') return [];
    const fm = ctx.split.frontMatter;
    // A broken block or a date field that does not parse is reported by its own rule.
    if (ctx.dates.date || ctx.dates.invalid.length > 0 || (fm && fm.problems.length > 0)) return [];
    const span = fm ? fm.openFenceSpan : ctx.index.lineSpan(0);
    const fromName = dateFromFileName(ctx.doc.path);
    const iso = formatIsoDate(fromName ? fromName.date : todayLocal(ctx.now));
    const edit = insertDateEdit(ctx.text, fm, ctx.split.eol, iso);
    const fixes: Fix[] = [];
    if (edit) {
      // One sentence per case: "into the front matter" cannot be a piece slotted into another language's sentence.
      const title = fromName
        ? message(fm ? 'insertFileNameDateIntoFrontMatter' : 'insertFileNameDateIntoNewBlock', { date: iso })
        : message(fm ? 'insertTodayIntoFrontMatter' : 'insertTodayIntoNewBlock', { date: iso });
      fixes.push(fixWithTitle(title, { edits: [edit], safe: fromName !== undefined, preferred: true }));
    }
    const firstField = ctx.site.rules.date.find((spec) => spec.kind === 'field');
    const field = firstField?.kind === 'field' ? firstField.key : (ctx.config.dateFields[0] ?? 'date');
    const example =
      fm?.language === 'toml' ? `${field} = YYYY-MM-DD` : fm?.language === 'json' ? `"${field}": "YYYY-MM-DD"` : `${field}: YYYY-MM-DD`;
    const said = fm ? message('missingDateInFrontMatter', { example }) : message('missingDateNoFrontMatter', { field });
    return [finding(ctx, 'missing-date', 'warning', said, span, fixes)];
  },
};
