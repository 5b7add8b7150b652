// The "disable this rule for this file" fix: an HTML comment the engine
// honours, added to an existing disable comment when the file has one.

import type { RuleId, SplitDocument, TextEdit } from '../types';
import { LineIndex } from '../text';
import { classifyLines } from '../markdown';

export function disableRuleEdit(text: string, split: SplitDocument, rule: RuleId): TextEdit {
  const index = new LineIndex(text);
  const lines = classifyLines(text, split.bodyStart, index);
  for (let l = lines.firstBodyLine; l < lines.kinds.length; l++) {
    if (lines.kinds[l] === 'fence' || lines.kinds[l] === 'indented-code') continue;
    const line = index.lineText(l);
    const m = /<!--\s*postdesk-disable\b([^>]*?)\s*-->/.exec(line);
    if (m && m[1].trim() !== '') {
      const at = index.lineStart(l) + m.index + m[0].lastIndexOf('-->');
      const before = text[at - 1] === ' ' ? '' : ' ';
      return { span: { start: at, end: at }, newText: `${before}${rule} ` };
    }
  }
  const at = split.bodyStart;
  return { span: { start: at, end: at }, newText: `<!-- postdesk-disable ${rule} -->${split.eol}` };
}
