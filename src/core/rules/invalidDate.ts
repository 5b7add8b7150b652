// `invalid-date`: a configured date field whose value is not a date. The fix
// writes the normalised form only when the intended date is unambiguous.

import type { Fix } from '../types';
import { dateFromFileName, formatIsoDate, normalizeDateText, todayLocal } from '../dates';
import { message } from '../messages';
import { finding, fixWithTitle, type Rule } from './context';
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
        fixes.push(
          fixWithTitle(message('replaceDateWith', { date: normalized }), {
            edits: [replaceValueEdit(ctx.text, language, field, normalized)],
            safe: false,
            preferred: true,
          }),
        );
      }
      if (fromName) {
        const iso = formatIsoDate(fromName.date);
        if (iso !== normalized) {
          // An empty value with a dated file name has only one reading.
          fixes.push(
            fixWithTitle(message('useFileNameDate', { date: iso }), {
              edits: [replaceValueEdit(ctx.text, language, field, iso)],
              safe: empty,
              preferred: normalized === undefined,
            }),
          );
        }
      } else if (empty) {
        const iso = formatIsoDate(todayLocal(ctx.now));
        fixes.push(fixWithTitle(message('useTodaysDate', { date: iso }), { edits: [replaceValueEdit(ctx.text, language, field, iso)], safe: false }));
      }
      const span = field.valueSpan.end > field.valueSpan.start ? field.valueSpan : field.keySpan;
      const said = empty
        ? message('invalidDateEmpty', { field: field.key })
        : message('invalidDateValue', { field: field.key, value: text.length > 60 ? `${text.slice(0, 60)}…` : text });
      return finding(ctx, 'invalid-date', 'warning', said, span, fixes);
    });
  },
};
