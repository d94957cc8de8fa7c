/**
 * `incident followups`: action items as issues in the plan's tracker
 * (src/workflows/tracker/followupLoop.ts).
 *   - `export [ID] [--retry] [--dry-run]`: ID an action item (or an incident:
 *     its open items) is marked for export, then every export waiting is
 *     made; offline, it waits for a later run. `--retry` asks again for a
 *     failed or uncertain one (look in the tracker first).
 *   - `sync [--json]`: team sync, the exports waiting (every open item with
 *     the plan's `export: "auto"`), then each issue read back: closed marks
 *     its item done, the timeline saying so.
 *   - `list [--json]`: where each exported item stands, without the network.
 * Exit codes: 0 done (what waits for the network is said, not an error);
 * 1 a usage error or no tracker in the plan; 2 the tracker's token is
 * missing, or an export this run touched ended failed or uncertain.
 */
import { retriedExport, withExportChanged } from '../core/retrospective/followups';
import { terminalText } from '../core/text/terminalText';
import { askExports, blocked, exportFollowups, followupReports, runFollowups, type FollowupOptions, type FollowupReport } from '../workflows/tracker/followupLoop';
import { machineId } from '../workflows/delivery/machineId';
import { UsageError, VerbExit, type CliContext } from './cliContext';
import { DEFAULT_DELIVERY_SECONDS, deliveryTimes, secretFromEnvironment, teamSyncFor } from './deliveryRuns';
import { planOf } from './incidentLines';
import { loaded, verbArguments, type Verb } from './verbSupport';

const USAGE =
  "incident followups export [ID] [--retry] [--dry-run] [--json]  |  incident followups sync [--json]  |  incident followups list [--json]   (exit 2: the tracker's token is missing, or a follow-up needs a person)";

function followupOptions({ store, now, author }: CliContext, dryRun: boolean): FollowupOptions {
  const plan = planOf(store);
  if (!plan.tracker) throw new UsageError('the plan has no "tracker" block: add one to .incidents/plan.json (docs/plan.md, "Tracker")');
  const sync = dryRun ? undefined : teamSyncFor(store, DEFAULT_DELIVERY_SECONDS * 1000, author);
  return {
    machine: machineId(),
    person: author,
    plan,
    secrets: secretFromEnvironment,
    now,
    times: deliveryTimes(),
    timeoutMs: DEFAULT_DELIVERY_SECONDS * 1000,
    ...(sync ? { sync } : {}),
    ...(dryRun ? { dryRun } : {}),
  };
}

function requireToken(options: FollowupOptions): void {
  const reason = blocked(options);
  if (reason) throw new VerbExit(`${reason}; nothing was exported`, 2);
}

/** The items an ID names: one action item, or an incident's open items. */
function chosenItems(context: CliContext, id: string): { incident: string; item: string }[] {
  const { incidents } = loaded(context.store);
  const owner = incidents.find((incident) => incident.retrospective.actionItems.some((item) => item.id === id));
  if (owner) return [{ incident: owner.id, item: id }];
  const incident = incidents.find((candidate) => candidate.id === id.toUpperCase());
  if (!incident)
    throw new UsageError(`no action item or incident "${terminalText(id, { oneLine: true })}": give an action item's id (as "incident action add" printed it) or an incident's`);
  return incident.retrospective.actionItems.filter((item) => item.status === 'open').map((item) => ({ incident: incident.id, item: item.id }));
}

const line = (report: FollowupReport) =>
  `${report.incident} ${report.item} ${report.state}${report.url ? ` ${report.url}` : ''}: ${terminalText(report.title, { oneLine: true })}${
    report.reason ? ` (${terminalText(report.reason, { oneLine: true })})` : ''
  }`;

function say(reports: readonly FollowupReport[], out: (line: string) => void, json: boolean, extra: Record<string, unknown> = {}): void {
  if (json) return out(JSON.stringify({ followups: reports, ...extra }, null, 2));
  if (!reports.length) return out('No action item is exported yet.');
  for (const report of reports) out(line(report));
}

/** Each exported item's state before the run, to tell what this run changed. */
const statesNow = (context: CliContext) => new Map(followupReports({ store: context.store }, {}).map((report) => [report.item, report.state]));

/** Exit 2 when a follow-up this run touched ended failed or uncertain (one that was already so before is not news). */
function failIfStuck(reports: readonly FollowupReport[], before: ReadonlyMap<string, string>): void {
  const stuck = reports.filter((report) => (report.state === 'failed' || report.state === 'uncertain') && before.get(report.item) !== report.state);
  if (stuck.length) throw new VerbExit(`${stuck.length} follow-up(s) need a person: ${stuck.map((report) => report.item).join(', ')} (see the lines above)`, 2);
}

async function exportVerb(args: string[], context: CliContext): Promise<void> {
  const { values, positionals } = verbArguments(args, {
    'dry-run': { type: 'boolean', default: false },
    retry: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length > 1) throw new UsageError(`give one ID at most; ${USAGE}`);
  const options = followupOptions(context, values['dry-run']);
  const chosen = positionals[0] === undefined ? [] : chosenItems(context, positionals[0]);
  if (values.retry && !chosen.length) throw new UsageError('--retry needs the ID of the action item to export again');
  if (!values['dry-run']) requireToken(options);
  const writer = { store: context.store };
  const before = statesNow(context);
  if (!values['dry-run']) {
    if (values.retry)
      for (const { incident, item } of chosen)
        await context.store.update(incident, (current) =>
          withExportChanged(current, item, (record) => (record.state === 'failed' ? retriedExport(record, options.machine, context.now(), options.times) : record)),
        );
    await askExports(writer, chosen, options);
  }
  const reports = await exportFollowups(writer, options);
  const shown = chosen.length ? reports.filter((report) => chosen.some((target) => target.item === report.item)) : reports;
  const wouldAdd = values['dry-run']
    ? chosen
        .filter((target) => !reports.some((report) => report.item === target.item))
        .map((target) => ({
          ...target,
          title:
            loaded(context.store)
              .incidents.find((incident) => incident.id === target.incident)
              ?.retrospective.actionItems.find((item) => item.id === target.item)?.title ?? '',
          state: 'would export' as const,
        }))
    : [];
  say([...shown, ...wouldAdd], context.out, values.json);
  failIfStuck(shown, before);
}

async function syncVerb(args: string[], context: CliContext): Promise<void> {
  const { values, positionals } = verbArguments(args, { json: { type: 'boolean', default: false } });
  if (positionals.length) throw new UsageError(`"followups sync" takes no ID; ${USAGE}`);
  const options = followupOptions(context, false);
  requireToken(options);
  const before = statesNow(context);
  const pass = await runFollowups({ store: context.store }, options);
  say(pass.reports, context.out, values.json, values.json ? { closed: pass.closed, unread: pass.unread } : {});
  if (!values.json) {
    if (pass.closed) context.out(`${pass.closed} action item(s) marked done: their issues were closed`);
    for (const unread of pass.unread) context.err?.(`incident: warning: could not read an issue: ${terminalText(unread, { oneLine: true })}; the next sync tries again`);
  }
  failIfStuck(pass.reports, before);
}

export const FOLLOWUP_VERBS: Record<string, Verb> = {
  followups: {
    summary: "export action items as issues in the plan's tracker (GitHub, GitLab, Jira) once across the team, and mark them done when their issues close",
    usage: USAGE,
    async run(args, context) {
      const [mode, ...rest] = args;
      if (mode === 'export') return exportVerb(rest, context);
      if (mode === 'sync') return syncVerb(rest, context);
      if (mode === 'list') {
        const { values, positionals } = verbArguments(rest, { json: { type: 'boolean', default: false } });
        if (positionals.length) throw new UsageError(`"followups list" takes no ID; ${USAGE}`);
        return say(followupReports({ store: context.store }, {}), context.out, values.json);
      }
      throw new UsageError(`use "followups export", "followups sync" or "followups list"; ${USAGE}`);
    },
  },
};
