// Which group of the Posts view a post goes in, below its folder and site:
// pages apart, then drafts, scheduled, expired, unlisted and undated posts
// set apart, then the year and month of the rest. Pure: the model places it.
import type { ListedPost } from '../core/types';
import { monthName } from './labels';

export type GroupKind = 'folder' | 'site' | 'drafts' | 'scheduled' | 'expired' | 'unlisted' | 'undated' | 'year' | 'month' | 'pages';

/** The names the view gives its groups, in the display language. */
export interface GroupLabels {
  readonly drafts: string;
  readonly scheduled: string;
  readonly expired: string;
  readonly unlisted: string;
  readonly undated: string;
  readonly pages: string;
  readonly otherFiles: string;
}

/** One group in a post's chain of groups; `id` is unique in the tree. */
export interface GroupSpec {
  readonly id: string;
  readonly group: GroupKind;
  readonly name: string;
  readonly year?: number;
  readonly month?: number;
  readonly configUri?: string;
}

interface GroupingOptions {
  readonly labels: GroupLabels;
  readonly grouping: string;
  readonly locale: string;
}

/** The groups below `prefix` (a folder's or site's id, or '') that a post goes in, outermost first. */
export function postGroupSpecs(post: ListedPost, broken: boolean, prefix: string, options: GroupingOptions): GroupSpec[] {
  const { labels } = options;
  const date = post.date?.value;
  const one = (id: string, group: GroupKind, name: string): GroupSpec[] => [{ id: `${prefix}${id}`, group, name }];
  if (post.kind === 'page' || post.kind === 'section') return one('pages', 'pages', labels.pages);
  if (broken) return one('undated', 'undated', labels.undated);
  if (post.status === 'draft') return one('drafts', 'drafts', labels.drafts);
  if (post.status === 'scheduled' && date) return one('scheduled', 'scheduled', labels.scheduled);
  if (post.status === 'expired') return one('expired', 'expired', labels.expired);
  if (post.status === 'unlisted') return one('unlisted', 'unlisted', labels.unlisted);
  if (post.status === 'undated' || !date) return one('undated', 'undated', labels.undated);
  if (options.grouping === 'none') return [];
  const year: GroupSpec = { id: `${prefix}y${date.year}`, group: 'year', name: String(date.year), year: date.year };
  if (options.grouping !== 'year-month') return [year];
  return [year, { id: `${prefix}y${date.year}/m${date.month}`, group: 'month', name: monthName(date.month, options.locale), year: date.year, month: date.month }];
}
