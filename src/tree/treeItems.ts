// How one node of the Posts view looks: labels come from the pure model, the
// date text from src/core (the same words the preview and hovers use), and
// everything user-facing goes through vscode.l10n.
import * as vscode from 'vscode';
import { dateSourceText, statusText } from '../common/labels';
import { findingMessage } from '../common/localize';
import { formatDisplayDate } from '../core';
import { basename, extension, MARKDOWN_EXTENSIONS } from '../core/site/util';
import type { ListedPost, PostStatus } from '../core/types';
import type { IndexedPost } from '../index/postIndex';
import { groupLabel } from './labels';
import type { GroupNode } from './model';
import type { MoreNode } from './paging';

const warningColor = new vscode.ThemeColor('list.warningForeground');
const errorColor = new vscode.ThemeColor('list.errorForeground');

export function groupTreeItem(node: GroupNode): vscode.TreeItem {
  // Folders open so a multi-root workspace shows its structure at once; the
  // rest start closed and VS Code remembers what the author opened (by id).
  const state = node.group === 'folder' || node.group === 'site' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(groupLabel(node), node.count === 0 ? vscode.TreeItemCollapsibleState.None : state);
  item.id = node.id;
  item.contextValue = `group.${node.group}`;
  switch (node.group) {
    case 'site':
      item.iconPath = new vscode.ThemeIcon('globe');
      if (node.configUri !== undefined) {
        const config = vscode.Uri.parse(node.configUri);
        item.tooltip = vscode.l10n.t('Site built from {0}', vscode.workspace.asRelativePath(config, multiRoot()));
        // The config one click away, from the row's inline button and its context menu.
        item.contextValue = 'group.site.config';
        item.resourceUri = config;
      }
      break;
    case 'folder':
      item.iconPath = vscode.ThemeIcon.Folder;
      if (node.count === 0) item.description = vscode.l10n.t('no posts');
      break;
    case 'drafts':
      item.iconPath = new vscode.ThemeIcon('edit');
      item.tooltip = vscode.l10n.t('Posts marked `draft: true` or `published: false`');
      break;
    case 'scheduled':
      item.iconPath = new vscode.ThemeIcon('watch');
      item.tooltip = vscode.l10n.t('Posts dated in the future');
      break;
    case 'expired':
      item.iconPath = new vscode.ThemeIcon('history');
      item.tooltip = vscode.l10n.t('Posts whose expiry date has passed: the site no longer publishes them');
      break;
    case 'unlisted':
      item.iconPath = new vscode.ThemeIcon('eye-closed');
      item.tooltip = vscode.l10n.t('Posts the site builds but leaves out of its lists and feeds');
      break;
    case 'pages':
      item.iconPath = new vscode.ThemeIcon('files');
      item.tooltip = vscode.l10n.t('Pages and section pages: content the site publishes that is not a dated post (postdesk.tree.showPages)');
      break;
    case 'undated':
      item.iconPath = new vscode.ThemeIcon('warning', warningColor);
      item.tooltip = vscode.l10n.t('Posts without a date in their front matter or file name (see the missing-date problem), and files that could not be read');
      break;
    case 'year':
      item.iconPath = new vscode.ThemeIcon('calendar');
      break;
    case 'month':
      break;
  }
  item.accessibilityInformation = { label: vscode.l10n.t('{0}, {1} posts', node.name, node.count) };
  return item;
}

/** The row after a long group's shown posts: a click shows the next page, its inline button all of them. */
export function moreTreeItem(node: MoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Show {0} more', node.next), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = vscode.l10n.t('{0} of {1} shown', node.shown, node.shown + node.hidden);
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'more';
  item.command = { command: 'postdesk.showMorePosts', title: vscode.l10n.t('Show More Posts'), arguments: [node] };
  item.accessibilityInformation = { label: vscode.l10n.t('Show {0} more posts; {1} of {2} shown', node.next, node.shown, node.shown + node.hidden) };
  return item;
}

export function postTreeItem(indexed: IndexedPost, element: vscode.Uri, locale: string): vscode.TreeItem {
  const { post } = indexed;
  // The label is the title alone, so the tree's type-to-filter finds titles.
  const item = new vscode.TreeItem(post.title || vscode.l10n.t('(untitled)'), vscode.TreeItemCollapsibleState.None);
  item.id = element.toString();
  // A Uri of its own: the element caches its string forms (the id above made
  // one), and a Uri's toJSON sends them along; a fresh one sends its parts
  // alone, a fifth less for the workbench to parse per row.
  item.resourceUri = vscode.Uri.from({ scheme: element.scheme, authority: element.authority, path: element.path, query: element.query, fragment: element.fragment });
  item.contextValue = `post.${post.status}`;
  const dateText = post.date ? formatDisplayDate(post.date.value, locale) : undefined;
  item.description = dateText ?? vscode.workspace.asRelativePath(element, multiRoot());
  item.iconPath = indexed.problem ? new vscode.ThemeIcon('error', errorColor) : statusIcon(post.status, element.path);
  item.accessibilityInformation = { label: [post.title, dateText ?? vscode.l10n.t('no date'), statusText(post.status)].join(', ') };
  return item;
}

/** What a click on a post runs (given in resolveTreeItem, not with every row). */
export function postCommand(element: vscode.Uri): vscode.Command {
  return { command: 'postdesk.openPost', title: vscode.l10n.t('Open Post'), arguments: [element, { preserveFocus: true }] };
}

const MARKDOWN_ICON = new vscode.ThemeIcon('markdown');
const HTML_ICON = new vscode.ThemeIcon('file-code');
const TEXT_ICON = new vscode.ThemeIcon('file-text');

/**
 * A published post's icon: its format's codicon, as every other status has
 * one. Not the file icon theme's (`ThemeIcon.File`): for that the workbench
 * guesses the language of every row it draws from its path, 15 of the 90 ms
 * a year's expansion took (docs/benchmarks-posts-view.md).
 */
function publishedIcon(path: string): vscode.ThemeIcon {
  const format = extension(basename(path));
  if (MARKDOWN_EXTENSIONS.has(format)) return MARKDOWN_ICON;
  return format === 'html' || format === 'htm' ? HTML_ICON : TEXT_ICON;
}

function statusIcon(status: PostStatus, path: string): vscode.ThemeIcon {
  switch (status) {
    case 'draft':
      return new vscode.ThemeIcon('edit');
    case 'scheduled':
      return new vscode.ThemeIcon('watch');
    case 'expired':
      return new vscode.ThemeIcon('history');
    case 'unlisted':
      return new vscode.ThemeIcon('eye-closed');
    case 'undated':
      return new vscode.ThemeIcon('warning', warningColor);
    case 'published':
      return publishedIcon(path);
  }
}

/** The hover of a post: built only when the author hovers (resolveTreeItem), not for every row. */
export function postTooltip(indexed: IndexedPost, locale: string): vscode.MarkdownString {
  const { post } = indexed;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(post.title)}**\n\n`);
  if (post.date) {
    const source = dateSourceText(post.date.source, post.date.field);
    md.appendMarkdown(`$(calendar) ${escape(formatDisplayDate(post.date.value, locale))} · ${source}\n\n`);
  } else {
    md.appendMarkdown(`$(warning) ${vscode.l10n.t('No date: add a `date` to the front matter or a `YYYY-MM-DD-` prefix to the file name.')}\n\n`);
  }
  // A post only listed so far has no word count yet: it comes with the findings.
  const facts = [statusText(post.status), ...(post.wordCount !== undefined ? [vscode.l10n.t('{0} words', post.wordCount)] : [])];
  // Every author the post names, each escaped (a name may hold `*`, `[`, `<`...).
  const authors = post.authors ?? (post.author !== undefined ? [post.author] : []);
  if (authors.length > 0) facts.push(authors.map(escape).join(', '));
  md.appendMarkdown(`${facts.join(' · ')}\n\n`);
  // Only web addresses become links; the target is percent-encoded so no character of it can end the link early.
  if (post.url) md.appendMarkdown(/^https?:\/\//i.test(post.url) ? `$(link) [${escape(post.url)}](${post.url.replace(/[()<> \\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})\n\n` : `$(link) ${escape(post.url)}\n\n`);
  if (post.reason) md.appendMarkdown(`$(info) ${escape(siteReason(post))}\n\n`);
  md.appendMarkdown(`\`${vscode.workspace.asRelativePath(indexed.uri, multiRoot()).replace(/`/g, "'")}\``);
  if (indexed.fromOpenEditor) md.appendMarkdown(`\n\n$(circle-filled) ${escape(vscode.l10n.t('Unsaved changes'))}`);
  if (indexed.problem) md.appendMarkdown(`\n\n$(error) ${escape(problemText(indexed, indexed.problem))}`);
  return md;
}

/** Why the file is a post, with the site it belongs to ("Jekyll post: in _posts/ (docs/_config.yml)"). */
function siteReason(post: ListedPost): string {
  const reason = post.reason ?? '';
  const config = post.site?.configFile;
  return config && !reason.includes(config) ? `${reason} (${config})` : reason;
}

/** The problem in the display language: the index keeps the engine's English text, its finding keeps the template. */
function problemText(indexed: IndexedPost, problem: string): string {
  const finding = indexed.findings.find((f) => f.message === problem);
  return finding ? findingMessage(finding) : problem;
}

function multiRoot(): boolean {
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
}

/** Markdown-escapes text from a post (titles may hold `*`, `[`, `<`...), and theme-icon syntax. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, (c) => `\\${c}`);
}
