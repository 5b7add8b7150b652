import assert from 'node:assert/strict';
import type { Finding, RuleId, Severity } from '../../../src/core/types';
import { escapeGithubData, escapeGithubProperty, formatGithub, formatJson, formatText, summaryLine, type FileFindings } from '../../../src/cli/report';

function finding(rule: RuleId, severity: Severity, message: string, line: number, character: number, endCharacter: number): Finding {
  return {
    rule,
    severity,
    message,
    span: { start: 0, end: 0 },
    range: { start: { line, character }, end: { line, character: endCharacter } },
    fixes: [],
  };
}

const results: FileFindings[] = [
  { displayPath: 'posts/a.md', findings: [finding('missing-date', 'warning', 'Add a date.', 0, 0, 3), finding('front-matter', 'error', 'Bad YAML.', 4, 2, 9)] },
  { displayPath: 'posts/clean.md', findings: [] },
  { displayPath: 'b, c:d%.md', findings: [finding('stray-marker', 'info', 'Line\nbreak 100%', 9, 0, 13)] },
];

describe('cli check output', () => {
  it('json has exactly the documented shape, 1-based', () => {
    const parsed: unknown = JSON.parse(formatJson(results));
    assert.deepEqual(parsed, {
      version: 1,
      files: 3,
      findings: [
        { file: 'posts/a.md', line: 1, column: 1, endLine: 1, endColumn: 4, rule: 'missing-date', severity: 'warning', message: 'Add a date.' },
        { file: 'posts/a.md', line: 5, column: 3, endLine: 5, endColumn: 10, rule: 'front-matter', severity: 'error', message: 'Bad YAML.' },
        { file: 'b, c:d%.md', line: 10, column: 1, endLine: 10, endColumn: 14, rule: 'stray-marker', severity: 'info', message: 'Line\nbreak 100%' },
      ],
    });
    assert.deepEqual(Object.keys((parsed as { findings: object[] }).findings[0] ?? {}), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message']);
  });

  it('github annotations escape data and properties', () => {
    assert.equal(escapeGithubData('100%\r\nnext'), '100%25%0D%0Anext');
    assert.equal(escapeGithubProperty('a,b:c%'), 'a%2Cb%3Ac%25');
    const lines = formatGithub(results).split('\n');
    assert.equal(lines[0], '::warning file=posts/a.md,line=1,col=1,endLine=1,endColumn=4,title=postdesk(missing-date)::Add a date.');
    assert.equal(lines[1], '::error file=posts/a.md,line=5,col=3,endLine=5,endColumn=10,title=postdesk(front-matter)::Bad YAML.');
    assert.equal(lines[2], '::notice file=b%2C c%3Ad%25.md,line=10,col=1,endLine=10,endColumn=14,title=postdesk(stray-marker)::Line%0Abreak 100%25');
    assert.equal(lines[3], '3 problems (1 error, 1 warning, 1 info) in 3 files');
  });

  it('text aligns columns and ends with the summary line', () => {
    const text = formatText(results, false);
    assert.equal(
      text,
      [
        'posts/a.md:1:1   warning  Add a date.      missing-date',
        'posts/a.md:5:3   error    Bad YAML.        front-matter',
        'b, c:d%.md:10:1  info     Line break 100%  stray-marker',
        '',
        '3 problems (1 error, 1 warning, 1 info) in 3 files',
        '',
      ].join('\n'),
    );
    assert.ok(!text.includes('\u001b['));
  });

  it('text is coloured only when asked', () => {
    const coloured = formatText(results, true);
    assert.ok(coloured.includes('\u001b[31merror'));
    assert.ok(coloured.includes('\u001b[33mwarning'));
  });

  it('summary counts and plurals', () => {
    assert.equal(summaryLine({ files: 1, errors: 0, warnings: 1, infos: 0 }), '1 problem (0 errors, 1 warning) in 1 file');
    assert.equal(summaryLine({ files: 0, errors: 0, warnings: 0, infos: 0 }), '0 problems (0 errors, 0 warnings) in 0 files');
    assert.equal(formatText([{ displayPath: 'x.md', findings: [] }], false), '0 problems (0 errors, 0 warnings) in 1 file\n');
  });
});
