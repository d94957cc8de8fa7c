/**
 * Ready-to-paste messages for chat and documents, in Markdown and Slack's
 * mrkdwn: when an incident is declared, for each status update, and when it
 * is closed.
 */
import { formatDuration } from './sla';
import type { Incident } from './schema';
import { shortUtc } from './time';

export type MessageFormat = 'markdown' | 'slack';
export type MessageKind = 'declaration' | 'status' | 'closure';

const boldIn = (format: MessageFormat) => (text: string) => (format === 'slack' ? `*${text}*` : `**${text}**`);
/** Slack reads `&`, `<` and `>` as control characters (links, mentions): user text has them escaped. */
const textIn = (format: MessageFormat) => (text: string) => (format === 'slack' ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text);
const headline = (incident: Incident, format: MessageFormat, prefix = '') => `${boldIn(format)(`${prefix}[${incident.severity}] ${textIn(format)(incident.title)}`)} (${incident.id})`;
const latestUpdate = (incident: Incident) => [...incident.updates].sort((a, b) => (a.at < b.at ? -1 : 1)).at(-1);

export function declarationMessage(incident: Incident, format: MessageFormat): string {
  const bold = boldIn(format);
  const text = textIn(format);
  const lines = [
    headline(incident, format, 'Incident declared: '),
    `Category: ${incident.category} · Declared ${shortUtc(incident.declaredAt)} UTC by ${text(incident.declaredBy)}`,
    `Commander: ${text(incident.roles.commander ?? 'not yet assigned')}${incident.roles.communicator ? ` · Updates from: ${text(incident.roles.communicator)}` : ''}`,
  ];
  if (incident.impact) lines.push('', `${bold('Impact')}: ${text(incident.impact)}`);
  lines.push('', 'Join the response in the incident channel; updates follow here.');
  return lines.join('\n');
}

export function statusMessage(incident: Incident, format: MessageFormat): string {
  const bold = boldIn(format);
  const text = textIn(format);
  const last = latestUpdate(incident);
  const lines = [
    headline(incident, format),
    `Status: ${incident.status} · Category: ${incident.category} · Commander: ${text(incident.roles.commander ?? 'unassigned')}`,
    `Declared ${shortUtc(incident.declaredAt)} UTC by ${text(incident.declaredBy)}`,
  ];
  if (last) {
    lines.push('', `${bold('Latest update')} (${shortUtc(last.at)} UTC, to ${text(last.audience)}): ${text(last.text)}`);
    if (last.nextUpdateBy) lines.push(`Next update by ${shortUtc(last.nextUpdateBy)} UTC`);
  }
  return lines.join('\n');
}

export function closureMessage(incident: Incident, format: MessageFormat): string {
  const bold = boldIn(format);
  const text = textIn(format);
  const end = incident.resolvedAt ?? incident.closedAt;
  const lasted = end ? formatDuration(Date.parse(end) - Date.parse(incident.startedAt ?? incident.declaredAt)) : undefined;
  const fixes = incident.commits.filter((commit) => commit.relation === 'fix');
  const lines = [
    headline(incident, format, 'Resolved: '),
    `${end ? `Resolved ${shortUtc(end)} UTC` : 'Closed'}${lasted ? ` after ${lasted}` : ''} · Commander: ${text(incident.roles.commander ?? 'unassigned')}`,
  ];
  if (incident.retrospective.rootCause) lines.push('', `${bold('Root cause')}: ${text(incident.retrospective.rootCause)}`);
  if (fixes.length) lines.push('', `${bold('Fixed by')}: ${fixes.map((commit) => `${commit.sha.slice(0, 8)} ${text(commit.subject)}`).join('; ')}`);
  lines.push('', `A blameless postmortem follows${incident.retrospective.actionItems.length ? ` with ${incident.retrospective.actionItems.length} action item(s)` : ''}.`);
  return lines.join('\n');
}

export function incidentMessage(incident: Incident, kind: MessageKind, format: MessageFormat): string {
  return kind === 'declaration' ? declarationMessage(incident, format) : kind === 'closure' ? closureMessage(incident, format) : statusMessage(incident, format);
}

/** The message that fits the moment: closure once resolved, the declaration before any update, else the status. */
export function suggestedMessageKind(incident: Incident): MessageKind {
  if (incident.status === 'resolved' || incident.status === 'postmortem' || incident.status === 'closed') return 'closure';
  return incident.updates.length ? 'status' : 'declaration';
}
