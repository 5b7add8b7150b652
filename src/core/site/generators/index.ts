// Every generator model, in the order they are asked about a folder: the
// stricter readers of a shared config name first (Zola and Hugo both read
// `config.toml`; Hexo and Jekyll both read `_config.yml`).
import type { GeneratorModel } from '../types';
import { astroGenerator } from './astro';
import { docusaurusGenerator } from './docusaurus';
import { eleventyGenerator } from './eleventy';
import { hexoGenerator } from './hexo';
import { hugoGenerator } from './hugo';
import { jekyllGenerator } from './jekyll';
import { zolaGenerator } from './zola';

export const GENERATORS: readonly GeneratorModel[] = [zolaGenerator, hugoGenerator, hexoGenerator, jekyllGenerator, astroGenerator, eleventyGenerator, docusaurusGenerator];
