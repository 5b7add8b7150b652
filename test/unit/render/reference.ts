// The renderer as it was before it went block by block (one markdown-it
// parse of the whole body, segmented, rendered and sanitised in runs), kept
// as the reference the faster paths must match byte for byte. Deliberately
// independent of body.ts and SegmentStream.
import assert from 'node:assert/strict';
import type MarkdownIt from 'markdown-it';
import { analyze, DEFAULT_CONFIG } from '../../../src/core';
import { DEFAULT_RENDER_LABELS, type RenderOptions } from '../../../src/core/render';
import { countLines, createMarkdown, type RenderEnv } from '../../../src/core/render/markdown';
import { createSanitizer } from '../../../src/core/render/sanitize';
import { openDepthAfter } from '../../../src/core/render/segments';
import type { Analysis } from '../../../src/core/types';

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

/** The body HTML the pre-streaming renderer produced for `analysis`. */
export function referenceBody(analysis: Analysis, options: RenderOptions): string {
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
  const tokens = md.parse(text.slice(bodyStart), env);
  const sanitize = createSanitizer(policy);
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
