// Preview rendering figures (#15 part 3), on real articles of 100 KB and 1 MB:
// renderArticle from scratch against markdown-it's own render of the same
// text with the same options (as a ratio, timed in pairs), the whole preview
// pipeline (analyze + render) on opening the preview, and the update after a
// typed character, which reuses the blocks that did not change.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { analyze, DEFAULT_CONFIG } from '../src/core';
import { ArticleRenderer, renderArticle, type RenderOptions } from '../src/core/render';
import type { BenchRow } from './types';

/** A deterministic article of about `bytes` characters, mixing what real posts contain. */
export function syntheticArticle(bytes: number, htmlEvery = 4): string {
  const parts: string[] = ['---', 'title: "A long read about boxing, dogs and cruise parties"', 'date: 2020-11-06', 'author: Sam', 'tags: [sport, travel]', '---', ''];
  let size = parts.join('\n').length;
  let i = 0;
  while (size < bytes) {
    const block = [
      `## Section ${i}: what the trainers said`,
      '',
      `The phone conversation followed discussions between the coaches earlier this week, the club said. **Keep your guard up**, _move your feet_, and read [the guide](../guides/guide-${i}.md) or [the federation's rules](https://example.com/rules/${i}).`,
      'Obama described the talk as “candid, blunt and businesslike”, and added that `footwork` matters more than power.',
      '',
      i % 7 === 3 ? 'Advertisement\n' : '',
      `- jab ${i}\n- cross\n- hook${i % htmlEvery === 0 ? ' with <kbd>Ctrl</kbd>' : ''}\n  - nested point\n`,
      `![diagram ${i}](images/diagram-${i % 10}.png)`,
      '',
      i % 5 === 0 ? '```ts\nfunction punch(power: number): number {\n  return power * 2;\n}\n```\n' : '',
      i % 6 === 0 ? '| round | score |\n|:--|--:|\n| 1 | 10 |\n| 2 | 9 |\n' : '',
      i % 9 === 0 ? '<div class="callout"><p>Embedded <em>HTML</em> from the CMS <img src="https://example.com/t.png" onerror="x()"></p></div>\n' : '',
      '> Against all odds we have a certain rapprochement and understanding of what we might do.',
      '',
    ].join('\n');
    parts.push(block);
    size += block.length + 1;
    i++;
  }
  return parts.join('\n');
}

interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/**
 * CPU time of this process in ms (user + system, all threads: GC helpers
 * included). The render is synchronous, so this is what it costs, and unlike
 * wall time it does not grow when other work shares the machine's cores.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * A full garbage collection when the bench runs with --expose-gc (npm run
 * bench does), so that a row does not pay for the garbage the rows before it
 * left (the 1 MB renders leave tens of MB). Before the warm-up, not after: a
 * full collection shrinks the heap, and the first updates after it ran at
 * 3 to 10 times their usual cost while it grew again.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median, fastest and slowest of `runs` timed calls of `body(input(run))`, after twenty untimed warm-up calls; `input` is not timed. */
function time<T>(runs: number, input: (run: number) => T, body: (input: T) => void): Timing {
  // Warm-up: the JIT and markdown-it's lazy set-up are not what authors wait for
  // (a preview renders many times in one session). "Cold" in the rows means no cached HTML.
  collectGarbage();
  for (let w = 0; w < 20; w++) body(input(-1 - w));
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const given = input(r);
    const start = cpuMs();
    body(given);
    samples.push(cpuMs() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)] ?? NaN, min: samples[0] ?? NaN, max: samples[samples.length - 1] ?? NaN };
}

function spread(t: Timing, runs: number): string {
  return `median of ${runs}, min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)}`;
}

/**
 * The article with one more character typed in its middle (`x` or `y`, so
 * each update differs from the one before), as the editor hands a document's
 * text over: one flat string (VS Code's getText() joins the document's
 * lines). The concatenation here is a rope that V8 flattens when it is
 * first read, about 7 ms for 1 MB that the row would otherwise charge to
 * the preview; so it is flattened before the clock starts.
 */
function typed(text: string, run: number): string {
  const at = text.indexOf(' ', Math.floor(text.length / 2));
  const result = `${text.slice(0, at)}${run % 2 === 0 ? 'x' : 'y'}${text.slice(at)}`;
  // Converting a string to a number makes V8 flatten it (the value is of no interest).
  void Number(result);
  return result;
}

const OPTIONS: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => `https://file+.vscode-resource.vscode-cdn.net/site/${href}` };
const PATH = '/site/_posts/2020-11-06-long-read.md';

/** The Node.js blog in the shared corpus beside the repository (real release notes). */
const NODEJS_BLOG = [path.resolve(process.cwd(), '../shared/corpus/sites/nodejs-blog/apps/site/pages/en/blog'), '/work/shared/corpus/sites/nodejs-blog/apps/site/pages/en/blog'];

/**
 * Real articles of about 100 KB and 1 MB: the Node.js blog's v12.16.0 release
 * notes (98 KB), and, since its largest post is 851 KB, that post
 * (10-lts-to-12-lts) followed by the bodies of the next two largest (v8.0.0,
 * v10.0.0): 1.14 MB. Undefined when the corpus is not there.
 */
export function realArticles(): { label: string; text: string }[] | undefined {
  const root = NODEJS_BLOG.find((dir) => existsSync(dir));
  if (root === undefined) return undefined;
  const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
  const body = (text: string): string => text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  return [
    { label: '100 KB', text: read('release/v12.16.0.md') },
    { label: '1 MB', text: [read('uncategorized/10-lts-to-12-lts.md'), body(read('release/v8.0.0.md')), body(read('release/v10.0.0.md'))].join('\n\n') },
  ];
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Per-sample ratios of `a` to `b`, timed back to back so load on the machine
 * hits both alike. Each sample runs them in both orders (a, b, b, a) and
 * divides the sums: whichever runs first in a pair is charged differently
 * (garbage the previous run left, caches), and with one order per sample,
 * alternating, the per-run ratios fell into two groups about 30% apart
 * (1.05 and 0.75 for the 100 KB article), so their median jumped between
 * runs of the bench. Ten untimed pairs first: the first dozen renders of a
 * 100 KB article still run partly unoptimised code (the ratio of the first
 * ten was about 0.2 above the rest).
 */
function ratioOf(runs: number, a: () => void, b: () => void): { ratio: number; a: number; b: number } {
  collectGarbage();
  for (let w = 0; w < 10; w++) {
    a();
    b();
  }
  const timed = (f: () => void): number => {
    const start = cpuMs();
    f();
    return cpuMs() - start;
  };
  const ratios: number[] = [];
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const a1 = timed(a);
    const b1 = timed(b);
    const b2 = timed(b);
    const a2 = timed(a);
    as.push((a1 + a2) / 2);
    bs.push((b1 + b2) / 2);
    ratios.push((a1 + a2) / (b1 + b2));
  }
  return { ratio: median(ratios), a: median(as), b: median(bs) };
}

/** `text` with one of four Hugo shortcode constructs after every tenth blank line. */
function shortcodeHeavy(text: string): string {
  const shortcodes = [
    '{{< figure src="poster.png" caption="A poster" >}}',
    'See {{< ref "other-post" >}} for more.',
    '{{< highlight js >}}\nconst x = 1;\n{{< /highlight >}}',
    '{{% note %}}\nA **custom** shortcode.\n{{% /note %}}',
  ];
  let blank = 0;
  return text.replace(/\n\n/g, () => (++blank % 10 === 0 ? `\n\n${shortcodes[(blank / 10) % shortcodes.length]}\n\n` : '\n\n'));
}

/** markdown-it alone with the preview's options (html, xhtmlOut, linkify with schemes only, no typographer), no plugins. */
function plainMarkdownIt(): MarkdownIt {
  const md = new MarkdownIt({ html: true, xhtmlOut: true, linkify: true, typographer: false });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  return md;
}

export async function benchRender(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const real = realArticles();
  const md = plainMarkdownIt();
  const articles = real ?? [
    { label: '100 KB (synthetic: corpus not found)', text: syntheticArticle(100 * 1024) },
    { label: '1 MB (synthetic: corpus not found)', text: syntheticArticle(1024 * 1024) },
  ];
  for (const [index, { label, text }] of articles.entries()) {
    const runs = index === 0 ? 21 : 11;
    const typingTarget = index === 0 ? 5 : 30;
    const analysis = analyze({ path: PATH, text }, DEFAULT_CONFIG);
    const body = text.slice(analysis.split.bodyStart);
    const source = real ? 'real article (Node.js blog)' : 'synthetic article';
    // Cold: renderArticle keeps no rendered HTML between calls, so every run parses and renders the whole article.
    const render = ratioOf(runs, () => renderArticle(analysis, OPTIONS), () => md.render(body));
    rows.push({ name: `preview render / markdown-it render, ${label}`, value: Number(render.ratio.toFixed(2)), unit: 'x', target: '≤ 1.1x', pass: render.ratio <= 1.1, note: `${source}; CPU time, median of ${runs} samples, each both ways round: preview ${render.a.toFixed(1)} ms, markdown-it ${render.b.toFixed(1)} ms` });
    const open = ratioOf(runs, () => renderArticle(analyze({ path: PATH, text }, DEFAULT_CONFIG), OPTIONS), () => md.render(body));
    rows.push({ name: `preview open (analyze + render) / markdown-it render, ${label}`, value: Number(open.ratio.toFixed(2)), unit: 'x', note: `${source}; CPU time, median of ${runs} samples, each both ways round: ${open.a.toFixed(1)} ms against ${open.b.toFixed(1)} ms; analyze runs the rules too` });
    // While typing: the preview's ArticleRenderer has the previous version's blocks; one character changed since.
    const renderer = new ArticleRenderer();
    renderer.render(analysis, OPTIONS);
    const update = time(
      runs,
      (run) => typed(text, run),
      (input) => renderer.render(analyze({ path: PATH, text: input }, DEFAULT_CONFIG), OPTIONS),
    );
    // The same article read as a Hugo post with a shortcode in every tenth block: template handling on.
    const withShortcodes = shortcodeHeavy(text);
    const shortcodeAnalysis = analyze({ path: PATH, text: withShortcodes }, DEFAULT_CONFIG);
    const shortcodeBody = withShortcodes.slice(shortcodeAnalysis.split.bodyStart);
    const hugo = ratioOf(runs, () => renderArticle(shortcodeAnalysis, { ...OPTIONS, generator: 'hugo', resolvePostLink: (target) => ({ href: `${target}.md` }) }), () => md.render(shortcodeBody));
    rows.push({ name: `preview render with Hugo shortcodes / markdown-it render, ${label}`, value: Number(hugo.ratio.toFixed(2)), unit: 'x', target: '≤ 1.1x', pass: hugo.ratio <= 1.1, note: `${source} with a shortcode (figure, ref, highlight, a custom {{% %}}) every tenth block; CPU time, median of ${runs} samples, each both ways round: ${hugo.a.toFixed(1)} ms against ${hugo.b.toFixed(1)} ms` });
    rows.push({ name: `preview update while typing, ${label}`, value: Number(update.median.toFixed(2)), unit: 'ms', target: `≤ ${typingTarget} ms`, pass: update.median <= typingTarget, note: `${source}; CPU time, ${spread(update, runs)}; analyze + render after one typed character (the text one flat string, as the editor hands it over; 20 untimed updates first), unchanged chunks and blocks reused` });
    // Typing in the Hugo post: template constructs must not make every keystroke parse the whole body.
    const hugoOptions: RenderOptions = { ...OPTIONS, generator: 'hugo', resolvePostLink: (target) => ({ href: `${target}.md` }) };
    rows.push(typingRow(`preview update while typing with Hugo shortcodes, ${label}`, withShortcodes, hugoOptions, runs, typingTarget, `${source} with a shortcode every tenth block`));
  }
  const docs = templateHeavyArticle();
  if (docs !== undefined) {
    rows.push(typingRow('preview update while typing, template-heavy post (Eleventy docs, Liquid), 100 KB', docs, { ...OPTIONS, generator: 'eleventy' }, 21, 5, 'real Eleventy documentation pages (callout, codetitle, raw, set, include…), bodies joined'));
  }
  return rows;
}

/** The update after one typed character in `text` rendered with `options`, as a row. */
function typingRow(name: string, text: string, options: RenderOptions, runs: number, target: number, source: string): BenchRow {
  const renderer = new ArticleRenderer();
  renderer.render(analyze({ path: PATH, text }, DEFAULT_CONFIG), options);
  const update = time(
    runs,
    (run) => typed(text, run),
    (input) => renderer.render(analyze({ path: PATH, text: input }, DEFAULT_CONFIG), options),
  );
  return { name, value: Number(update.median.toFixed(2)), unit: 'ms', target: `≤ ${target} ms`, pass: update.median <= target, note: `${source}; CPU time, ${spread(update, runs)}; analyze + render after one typed character (20 untimed updates first)` };
}

/** The Eleventy website in the shared corpus beside the repository (documentation written with Liquid and Nunjucks tags). */
const ELEVENTY_DOCS = [path.resolve(process.cwd(), '../shared/corpus/sites/11ty-website/src/docs'), '/work/shared/corpus/sites/11ty-website/src/docs'];

/**
 * A real template-heavy post of about 100 KB: the Eleventy documentation
 * pages with the most template tags (paired `{% callout %}…{% endcallout %}`,
 * `{% raw %}`, `{% set %}` blocks, one-line `{% codetitle %}` and
 * `{% include %}`), their bodies joined under one front matter. Undefined
 * when the corpus is not there.
 */
export function templateHeavyArticle(bytes = 100 * 1024): string | undefined {
  const root = ELEVENTY_DOCS.find((dir) => existsSync(dir));
  if (root === undefined) return undefined;
  const pages = ['languages/webc.md', 'plugins/navigation.md', 'permalinks.md', 'config.md', 'pagination.md', 'languages/nunjucks.md', 'languages/liquid.md', 'pagination/nav.md', 'languages/javascript.md', 'plugins/bundle.md'];
  const bodies = pages.filter((page) => existsSync(path.join(root, page))).map((page) => readFileSync(path.join(root, page), 'utf8').replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ''));
  if (bodies.length === 0) return undefined;
  let text = '---\ntitle: Eleventy documentation\ndate: 2024-01-01\n---\n';
  for (let k = 0; text.length < bytes; k++) text += `\n${bodies[k % bodies.length] ?? ''}\n`;
  return text;
}
