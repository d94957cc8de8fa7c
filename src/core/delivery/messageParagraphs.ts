/**
 * The body of a delivered message, as paragraphs of plain text: for the
 * team (who declared, who leads, who must be told, root cause and fixes) or
 * for readers outside it (only what was written for them). `text` is the
 * record's text made fit for the audience (people removed for outside
 * readers, control characters dropped for all); nothing here is escaped.
 */
import type { MessagePlan } from '../communication/messages';
import { formatDuration } from '../clocks/durations';
import type { Incident, StatusUpdate } from '../record/schema';
import { shortUtc } from '../text/time';
import type { EscalationFact, IncidentEvent } from './deliveryMessage';

export interface ParagraphParts {
  incident: Incident;
  event: IncidentEvent;
  /** The update delivered ("update" only). */
  update?: StatusUpdate;
  /** The update delivered, else the latest the channel's readers may see. */
  latest?: StatusUpdate;
  /** When the next update is (or was) due, while one is. */
  due?: string;
  /** For "escalation": whom it pages, and when the response target passed. */
  escalation?: EscalationFact;
  text: (value: string) => string;
  now: Date;
  plan: MessagePlan;
}

const utc = (iso: string) => `${shortUtc(iso)} UTC`;

function lastedText(incident: Incident): string | undefined {
  const end = incident.resolvedAt ?? incident.closedAt;
  return end ? formatDuration(Date.parse(end) - Date.parse(incident.startedAt ?? incident.declaredAt)) : undefined;
}

export function internalParagraphs({ incident, event, update, due, escalation, text, now, plan }: ParagraphParts): string[] {
  switch (event) {
    case 'declared':
      return [
        ...(incident.impact ? [`Impact: ${text(incident.impact)}`] : []),
        `Category: ${incident.category} · Declared ${utc(incident.declaredAt)} by ${text(incident.declaredBy)}`,
        ...(plan.tell?.length ? [`To be told (${incident.severity}, per the response plan): ${plan.tell.map(text).join(', ')}`] : []),
        `Join the response in ${plan.respondersChannel ? text(plan.respondersChannel) : 'the incident channel'}; updates follow here.`,
      ];
    case 'update':
      return update ? [text(update.text), `Posted ${utc(update.at)} by ${text(update.author)}, to ${text(update.audience)}`] : [];
    case 'resolved':
    case 'closed': {
      const fixes = incident.commits.filter((commit) => commit.relation === 'fix');
      const end = event === 'resolved' ? incident.resolvedAt : incident.closedAt;
      const lasted = lastedText(incident);
      const items = incident.retrospective.actionItems.length;
      return [
        `${event === 'resolved' ? 'Resolved' : 'Closed'}${end ? ` ${utc(end)}` : ''}${lasted ? ` after ${lasted}` : ''}`,
        ...(incident.retrospective.rootCause ? [`Root cause: ${text(incident.retrospective.rootCause)}`] : []),
        ...(fixes.length ? [`Fixed by: ${fixes.map((commit) => `${commit.sha.slice(0, 8)} ${text(commit.subject)}`).join('; ')}`] : []),
        `A blameless postmortem follows${items ? ` with ${items} action item(s)` : ''}.`,
      ];
    }
    case 'escalation':
      return [
        `Nobody has acknowledged it${escalation ? ` by ${utc(escalation.responseDue)}` : ''}.`,
        `${escalation ? `${text(escalation.person)} (${text(escalation.rotation)} ${escalation.layer === 'next' ? 'next in line' : text(escalation.layer)})` : 'Next on call'}: you are next. Acknowledge with "incident ack ${incident.id}" or Incident: Acknowledge in VS Code.`,
      ];
    case 'overdue': {
      const late = due ? Math.max(0, Math.round((now.getTime() - Date.parse(due)) / 60_000)) : undefined;
      const who = incident.roles.communicator ?? incident.roles.commander;
      return [
        `${due ? `The next update was due by ${utc(due)}${late ? ` (${late} min ago)` : ''}` : 'An update is due'} and none has been posted since.`,
        who ? `${text(who)}: post an update, with when the next one comes.` : 'Post an update, with when the next one comes.',
      ];
    }
  }
}

/** For outside readers: the words written for them, and the incident's state in theirs. */
export function outsideParagraphs({ event, update, latest, text }: ParagraphParts): string[] {
  const theirs = latest ? [text(latest.text)] : [];
  switch (event) {
    case 'declared':
      return theirs.length ? theirs : ['We are investigating an incident that affects our service. Updates follow here.'];
    case 'update':
      return update ? [text(update.text)] : [];
    case 'resolved':
      return ['This incident is resolved.', ...theirs];
    case 'closed':
      return ['This incident is closed.', ...theirs];
    case 'overdue':
      return ['We are still working on this incident; the next update follows shortly.'];
    case 'escalation':
      return [];
  }
}
