// The words the Posts view shows for its groups: a group's label with its
// count, and month names in the display language.

/** What a group's label is made of (a GroupNode has it; no import of the model, which imports this file). */
export interface LabelledGroup {
  readonly group: string;
  readonly name: string;
  readonly count: number;
}

/** Which label text a group shows: its name and its post count ("2020 · 5"). */
export function groupLabel(node: LabelledGroup): string {
  return node.group === 'folder' ? node.name : `${node.name} · ${node.count}`;
}

/** Localised month name ("November", "März"), from the calendar month alone so no time zone can shift it. */
export function monthName(month: number, locale: string): string {
  // Twelve names per locale, formatted once: placing 100,000 posts must not format 100,000 dates.
  let names = monthNames.get(locale);
  if (!names) {
    const formatter = new Intl.DateTimeFormat(safeLocale(locale), { month: 'long', timeZone: 'UTC' });
    names = Array.from({ length: 12 }, (_, i) => formatter.format(new Date(Date.UTC(2000, i, 1))));
    monthNames.set(locale, names);
  }
  return names[month - 1] ?? String(month);
}

const monthNames = new Map<string, string[]>();

/** Intl throws on a malformed tag; an odd display language must not break the view. */
export function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
