// `invalid-date`: a configured date field whose value is not a date. The fix
// writes the normalised form only when the intended date is unambiguous.

import type { Fix, TextEdit } from '../types';
import { dateFromFileName, formatIsoDate, normalizeDateText, todayLocal } from '../dates';
import { message } from '../messages';
import { finding, fixWithTitle, type Rule } from './context';
import { replaceValueEdit } from './dateEdits';

export const invalidDateRule: Rule = {
  check(ctx) {
    const fromName = dateFromFileName(ctx.doc.path);
    const fm = ctx.split.frontMatter;
    return ctx.dates.invalid.map(({ field, text }) => {
      const fixes: Fix[] = [];
      const empty = text.trim() === '';
      const normalized = empty ? undefined : normalizeDateText(text);
      // Each edit re-reads the front matter; a check that prints no fixes (reportOnly) skips them.
      const writeDate = (date: string): TextEdit | undefined => (ctx.reportOnly ? undefined : replaceValueEdit(ctx.text, fm, field, date));
      // No edit when writing the date would change more than the date (replaceValueEdit says why).
      const normalizedEdit = normalized !== undefined ? writeDate(normalized) : undefined;
      if (normalized !== undefined && normalizedEdit) {
        fixes.push(
          fixWithTitle(message('replaceDateWith', { date: normalized }), {
            edits: [normalizedEdit],
            safe: false,
            preferred: true,
          }),
        );
      }
      if (fromName) {
        const iso = formatIsoDate(fromName.date);
        const edit = iso !== normalized ? writeDate(iso) : undefined;
        if (edit) {
          // An empty value with a dated file name has only one reading.
          fixes.push(
            fixWithTitle(message('useFileNameDate', { date: iso }), {
              edits: [edit],
              safe: empty,
              preferred: normalizedEdit === undefined,
            }),
          );
        }
      } else if (empty) {
        const iso = formatIsoDate(todayLocal(ctx.now));
        const edit = writeDate(iso);
        if (edit) fixes.push(fixWithTitle(message('useTodaysDate', { date: iso }), { edits: [edit], safe: false }));
      }
      const span = field.valueSpan.end > field.valueSpan.start ? field.valueSpan : field.keySpan;
      const said = empty
        ? message('invalidDateEmpty', { field: field.key })
        : message('invalidDateValue', { field: field.key, value: text.length > 60 ? `${text.slice(0, 60)}…` : text });
      return finding(ctx, 'invalid-date', 'warning', said, span, fixes);
    });
  },
};
