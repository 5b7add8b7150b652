// Every generator model, in the order they are asked about a folder: the
// stricter readers of a shared config name first (Zola and Hugo both read
// `config.toml`; Hexo and Jekyll both read `_config.yml`).
import type { GeneratorModel } from '../types';

export const GENERATORS: readonly GeneratorModel[] = [];
