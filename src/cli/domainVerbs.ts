/** Verbs over the incident domain: roles, severity, checklist, updates, action items, postmortem, metrics. */
import { relative } from 'node:path';
import { addActionItem, assignRole, changeSeverity, postStatusUpdate, setActionItemStatus, setSummaryAndImpact } from '../core/lifecycle/changes';
import { tickChecklist } from '../core/plan/checklist';
import { computeMetrics, durationSummary, metricsToCsv } from '../core/retrospective/metrics';
import { CATEGORIES, CHECKLIST_ITEM_IDS, ROLE_NAMES, SEVERITIES, UPDATE_AUDIENCES } from '../core/record/recordValues';
import { categoryChoices, categoryFrom, severityFrom } from '../core/record/vocabulary';
import { calendarMinutes, sinceDate } from '../core/clocks/durations';
import { writePostmortem } from '../store/postmortemFile';
import { regulatoryClocks } from '../core/clocks/regulatory';
import { typeView } from '../core/plan/fieldValues';
import type { Incident } from '../core/record/schema';
import { terminalText } from '../core/text/terminalText';
import { acknowledge, acknowledgement } from '../core/lifecycle/acknowledge';
import { changeIncident } from '../workflows/incidentWrites';
import { cliWriter, deliverUnlessTold, sayRunbooksLeftOut } from './planNotices';
import { UsageError } from './cliContext';
import { chosen } from './usageHelp';
import { personArgument } from './personArgument';
import { findIncident, loaded, oneOf, type Verb, verbArguments } from './verbSupport';

/** `30m`, `2h`, `1d` from now. */
function parseOffset(text: string, now: Date): Date {
  const minutes = calendarMinutes(text);
  if (minutes === undefined) throw new UsageError(`--next must look like 30m, 2h or 1d (got "${text}")`);
  return new Date(now.getTime() + minutes * 60_000);
}

/** An incident type's id as `--type` gives it (any id, so a type the plan has dropped still selects its incidents). */
function typeFilter(text: string): string {
  const id = text.trim();
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id))
    throw new UsageError(`--type must be a type id like "data-loss" ("incident types" lists them; got "${terminalText(text, { oneLine: true })}")`);
  return id;
}

/** `90d` ago or a date. */
function parseSince(text: string, now: Date): Date {
  const since = sinceDate(text, now);
  if (!since) throw new UsageError(`--since must look like 90d or 2026-01-31 (got "${text}")`);
  return since;
}

/** The recurrence (or why it was not checked), loading git's code only for the postmortem. */
async function recurrenceOrProblem(store: { root: string; relativeDir: string }, incident: Incident, incidents: readonly Incident[]) {
  const [{ GitRepository }, related] = await Promise.all([import('../git/gitRepository'), import('../workflows/relatedSources')]);
  return related.recurrenceOrProblem(new GitRepository(store.root), store, incident, incidents);
}

export const DOMAIN_VERBS: Record<string, Verb> = {
  assign: {
    summary: 'assign a role (commander, admin, scribe, communicator, patcher, responder) to a person',
    usage: `incident assign ID ${ROLE_NAMES.join('|')} PERSON`,
    async run(args, { store, now, author, out, err }) {
      const { positionals } = verbArguments(args, {});
      const incident = findIncident(store, positionals[0]);
      const role = oneOf(positionals[1], ROLE_NAMES, 'the role');
      const typed = positionals.slice(2).join(' ').trim();
      if (!typed) throw new UsageError('name the person ("Name <email>" or a handle)');
      const person = await personArgument(typed, 'the person', store, author, err);
      await store.update(incident.id, (current) => assignRole(current, role, person, { at: now(), author }));
      out(`${person} is ${role} of ${incident.id}`);
    },
  },
  ack: {
    summary: 'acknowledge an incident: you have it (stops its response clock and any escalation; you command it if nobody does)',
    usage: 'incident ack ID',
    async run(args, { store, now, author, out }) {
      const { positionals } = verbArguments(args, {});
      const incident = findIncident(store, positionals[0]);
      if (positionals.length > 1) throw new UsageError(`acknowledge one incident: incident ack ${incident.id}`);
      let acknowledgedNow = false;
      const updated = await store.update(incident.id, (current) => {
        const next = acknowledge(current, { at: now(), author });
        acknowledgedNow = next !== current;
        return next;
      });
      const first = acknowledgement(updated);
      if (!acknowledgedNow) out(`${updated.id} was already acknowledged at ${updated.acknowledgedAt}${first?.by ? ` by ${terminalText(first.by)}` : ''}; nothing changed`);
      else out(`${updated.id} acknowledged by ${terminalText(author)}; commander ${terminalText(updated.roles.commander ?? author)}`);
    },
  },
  severity: {
    summary: 'change the severity (the SLA clocks are re-timed)',
    usage: `incident severity ID ${SEVERITIES.join('|')}`,
    async run(args, { store, now, author, out }) {
      const { positionals } = verbArguments(args, {});
      const incident = findIncident(store, positionals[0]);
      const severity = chosen(positionals[1], severityFrom, 'the severity', SEVERITIES.join(', '));
      const { runbooksLeftOut } = await changeIncident(
        cliWriter(store),
        incident.id,
        (current, ctx) => changeSeverity(current, severity, ctx),
        { at: now(), author },
        { runbookTasks: true },
      );
      sayRunbooksLeftOut(runbooksLeftOut);
      out(`${incident.id} is ${severity}`);
    },
  },
  check: {
    summary: 'tick (or with --off untick) a triage checklist item',
    usage: `incident check ID ${CHECKLIST_ITEM_IDS.join('|')} [--off]`,
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { off: { type: 'boolean', default: false } });
      const incident = findIncident(store, positionals[0]);
      const item = oneOf(positionals[1], CHECKLIST_ITEM_IDS, 'the checklist item');
      await store.update(incident.id, (current) => tickChecklist(current, item, !values.off, { at: now(), author }));
      out(`${values.off ? 'Unticked' : 'Ticked'} ${item} on ${incident.id}`);
    },
  },
  update: {
    summary: 'post a status update, with the time of the next one',
    usage: "incident update ID TEXT [--audience WHO] [--next 30m|2h|1d] [--no-deliver]   (delivered to the plan's channels for that audience)",
    async run(args, { store, now, author, out, err }) {
      const { values, positionals } = verbArguments(args, {
        audience: { type: 'string', default: UPDATE_AUDIENCES[0] },
        next: { type: 'string' },
        'no-deliver': { type: 'boolean', default: false },
      });
      const incident = findIncident(store, positionals[0]);
      const text = positionals.slice(1).join(' ').trim();
      if (!text) throw new UsageError('the update needs some text');
      const at = now();
      const nextUpdateBy = values.next ? parseOffset(values.next, at) : undefined;
      const { incident: updated, deliveries } = await changeIncident(
        cliWriter(store),
        incident.id,
        (current, ctx) => postStatusUpdate(current, { audience: values.audience, text, ...(nextUpdateBy && { nextUpdateBy }) }, ctx),
        { at, author },
      );
      out(`Posted an update on ${incident.id}${nextUpdateBy ? `; next by ${nextUpdateBy.toISOString()}` : ''}`);
      await deliverUnlessTold(store, updated.id, deliveries.length, values['no-deliver'], { now, author, err });
    },
  },
  action: {
    summary: 'add a retrospective action item, or mark one done',
    usage: 'incident action add ID TITLE [--owner P] [--due YYYY-MM-DD] [--ticket URL]  |  incident action done ID ACTION_ID',
    async run(args, { store, now, author, out, err }) {
      const { values, positionals } = verbArguments(args, { owner: { type: 'string' }, due: { type: 'string' }, ticket: { type: 'string' } });
      const [mode, id, ...rest] = positionals;
      const incident = findIncident(store, id);
      if (mode === 'add') {
        if (values.owner !== undefined) values.owner = await personArgument(values.owner, '--owner', store, author, err);
        const title = rest.join(' ').trim();
        if (!title) throw new UsageError('the action item needs a title');
        if (values.due && (!/^\d{4}-\d\d-\d\d$/.test(values.due) || Number.isNaN(Date.parse(values.due))))
          throw new UsageError(`--due must be a date like 2026-12-31 (got "${values.due}")`);
        const updated = await store.update(incident.id, (current) =>
          addActionItem(
            current,
            { title, ...(values.owner && { owner: values.owner }), ...(values.due && { due: values.due }), ...(values.ticket && { ticket: values.ticket }) },
            { at: now(), author },
          ),
        );
        out(updated.retrospective.actionItems.at(-1)?.id ?? '');
        return;
      }
      if (mode === 'done') {
        const actionId = rest[0];
        if (!incident.retrospective.actionItems.some((item) => item.id === actionId)) throw new UsageError(`${incident.id} has no action item "${actionId ?? ''}"`);
        await store.update(incident.id, (current) => setActionItemStatus(current, actionId, 'done', { at: now(), author }));
        out(`Action item ${actionId} of ${incident.id} is done`);
        return;
      }
      throw new UsageError('use "incident action add ID TITLE" or "incident action done ID ACTION_ID"');
    },
  },
  summary: {
    summary: "set the postmortem's summary and impact (kept in the record, so a re-export keeps them); alone, print them",
    usage: 'incident summary ID [--summary TEXT] [--impact TEXT]',
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { summary: { type: 'string' }, impact: { type: 'string' } });
      const incident = findIncident(store, positionals[0]);
      if (values.summary === undefined && values.impact === undefined) {
        // Text from the record (a teammate's, an agent's): shown as `show` shows it, escapes visible.
        out(`Summary: ${incident.summary === undefined ? '(not written yet)' : terminalText(incident.summary)}`);
        out(`Impact: ${incident.impact === undefined ? '(not written yet)' : terminalText(incident.impact)}`);
        return;
      }
      const texts = { ...(values.summary !== undefined && { summary: values.summary }), ...(values.impact !== undefined && { impact: values.impact }) };
      const updated = await store.update(incident.id, (current) => setSummaryAndImpact(current, texts, { at: now(), author }));
      const changed = updated.timeline.length > incident.timeline.length;
      const what = Object.keys(texts).length === 2 ? 'Summary and impact' : texts.summary !== undefined ? 'Summary' : 'Impact';
      out(`${what} of ${incident.id} ${changed ? 'updated' : 'unchanged'}`);
    },
  },
  postmortem: {
    summary: 'write the postmortem to .incidents/postmortems/ID.md (your Notes section is kept)',
    usage: 'incident postmortem ID [--highlights-only]   (--highlights-only: the timeline lists only the starred key moments)',
    async run(args, { store, now, out }) {
      const { values, positionals } = verbArguments(args, { 'highlights-only': { type: 'boolean', default: false } });
      const incident = findIncident(store, positionals[0]);
      const { planOf } = await import('./incidentLines');
      const plan = planOf(store);
      const at = now();
      const { recurrence, problem } = await recurrenceOrProblem(store, incident, loaded(store).incidents);
      const { path, updated } = writePostmortem(store, incident, loaded(store).deploys, at, {
        regulatory: regulatoryClocks(incident, plan.regulatory, plan.sla.timeZone, at, plan),
        highlightsOnly: values['highlights-only'],
        ...(recurrence && { recurrence }),
        ...(incident.type && { type: typeView(plan, incident) }),
      });
      out(`${updated ? 'Updated' : 'Wrote'} ${relative(store.root, path)}`);
      if (problem) out(`(recurrence not checked: ${problem})`);
    },
  },
  metrics: {
    summary: 'response metrics: time to acknowledge, mitigate, resolve, detect; SLA adherence; open action items; drills apart (--include-drills counts them too)',
    usage: `incident metrics [--since 90d|YYYY-MM-DD] [--category ${CATEGORIES.join('|')}] [--severity SEV1..SEV4] [--type TYPE] [--include-drills] [--json|--csv]`,
    async run(args, { store, now, out }) {
      const { values } = verbArguments(
        args,
        {
          since: { type: 'string' },
          category: { type: 'string' },
          severity: { type: 'string' },
          type: { type: 'string' },
          json: { type: 'boolean', default: false },
          csv: { type: 'boolean', default: false },
          'include-drills': { type: 'boolean', default: false },
        },
        false,
      );
      const at = now();
      const read = store.read();
      if (read.kind === 'unusable') throw read.error;
      const document = read.kind === 'loaded' ? read.document : undefined;
      const { policyOf } = await import('./incidentLines');
      const metrics = computeMetrics(document?.incidents ?? [], document?.deploys ?? [], policyOf(store), {
        now: at,
        ...(values.since && { since: parseSince(values.since, at) }),
        ...(values.category && { category: chosen(values.category, categoryFrom, '--category', categoryChoices()) }),
        ...(values.severity && { severity: chosen(values.severity, severityFrom, '--severity', SEVERITIES.join(', ')) }),
        ...(values.type !== undefined && { type: typeFilter(values.type) }),
        ...(values['include-drills'] && { includeDrills: true }),
      });
      if (values.json) return out(JSON.stringify(metrics, null, 2));
      if (values.csv) return out(metricsToCsv(metrics).trimEnd());
      out(`${metrics.incidents} incident(s)${values['include-drills'] ? ', drills included' : ''}`);
      for (const measure of ['acknowledge', 'mitigate', 'resolve', 'detect'] as const) out(`time to ${measure.padEnd(11)} ${durationSummary(metrics.overall[measure])}`);
      out(`impact start known for ${metrics.impactStartKnown} of ${metrics.incidents} ("incident started ID TIME" records it; time to detect needs it)`);
      for (const severity of SEVERITIES) {
        const { response, resolution } = metrics.bySeverity[severity];
        const rate = (a: { rate?: number }) => (a.rate === undefined ? '—' : `${Math.round(a.rate * 100)}%`);
        out(
          `${severity} SLA: response ${rate(response)} met (${response.met}/${response.met + response.breached}), resolution ${rate(resolution)} met (${resolution.met}/${resolution.met + resolution.breached})`,
        );
      }
      for (const { type, metrics: set } of metrics.byType ?? []) out(`type ${type}: ${set.incidents} incident(s), time to resolve ${durationSummary(set.resolve)}`);
      out(`open action items: ${metrics.openActionItems.total} (${metrics.openActionItems.over30Days} older than 30 days)`);
      const { drills } = metrics;
      out(`drills: ${drills.count}${drills.count ? ` (${drills.dates.map((at) => at.slice(0, 10)).join(', ')}); time to acknowledge ${durationSummary(drills.acknowledge)}` : ''}`);
    },
  },
};
