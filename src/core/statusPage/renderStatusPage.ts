/** The status page's files, from the store and the plan in force at `now`: the same inputs always give the same bytes. */
import type { StoreDocument } from '../record/schema';
import { statusPageAtom } from './atom';
import { statusPageHtml } from './html';
import { statusPageModel, type StatusPageOptions } from './model';
import type { PlanChannels } from './publicUpdates';
import { STATUS_PAGE_CSS } from './styleSheet';
import { statusPageSummary } from './summaryJson';

export const STATUS_PAGE_FILES = ['index.html', 'style.css', 'feed.atom', 'summary.json'] as const;
export type StatusPageFile = (typeof STATUS_PAGE_FILES)[number];

export function renderStatusPage(document: Pick<StoreDocument, 'incidents'>, plan: PlanChannels, options: StatusPageOptions): Record<StatusPageFile, string> {
  const model = statusPageModel(document, plan, options);
  return { 'index.html': statusPageHtml(model), 'style.css': STATUS_PAGE_CSS, 'feed.atom': statusPageAtom(model), 'summary.json': statusPageSummary(model) };
}
