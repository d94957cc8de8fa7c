/** Ready-to-paste status messages for chat and documents, in Markdown and Slack's mrkdwn. */
import type { Incident } from './schema';
import { shortUtc } from './time';

export type MessageFormat = 'markdown' | 'slack';

export function statusMessage(incident: Incident, format: MessageFormat): string {
  const bold = (text: string) => (format === 'slack' ? `*${text}*` : `**${text}**`);
  const last = [...incident.updates].sort((a, b) => (a.at < b.at ? -1 : 1)).at(-1);
  const lines = [
    `${bold(`[${incident.severity}] ${incident.title}`)} (${incident.id})`,
    `Status: ${incident.status} · Category: ${incident.category} · Commander: ${incident.roles.commander ?? 'unassigned'}`,
    `Declared ${shortUtc(incident.declaredAt)} UTC by ${incident.declaredBy}`,
  ];
  if (last) {
    lines.push('', `${bold('Latest update')} (${shortUtc(last.at)} UTC, to ${last.audience}): ${last.text}`);
    if (last.nextUpdateBy) lines.push(`Next update by ${shortUtc(last.nextUpdateBy)} UTC`);
  }
  return lines.join('\n');
}
