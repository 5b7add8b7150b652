// A generated Jekyll-like site for the extension-host benchmark: `posts`
// published posts spread evenly over ten years (so a year holds a tenth of
// them), deterministic, small bodies (the engine's own cost per byte is
// measured by the engine benchmark; here the number of posts matters).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface BenchWorkspaceOptions {
  readonly posts: number;
  readonly perYear: number;
  readonly interactive: boolean;
}

const WORDS = ['boxing', 'garden', 'winter', 'travel', 'mirror', 'recipe', 'market', 'river', 'lantern', 'harbour', 'orchard', 'chess', 'violin', 'meadow', 'coffee', 'atlas'];

export async function writeBenchWorkspace(folder: string, options: BenchWorkspaceOptions): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  const years = Math.ceil(options.posts / options.perYear);
  for (let y = 0; y < years; y++) await fs.mkdir(path.join(folder, '_posts', String(2024 - y)), { recursive: true });
  const writes: Promise<void>[] = [];
  for (let i = 0; i < options.posts; i++) {
    const year = 2024 - Math.floor(i / options.perYear);
    const n = i % options.perYear;
    const month = 1 + (n % 12);
    const day = 1 + (Math.floor(n / 12) % 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const title = `${cap(WORDS[i % WORDS.length])} notes ${i}: ${WORDS[(i * 7) % WORDS.length]} and ${WORDS[(i * 13) % WORDS.length]}`;
    const text = `---\ntitle: "${title}"\ndate: ${date}\ntags: [${WORDS[i % 5]}, ${WORDS[(i + 3) % 9]}]\n---\n\n# ${title}\n\nA short post about ${WORDS[(i * 3) % WORDS.length]}, written for the benchmark.\nIt has two paragraphs so the word count is not trivial.\n\nThe second paragraph mentions ${WORDS[(i * 5) % WORDS.length]}.\n`;
    writes.push(fs.writeFile(path.join(folder, '_posts', String(year), `${date}-post-${i}.md`), text));
    // Bounded concurrency: many small files, without thousands of open handles.
    if (writes.length >= 64) await Promise.all(writes.splice(0));
  }
  await Promise.all(writes);
  await fs.writeFile(path.join(folder, 'postdesk-bench.json'), JSON.stringify(options));
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
