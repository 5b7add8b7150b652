// A deterministic synthetic site for the benchmarks: the same seed always
// writes the same files, so runs on different days and machines compare.
// The mix mirrors real sites: mostly YAML, some TOML and JSON, several date
// styles, some undated or garbled, some scraped with stray markers, some CRLF.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** mulberry32: tiny, fast, and good enough to vary synthetic content. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a of and to in is was for on that with as by at from his her it an were which are this be has had not have ' +
  'city council report season team players market prices school garden recipe travel weather festival museum river ' +
  'election court music album film review science study health doctors energy climate storm village harbour railway ' +
  'announced described expected reported discussed improved visited opened finished started returned changed offered'
).split(' ');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MARKERS = ['Advertisement', 'ADVERTISEMENT', '*Advertisement*', 'Story continues below advertisement', 'Sponsored content'];

export class TextGen {
  constructor(readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  sentence(): string {
    const words = Array.from({ length: this.int(6, 18) }, () => this.pick(WORDS));
    const text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1) + '.';
  }

  paragraph(): string {
    return Array.from({ length: this.int(2, 6) }, () => this.sentence()).join(' ');
  }

  title(): string {
    return Array.from({ length: this.int(3, 8) }, () => this.pick(WORDS))
      .join(' ')
      .replace(/^./, (c) => c.toUpperCase());
  }

  /** An article body of about `bytes` characters; `markers` lone marker lines between paragraphs. */
  body(bytes: number, markers: number): string {
    const parts: string[] = [`# ${this.title()}`];
    let size = 0;
    while (size < bytes) {
      const r = this.random();
      const block =
        r < 0.04 ? '```js\nconst advertisement = "Advertisement";\nconsole.log(advertisement);\n```'
        : r < 0.08 ? `## ${this.title()}`
        : r < 0.1 ? `- ${this.sentence()}\n- ${this.sentence()}`
        : this.paragraph();
      parts.push(block);
      size += block.length + 2;
    }
    for (let i = 0; i < markers; i++) parts.splice(this.int(1, parts.length), 0, this.pick(MARKERS));
    return parts.join('\n\n') + '\n';
  }
}

export interface SyntheticPost {
  readonly relativePath: string;
  readonly text: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Post number `i` of the synthetic site. */
export function syntheticPost(gen: TextGen, i: number): SyntheticPost {
  const year = gen.int(2005, 2024);
  const month = gen.int(1, 12);
  const day = gen.int(1, 28);
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  const title = gen.title();
  const r = gen.random();
  const dateText =
    r < 0.35 ? iso
    : r < 0.55 ? `${iso}T${pad(gen.int(0, 23))}:${pad(gen.int(0, 59))}:00${gen.pick(['Z', '-05:00', '+02:00', '+05:30'])}`
    : r < 0.7 ? `${iso} ${pad(gen.int(0, 23))}:${pad(gen.int(0, 59))}:${pad(gen.int(0, 59))} ${gen.pick(['+0200', '-0500', '+0000'])}`
    : r < 0.82 ? `${MONTHS[month - 1]} ${day}, ${year}`
    : r < 0.9 ? `${day} ${MONTHS[month - 1]} ${year}`
    : r < 0.93 ? `${iso} 18:30:22 ${year} -0800` // garbled, as in a real Jekyll post
    : undefined; // undated in front matter
  const dated = gen.random() < 0.5;
  const fileName = `${dated ? `${iso}-` : ''}post-${i}.md`;
  const tags = Array.from({ length: gen.int(0, 4) }, () => gen.pick(WORDS));
  const markers = gen.random() < 0.15 ? gen.int(1, 3) : 0;
  const body = gen.body(gen.int(800, 6000), markers);
  const style = gen.random();
  let frontMatter: string;
  if (style < 0.65) {
    frontMatter = ['---', `title: "${title}"`, dateText === undefined ? '' : `date: ${dateText}`, `tags: [${tags.join(', ')}]`, gen.random() < 0.05 ? 'draft: true' : '', '---', '']
      .filter((l, idx, all) => l !== '' || idx === all.length - 1)
      .join('\n');
  } else if (style < 0.82) {
    const tomlDate = dateText === undefined ? '' : /^\d{4}-\d\d-\d\d(T[\d:]+(Z|[+-]\d\d:\d\d))?$/.test(dateText) ? `date = ${dateText}` : `date = "${dateText}"`;
    frontMatter = ['+++', `title = "${title}"`, tomlDate, `tags = [${tags.map((t) => `"${t}"`).join(', ')}]`, '+++', ''].filter((l, idx, all) => l !== '' || idx === all.length - 1).join('\n');
  } else if (style < 0.92) {
    const data: Record<string, unknown> = { title, tags };
    if (dateText !== undefined) data.date = dateText;
    frontMatter = `---json\n${JSON.stringify(data, null, 2)}\n---\n`;
  } else {
    frontMatter = ''; // a scraped article: no front matter at all
  }
  let text = frontMatter + '\n' + body;
  if (gen.random() < 0.15) text = text.replace(/\n/g, '\r\n');
  return { relativePath: `posts/${year}/${fileName}`, text };
}

/** Writes `count` posts under `dir`; returns their total size in bytes. */
export async function writeCorpus(dir: string, count: number, seed: number): Promise<number> {
  const gen = new TextGen(createRandom(seed));
  let bytes = 0;
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    const post = syntheticPost(gen, i);
    const file = path.join(dir, post.relativePath);
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      await fs.mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await fs.writeFile(file, post.text);
    bytes += Buffer.byteLength(post.text);
  }
  return bytes;
}

/** One article of about `bytes` characters with YAML front matter and a few markers. */
export function largeArticle(bytes: number, seed: number): string {
  const gen = new TextGen(createRandom(seed));
  return `---\ntitle: "${gen.title()}"\ndate: 2020-11-06\ntags: [news, world]\n---\n\n${gen.body(bytes, 20)}`;
}
