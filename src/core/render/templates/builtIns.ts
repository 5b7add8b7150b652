// How a template construct renders (#17): the built-ins shown as readers see
// them (figure, embeds as links, highlight, values from the front matter and
// the site, links to posts), and the label naming every other construct,
// with a link to its template file. Every text is escaped; addresses go
// through addresses.ts like any other. The parsing is ./plugin's and ./syntax's.
import type { RenderEnv } from '../markdown';
import { imageDecision, linkAttributes, PLACEHOLDER_CLASS } from '../addresses';
import { lookup, parseArguments, type TemplateCall } from './syntax';
import type { TemplateEnv, TemplateLabels } from './types';

export const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

export interface Context {
  readonly env: TemplateEnv;
  readonly render: RenderEnv | undefined;
}

function labelFor(call: TemplateCall, labels: TemplateLabels): string {
  if (call.syntax === 'mdx') return labels.component;
  if (call.syntax === 'liquid') return call.name === 'include' || call.name === 'include_relative' || call.name === 'render' ? labels.include : labels.template;
  return labels.shortcode;
}

/** The link to a construct's template file, when the resolver knows it. */
function templateLink(call: TemplateCall, context: Context): string {
  const { env } = context;
  if (env.resolveTemplate === undefined) return '';
  const include = call.syntax === 'liquid' && (call.name === 'include' || call.name === 'include_relative' || call.name === 'render');
  const name = include ? (parseArguments(call.args).positional[0] ?? '') : call.name;
  const kind = call.syntax === 'mdx' ? 'component' : include ? 'include' : 'shortcode';
  const found = env.resolveTemplate({ kind, name, importPath: call.syntax === 'mdx' ? env.imports.get(call.name.split('.')[0] ?? '') : undefined });
  // A file in the workspace only: the address goes through the same decision as any link, and must stay relative.
  const decided = found === undefined || context.render === undefined ? undefined : linkAttributes(found.href, context.render.policy);
  if (decided?.['data-href'] === undefined) return '';
  return ` <a class="postdesk-template-file" href="${escapeHtml(decided.href ?? '#')}" data-href="${escapeHtml(decided['data-href'])}">${escapeHtml(env.labels.openTemplate)}</a>`;
}

export function label(call: TemplateCall, context: Context): string {
  const written = call.args === '' ? call.name : `${call.name} ${call.args}`;
  return `<span class="postdesk-template-label">${escapeHtml(labelFor(call, context.env.labels))} <code>${escapeHtml(written)}</code>${templateLink(call, context)}</span>`;
}

/** A link to a post a template names, or the target shown as missing. */
function postLink(target: string, text: string | undefined, context: Context): string {
  const resolved = context.env.resolvePostLink?.(target);
  if (resolved === undefined) return `<span class="postdesk-template-missing" title="${escapeHtml(`${context.env.labels.missingPost}: ${target}`)}">${escapeHtml(text ?? target)}</span>`;
  const attributes = context.render === undefined ? { 'data-href': resolved.href } : linkAttributes(resolved.href, context.render.policy);
  const href = attributes.href ?? '#';
  const dataHref = attributes['data-href'] === undefined ? '' : ` data-href="${escapeHtml(attributes['data-href'])}"`;
  return `<a href="${escapeHtml(href)}"${dataHref}>${escapeHtml(text ?? resolved.title ?? target)}</a>`;
}

function valueText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map((v) => valueText(v) ?? '').join(', ');
  if (typeof value === 'object') return undefined;
  return String(value as string | number | boolean);
}

function missingValue(name: string, context: Context): string {
  return `<span class="postdesk-template-missing">${escapeHtml(`${context.env.labels.missingValue} ${name}`)}</span>`;
}

/** An external page a template embeds (a video, a gist): linked, never framed. */
function embedCard(kindLabel: string, href: string, text: string): string {
  return `<span class="postdesk-template-embed">${escapeHtml(kindLabel)}: <a href="${escapeHtml(href)}">${escapeHtml(text)}</a></span>`;
}

function image(src: string, alt: string, context: Context): string {
  if (context.render === undefined) return escapeHtml(alt);
  const decided = imageDecision(src, alt, context.render.policy);
  if (decided.kind === 'placeholder') {
    const text = escapeHtml(decided.text);
    return `<span class="${PLACEHOLDER_CLASS}" role="img" aria-label="${text}" title="${escapeHtml(decided.title)}">${text}</span>`;
  }
  return `<img src="${escapeHtml(decided.src)}" alt="${escapeHtml(alt)}" />`;
}

/** The HTML of a construct without content, or undefined for a labelled block. */
export function builtIn(call: TemplateCall, context: Context): string | undefined {
  const { positional, named } = parseArguments(call.args);
  const arg = (key: string, index = 0): string | undefined => named.get(key) ?? positional[index];
  const labels = context.env.labels;
  if (call.syntax === 'hugo' || call.syntax === 'zola') {
    switch (call.name) {
      case 'figure': {
        const src = arg('src') ?? '';
        const caption = named.get('caption') ?? named.get('title');
        const img = image(src, named.get('alt') ?? caption ?? '', context);
        return `<figure class="postdesk-template-figure">${img}${caption === undefined ? '' : `<figcaption>${escapeHtml(caption)}</figcaption>`}</figure>`;
      }
      case 'youtube': {
        const id = arg('id') ?? '';
        return embedCard(labels.video, `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`, named.get('title') ?? `YouTube ${id}`);
      }
      case 'vimeo': {
        const id = arg('id') ?? '';
        return embedCard(labels.video, `https://vimeo.com/${encodeURIComponent(id)}`, named.get('title') ?? `Vimeo ${id}`);
      }
      case 'gist': {
        const user = arg('user') ?? arg('username') ?? '';
        const id = arg('id', 1) ?? '';
        const url = call.syntax === 'zola' ? (named.get('url') ?? '') : `https://gist.github.com/${encodeURIComponent(user)}/${encodeURIComponent(id)}`;
        return embedCard(labels.gist, url, url.replace(/^https:\/\//, ''));
      }
      case 'param': {
        const name = arg('name') ?? '';
        const path = name.split('.');
        const value = valueText(lookup(context.env.page, path) ?? lookup(context.env.site, ['params', ...path]) ?? lookup(context.env.site, path));
        return value === undefined ? missingValue(name, context) : escapeHtml(value);
      }
      case 'ref':
      case 'relref':
        return postLink(arg('path') ?? '', undefined, context);
    }
  }
  if (call.syntax === 'liquid') {
    if (call.name === 'output') {
      const expression = call.args.split('|')[0]?.trim() ?? '';
      const [root, ...path] = expression.split('.');
      if (root === 'site' || root === 'page') {
        const value = valueText(lookup(root === 'site' ? context.env.site : context.env.page, path));
        return value === undefined ? missingValue(expression, context) : escapeHtml(value);
      }
      return `<code class="postdesk-template-value">${escapeHtml(`{{ ${call.args} }}`)}</code>`;
    }
    if (call.name === 'post_url' || call.name === 'link') return postLink(positional[0] ?? '', undefined, context);
  }
  return undefined;
}

export const ADMONITION_LABELS: Record<string, keyof TemplateLabels> = { note: 'note', tip: 'tip', info: 'info', warning: 'warning', danger: 'danger', caution: 'caution', important: 'info', success: 'tip', secondary: 'note' };
