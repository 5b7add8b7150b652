// Manifest checks: what package.json promises is what the code does.
// Commands are registered by the code and titled; settings are described and
// have defaults; `when` clauses only name context keys VS Code defines or the
// code sets; engines.vscode matches @types/vscode; capabilities are declared.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJson, readManifest, REPO_ROOT, sources, whenClauses, type Manifest } from './manifest';
import { contextKeysOf, registeredCommands, setContextKeys } from './scan';

/**
 * Context keys VS Code itself defines that a manifest may reasonably use
 * (https://code.visualstudio.com/api/references/when-clause-contexts). Add a
 * key here only after checking it exists in VS Code.
 */
const VSCODE_CONTEXT_KEYS = new Set([
  'true', 'false',
  'editorFocus', 'editorTextFocus', 'textInputFocus', 'inputFocus', 'editorIsOpen', 'editorReadonly', 'editorHasSelection',
  'editorLangId', 'resourceLangId', 'resourceScheme', 'resourceFilename', 'resourceExtname', 'resourceDirname', 'resourcePath', 'resource',
  'activeEditor', 'activeWebviewPanelId', 'activeCustomEditorId', 'notebookEditorFocused',
  'view', 'viewItem', 'focusedView', 'viewContainer', 'sideBarVisible', 'panelFocus', 'sideBarFocus',
  'workbenchState', 'workspaceFolderCount', 'isWorkspaceTrusted', 'virtualWorkspace', 'remoteName',
  'isWeb', 'isLinux', 'isMac', 'isWindows', 'explorerResourceIsFolder', 'explorerViewletVisible',
]);

describe('manifest: commands', () => {
  const manifest = readManifest();
  const nls = readJson<Record<string, string>>('package.nls.json');
  const registered = registeredCommands(sources());
  const declared = manifest.contributes.commands.map((c) => c.command);

  it('finds the commands the code registers', () => {
    assert.ok(registered.size >= 5, `registered: ${[...registered].join(', ')}`);
  });

  for (const command of manifest.contributes.commands) {
    it(`${command.command} is registered by the code, titled and categorised`, () => {
      assert.ok(registered.has(command.command), `${command.command} is contributed but no registerCommand('${command.command}') was found in src/`);
      assert.match(command.command, /^postdesk\.[a-zA-Z]+$/);
      const title = /^%(.+)%$/.exec(command.title ?? '')?.[1];
      assert.ok(title && nls[title]?.trim(), `${command.command} needs a %key% title with English text`);
      assert.equal(command.category, 'Postdesk');
    });
  }

  it('declares every postdesk.* command the code registers', () => {
    assert.deepEqual([...registered].filter((c) => c.startsWith('postdesk.') && !declared.includes(c)), []);
  });

  it('points menus and keybindings only at declared commands', () => {
    const used = [
      ...Object.values(manifest.contributes.menus ?? {}).flatMap((entries) => entries.map((e) => e.command)),
      ...(manifest.contributes.keybindings ?? []).map((k) => k.command),
    ].filter((c): c is string => c !== undefined);
    assert.deepEqual(used.filter((c) => !declared.includes(c)), []);
  });
});

describe('manifest: settings', () => {
  const manifest = readManifest();
  const nls = readJson<Record<string, string>>('package.nls.json');
  const properties = Object.entries(manifest.contributes.configuration.properties);

  it('declares the settings under postdesk.*', () => {
    assert.ok(properties.length >= 10);
    for (const [key] of properties) assert.match(key, /^postdesk\.[a-zA-Z]+(\.[a-zA-Z]+)*$/);
  });

  for (const [key, setting] of properties) {
    it(`${key} has a description and a default of its type`, () => {
      const description = setting.markdownDescription ?? setting.description ?? '';
      const text = /^%(.+)%$/.test(description) ? nls[description.slice(1, -1)] : description;
      assert.ok(text?.trim(), `${key} needs a description`);
      assert.ok('default' in setting, `${key} needs a default`);
      const types = Array.isArray(setting.type) ? setting.type : [setting.type];
      const actual = Array.isArray(setting.default) ? 'array' : setting.default === null ? 'null' : typeof setting.default;
      assert.ok(types.includes(actual) || (actual === 'number' && types.includes('integer')), `${key}: default is ${actual}, type ${types.join('|')}`);
      if (setting.enum) {
        assert.ok(setting.enum.includes(setting.default), `${key}: default ${JSON.stringify(setting.default)} is not one of its enum`);
        if (setting.enumDescriptions) assert.equal(setting.enumDescriptions.length, setting.enum.length, `${key}: one description per enum value`);
      }
    });
  }

  it('restricts in untrusted workspaces only settings it declares', () => {
    const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    for (const key of restricted) assert.ok(key in manifest.contributes.configuration.properties, `${key} is not a setting`);
  });
});

describe('manifest: when clauses', () => {
  const manifest = readManifest();
  const code = sources();
  const setByCode = setContextKeys(code);
  const viewIds = Object.values(manifest.contributes.views ?? {}).flatMap((views) => views.map((v) => v.id));
  const settings = Object.keys(manifest.contributes.configuration.properties);

  it('parses the context keys and compared values of a clause', () => {
    assert.deepEqual(contextKeysOf("view == postdesk.posts && viewItem =~ /^post\\./ || !isWeb && config.postdesk.x != 'a b'"), {
      keys: ['view', 'viewItem', 'isWeb', 'config.postdesk.x'],
      comparisons: [
        { key: 'view', operator: '==', value: 'postdesk.posts' },
        { key: 'viewItem', operator: '=~', value: '/^post\\./' },
        { key: 'config.postdesk.x', operator: '!=', value: "'a b'" },
      ],
    });
    assert.deepEqual(contextKeysOf('resourceExtname in postdesk.extensions').keys, ['resourceExtname', 'postdesk.extensions']);
  });

  for (const { at, when } of whenClauses(manifest)) {
    it(`${at}: "${when}" names only known context keys`, () => {
      const { keys, comparisons } = contextKeysOf(when);
      for (const key of keys) {
        const known =
          VSCODE_CONTEXT_KEYS.has(key) ||
          setByCode.has(key) ||
          (key.startsWith('config.') && settings.includes(key.slice('config.'.length))) ||
          (/^view\.(.+)\.visible$/.exec(key) !== null && viewIds.includes(key.slice(5, -8)));
        assert.ok(known, `"${key}" is neither a VS Code context key nor set by the code (setContext) nor a declared setting`);
      }
      for (const { key, operator, value } of comparisons) {
        if (key === 'view' || key === 'focusedView') assert.ok(viewIds.includes(value), `${value} is not a declared view`);
        if (key === 'activeWebviewPanelId') assert.ok(code.some(({ text }) => text.includes(`'${value}'`)), `no webview panel of type ${value} in src/`);
        if (key === 'viewItem' && operator === '=~') {
          const pattern = /^\/(.*)\/([a-z]*)$/.exec(value);
          assert.ok(pattern, `${value} is not a regular expression`);
          const re = new RegExp(pattern[1]!, pattern[2]);
          const values = contextValueSamples(code);
          assert.ok(values.some((v) => re.test(v)), `${value} matches no contextValue the code sets (${values.join(', ')})`);
        }
      }
    });
  }
});

/** contextValue strings the tree sets, with `${…}` parts replaced by a sample word. */
function contextValueSamples(code: readonly { text: string }[]): string[] {
  return code.flatMap(({ text }) => [...text.matchAll(/contextValue\s*=\s*(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]!.replace(/\$\{[^}]*\}/g, 'sample')));
}

describe('manifest: engines, entry points and capabilities', () => {
  const manifest: Manifest = readManifest();

  it('engines.vscode is the minimum of the pinned @types/vscode, and VS Code 1.100 (the test host) satisfies it', () => {
    const types = manifest.devDependencies['@types/vscode'];
    assert.match(types ?? '', /^\d+\.\d+\.\d+$/, '@types/vscode is pinned exactly');
    assert.equal(manifest.engines.vscode, `^${types}`);
    const installed = readJson<{ version: string }>('node_modules/@types/vscode/package.json').version;
    assert.equal(installed, types);
    const [major, minor] = types!.split('.').map(Number) as [number, number];
    assert.ok(major === 1 && minor <= 100, `VS Code 1.100 must satisfy ${manifest.engines.vscode}`);
  });

  it('has a Node entry and a web-worker entry built from sources that exist', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'src', 'extension.ts')));
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'src', 'web', 'extension.ts')));
  });

  it('declares virtual workspace support and limited untrusted-workspace support that restricts the preview stylesheets', () => {
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(untrusted?.description ?? '', /^%.+%$/);
    assert.deepEqual(untrusted?.restrictedConfigurations, ['postdesk.preview.styles']);
  });

  it('activates only when needed (no "*")', () => {
    assert.ok(!(manifest.activationEvents ?? []).includes('*'));
  });
});
