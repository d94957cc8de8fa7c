/**
 * When the impact began (`startedAt`), which may be earlier than the
 * declaration: time to detect is measured from it, and the suspect commits are
 * those of the deploys that went out before it. Set when declaring, by alert
 * intake (the alert's own start), or later by a person; each change is a note
 * on the timeline that the merge reads as the field's stamp, like a category
 * change, so two machines' values join to the later one.
 */
import { DomainError } from '../record/errors';
import type { ChangeContext } from '../record/context';
import type { Incident } from '../record/schema';
import { addTimelineEvent } from './timeline';

const minuteUtc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** Records when the impact began; a time after the declaration is refused (the declaration is the latest it can have begun). */
export function setImpactStart(incident: Incident, startedAt: Date, ctx: ChangeContext): Incident {
  if (Number.isNaN(startedAt.getTime())) throw new DomainError('the start of the impact is not a time', 'bad-impact-start');
  const to = startedAt.toISOString();
  if (to > incident.declaredAt)
    throw new DomainError(`the impact cannot have begun after ${incident.id} was declared (${minuteUtc(incident.declaredAt)}); give an earlier time`, 'impact-after-declaration');
  if (incident.startedAt === to) return incident;
  const from = incident.startedAt;
  const text = from ? `Impact began ${minuteUtc(to)} (was ${minuteUtc(from)})` : `Impact began ${minuteUtc(to)}`;
  return addTimelineEvent({ ...incident, startedAt: to }, { kind: 'note', text, data: { field: 'startedAt', ...(from && { from }), to } }, ctx);
}
