/**
 * The postmortem document: the incident retold for people who were not there
 * (summary, impact, key times, roles, timeline with its starred key
 * moments first, five whys, root cause, action items, commits and deploys), as Markdown for `.incidents/postmortems/<id>.md`.
 * Everything above the Notes marker is regenerated on each export; what the
 * team writes below it is kept byte for byte.
 */
import type { Deploy, Incident, TimelineEvent } from '../record/schema';
import { isDrill } from '../lifecycle/drills';
import { formatDuration } from '../clocks/durations';
import { isHighlighted } from '../lifecycle/highlights';
import type { RegulatoryClock } from '../clocks/regulatory';
import { recurrenceLine, type Recurrence } from './recurrence';
import { terminalText } from '../text/terminalText';
import { shortUtc } from '../text/time';
import { DEFAULT_STORE_PATH } from '../record/storePath';
import { fieldRows, type FieldRow } from '../plan/fieldValues';

export const NOTES_MARKER = '<!-- incident-responder:notes -->';
const NOTES_SECTION = `${NOTES_MARKER}\n## Notes\n\n_Write follow-ups, context and discussion here. Re-exporting rewrites everything above this section and keeps this section as it is._\n`;

/**
 * User text inside a line, rendered as typed: shown rather than obeyed by a
 * terminal (terminalText), and every character Markdown or HTML would act on
 * escaped with a backslash, which reads better in the file than entities
 * ("Sam \<sam@example.com\>", not "Sam &lt;sam@example.com>"). An
 * underscore inside a word never emphasises, so snake_case stays as it is.
 */
function inline(text: string): string {
  return terminalText(text)
    .replace(/[\\`*[\]<>&|~]/g, '\\$&')
    .replace(/_/g, (underscore, at: number, all: string) => (/[\p{L}\p{N}]/u.test(all[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[at + 1] ?? '') ? underscore : '\\_'));
}

/** Text inside a table cell: one line, escaped like any inline text (pipes included). */
function cell(text: string | undefined): string {
  if (!text) return '—';
  return inline(text.replace(/\r?\n+/g, ' ')).trim() || '—';
}

/** An action item's ticket: its issue in the team's tracker as a link (`[#12](…)`, `[OPS-7](…)`) once exported, else the ticket typed in. */
function ticketCell(item: Incident['retrospective']['actionItems'][number]): string {
  const record = item.export;
  if (record?.url && record.issue && /^https?:\/\/[^\s()<>\\]+$/.test(record.url))
    return `[${inline(record.tracker === 'jira' ? record.issue : `#${record.issue}`)}](${record.url})`;
  return cell(item.ticket);
}

/** A paragraph of user text: inline escapes, and a line cannot become a heading, rule, list or quote by accident. */
function paragraph(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) =>
      inline(line)
        .replace(/^(\s*)([#=+-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n')
    .trim();
}

const person = (who: string | undefined) => (who ? who.replace(/\s*<[^>]*>$/, '') : undefined);
const when = (iso: string | undefined) => (iso ? `${shortUtc(iso)} UTC` : '—');
const after = (from: string, to: string | undefined) => (to ? `${when(to)} (after ${formatDuration(Date.parse(to) - Date.parse(from))})` : '—');

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function timelineRow(event: TimelineEvent): string[] {
  return [shortUtc(event.at), cell(person(event.author)), event.kind, cell(event.text)];
}

export interface PostmortemOptions {
  generatedAt: Date;
  /** The plan's regulatory clocks for this incident (a section when there are any). */
  regulatory?: readonly RegulatoryClock[];
  /** Earlier incidents touching the same folder (recurrence.ts): one line in the summary when given. */
  recurrence?: Recurrence;
  /** List only the starred events in the timeline section (the `incidents.postmortem.highlightsOnly` setting, `--highlights-only`). */
  highlightsOnly?: boolean;
  /** The incident's type as the plan names it, and its fields (fieldRows); without them, the type and the values show by their ids. */
  type?: { title: string; fields: readonly FieldRow[] };
}

/** The type's fields as a table (none for an incident without a type or values). */
function fieldsSection(rows: readonly FieldRow[]): string[] {
  if (!rows.length) return [];
  const value = (row: FieldRow) => (row.value !== undefined ? cell(row.value) : row.required ? '_required, not filled in_' : '_not filled in_');
  return [
    '## Fields',
    '',
    ...table(
      ['Field', 'Value'],
      rows.map((row) => [cell(row.title), value(row)]),
    ),
    '',
  ];
}

/** Each regulatory deadline: when it was due and when (and to whom) it was met, or that it was not recorded. */
function regulatorySection(clocks: readonly RegulatoryClock[]): string[] {
  if (!clocks.length) return [];
  const state = (clock: RegulatoryClock) =>
    clock.met
      ? `Sent ${when(clock.met.at.toISOString())} to ${cell(clock.met.to)} by ${cell(person(clock.met.by))}${clock.breached ? ` (${formatDuration(clock.remainingMs)} late)` : ''}`
      : `Not recorded${clock.breached ? ` (overdue ${formatDuration(clock.remainingMs)})` : ''}`;
  return [
    '## Regulatory notifications',
    '',
    ...table(
      ['Deadline', 'Due (UTC)', 'To', 'Notification'],
      clocks.map((clock) => [cell(clock.title), shortUtc(clock.deadline.toISOString()), cell(clock.to ?? '—'), state(clock)]),
    ),
    '',
  ];
}

const timelineTable = (events: readonly TimelineEvent[]) => table(['Time (UTC)', 'Who', 'Kind', 'What happened'], events.map(timelineRow));

/**
 * The timeline: with starred events, those first under "Key moments" and
 * then the rest (or only the starred ones); without any, one table as it
 * always was, so postmortems of incidents nobody starred keep their bytes.
 */
function timelineSection(incident: Incident, events: readonly TimelineEvent[], highlightsOnly: boolean): string[] {
  const starred = events.filter((event) => isHighlighted(incident, event.id));
  if (!starred.length) {
    if (highlightsOnly && events.length) return ["_No key moments starred yet: star events in the panel's timeline or with `incident highlight`._"];
    return events.length ? timelineTable(events) : ['_No events._'];
  }
  const keyMoments = ['### Key moments', '', ...timelineTable(starred)];
  if (highlightsOnly) return keyMoments;
  const rest = events.filter((event) => !isHighlighted(incident, event.id));
  return [...keyMoments, '', '### Other events', '', ...(rest.length ? timelineTable(rest) : ['_None: every event is a key moment._'])];
}

/** "2026-12-07 04:04 UTC by the alert HighErrorRate (alertmanager), and 1 more": an alert-opened incident's detection, from which its clocks run. */
function detectedBy(alerts: NonNullable<Incident['alerts']>): string {
  const first = [...alerts].sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0))[0];
  const more = alerts.length > 1 ? `, and ${alerts.length - 1} more` : '';
  return `${when(first.startsAt)} by the alert ${cell(first.name)} (${first.source})${more}; the times below run from it`;
}

export function renderPostmortem(incident: Incident, deploys: readonly Deploy[], options: PostmortemOptions): string {
  const { roles, retrospective } = incident;
  const linkedDeploys = deploys.filter((deploy) => incident.deployIds.includes(deploy.id) || deploy.incidentIds.includes(incident.id)).sort((a, b) => (a.at < b.at ? -1 : 1));
  const events = [...incident.timeline].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lines: string[] = [
    `# ${isDrill(incident) ? 'Drill postmortem' : 'Postmortem'}: ${cell(incident.title)} (${incident.id})`,
    '',
    `> Generated by Incident Responder on ${when(options.generatedAt.toISOString())} from \`${DEFAULT_STORE_PATH}\`. Blameless: it describes what happened and why, not who is at fault.`,
    '>',
    "> Everything above the Notes section is regenerated from the incident record on each export, so edits made here are replaced: set the summary and impact in the panel's Retrospective tab or with `incident summary`, and write by hand only under Notes.",
    '',
    '## Summary',
    '',
    incident.summary ? paragraph(incident.summary) : '_No summary written yet._',
    '',
    ...(options.recurrence ? [recurrenceLine(options.recurrence), ''] : []),
    ...table(
      // A header of its own: an empty one shows as a blank first row in every Markdown viewer.
      ['Fact', 'Value'],
      [
        ['Severity', incident.severity],
        ['Category', incident.category],
        ...(incident.type ? [['Type', options.type ? `${cell(options.type.title)} (${incident.type})` : incident.type]] : []),
        ['Status', incident.status],
        ...(isDrill(incident) ? [['Drill', 'yes: a practice, not a real incident']] : []),
        ['Declared', `${when(incident.declaredAt)} by ${cell(person(incident.declaredBy))}`],
        ...(incident.startedAt ? [['Impact began', when(incident.startedAt)]] : []),
        ...(incident.alerts?.length ? [['Detected', detectedBy(incident.alerts)]] : []),
        ['Acknowledged', after(incident.declaredAt, incident.acknowledgedAt)],
        ['Mitigated', after(incident.declaredAt, incident.mitigatedAt)],
        ['Resolved', after(incident.declaredAt, incident.resolvedAt)],
      ],
    ),
    '',
    '## Impact',
    '',
    incident.impact ? paragraph(incident.impact) : '_Impact not described yet._',
    '',
    ...fieldsSection(options.type?.fields ?? fieldRows({}, incident)),
    '## Roles',
    '',
    ...table(
      ['Role', 'Person'],
      [
        ['Commander', cell(person(roles.commander))],
        ['Admin', cell(person(roles.admin))],
        ['Scribe', cell(person(roles.scribe))],
        ['Communicator', cell(person(roles.communicator))],
        ['Applies patches', cell(person(roles.patcher))],
        ['Responders', cell(roles.responders.map(person).join(', '))],
      ],
    ),
    '',
    '## Timeline',
    '',
    ...timelineSection(incident, events, options.highlightsOnly ?? false),
    '',
    '## Five whys',
    '',
    // Each answer keeps its "Why n" label, as the panel shows it, filled or not.
    ...(retrospective.whys.length ? retrospective.whys.map((why, i) => `- **Why ${i + 1}:** ${why.trim() ? cell(why) : '_not answered_'}`) : ['_Not written yet._']),
    '',
    '## Root cause',
    '',
    retrospective.rootCause ? paragraph(retrospective.rootCause) : '_Not written yet._',
    '',
    '## Action items',
    '',
    ...(retrospective.actionItems.length
      ? table(
          ['Id', 'Action', 'Owner', 'Due', 'Status', 'Ticket'],
          retrospective.actionItems.map((item) => [
            cell(item.id),
            cell(item.title),
            cell(person(item.owner)),
            item.due ?? '—',
            item.closedBy ? `${item.status} (${item.closedBy.slice(0, 8)})` : item.status,
            ticketCell(item),
          ]),
        )
      : ['_None yet._']),
    '',
    '## Linked commits',
    '',
    ...(incident.commits.length
      ? table(
          ['Commit', 'Subject', 'Author', 'Relation'],
          incident.commits.map((commit) => [`\`${commit.sha.slice(0, 8)}\``, cell(commit.subject), cell(person(commit.author)), commit.relation]),
        )
      : ['_None linked._']),
    '',
    '## Deploys',
    '',
    ...(linkedDeploys.length
      ? table(
          ['Time (UTC)', 'Environment', 'Ref', 'Commit', 'Status'],
          linkedDeploys.map((deploy) => [shortUtc(deploy.at), cell(deploy.environment), cell(deploy.ref), deploy.sha ? `\`${deploy.sha.slice(0, 8)}\`` : '—', deploy.status]),
        )
      : ['_None recorded._']),
    '',
    ...regulatorySection(options.regulatory ?? []),
  ];
  return `${lines.join('\n')}\n${NOTES_SECTION}`;
}

/**
 * The new document with the team's Notes section kept. A file without the
 * marker (hand-made, or the marker was deleted) loses nothing either: its
 * whole text moves under Notes.
 */
export function mergePostmortem(existing: string | undefined, generated: string): string {
  const cut = generated.indexOf(NOTES_MARKER);
  if (existing === undefined || cut < 0) return generated;
  const kept = existing.indexOf(NOTES_MARKER);
  if (kept >= 0) return generated.slice(0, cut) + existing.slice(kept);
  return `${generated.slice(0, cut)}${NOTES_MARKER}\n## Notes\n\n${existing}`;
}
