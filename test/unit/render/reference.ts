// Two references for the preview's renderer, deliberately independent of
// body.ts and its cache:
// - wholeBody: one markdown-it pass over the whole body, raw HTML sanitised
//   in place; the block-by-block renderer and its cache must match it byte
//   for byte;
// - referenceBody: the renderer as it was before #15 part 3 (the whole body
//   parsed, cut into runs, runs holding raw HTML sanitised whole with
//   sanitize-html); the differential test holds the new output to it as a
//   browser would read both.
import assert from 'node:assert/strict';
import type MarkdownIt from 'markdown-it';
import { analyze, DEFAULT_CONFIG } from '../../../src/core';
import { DEFAULT_RENDER_LABELS, type RenderOptions } from '../../../src/core/render';
import { countLines, createMarkdown, type RenderEnv } from '../../../src/core/render/markdown';
import { RawHtmlSanitizer } from '../../../src/core/render/rawHtml';
import { createSanitizer } from './wholeOutputSanitizer';
import type { Analysis } from '../../../src/core/types';

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

/** How many elements `html` leaves open (never below zero: stray end tags are ignored by parsers). */
export function openDepthAfter(html: string, depth: number): number {
  let d = depth;
  for (const match of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(TAG)) {
    const name = (match[2] ?? '').toLowerCase();
    if (VOID_ELEMENTS.has(name) || match[3] === '/') continue;
    d = match[1] === '/' ? Math.max(0, d - 1) : d + 1;
  }
  return d;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly rawHtml: boolean;
}

function rawHtmlOf(token: MarkdownIt.Token): string | undefined {
  if (token.type === 'html_block') return token.content;
  let html: string | undefined;
  for (const child of token.children ?? []) if (child.type === 'html_inline') html = (html ?? '') + child.content;
  return html;
}

function segmentTokens(tokens: readonly MarkdownIt.Token[]): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let depth = 0;
  let raw = false;
  const push = (end: number, rawHtml: boolean): void => {
    const last = segments[segments.length - 1];
    if (last && last.rawHtml === rawHtml) segments[segments.length - 1] = { start: last.start, end, rawHtml };
    else segments.push({ start, end, rawHtml });
    start = end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const html = rawHtmlOf(token);
    if (html !== undefined) {
      raw = true;
      depth = openDepthAfter(html, depth);
    }
    if (token.level === 0 && token.nesting !== 1 && depth === 0) {
      push(i + 1, raw);
      raw = false;
    }
  }
  if (start < tokens.length) push(tokens.length, true);
  return segments;
}

const md = createMarkdown();
// createMarkdown shortcuts linkify-it's checks for text that cannot hold a
// scheme; the reference uses linkify-it's own (on its prototype).
for (const method of ['pretest', 'test'] as const) {
  assert.ok(Object.hasOwn(md.linkify, method));
  Reflect.deleteProperty(md.linkify, method);
}

function parseBody(analysis: Analysis, options: RenderOptions): { tokens: MarkdownIt.Token[]; env: RenderEnv } {
  const { document, split } = analysis;
  const labels = { ...DEFAULT_RENDER_LABELS, ...options.labels };
  const text = document.text;
  const bodyStart = Math.min(Math.max(split.bodyStart, 0), text.length);
  const lineOffset = countLines(text.slice(0, bodyStart));
  const markerLines = new Set<number>();
  for (const finding of analysis.findings) {
    if (finding.rule !== 'stray-marker' || finding.span.start < bodyStart) continue;
    markerLines.add(finding.range.start.line - lineOffset);
  }
  const policy = { resolveResource: options.resolveResource, allowRemoteImages: options.allowRemoteImages, labels };
  const env: RenderEnv = { lineOffset, markerLines, markerLabel: labels.marker, policy };
  return { tokens: md.parse(text.slice(bodyStart), env), env };
}

/** The body HTML of one whole-body pass with raw HTML sanitised in place. */
export function wholeBody(analysis: Analysis, options: RenderOptions): string {
  const { tokens, env } = parseBody(analysis, options);
  const rawHtml = new RawHtmlSanitizer(env.policy);
  return md.renderer.render(tokens, md.options, { ...env, trusted: true, rawHtml }) + rawHtml.finish();
}

/** The body HTML the renderer produced before #15 part 3 (whole runs through sanitize-html). */
export function referenceBody(analysis: Analysis, options: RenderOptions): string {
  const { tokens, env } = parseBody(analysis, options);
  const sanitize = createSanitizer(env.policy);
  let bodyHtml = '';
  for (const segment of segmentTokens(tokens)) {
    const html = md.renderer.render(tokens.slice(segment.start, segment.end), md.options, { ...env, trusted: !segment.rawHtml });
    bodyHtml += segment.rawHtml ? sanitize(html) : html;
  }
  return bodyHtml;
}

export function analyzeText(text: string, path = '/site/_posts/post.md'): Analysis {
  return analyze({ path, text }, DEFAULT_CONFIG, { now: new Date(Date.UTC(2024, 5, 1, 12)) });
}
