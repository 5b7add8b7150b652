// Splits a document into its front matter block and body with exact spans.
// Fences are found here (gray-matter's own detection loses positions), each
// language is parsed by a parser that keeps source ranges, and nothing in a
// file is ever executed: `---js` and friends are refused.

import type GrayMatter from 'gray-matter';
import type { FrontMatter, FrontMatterProblem, SplitDocument, Span } from './types';
import { detectEol } from './text';
import { emptyBlock, lineEndOf, problem, type ParsedBlock } from './frontmatter/common';
import { message } from './messages';
import { parseYamlBlock } from './frontmatter/yaml';
import { parseTomlBlock } from './frontmatter/toml';
import { parseJsonBlock } from './frontmatter/json';

let grayMatter: typeof GrayMatter | undefined;

/**
 * gray-matter (and the js-yaml it brings) is loaded the first time a fence
 * names its language (`---toml`): most sites never have one, and the editor's
 * extension host starts faster without it.
 */
function loadGrayMatter(): typeof GrayMatter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  grayMatter ??= require('gray-matter') as typeof GrayMatter;
  return grayMatter;
}

const EXECUTABLE = new Set(['js', 'javascript', 'coffee', 'coffeescript', 'cson']);

function refuseExecutable(): never {
  throw new Error('Executable front matter is refused: Postdesk never runs code from a file.');
}

/**
 * gray-matter options that are safe for untrusted files. Always pass an
 * options object: without one gray-matter caches every input it has seen in
 * a global map. The engines replace its `eval`-based JavaScript engine.
 */
export function safeGrayMatterOptions(): { engines: Record<string, (input: string) => object> } {
  const refuse = (): object => refuseExecutable();
  return {
    engines: {
      js: refuse,
      javascript: refuse,
      coffee: refuse,
      coffeescript: refuse,
      cson: refuse,
      yaml: (s: string): object => parseYamlBlock(s, { start: 0, end: s.length }).data,
      toml: (s: string): object => parseTomlBlock(s, { start: 0, end: s.length }).data,
      json: (s: string): object => parseJsonBlock(s, { start: 0, end: s.length }).data,
    },
  };
}

function nextLine(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return lineEnd < text.length ? lineEnd + 1 : lineEnd;
}

/** Finds the closing fence line (exactly `fence`, trailing blanks allowed) after `from`. */
function findClosingFence(text: string, from: number, fence: string): Span | undefined {
  let i = from;
  while (i < text.length) {
    const end = lineEndOf(text, i);
    if (text.startsWith(fence, i) && text.slice(i + fence.length, end).trim() === '') return { start: i, end };
    if (end >= text.length) return undefined;
    i = nextLine(text, end);
  }
  return undefined;
}

/** Where a leading JSON object ends (after its closing brace), or undefined when it never closes. */
function findJsonObjectEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        i++;
      }
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return undefined;
}

function unclosedProblem(openFence: Span, fence: string): FrontMatterProblem {
  return problem(message('frontMatterUnclosed', { fence }), openFence);
}

export interface SplitOptions {
  /** Front matter may follow blank lines (Hugo reads it there; Jekyll does not). */
  readonly afterBlankLines?: boolean;
}

/** Where the first line that is not blank starts, when only blank lines come before it. */
function skipBlankLines(text: string, from: number): number {
  let i = from;
  for (;;) {
    let j = i;
    while (text[j] === ' ' || text[j] === '\t') j++;
    if (text[j] === '\n') i = j + 1;
    else if (text[j] === '\r' && text[j + 1] === '\n') i = j + 2;
    else return i;
  }
}

export function splitDocument(text: string, options: SplitOptions = {}): SplitDocument {
  return split(text, options, undefined) as SplitDocument;
}

/**
 * Readers that may decline a block (undefined): `splitDocumentIfQuick` then
 * declines the whole document, and its caller asks `splitDocument`.
 */
export interface QuickReaders {
  readonly yaml: (text: string, content: Span) => ParsedBlock | undefined;
  readonly toml: (text: string, content: Span) => ParsedBlock | undefined;
  readonly json: (text: string, content: Span) => ParsedBlock | undefined;
}

/**
 * `splitDocument`'s result, found with the same fences and spans, when every
 * reader understands its block; undefined otherwise (an unclosed fence, a
 * language other than YAML, TOML or JSON, a problem to report: all left to
 * `splitDocument`). The language after `---` is named as gray-matter names it
 * without loading gray-matter (see `fenceLanguage`).
 */
export function splitDocumentIfQuick(text: string, options: SplitOptions, readers: QuickReaders): SplitDocument | undefined {
  return split(text, options, readers);
}

/**
 * gray-matter's `language()` for a first line `---name` followed by blanks
 * only: the text after the fence up to the line break, trimmed (the pattern
 * leaves only the name, since its blanks are spaces and tabs), lower-cased
 * here as the splitter does, `yaml` when empty.
 */
function fenceLanguage(name: string): string {
  return name === '' ? 'yaml' : name.toLowerCase();
}

function split(text: string, options: SplitOptions, quick: QuickReaders | undefined): SplitDocument | undefined {
  const eol = detectEol(text);
  // Tolerate a byte order mark that a caller forgot to strip.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const start = options.afterBlankLines ? skipBlankLines(text, bom) : bom;
  const firstEnd = lineEndOf(text, start);
  const firstLine = text.slice(start, firstEnd);
  const openFenceSpan = { start, end: firstEnd };

  let fence: string | undefined;
  let language: string | undefined;
  const yamlFence = /^---([A-Za-z0-9_-]*)[ \t]*$/.exec(firstLine);
  if (yamlFence) {
    fence = '---';
    // gray-matter names the language written after the opening fence; a bare
    // fence (nearly every post) is YAML, as gray-matter says, without asking it.
    language =
      yamlFence[1] === '' ? 'yaml'
      : quick ? fenceLanguage(yamlFence[1])
      : loadGrayMatter().language(firstLine + '\n', safeGrayMatterOptions()).name.toLowerCase() || 'yaml';
  } else if (/^\+\+\+[ \t]*$/.test(firstLine)) {
    fence = '+++';
    language = 'toml';
  } else if (/^\{[ \t]*(?:"|$)/.test(firstLine)) {
    return splitJsonObject(text, start, openFenceSpan, eol, quick);
  }
  if (fence === undefined || language === undefined) return { bodyStart: 0, eol };

  const contentStart = nextLine(text, firstEnd);
  const close = contentStart > firstEnd ? findClosingFence(text, contentStart, fence) : undefined;
  if (!close) {
    if (quick) return undefined;
    // Unclosed: report it at the opening fence and read the rest as body, so
    // nothing after it is silently ignored by the other rules.
    const frontMatter: FrontMatter = {
      language,
      blockSpan: { start, end: contentStart },
      openFenceSpan,
      contentSpan: { start: contentStart, end: contentStart },
      data: {},
      fields: [],
      problems: [unclosedProblem(openFenceSpan, fence)],
    };
    return { frontMatter, bodyStart: contentStart, eol };
  }
  const contentSpan = { start: contentStart, end: close.start };
  const blockEnd = nextLine(text, close.end);
  let parsed: ParsedBlock | undefined;
  if (quick) {
    if (language === 'yaml' || language === 'yml') parsed = quick.yaml(text, contentSpan);
    else if (language === 'toml') parsed = quick.toml(text, contentSpan);
    else if (language === 'json') parsed = quick.json(text, contentSpan);
    if (parsed === undefined || parsed.problems.length > 0) return undefined;
  } else if (language === 'yaml' || language === 'yml') parsed = parseYamlBlock(text, contentSpan);
  else if (language === 'toml') parsed = parseTomlBlock(text, contentSpan);
  else if (language === 'json') parsed = parseJsonBlock(text, contentSpan);
  else if (EXECUTABLE.has(language)) {
    parsed = emptyBlock([problem(message('frontMatterExecutable', { language }), openFenceSpan)]);
  } else {
    parsed = emptyBlock([problem(message('frontMatterUnknownLanguage', { language }), openFenceSpan)]);
  }
  const frontMatter: FrontMatter = {
    language: language === 'yml' ? 'yaml' : language,
    blockSpan: { start, end: blockEnd },
    openFenceSpan,
    closeFenceSpan: close,
    contentSpan,
    data: parsed.data,
    fields: parsed.fields,
    problems: parsed.problems,
  };
  return { frontMatter, bodyStart: blockEnd, eol };
}

function splitJsonObject(text: string, start: number, openFenceSpan: Span, eol: '\n' | '\r\n', quick: QuickReaders | undefined): SplitDocument | undefined {
  const objectEnd = findJsonObjectEnd(text, start);
  if (objectEnd === undefined) {
    if (quick) return undefined;
    const frontMatter: FrontMatter = {
      language: 'json',
      blockSpan: { start, end: nextLine(text, openFenceSpan.end) },
      openFenceSpan,
      contentSpan: { start, end: start },
      data: {},
      fields: [],
      problems: [unclosedProblem(openFenceSpan, '}')],
    };
    return { frontMatter, bodyStart: frontMatter.blockSpan.end, eol };
  }
  const closeLineEnd = lineEndOf(text, objectEnd);
  let closeLineStart = objectEnd - 1;
  while (closeLineStart > 0 && text[closeLineStart - 1] !== '\n' && text[closeLineStart - 1] !== '\r') closeLineStart--;
  const contentSpan = { start, end: objectEnd };
  const parsed = quick ? quick.json(text, contentSpan) : parseJsonBlock(text, contentSpan);
  if (parsed === undefined) return undefined;
  const problems = [...parsed.problems];
  if (text.slice(objectEnd, closeLineEnd).trim() !== '') {
    problems.push(problem(message('jsonCloseNotAlone', {}), { start: objectEnd, end: closeLineEnd }));
  }
  if (quick && problems.length > 0) return undefined;
  const blockEnd = nextLine(text, closeLineEnd);
  const frontMatter: FrontMatter = {
    language: 'json',
    blockSpan: { start, end: blockEnd },
    openFenceSpan,
    closeFenceSpan: { start: closeLineStart, end: closeLineEnd },
    contentSpan,
    data: problems.length > 0 ? {} : parsed.data,
    fields: problems.length > 0 ? [] : parsed.fields,
    problems,
  };
  return { frontMatter, bodyStart: blockEnd, eol };
}
