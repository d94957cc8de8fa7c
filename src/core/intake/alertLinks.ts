/**
 * The one check before a link of an alert leaves the editor: the panel's page
 * asks for a URL, and only an http or https URL that one of the incident's
 * alerts carries (its runbook, its source graph, its dashboard) is opened.
 * Anything else the page could send (a `command:` or `file:` URI, a link of
 * another incident, a URL the page made up) is refused. Pure.
 */
import type { Incident } from '../record/schema';

/** The URL as given when it is http(s) and among the incident's alert links, else undefined. */
export function openableAlertLink(incident: Pick<Incident, 'alerts'>, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // The store is a file a teammate (or anyone with push access) writes: its links are checked here too, not only at intake.
  const carried = (incident.alerts ?? []).some((alert) => alert.links.some((link) => link.url === url));
  return carried ? url : undefined;
}
