// Page objects for end-to-end tests in the real VS Code workbench
// (code-server + headless Chromium). Every e2e test goes through these helpers
// so a change in VS Code's DOM is fixed in one place.
//
//   const wb = await openWorkbench();               // fixture workspace copy, Postdesk loaded
//   await wb.openPostdeskView();
//   const rows = await wb.treeRows();               // [{ label, description, level, expanded }]
//   await wb.quickOpen('scraped article.md');
//   await wb.runCommand('Postdesk: Open Preview');
//   const page = wb.webview();                      // the webview's inner frame
//   await wb.screenshot('preview-seed');            // test-results/e2e/preview-seed.png
//   await wb.close();
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { RequestTracker } from '../harness/browser';
import { onCleanup } from '../harness/cleanup';
import { prepareFixture, workbenchUrl, type FixtureKind, type PreparedFixture } from '../harness/fixtures';
import { HarnessError } from '../harness/log';
import { REPO_ROOT, RESULTS_DIR } from '../harness/paths';
import { startHost, type TestHost } from '../harness/session';

export const E2E_RESULTS = path.join(RESULTS_DIR, 'e2e');

export interface OpenOptions {
  /** What to open (a fresh temporary copy): default `workspace` (test/fixtures/workspace). */
  readonly fixture?: FixtureKind;
  /** Workspace settings for this window (written into the copy), e.g. `{ 'workbench.colorTheme': 'Default Dark Modern' }`. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Browser viewport; default 1280x800. */
  readonly viewport?: { width: number; height: number };
  /** A host started with other options (startHost from ../harness/session); default the shared one. */
  readonly host?: TestHost;
  /** The extension folder loaded as extensionDevelopmentPath; default the working tree; `false` loads none (an installed VSIX). */
  readonly extensionDevelopmentPath?: string | false;
}

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  /** 1 for top-level rows. */
  readonly level: number;
  /** undefined for leaves. */
  readonly expanded: boolean | undefined;
  /** The row's accessible label (label + description, or what the provider set). */
  readonly ariaLabel: string;
}

export interface ProblemRow {
  /** 1 = a file, 2 = a problem in it. */
  readonly level: number;
  /** What a screen reader hears, e.g. "Warning: … at line 3 column 1 in scraped article.md". */
  readonly ariaLabel: string;
  readonly text: string;
}

// One code-server + Chromium for the whole e2e run, started on first use.
let hostPromise: Promise<TestHost> | undefined;
const open = new Set<Workbench>();

export function getHost(): Promise<TestHost> {
  return (hostPromise ??= startHost());
}

/**
 * Stops the shared host (the e2e runner calls this at the end). Returns the
 * problems found while closing windows a test left open (requests that left
 * 127.0.0.1), which fail the run.
 */
export async function stopHost(): Promise<string[]> {
  const problems: string[] = [];
  for (const wb of [...open]) {
    await wb.close().catch((e: unknown) => problems.push(e instanceof Error ? e.message : String(e)));
  }
  const host = hostPromise;
  hostPromise = undefined;
  if (host) await (await host).stop();
  return problems;
}

/** Workbenches currently open, so the runner can screenshot them when a test fails. */
export function openWorkbenches(): readonly Workbench[] {
  return [...open];
}

/** Opens a new workbench window on a fresh copy of a fixture with Postdesk loaded from the working tree. */
export async function openWorkbench(options: OpenOptions = {}): Promise<Workbench> {
  const host = options.host ?? (await getHost());
  const fixture = prepareFixture(options.fixture ?? 'workspace');
  const unregister = onCleanup(() => fixture.dispose());
  try {
    writeSettings(fixture, options.settings);
    const { context, tracker } = await host.newContext();
    if (options.viewport) await context.pages()[0]?.setViewportSize(options.viewport);
    const page = await context.newPage();
    if (options.viewport) await page.setViewportSize(options.viewport);
    const wb = new Workbench(page, context, tracker, fixture, () => {
      unregister();
      fixture.dispose();
    });
    open.add(wb);
    await page.goto(workbenchUrl(host.server.host, { folder: fixture.folder, workspaceFile: fixture.workspaceFile, extensionDevelopmentPath: options.extensionDevelopmentPath === false ? undefined : (options.extensionDevelopmentPath ?? REPO_ROOT) }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The activity bar is the last part to render; once it is there the window is usable.
    await page.locator('.activitybar .action-item').first().waitFor({ timeout: 60_000 });
    return wb;
  } catch (error) {
    unregister();
    fixture.dispose();
    throw error;
  }
}

function writeSettings(fixture: PreparedFixture, settings: Readonly<Record<string, unknown>> | undefined): void {
  if (!settings) return;
  if (fixture.folder) {
    fs.mkdirSync(path.join(fixture.folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(fixture.folder, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  } else if (fixture.workspaceFile) {
    const workspace = JSON.parse(fs.readFileSync(fixture.workspaceFile, 'utf8')) as { settings?: Record<string, unknown> };
    workspace.settings = { ...workspace.settings, ...settings };
    fs.writeFileSync(fixture.workspaceFile, JSON.stringify(workspace, null, 2));
  }
}

/** The little of the DOM the evaluate callbacks use (this project compiles without the DOM lib). */
interface RowElement {
  readonly style: { readonly top: string };
  readonly innerText: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): { readonly textContent: string | null } | null;
}

export class Workbench {
  private closed = false;

  constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly tracker: RequestTracker,
    private readonly fixture: PreparedFixture,
    private readonly disposeFixture: () => void,
  ) {}

  /** The opened folder (single-folder fixtures) on disk: read or change files here. */
  get folder(): string | undefined {
    return this.fixture.folder;
  }

  /** The temporary directory holding the fixture copy (multi-root: both folders are inside). */
  get root(): string {
    return this.fixture.root;
  }

  /** Clicks an activity bar entry by its accessible name ("Explorer", "Postdesk", …). */
  async clickActivityBar(name: string | RegExp): Promise<void> {
    const entry = this.page.locator('.activitybar').getByRole('tab', { name });
    await entry.waitFor({ timeout: 30_000 });
    // Clicking the selected entry would collapse the side bar.
    if ((await entry.getAttribute('aria-selected')) !== 'true') await entry.click();
  }

  /** Opens the Postdesk container and waits until the Posts view shows rows or its welcome content. */
  async openPostdeskView(): Promise<void> {
    await this.clickActivityBar('Postdesk');
    const pane = this.viewPane('Posts');
    await pane.locator('.monaco-list-row[role="treeitem"], .welcome-view-content').first().waitFor({ timeout: 30_000 });
  }

  /** The pane of a view in the side bar, by the view's name (its header's accessible label starts with it). */
  viewPane(viewName: string): Locator {
    return this.page
      .locator('[id="workbench.parts.sidebar"] .pane')
      .filter({ has: this.page.locator(`.pane-header[aria-label^="${viewName.replace(/"/g, '\\"')}"]`) });
  }

  /** A tree row whose label matches, in the given view (default Posts). */
  treeRow(label: string | RegExp, viewName = 'Posts'): Locator {
    const name = this.viewPane(viewName).locator('.monaco-list-row[role="treeitem"]');
    return name.filter({ has: this.page.locator('.label-name', { hasText: label }) }).first();
  }

  /** The rendered rows of a tree view (only the rows scrolled into view are rendered). */
  async treeRows(viewName = 'Posts'): Promise<TreeRow[]> {
    const rows = this.viewPane(viewName).locator('.monaco-list-row[role="treeitem"]');
    await rows.first().waitFor({ timeout: 30_000 });
    return rows.evaluateAll((elements) =>
      (elements as unknown as RowElement[])
        .map((e) => ({
          top: parseFloat(e.style.top || '0'),
          label: e.querySelector('.label-name')?.textContent?.trim() ?? '',
          description: e.querySelector('.label-description')?.textContent?.trim() ?? '',
          level: Number(e.getAttribute('aria-level') ?? '1'),
          expanded: e.hasAttribute('aria-expanded') ? e.getAttribute('aria-expanded') === 'true' : undefined,
          ariaLabel: e.getAttribute('aria-label') ?? '',
        }))
        .sort((a, b) => a.top - b.top)
        .map(({ top: _top, ...row }) => row),
    );
  }

  /** Expands a collapsed tree row (no-op when already expanded) and waits for its children. */
  async expandTreeRow(label: string | RegExp, viewName = 'Posts'): Promise<void> {
    const row = this.treeRow(label, viewName);
    await row.waitFor({ timeout: 30_000 });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
      await this.page.waitForFunction((el) => el?.getAttribute('aria-expanded') === 'true', await row.elementHandle(), { timeout: 10_000 });
    }
  }

  /** Opens a file through Quick Open (Ctrl+P) and waits for its editor tab to be active. */
  async quickOpen(fileName: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(fileName);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.activeTab(fileName).waitFor({ timeout: 15_000 });
  }

  /** The active editor tab, optionally only when its label contains `text`. */
  activeTab(text?: string): Locator {
    const tab = this.page.locator('.tabs-container .tab.active');
    return text ? tab.filter({ hasText: text }) : tab;
  }

  /**
   * Runs a command by its palette title ("Postdesk: Open Preview") through F1.
   * The palette is asked again a few times: a command whose `when` clause
   * depends on the active editor (`editorLangId == markdown`) is listed only
   * once the editor's context keys have caught up with a tab just opened.
   */
  async runCommand(title: string): Promise<void> {
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: title }) }).first();
    for (let attempt = 1; ; attempt++) {
      await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ timeout: 5_000 });
        break;
      } catch {
        await this.page.keyboard.press('Escape');
        if (attempt === 3) throw new HarnessError(`The command palette has no command titled "${title}".`);
        await this.page.waitForTimeout(1_000);
      }
    }
    await row.click();
  }

  /** Drags the side bar's edge, as an author would, so titles and dates fit (for screenshots). */
  async widenSideBar(width = 520): Promise<void> {
    const box = await this.page.locator('[id="workbench.parts.sidebar"]').boundingBox();
    if (!box || box.width >= width) return;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Moves the active editor's cursor to a line (Ctrl+G), waiting for the picker to read the number. */
  async goToLine(line: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.page.keyboard.type(String(line));
    // An Enter typed before the line picker has read the number is lost.
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`\\b${line}\\b`) }).first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /**
   * Opens the quick fix menu at the cursor (Ctrl+.) and returns its entries. Just
   * after a file opens its diagnostics may not have reached the editor yet
   * ("No code actions available"): ask again until the menu shows.
   */
  async quickFixes(): Promise<string[]> {
    // VS Code 1.139 also gives its (empty) submenu panel the action-widget class.
    const menu = this.page.locator('.action-widget:not(.action-list-submenu-panel)');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        // With actions to offer, the menu shows within a few hundred milliseconds on a quiet machine, and within
        // seconds when both test lanes load it. A second Ctrl+. that meets a late menu applies its first fix (in CI
        // it once deleted the seed's first marker line after a 5 s wait): wait long, and look again before asking again.
        await menu.waitFor({ timeout: 15_000 });
        break;
      } catch (error) {
        if (attempt === 4) throw error;
        await this.page.waitForTimeout(1_000);
        if (await menu.isVisible()) break;
        await this.page.keyboard.press('Escape');
        await menu.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
        await this.page.waitForTimeout(500);
      }
    }
    return (await menu.locator('.action-list-item, .monaco-list-row').allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  }

  /** Picks a color theme as an author does (Preferences: Color Theme), by its label. */
  async selectColorTheme(label: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    const input = this.page.locator('.quick-input-widget input');
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    // The picker scrolls to the current theme and renders only the rows in view,
    // so a particular theme's row may never be drawn: filter by the label
    // instead, once the list has any rows (typing earlier is lost).
    await rows.first().waitFor({ timeout: 20_000 });
    const wanted = rows.filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
    for (let attempt = 1; ; attempt++) {
      await input.fill(label);
      try {
        await wanted.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await input.fill('');
      }
    }
    await wanted.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    // The workbench carries the theme's type as a class once the theme is applied.
    const type = /High Contrast/.test(label) ? (/Light/.test(label) ? 'hc-light' : 'hc-black') : /Light/.test(label) ? 'vs' : 'vs-dark';
    await this.page.locator(`.monaco-workbench.${type}`).waitFor({ timeout: 10_000 });
  }

  /** Opens the Problems panel and returns its rows (files at level 1, problems at level 2). */
  async problems(options: { minimum?: number } = {}): Promise<ProblemRow[]> {
    await this.focusWorkbench();
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ timeout: 15_000 });
    const rows = panel.locator('.monaco-list-row');
    // Diagnostics of files that are not open arrive a little after the window opens.
    const deadline = Date.now() + 30_000;
    while (options.minimum && (await rows.count()) < options.minimum && Date.now() < deadline) await this.page.waitForTimeout(250);
    return rows.evaluateAll((elements) =>
      (elements as unknown as RowElement[])
        .map((e) => ({
          top: parseFloat(e.style.top || '0'),
          level: Number(e.getAttribute('aria-level') ?? '1'),
          ariaLabel: e.getAttribute('aria-label') ?? '',
          text: e.innerText.replace(/\s+/g, ' ').trim(),
        }))
        .sort((a, b) => a.top - b.top)
        .map(({ top: _top, ...row }) => row),
    );
  }

  /**
   * The content frame of a webview. code-server nests two iframes: the outer
   * `iframe.webview` (VS Code's host page) and the inner `#active-frame`
   * holding the extension's HTML. `index` picks among several webviews.
   */
  webview(index = 0): FrameLocator {
    return this.page.frameLocator('iframe.webview').nth(index).frameLocator('#active-frame');
  }

  /**
   * Waits for a notification containing `text`: its toast, or, when no toast
   * shows it within 15 s, the notification center, which keeps every
   * notification (on VS Code 1.139 the German "checked N posts" message was
   * not among the toasts but was in the center).
   */
  async notification(text: string | RegExp): Promise<Locator> {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    try {
      await toast.waitFor({ timeout: 15_000 });
      return toast;
    } catch {
      await this.runCommand('Notifications: Show Notifications');
      const row = this.page.locator('.notifications-center .monaco-list-row', { hasText: text }).first();
      await row.waitFor({ timeout: 10_000 });
      return row;
    }
  }

  /** Saves a screenshot as test-results/e2e/<name>.png and returns its path. */
  async screenshot(name: string, options: { locator?: Locator } = {}): Promise<string> {
    const file = path.join(E2E_RESULTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Let animations (notifications sliding in, tree expansion) settle.
    await this.page.waitForTimeout(300);
    if (options.locator) await options.locator.screenshot({ path: file });
    else await this.page.screenshot({ path: file });
    return file;
  }

  /** Requests the window made to hosts other than 127.0.0.1 (must stay empty). */
  externalRequests(): string[] {
    return this.tracker.offenders().map((e) => e.url);
  }

  /** Closes the window and deletes its fixture copy; fails if the window tried to reach the network. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    open.delete(this);
    const offenders = this.tracker.describe();
    await this.context.close().catch(() => undefined);
    this.disposeFixture();
    if (offenders) throw new HarnessError(`The workbench tried to reach hosts other than 127.0.0.1:\n${offenders}`);
  }

  /** Keyboard shortcuts go to the workbench, not to an editor widget or a webview that has focus. */
  private async focusWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').focus().catch(() => undefined);
    await this.page.keyboard.press('Escape');
  }
}
