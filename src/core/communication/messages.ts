/**
 * Ready-to-paste messages for chat and documents, in Markdown and Slack's
 * mrkdwn: when an incident is declared, for each status update, and when it
 * is closed. A message for an external audience (customers, a status page)
 * names no person, shows no email and carries only updates written for such
 * an audience; internal ones also say who leads and who declared.
 */
import { withoutMentions } from '../text/mentions';
import { drillMarked } from '../lifecycle/drills';
import { formatDuration } from '../clocks/durations';
import type { Incident } from '../record/schema';
import { shortUtc } from '../text/time';

export const MESSAGE_FORMATS = ['markdown', 'slack'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];
export type MessageKind = 'declaration' | 'status' | 'closure';
export type MessageAudience = 'internal' | 'external';

/**
 * Words (or two-word phrases) that make an update audience external: an
 * audience is external when its normalised name contains one of them
 * ("Customers (EU)", "status-page.io", "External partners"); every other
 * audience is internal. Erring towards external only hides names.
 */
export const EXTERNAL_AUDIENCES: readonly string[] = [
  'customer',
  'customers',
  'client',
  'clients',
  'public',
  'status page',
  'statuspage',
  'external',
  'partner',
  'partners',
  'user',
  'users',
  'everyone',
];
/** Lower case, every run of non-letters one space, padded so each word is matched whole. */
const audienceWords = (name: string) =>
  ` ${name
    .toLowerCase()
    .replace(/\P{L}+/gu, ' ')
    .trim()} `;
export const audienceKind = (name: string | undefined): MessageAudience => {
  const words = name === undefined ? '' : audienceWords(name);
  return EXTERNAL_AUDIENCES.some((word) => words.includes(` ${word} `)) ? 'external' : 'internal';
};

export const boldIn = (format: MessageFormat) => (text: string) => (format === 'slack' ? `*${text}*` : `**${text}**`);
/**
 * User text in a message a person copies. Slack's composer takes pasted text as typed, so entities
 * would show as "&lt;dana@example.com&gt;": the text stays as written, with mentions made inert
 * (an "@here" in a title must not page a channel). What is sent through Slack's API is escaped in
 * src/core/delivery/markup.ts.
 */
export const textIn = (format: MessageFormat) => (text: string) => (format === 'slack' ? withoutMentions(text) : text);
/** The first line of every message; a drill's starts with the drill mark, so nobody pastes a practice as a real outage. */
export const headline = (incident: Incident, format: MessageFormat, text: (t: string) => string, prefix = '') =>
  drillMarked(incident, `${boldIn(format)(`${prefix}[${incident.severity}] ${text(incident.title)}`)} (${incident.id})`);
/** The latest update; for outside readers, the latest written for an external audience. */
export const latestUpdate = (incident: Incident, audience: MessageAudience = 'internal') =>
  [...incident.updates]
    .filter((update) => audience === 'internal' || audienceKind(update.audience) === 'external')
    .sort((a, b) => (a.at < b.at ? -1 : 1))
    .at(-1);

/** Everyone the record names, as "Name <email>", bare names or handles. */
function peopleIn(incident: Incident): string[] {
  const { responders, ...named } = incident.roles;
  return [
    incident.declaredBy,
    ...Object.values(named),
    ...responders,
    ...incident.updates.map((u) => u.author),
    ...incident.timeline.map((e) => e.author),
    ...incident.commits.flatMap((c) => [c.author, c.linkedBy]),
  ].filter((who): who is string => !!who);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * User text made fit for outside readers: emails go, and so do the names of
 * the people the record knows (whole words, 3 characters or more, so a
 * handle like "ci" does not eat other words).
 */
function withoutPeople(incident: Incident): (text: string) => string {
  const names = new Set<string>();
  for (const who of peopleIn(incident)) {
    const name = who.replace(/<[^>]*>/g, '').trim();
    if (name.length >= 3) names.add(name);
    for (const part of name.split(/\s+/)) if (part.length >= 3) names.add(part);
  }
  const byLength = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const namePattern = byLength.length ? new RegExp(`(?<![\\p{L}\\p{N}_])(${byLength.join('|')})(?![\\p{L}\\p{N}_])`, 'giu') : undefined;
  return (text) => {
    const noEmail = text.replace(/<?[^\s<>@]+@[^\s<>@]+>?/g, '(email removed)');
    return namePattern ? noEmail.replace(namePattern, 'the team').replace(/\bthe team(\s+the team)+/g, 'the team') : noEmail;
  };
}

/** Text of the record, escaped for the format and, for outside readers, without people. */
export function userTextIn(incident: Incident, format: MessageFormat, audience: MessageAudience): (text: string) => string {
  const escape = textIn(format);
  if (audience === 'internal') return escape;
  const scrub = withoutPeople(incident);
  return (text) => escape(scrub(text));
}

/** The plan's "who must be told" for this severity, for the team's own messages only. */
const toBeTold = (incident: Incident, tell: readonly string[] = [], text: (value: string) => string) =>
  tell.length ? [`To be told (${incident.severity}, per the response plan): ${tell.map(text).join(', ')}`] : [];

/** What the response plan adds to the team's messages: who must be told (the severity's `notify`), and where responders meet (the channel for them). */
export interface MessagePlan {
  tell?: readonly string[];
  respondersChannel?: string;
}

/** The parts of the plan the messages use, for this incident. */
export function messagePlan(
  plan: { severities: Record<string, { notify?: readonly string[] }>; channels: readonly { audience: string; reach: string }[] },
  incident: Incident,
): MessagePlan {
  const responders = plan.channels.find((channel) => channel.audience.toLowerCase() === 'responders');
  return { tell: plan.severities[incident.severity]?.notify ?? [], ...(responders ? { respondersChannel: responders.reach } : {}) };
}

export function declarationMessage(incident: Incident, format: MessageFormat, audience: MessageAudience = 'internal', plan: MessagePlan = {}): string {
  const bold = boldIn(format);
  const text = userTextIn(incident, format, audience);
  const internal = audience === 'internal';
  const lines = [
    headline(incident, format, text, 'Incident declared: '),
    `Category: ${incident.category} · Declared ${shortUtc(incident.declaredAt)} UTC${internal ? ` by ${text(incident.declaredBy)}` : ''}`,
    ...(internal
      ? [
          `Commander: ${text(incident.roles.commander ?? 'not yet assigned')}${incident.roles.communicator ? ` · Updates from: ${text(incident.roles.communicator)}` : ''}`,
          ...toBeTold(incident, plan.tell, text),
        ]
      : []),
  ];
  if (incident.impact) lines.push('', `${bold('Impact')}: ${text(incident.impact)}`);
  lines.push(
    '',
    internal
      ? `Join the response in ${plan.respondersChannel ? text(plan.respondersChannel) : 'the incident channel'}; updates follow here.`
      : 'We are working on it; updates follow here.',
  );
  return lines.join('\n');
}

export function statusMessage(incident: Incident, format: MessageFormat, audience: MessageAudience = 'internal', plan: MessagePlan = {}): string {
  const bold = boldIn(format);
  const text = userTextIn(incident, format, audience);
  const internal = audience === 'internal';
  const last = latestUpdate(incident, audience);
  const lines = [
    headline(incident, format, text),
    `Status: ${incident.status} · Category: ${incident.category}${internal ? ` · Commander: ${text(incident.roles.commander ?? 'unassigned')}` : ''}`,
    `Declared ${shortUtc(incident.declaredAt)} UTC${internal ? ` by ${text(incident.declaredBy)}` : ''}`,
    ...(internal ? toBeTold(incident, plan.tell, text) : []),
  ];
  if (last) {
    lines.push('', `${bold('Latest update')} (${shortUtc(last.at)} UTC, to ${text(last.audience)}): ${text(last.text)}`);
    if (last.nextUpdateBy) lines.push(`Next update by ${shortUtc(last.nextUpdateBy)} UTC`);
  }
  return lines.join('\n');
}

/** Root cause, fixing commits and the postmortem are the team's own business: outside readers get the resolution and the latest update for them. */
export function closureMessage(incident: Incident, format: MessageFormat, audience: MessageAudience = 'internal'): string {
  const bold = boldIn(format);
  const text = userTextIn(incident, format, audience);
  const end = incident.resolvedAt ?? incident.closedAt;
  const lasted = end ? formatDuration(Date.parse(end) - Date.parse(incident.startedAt ?? incident.declaredAt)) : undefined;
  const resolved = `${end ? `Resolved ${shortUtc(end)} UTC` : 'Closed'}${lasted ? ` after ${lasted}` : ''}`;
  if (audience === 'external') {
    const last = latestUpdate(incident, audience);
    return [headline(incident, format, text, 'Resolved: '), resolved, ...(last ? ['', `${bold('Latest update')}: ${text(last.text)}`] : [])].join('\n');
  }
  const fixes = incident.commits.filter((commit) => commit.relation === 'fix');
  const lines = [headline(incident, format, text, 'Resolved: '), `${resolved} · Commander: ${text(incident.roles.commander ?? 'unassigned')}`];
  if (incident.retrospective.rootCause) lines.push('', `${bold('Root cause')}: ${text(incident.retrospective.rootCause)}`);
  if (fixes.length) lines.push('', `${bold('Fixed by')}: ${fixes.map((commit) => `${commit.sha.slice(0, 8)} ${text(commit.subject)}`).join('; ')}`);
  lines.push('', `A blameless postmortem follows${incident.retrospective.actionItems.length ? ` with ${incident.retrospective.actionItems.length} action item(s)` : ''}.`);
  return lines.join('\n');
}

/** Whom a message copied now is for, when the caller does not say: the audience of the latest update. */
export const audienceOfLatestUpdate = (incident: Incident): MessageAudience => audienceKind(latestUpdate(incident)?.audience);

/** `plan`: what the response plan adds to the team's declaration and status messages (messagePlan). */
export function incidentMessage(
  incident: Incident,
  kind: MessageKind,
  format: MessageFormat,
  audience: MessageAudience = audienceOfLatestUpdate(incident),
  plan: MessagePlan = {},
): string {
  if (kind === 'closure') return closureMessage(incident, format, audience);
  return (kind === 'declaration' ? declarationMessage : statusMessage)(incident, format, audience, plan);
}

/** The message that fits the moment: closure once resolved, the declaration before any update, else the status. */
export function suggestedMessageKind(incident: Incident): MessageKind {
  if (incident.status === 'resolved' || incident.status === 'postmortem' || incident.status === 'closed') return 'closure';
  return incident.updates.length ? 'status' : 'declaration';
}
