// The benchmark's own pieces (not its timings): the synthetic corpus must be
// the same on every run and realistic enough to exercise every rule.
import assert from 'node:assert/strict';
import { analyze, DEFAULT_CONFIG, splitDocument } from '../../../src/core';
import { createRandom, largeArticle, syntheticPost, TextGen } from '../../../bench/corpus';
import { formatBenchRowLine, parseBenchRowLines } from '../../../bench/types';

function corpus(seed: number, count: number): string[] {
  const gen = new TextGen(createRandom(seed));
  return Array.from({ length: count }, (_, i) => syntheticPost(gen, i).text);
}

describe('bench corpus', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(corpus(7, 50), corpus(7, 50));
    assert.notDeepEqual(corpus(7, 50), corpus(8, 50));
  });

  it('mixes front matter languages, line endings, undated posts and every content rule', () => {
    const languages = new Map<string, number>();
    const rules = new Map<string, number>();
    let crlf = 0;
    const gen = new TextGen(createRandom(20201106));
    for (let i = 0; i < 1000; i++) {
      const post = syntheticPost(gen, i);
      const lang = splitDocument(post.text).frontMatter?.language ?? 'none';
      languages.set(lang, (languages.get(lang) ?? 0) + 1);
      if (post.text.includes('\r\n')) crlf++;
      for (const f of analyze({ path: `/site/${post.relativePath}`, text: post.text }, DEFAULT_CONFIG).findings) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
    }
    for (const lang of ['yaml', 'toml', 'json', 'none']) assert.ok((languages.get(lang) ?? 0) > 30, `${lang}: ${languages.get(lang)}`);
    for (const rule of ['missing-date', 'invalid-date', 'stray-marker']) assert.ok((rules.get(rule) ?? 0) > 10, `${rule}: ${rules.get(rule)}`);
    assert.equal(rules.get('front-matter') ?? 0, 0, 'the generator writes valid front matter');
    assert.ok(crlf > 100 && crlf < 250, `crlf: ${crlf}`);
  });

  it('builds a large article of the asked size', () => {
    const text = largeArticle(1024 * 1024, 1);
    assert.ok(text.length >= 1024 * 1024 && text.length < 1.1 * 1024 * 1024);
  });

  it('round-trips rows through the BENCH_ROW line format and skips noise', () => {
    const row = { name: 'expand a year', value: 42.5, unit: 'ms', target: '< 100 ms', pass: true };
    const output = ['starting…', formatBenchRowLine(row), 'BENCH_ROW {broken', 'BENCH_ROW {"name":1}', ''].join('\n');
    assert.deepEqual(parseBenchRowLines(output), [row]);
  });
});
