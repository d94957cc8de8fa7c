/**
 * The customer update a responder is offered before an incident is marked
 * mitigated or resolved: once customers (or the public) have been told about
 * an incident, the move that ends their trouble should tell them too, or the
 * status page says "Resolved" above "Investigating". Offered for the audience
 * of the latest update written for them, prefilled with plain words that name
 * nobody; the person edits it or goes on without it.
 */
import type { Incident, Status } from '../record/schema';
import { audienceKind } from './messages';

export interface ClosingWords {
  audience: string;
  text: string;
}

const WORDS: Partial<Record<Status, string>> = {
  mitigated: 'We have applied a fix and the service is recovering. We are watching it closely and will confirm when it is fully resolved.',
  resolved: 'This incident is resolved: the service works normally again. Thank you for your patience.',
};

/** What to offer before moving `incident` to `to`, or undefined when no outside reader has been told about it. */
export function closingWords(incident: Incident, to: Status): ClosingWords | undefined {
  const text = WORDS[to];
  if (!text || incident.status === to) return undefined;
  const told = incident.updates.filter((update) => audienceKind(update.audience) === 'external').sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const latest = told.at(-1);
  return latest ? { audience: latest.audience, text } : undefined;
}
