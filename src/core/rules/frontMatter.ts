// `front-matter`: syntax errors at their real position, an unclosed block,
// refused (executable or unknown) front matter languages.

import type { Rule } from './context';
import { finding } from './context';

export const frontMatterRule: Rule = {
  check(ctx) {
    const fm = ctx.split.frontMatter;
    if (!fm) return [];
    return fm.problems.map((p) =>
      finding(ctx, 'front-matter', 'error', p.messageTemplate ? { text: p.message, template: p.messageTemplate } : p.message, p.span),
    );
  },
};
