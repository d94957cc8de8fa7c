/**
 * How an action item's follow-up reads in a list: its issue and state in a
 * few words ("#12 · exported", a Jira key without "#"), and the issue's web
 * address only when the record holds an http(s) one, so a view never opens
 * anything else a record (which comes from the repository) might hold.
 */
import type { ActionItem } from '../record/schema';
import { clipText } from '../text/clip';
import { followupState } from './followups';

/** "#12 · exported", "OPS-7 · closed", "waiting"…; undefined for an item never exported. */
export function followupLabel(item: ActionItem): string | undefined {
  const state = followupState(item);
  if (state === 'not exported') return undefined;
  const issue = item.export?.issue && (item.export.tracker === 'jira' ? item.export.issue : `#${item.export.issue}`);
  return issue ? `${issue} · ${state}` : state;
}

/** The issue's web address as the record holds it, when it is an http(s) URL; else undefined. */
export function followupUrl(item: ActionItem): string | undefined {
  const url = item.export?.url;
  if (!url || !URL.canParse(url)) return undefined;
  return ['http:', 'https:'].includes(new URL(url).protocol) ? url : undefined;
}

/** Why the export did not go through, on one line, when it has not (the record's last error never holds a token). */
export function followupError(item: ActionItem, max = 200): string | undefined {
  const error = item.export?.lastError;
  if (!error || item.export?.state === 'sent') return undefined;
  return clipText(error.replace(/\s+/g, ' ').trim(), max);
}
