// `missing-date`: no date from any source. Points at the opening fence (or
// line 1) and offers to insert one: the file name's date when it has one
// (safe), else today's local date (needs the author's eye, so not safe).

import type { Fix } from '../types';
import { dateFromFileName, formatIsoDate, todayLocal } from '../dates';
import { finding, type Rule } from './context';
import { insertDateEdit } from './dateEdits';

export const missingDateRule: Rule = {
  id: 'missing-date',
  defaultSeverity: 'warning',
  check(ctx) {
    const fm = ctx.split.frontMatter;
    // A broken block or a date field that does not parse is reported by its own rule.
    if (ctx.dates.date || ctx.dates.invalid.length > 0 || (fm && fm.problems.length > 0)) return [];
    const span = fm ? fm.openFenceSpan : ctx.index.lineSpan(0);
    const fromName = dateFromFileName(ctx.doc.path);
    const iso = formatIsoDate(fromName ? fromName.date : todayLocal(ctx.now));
    const edit = insertDateEdit(ctx.text, fm, ctx.split.eol, iso);
    const fixes: Fix[] = [];
    if (edit) {
      const where = fm ? 'the front matter' : 'a new front matter block';
      fixes.push({
        title: fromName ? `Insert the file name's date (${iso}) into ${where}` : `Insert today's date (${iso}) into ${where}`,
        edits: [edit],
        safe: fromName !== undefined,
        preferred: true,
      });
    }
    const field = ctx.config.dateFields[0] ?? 'date';
    const example =
      fm?.language === 'toml' ? `${field} = YYYY-MM-DD` : fm?.language === 'json' ? `"${field}": "YYYY-MM-DD"` : `${field}: YYYY-MM-DD`;
    const message = fm
      ? `This post has no date: add a \`${example}\` field to its front matter.`
      : `This post has no date: add front matter with a \`${field}: YYYY-MM-DD\` field (or start the file name with YYYY-MM-DD-).`;
    return [finding(ctx, 'missing-date', 'warning', message, span, fixes)];
  },
};
