/**
 * `incident notify`: records that a regulatory notification went out (who
 * told whom, when), which stops that clock (src/core/clocks/regulatory.ts). The
 * clocks come from the response plan; `incident show` lists them.
 */
import { ruleApplies, recordNotification } from '../core/clocks/regulatory';
import { terminalText } from '../core/text/terminalText';
import { UsageError } from './cliContext';
import { planOf } from './incidentLines';
import { findIncident, type Verb, verbArguments } from './verbSupport';

/** `--at`: an ISO time with a zone ("2026-11-23T18:00:00Z", "2026-11-23T19:00+01:00"), not in the future. */
function sentAt(text: string | undefined, now: Date): Date {
  if (text === undefined) return now;
  const at = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) ? new Date(text.trim()) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at ${JSON.stringify(text)} is not a time with its zone, like 2026-11-23T18:00:00Z or 2026-11-23T19:00+01:00`);
  if (at.getTime() > now.getTime() + 60_000) throw new UsageError('--at is in the future; record a notification once it has gone out');
  return at;
}

export const REGULATORY_VERBS: Record<string, Verb> = {
  notify: {
    summary: 'record that a regulatory notification went out (the plan\'s "regulatory" clocks): who told whom, when',
    usage: 'incident notify ID CLOCK --to WHOM [--at TIME]   (CLOCK: an id from the plan\'s "regulatory" list; TIME: when it was sent, default now)',
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { to: { type: 'string' }, at: { type: 'string' } });
      const incident = findIncident(store, positionals[0]);
      const plan = planOf(store);
      const clockId = positionals[1];
      const applying = plan.regulatory.filter((rule) => ruleApplies(rule, incident, plan));
      const names = applying.map((rule) => rule.id).join(', ');
      if (!clockId)
        throw new UsageError(
          applying.length ? `name the clock: one of ${names}` : `${incident.id} has no regulatory clock (the plan's "regulatory" list names none for its category and severity)`,
        );
      const rule = applying.find((candidate) => candidate.id === clockId);
      if (!rule) throw new UsageError(`"${clockId}" is not a regulatory clock of ${incident.id}${applying.length ? `; use one of ${names}` : ' (it has none)'}`);
      const to = values.to?.trim();
      if (!to) throw new UsageError('--to is required: whom the notification went to');
      const at = sentAt(values.at, now());
      await store.update(incident.id, (current) => recordNotification(current, rule, to, { at, author }));
      out(`Recorded on ${incident.id}: ${terminalText(`"${rule.title}" sent to ${to}`, { oneLine: true })}`);
    },
  },
};
