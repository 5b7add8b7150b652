// Preview rendering figures: how long renderArticle takes (Markdown + the
// sanitiser) for a 100 KB and a 1 MB article from scratch, the whole preview
// pipeline (analyze + render) on opening the preview, and the update after a
// typed character, which reuses the blocks that did not change.
import { performance } from 'node:perf_hooks';
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

/** Median, fastest and slowest of `runs` timed calls of `body(run)`, after three untimed warm-up calls. */
function time(runs: number, body: (run: number) => void): Timing {
  // Warm-up: the JIT and markdown-it's lazy set-up are not what authors wait for
  // (a preview renders many times in one session). "Cold" in the rows means no cached HTML.
  for (let w = 0; w < 3; w++) body(-1 - w);
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    body(r);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)] ?? NaN, min: samples[0] ?? NaN, max: samples[samples.length - 1] ?? NaN };
}

function spread(t: Timing, runs: number): string {
  return `median of ${runs}, min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)}`;
}

/** The article with one more character typed into a paragraph in its middle (`x` or `y`, so each update differs from the one before). */
function typed(text: string, run: number): string {
  const at = text.indexOf('Obama described', Math.floor(text.length / 2));
  return `${text.slice(0, at)}${run % 2 === 0 ? 'x' : 'y'}${text.slice(at)}`;
}

const OPTIONS: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => `https://file+.vscode-resource.vscode-cdn.net/site/${href}` };
const PATH = '/site/_posts/2020-11-06-long-read.md';

export async function benchRender(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes: [string, number, number, number][] = [
    ['100 KB', 100 * 1024, 15, 21],
    ['1 MB', 1024 * 1024, 150, 11],
  ];
  for (const [label, bytes, targetMs, runs] of sizes) {
    const text = syntheticArticle(bytes);
    const analysis = analyze({ path: PATH, text }, DEFAULT_CONFIG);
    // Cold: renderArticle keeps no rendered HTML between calls, so every run parses and sanitises the whole article.
    const render = time(runs, () => renderArticle(analysis, OPTIONS));
    rows.push({ name: `preview render, ${label} article`, value: Number(render.median.toFixed(2)), unit: 'ms', target: `< ${targetMs} ms`, pass: render.median < targetMs, note: `cold, whole article: ${spread(render, runs)}; markdown-it + sanitiser` });
    const pipeline = time(runs, () => renderArticle(analyze({ path: PATH, text }, DEFAULT_CONFIG), OPTIONS));
    rows.push({ name: `preview update, ${label} article, cold`, value: Number(pipeline.median.toFixed(2)), unit: 'ms', note: `${spread(pipeline, runs)}; analyze + whole render, as on opening the preview` });
    // While typing: the preview's ArticleRenderer has the previous version's blocks; one character changed since.
    const renderer = new ArticleRenderer();
    renderer.render(analysis, OPTIONS);
    const update = time(runs, (run) => renderer.render(analyze({ path: PATH, text: typed(text, run) }, DEFAULT_CONFIG), OPTIONS));
    rows.push({ name: `preview update while typing, ${label} article`, value: Number(update.median.toFixed(2)), unit: 'ms', note: `${spread(update, runs)}; analyze + render after one typed character, unchanged blocks reused; once per 300 ms at most` });
  }
  return rows;
}
