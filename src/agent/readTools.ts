/** The tools that only read: incidents, one incident, suspect commits, what changed between two commits, metrics, the postmortem draft. */
import { typeView } from '../core/plan/fieldValues';
import { z } from 'zod';
import { isDrill } from '../core/lifecycle/drills';
import { sinceDate } from '../core/clocks/durations';
import { isActive } from '../core/lifecycle/lifecycle';
import { computeMetrics, durationSummary } from '../core/retrospective/metrics';
import { renderPostmortem } from '../core/retrospective/postmortem';
import { regulatoryClocks } from '../core/clocks/regulatory';
import { SEVERITIES } from '../core/record/recordValues';
import { findSuspects } from '../workflows/suspects';
import { incidentMarkdown } from './incidentMarkdown';
import { categoryInput, findIncident, incidentIdInput, revisionInput, severityInput, storeContents } from './toolInputs';
import { readTool, ToolInputError, type AgentWorkspace } from './toolKit';
import type { Incident } from '../core/record/schema';

const commitLine = (commit: { sha: string; subject: string; author: string; committedAt: string }) =>
  `${commit.sha.slice(0, 12)} ${commit.committedAt.slice(0, 16).replace('T', ' ')} ${commit.author}: ${commit.subject}`;

const listIncidents = readTool({
  name: 'incidents_list',
  title: 'List incidents',
  description:
    "Lists the incidents recorded in this repository's incident log (.incidents/incidents.json): id, severity, status, category, title, commander. By default only active ones (not yet resolved); filter by severity or category. Call it first to find an incident's id.",
  input: z.object({
    active: z.boolean().default(true).describe('Only incidents not yet resolved (default true); false lists every incident.'),
    severity: severityInput.optional(),
    category: categoryInput.optional(),
    includeDrills: z.boolean().default(true).describe('Include practice incidents (drills); they are marked as such.'),
    limit: z.number().int().min(1).max(500).default(50).describe('At most this many, newest declared first.'),
  }),
  async run(input, workspace) {
    const all = storeContents(workspace).incidents;
    const chosen = all
      .filter((incident) => (!input.active || isActive(incident)) && (!input.severity || incident.severity === input.severity))
      .filter((incident) => (!input.category || incident.category === input.category) && (input.includeDrills || !isDrill(incident)))
      .sort((a, b) => (a.declaredAt < b.declaredAt ? 1 : a.declaredAt > b.declaredAt ? -1 : 0));
    const shown = chosen.slice(0, input.limit);
    const rows = shown.map((incident) => ({
      id: incident.id,
      title: incident.title,
      severity: incident.severity,
      category: incident.category,
      status: incident.status,
      active: isActive(incident),
      declaredAt: incident.declaredAt,
      commander: incident.roles.commander ?? null,
      drill: isDrill(incident),
    }));
    const text = rows.length
      ? [
          `${chosen.length} incident(s)${input.active ? ' active' : ''}${chosen.length > shown.length ? `, the newest ${shown.length} shown` : ''}:`,
          ...rows.map(
            (row) =>
              `- ${row.id} ${row.severity} ${row.status} ${row.category}${row.drill ? ' DRILL' : ''}: ${row.title} (declared ${row.declaredAt}, commander ${row.commander ?? 'unassigned'})`,
          ),
        ].join('\n')
      : input.active
        ? 'No active incidents.'
        : 'No incidents match.';
    return { text, data: { total: chosen.length, incidents: rows } };
  },
});

const getIncident = readTool({
  name: 'incidents_get',
  title: 'Get an incident',
  description:
    'Reads one incident whole: severity, status, roles, SLA and regulatory clocks, the alerts from monitoring that opened or joined it (labels, annotations, links, firing or resolved), triage checklist, runbook tasks, linked commits and deploys, status updates, the timeline and the retrospective (whys, root cause, action items). Returns Markdown, and the record as JSON.',
  input: z.object({ id: incidentIdInput }),
  async run(input, workspace) {
    const incident = findIncident(workspace, input.id);
    const { deploys } = storeContents(workspace);
    return { text: incidentMarkdown(incident, deploys, workspace.plan(), workspace.now()), data: { incident } };
  },
});

const suspects = readTool({
  name: 'incidents_suspects',
  title: 'Suspect commits',
  description:
    "Lists the commits that may have caused an incident: those between its last good deploy and the bad one (or HEAD), the ones touching the incident's evidence files (or the given paths) ranked first with a score and the matching files. Override the range with good/bad revisions.",
  input: z.object({
    id: incidentIdInput,
    good: revisionInput.optional().describe('The last known good commit (default: the last good deploy before the incident).'),
    bad: revisionInput.optional().describe('The first known bad commit (default: the bad deploy, else HEAD).'),
    paths: z.array(z.string().trim().min(1).max(1000)).max(50).default([]).describe('More repository paths to rank by (files or folders).'),
    limit: z.number().int().min(1).max(100).default(20),
  }),
  async run(input, workspace, signal) {
    const incident = findIncident(workspace, input.id);
    const answer = await findSuspects(workspace.repository(), incident, storeContents(workspace).deploys, {
      ...(input.good && { good: input.good }),
      ...(input.bad && { bad: input.bad }),
      extraPaths: input.paths,
      limit: input.limit,
      ...(signal && { signal }),
    });
    const rows = answer.suspects.map(({ commit, score, matchedFiles }) => ({
      sha: commit.sha,
      subject: commit.subject,
      author: commit.author,
      committedAt: commit.committedAt,
      score,
      matchedFiles,
    }));
    const text = [
      `Suspect commits of ${incident.id} in ${answer.rangeText}${answer.more ? ` (the first ${rows.length}; the range holds more)` : ''}:`,
      ...(rows.length
        ? rows.map((row) => `- ${commitLine(row)}${row.score ? ` [score ${row.score.toFixed(2)}: ${row.matchedFiles.join(', ')}]` : ''}`)
        : ['(no commits in that range)']),
    ].join('\n');
    return { text, data: { range: answer.rangeText, good: answer.good, bad: answer.bad, more: answer.more, suspects: rows } };
  },
});

const changesBetween = readTool({
  name: 'incidents_changes_between',
  title: 'Commits and deploys between two revisions',
  description:
    'Lists the commits reachable from `to` but not from `from` (git log from..to), newest first, and the recorded deploys of those commits. Use it to see what a deploy shipped.',
  input: z.object({
    from: revisionInput.describe('The older end (excluded), e.g. the last good deploy.'),
    to: revisionInput.describe('The newer end (included), e.g. the bad deploy or HEAD.'),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  async run(input, workspace, signal) {
    const repo = workspace.repository();
    const range = await repo.commitRange(input.from, input.to, { newest: input.limit, ...(signal && { signal }) });
    const total = range.more ? await repo.countBetween(input.from, input.to, { ...(signal && { signal }) }) : range.newest.length;
    const shas = new Set(range.newest.map((commit) => commit.sha));
    const deploys = storeContents(workspace).deploys.filter((deploy) => deploy.sha && shas.has(deploy.sha));
    const commits = range.newest.map(({ sha, subject, author, committedAt, parents }) => ({ sha, subject, author, committedAt, parents }));
    const text = [
      `${total} commit(s) in ${input.from}..${input.to}${range.more ? `, the newest ${commits.length} listed` : ''}:`,
      ...commits.map((commit) => `- ${commitLine(commit)}`),
      ...(deploys.length ? ['Deploys of these commits:', ...deploys.map((d) => `- ${d.at} ${d.environment} ${d.ref} (${d.sha?.slice(0, 12)}) ${d.status}`)] : []),
    ].join('\n');
    return { text, data: { total, more: range.more, commits, deploys } };
  },
});

const metrics = readTool({
  name: 'incidents_metrics',
  title: 'Incident response metrics',
  description:
    'Response metrics over the incident log: time to acknowledge, mitigate, resolve and detect (median and mean), SLA adherence per severity, open action items; drills are reported apart and left out unless includeDrills.',
  input: z.object({
    since: z.string().trim().max(20).optional().describe('Declared since: "90d" (days ago) or a date "2026-01-31".'),
    severity: severityInput.optional(),
    category: categoryInput.optional(),
    includeDrills: z.boolean().default(false),
  }),
  async run(input, workspace) {
    const now = workspace.now();
    const since = input.since === undefined ? undefined : sinceDate(input.since, now);
    if (input.since !== undefined && !since) throw new ToolInputError(`since must look like "90d" or "2026-01-31" (got "${input.since}")`);
    const { incidents, deploys } = storeContents(workspace);
    const result = computeMetrics(incidents, deploys, workspace.plan().sla, {
      now,
      ...(since && { since }),
      ...(input.severity && { severity: input.severity }),
      ...(input.category && { category: input.category }),
      includeDrills: input.includeDrills,
    });
    const rate = (adherence: { rate?: number }) => (adherence.rate === undefined ? 'no data' : `${Math.round(adherence.rate * 100)}%`);
    const text = [
      `${result.incidents} incident(s)${since ? ` since ${since.toISOString().slice(0, 10)}` : ''}${input.includeDrills ? ', drills included' : ''}`,
      ...(['acknowledge', 'mitigate', 'resolve', 'detect'] as const).map((measure) => `- time to ${measure}: ${durationSummary(result.overall[measure])}`),
      ...SEVERITIES.map((severity) => `- ${severity} SLA met: response ${rate(result.bySeverity[severity].response)}, resolution ${rate(result.bySeverity[severity].resolution)}`),
      `- open action items: ${result.openActionItems.total} (${result.openActionItems.over30Days} older than 30 days)`,
      `- drills: ${result.drills.count}`,
    ].join('\n');
    return { text, data: { metrics: result } };
  },
});

/** The postmortem the product writes for the incident now, with the plan's regulatory clocks. */
export function postmortemOf(incident: Incident, workspace: AgentWorkspace): string {
  const plan = workspace.plan();
  const now = workspace.now();
  return renderPostmortem(incident, storeContents(workspace).deploys, {
    generatedAt: now,
    regulatory: regulatoryClocks(incident, plan.regulatory, plan.sla.timeZone, now, plan),
    type: typeView(plan, incident),
  });
}

const postmortem = readTool({
  name: 'incidents_postmortem',
  title: 'Postmortem draft',
  description:
    "Renders the incident's postmortem as Markdown from the record (summary, impact, timeline, commits, deploys, whys, root cause, action items, regulatory notifications). Nothing is written; use it to review or draft the retrospective.",
  input: z.object({ id: incidentIdInput }),
  async run(input, workspace) {
    const incident = findIncident(workspace, input.id);
    const markdown = postmortemOf(incident, workspace);
    return { text: markdown, data: { id: incident.id, markdown } };
  },
});

export const READ_TOOLS = [listIncidents, getIncident, suspects, changesBetween, metrics, postmortem];
