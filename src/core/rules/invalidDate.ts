// `invalid-date`: a configured date field whose value is not a date. The fix
// writes the normalised form only when the intended date is unambiguous.

import type { Fix } from '../types';
import { dateFromFileName, formatIsoDate, normalizeDateText, todayLocal } from '../dates';
import { finding, type Rule } from './context';
import { replaceValueEdit } from './dateEdits';

export const invalidDateRule: Rule = {
  id: 'invalid-date',
  defaultSeverity: 'warning',
  check(ctx) {
    const fromName = dateFromFileName(ctx.doc.path);
    const language = ctx.split.frontMatter?.language ?? 'yaml';
    return ctx.dates.invalid.map(({ field, text }) => {
      const fixes: Fix[] = [];
      const empty = text.trim() === '';
      const normalized = empty ? undefined : normalizeDateText(text);
      if (normalized !== undefined) {
        fixes.push({
          title: `Replace with ${normalized}`,
          edits: [replaceValueEdit(ctx.text, language, field, normalized)],
          safe: false,
          preferred: true,
        });
      }
      if (fromName) {
        const iso = formatIsoDate(fromName.date);
        if (iso !== normalized) {
          // An empty value with a dated file name has only one reading.
          fixes.push({ title: `Use the file name's date (${iso})`, edits: [replaceValueEdit(ctx.text, language, field, iso)], safe: empty, preferred: normalized === undefined });
        }
      } else if (empty) {
        const iso = formatIsoDate(todayLocal(ctx.now));
        fixes.push({ title: `Use today's date (${iso})`, edits: [replaceValueEdit(ctx.text, language, field, iso)], safe: false });
      }
      const span = field.valueSpan.end > field.valueSpan.start ? field.valueSpan : field.keySpan;
      const message = empty
        ? `\`${field.key}\` is empty: write the post's date as YYYY-MM-DD.`
        : `\`${field.key}\` is not a valid date: "${text.length > 60 ? `${text.slice(0, 60)}…` : text}". Write it as YYYY-MM-DD (optionally with a time and offset, e.g. 2020-11-06T10:00:00-05:00).`;
      return finding(ctx, 'invalid-date', 'warning', message, span, fixes);
    });
  },
};
