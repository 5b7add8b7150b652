// Preview rendering figures: how long renderArticle takes (Markdown + the
// sanitiser) for a 100 KB and a 1 MB article, and the whole preview pipeline
// (analyze + render) that runs on each throttled update while typing.
import { performance } from 'node:perf_hooks';
import { analyze, DEFAULT_CONFIG } from '../src/core';
import { renderArticle, type RenderOptions } from '../src/core/render';
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function time(runs: number, body: () => void): number {
  body(); // warm-up: JIT and markdown-it's lazy set-up are not what authors wait for
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    body();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const OPTIONS: RenderOptions = { locale: 'en-US', allowRemoteImages: false, resolveResource: (href) => `https://file+.vscode-resource.vscode-cdn.net/site/${href}` };

export async function benchRender(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const sizes: [string, number, number, number][] = [
    ['100 KB', 100 * 1024, 15, 21],
    ['1 MB', 1024 * 1024, 150, 7],
  ];
  for (const [label, bytes, targetMs, runs] of sizes) {
    const text = syntheticArticle(bytes);
    const analysis = analyze({ path: '/site/_posts/2020-11-06-long-read.md', text }, DEFAULT_CONFIG);
    const render = time(runs, () => renderArticle(analysis, OPTIONS));
    rows.push({ name: `preview render, ${label} article`, value: Number(render.toFixed(2)), unit: 'ms', target: `< ${targetMs} ms`, pass: render < targetMs, note: `median of ${runs}, markdown-it + sanitiser` });
    const pipeline = time(runs, () => renderArticle(analyze({ path: '/site/_posts/2020-11-06-long-read.md', text }, DEFAULT_CONFIG), OPTIONS));
    rows.push({ name: `preview update, ${label} article`, value: Number(pipeline.toFixed(2)), unit: 'ms', note: `median of ${runs}, analyze + render, once per 300 ms while typing` });
  }
  return rows;
}
