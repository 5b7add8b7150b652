// Records the language packs installed with `--install-extension` the way the
// running server would have. code-server's CLI install writes the extension and
// extensions.json but not `<user-data-dir>/languagepacks.json`: only the
// server's LanguagePacksService writes that, from a post-install hook of
// installs made through the running server (Install from VSIX…). The workbench
// page, though, resolves its display language from that file alone
// (`--locale`, else argv.json `locale`, else the `vscode.nls.locale` cookie,
// else Accept-Language; then `languagepacks.json[locale].translations.vscode`
// must name an existing file, or the page stays English). See
// lib/vscode/out/server-main.js in the code-server install: resolveNLSConfiguration
// and LanguagePacksCache (vs/platform/languagePacks/node/languagePacks.ts).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HarnessError } from './log';

interface InstalledEntry {
  readonly identifier: { readonly id: string; readonly uuid?: string };
  readonly version: string;
  readonly relativeLocation: string;
}

interface Localization {
  readonly languageId: string;
  readonly languageName?: string;
  readonly localizedLanguageName?: string;
  readonly translations: readonly { readonly id: string; readonly path: string }[];
}

/** One entry of languagepacks.json, as LanguagePacksCache writes it. */
interface LanguagePack {
  hash: string;
  readonly extensions: { readonly extensionIdentifier: { readonly id: string; readonly uuid?: string }; readonly version: string }[];
  readonly translations: Record<string, string>;
  readonly label: string;
}

/**
 * Writes `<userDataDir>/languagepacks.json` for the language packs installed in
 * `extensionsDir` and returns the languages it recorded (none: no file written).
 */
export function recordLanguagePacks(extensionsDir: string, userDataDir: string): string[] {
  const listFile = path.join(extensionsDir, 'extensions.json');
  if (!fs.existsSync(listFile)) return [];
  const installed = JSON.parse(fs.readFileSync(listFile, 'utf8')) as InstalledEntry[];
  const packs: Record<string, LanguagePack> = {};
  for (const extension of installed) {
    const location = path.join(extensionsDir, extension.relativeLocation);
    const manifest = JSON.parse(fs.readFileSync(path.join(location, 'package.json'), 'utf8')) as { contributes?: { localizations?: Localization[] } };
    for (const localization of manifest.contributes?.localizations ?? []) {
      // The same validity check the server makes: a language and at least one translation.
      if (!localization.languageId || !Array.isArray(localization.translations) || localization.translations.length === 0) continue;
      const pack = (packs[localization.languageId] ??= {
        hash: '',
        extensions: [],
        translations: {},
        label: localization.localizedLanguageName ?? localization.languageName ?? localization.languageId,
      });
      pack.extensions.push({ extensionIdentifier: extension.identifier, version: extension.version });
      for (const translation of localization.translations) {
        const file = path.join(location, translation.path);
        // A pack whose translation file is missing would silently leave the page English.
        if (!fs.existsSync(file)) throw new HarnessError(`language pack ${extension.identifier.id}: translation file ${translation.path} is missing`);
        pack.translations[translation.id] = file;
      }
    }
  }
  for (const pack of Object.values(packs)) {
    // The hash names the server's cache of generated messages (clp/<hash>.<locale>); same recipe as the server's.
    const md5 = createHash('md5');
    for (const e of pack.extensions) md5.update(e.extensionIdentifier.uuid || e.extensionIdentifier.id).update(e.version);
    pack.hash = md5.digest('hex');
  }
  const languages = Object.keys(packs);
  if (languages.length > 0) fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return languages;
}
