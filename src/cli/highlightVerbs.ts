/**
 * `incident highlight`: star (or with --off unstar) a timeline event as a key
 * moment (src/core/lifecycle/highlights.ts). The event is named by its number in
 * `incident show`'s timeline or by its id.
 */
import { setHighlight } from '../core/lifecycle/highlights';
import type { Incident } from '../core/record/schema';
import { terminalText } from '../core/text/terminalText';
import { UsageError } from './cliContext';
import { findIncident, type Verb, verbArguments } from './verbSupport';

/** The id of the event named by its number in `incident show` (1-based, stored order) or by its id. */
function eventNamed(incident: Incident, name: string | undefined): string {
  if (name === undefined) throw new UsageError(`name the event to star: its number in "incident show ${incident.id}", or its id`);
  const event = /^\d+$/.test(name) ? incident.timeline[Number(name) - 1] : incident.timeline.find((candidate) => candidate.id === name);
  if (!event) throw new UsageError(`${incident.id} has no timeline event ${JSON.stringify(name)}; "incident show ${incident.id}" numbers its ${incident.timeline.length}`);
  return event.id;
}

export const HIGHLIGHT_VERBS: Record<string, Verb> = {
  highlight: {
    summary: 'star a timeline event as a key moment (the postmortem lists them first); --off unstars it',
    usage: 'incident highlight ID EVENT [--off]   (EVENT: its number in "incident show ID", or its id)',
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { off: { type: 'boolean', default: false } });
      const incident = findIncident(store, positionals[0]);
      const eventId = eventNamed(incident, positionals[1]);
      const updated = await store.update(incident.id, (current) => setHighlight(current, eventId, !values.off, { at: now(), author }));
      const number = updated.timeline.findIndex((event) => event.id === eventId) + 1;
      const text = terminalText(updated.timeline[number - 1]?.text ?? eventId, { oneLine: true });
      out(`${incident.id}: ${values.off ? 'unstarred' : 'starred'} event ${number}: ${text}`);
    },
  },
};
