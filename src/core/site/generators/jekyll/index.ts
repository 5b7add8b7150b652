// The Jekyll generator model's entry point: `jekyllGenerator` (detecting a
// Jekyll site from its config) and every public name of the model, which
// live in the files beside this one, split by responsibility.

// Jekyll's reading of a site: which files are posts, drafts, collection
// documents, pages or nothing at all, and how Jekyll dates, titles and
// addresses them.
//
// Followed: the Jekyll 4.3 documentation (jekyllrb.com/docs: configuration,
// posts, drafts, collections, permalinks, front matter, structure) and, where
// the docs are silent, the jekyll 4.3.1 gem's own source (Debian's package):
// `Reader`, `EntryFilter`, `PostReader`, `Document`, `Drops::UrlDrop`, `URL`,
// `Page`, `Configuration` and `Utils.slugify`. The model never runs Ruby or a
// plugin: `_plugins/` and themes are named in the notes when present. Front
// matter `defaults` are applied to what makes a URL (`permalink`, `slug`,
// `categories`, `category`), not to dates or `published`.

import type { GeneratorModel, Site, SiteFiles } from '../../types';
import { joinPath, lookup, parseConfigFile, stringValue, trimBaseUrl, type ConfigData } from '../../util';
import { CONFIG_NAMES, makeSettings } from './config';
import { JekyllSite } from './site';

export { jekyllHasFrontMatter } from './classify';
export { jekyllWallTime } from './dates';
export { jekyllSlugOfName, jekyllSlugify } from './permalinks';
export { jekyllNeedsFrontMatter } from './site';

function hexoLike(config: ConfigData | undefined, packageJson: string | undefined): boolean {
  if (packageJson !== undefined && /"hexo"\s*:/.test(packageJson)) return true;
  if (!config) return false;
  return ['new_post_name', 'source_dir', 'public_dir', 'post_asset_folder', 'permalink_defaults'].some((k) => lookup(config, k) !== undefined);
}

export const jekyllGenerator: GeneratorModel = {
  id: 'jekyll',
  markers: [...CONFIG_NAMES],
  async detect(files: SiteFiles, root: string, found: readonly string[]): Promise<Site | undefined> {
    const configName = CONFIG_NAMES.find((n) => found.includes(n));
    if (!configName) return undefined;
    const configFile = joinPath(root, configName);
    const text = await files.readText(configFile);
    if (text === undefined) return undefined;
    const notes: string[] = [];
    let config: ConfigData | undefined;
    if (text.trim() !== '') {
      const parsed = parseConfigFile(configName, text);
      if (parsed.error) notes.push(`${parsed.error}: Jekyll's defaults are assumed.`);
      config = parsed.data;
    }
    const packageJson = await files.readText(joinPath(root, 'package.json'));
    const entries = await files.list(root);
    if (hexoLike(config, packageJson) || entries?.some((e) => e.isDir && e.name === 'scaffolds')) return undefined;
    const gemfile = entries?.some((e) => !e.isDir && e.name === 'Gemfile') ? await files.readText(joinPath(root, 'Gemfile')) : undefined;
    const githubPages = gemfile !== undefined && /^\s*gem\s+["']github-pages["']/m.test(gemfile);
    notes.unshift(`Jekyll site: ${configFile} (Jekyll 4.3 rules).`);
    const others = CONFIG_NAMES.filter((n) => n !== configName && found.includes(n));
    if (others.length > 0) notes.push(`${others.join(' and ')} ${others.length === 1 ? 'is' : 'are'} not read: Jekyll reads ${configName} first.`);
    const settings = makeSettings(root, configName, config, notes, githubPages);
    const url = stringValue(lookup(config, 'url')) ?? '';
    const baseurl = stringValue(lookup(config, 'baseurl')) ?? '';
    const baseUrl = trimBaseUrl(url.replace(/\/+$/, '') + (baseurl === '' ? '' : `/${baseurl.replace(/^\/+/, '')}`));
    const listing = await files.list(joinPath(settings.source, '_plugins'));
    if (listing && listing.length > 0) notes.push('`_plugins/` is not run: a plugin that changes posts, dates or URLs is not seen.');
    return new JekyllSite(root, configFile, settings, baseUrl, notes, config);
  },
};
