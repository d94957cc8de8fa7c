/**
 * The follow-ups pass: action items exported as issues in the plan's
 * tracker, once across the team, and issues read back. What `incident
 * followups export|sync` run, and VS Code in the background while online
 * (`runFollowups`).
 *
 * An export is asked for first (askExports: the item's `export` record,
 * pending, written whether or not the network is there); then each pending record is taken through the delivery protocol
 * (src/core/delivery/deliveryRecords.ts) as the delivery loop does: a claim
 * written and synced before deciding again; `sending` written and synced,
 * the request made only when that sync succeeded (otherwise the mark is
 * taken back and a later run makes it); the outcome written and synced. A
 * stale `sending` becomes failed and uncertain, never made again by itself.
 * Every write goes through the store's lock and re-checks the step on the
 * record as it is then.
 *
 * The token is looked up by the plan's secret name and goes only into the
 * request; a missing one fails the export (not retried) with the line
 * saying where it goes.
 */
import { DELIVERY_TIMES, nextDeliveryStep, withClaim, withSending, withUncertain } from '../../core/delivery/deliveryRecords';
import { fillLink, whereSecretGoes } from '../../core/delivery/deliveryKinds';
import type { ResponsePlan } from '../../core/plan/plan';
import { trackerSecretName, trackerSettings, type TrackerPlan } from '../../core/plan/trackerPlan';
import { followupState, issueContent, withExportAsked, withExportChanged, withIssueClosed, withIssueOutcome, type FollowupState } from '../../core/retrospective/followups';
import type { ActionItem, Incident, TrackerExport } from '../../core/record/schema';
import type { IncidentStore } from '../../store/incidentStore';
import type { Fetch } from '../delivery/httpPost';
import { createIssue, readIssue } from './trackerClient';

export interface FollowupWriter {
  readonly store: Pick<IncidentStore, 'read' | 'update'>;
}

export interface FollowupOptions {
  machine: string;
  /** Who the timeline names when an issue closes, and who asked for an export. */
  person: string;
  plan: Pick<ResponsePlan, 'tracker' | 'links'>;
  secrets: (name: string) => string | undefined;
  /** Team sync; true when it succeeded. Absent: this clone is the only writer. */
  sync?: () => Promise<boolean>;
  now: () => Date;
  times?: typeof DELIVERY_TIMES;
  timeoutMs: number;
  fetch?: Fetch;
  /** Only these incidents (default: all). */
  incidents?: readonly string[];
  /** Say what would be exported, writing and sending nothing. */
  dryRun?: boolean;
}

export interface FollowupReport {
  incident: string;
  item: string;
  title: string;
  state: FollowupState | 'would export';
  url?: string;
  /** One line, never a token. */
  reason?: string;
}

const MAX_TURNS = 6;

interface Credentials {
  tracker: TrackerPlan;
  token: string;
}

const credentialsOf = (options: FollowupOptions): Credentials | undefined => {
  const tracker = options.plan.tracker;
  const token = tracker ? options.secrets(trackerSecretName(tracker)) : undefined;
  return tracker && token ? { tracker, token } : undefined;
};

/** Why a pass can do nothing: no tracker in the plan, or no token (and where it goes). */
export function blocked(options: Pick<FollowupOptions, 'plan' | 'secrets'>): string | undefined {
  const tracker = options.plan.tracker;
  if (!tracker) return 'the plan has no "tracker" block';
  return options.secrets(trackerSecretName(tracker)) ? undefined : `no token for the tracker: put it in ${whereSecretGoes(trackerSecretName(tracker))}`;
}

const loaded = (writer: FollowupWriter, options: Pick<FollowupOptions, 'incidents'>): Incident[] => {
  const read = writer.store.read();
  return read.kind === 'loaded' ? read.document.incidents.filter((incident) => !options.incidents || options.incidents.includes(incident.id)) : [];
};

const findItem = (writer: FollowupWriter, incidentId: string, itemId: string) => {
  const incident = loaded(writer, {}).find((candidate) => candidate.id === incidentId);
  const item = incident?.retrospective.actionItems.find((candidate) => candidate.id === itemId);
  return incident && item ? { incident, item } : undefined;
};

/** Writes `change` to the item's export under the lock when `still` holds for the record as it is then; returns what was written. */
async function changeExport(
  writer: FollowupWriter,
  incidentId: string,
  itemId: string,
  still: (record: TrackerExport) => boolean,
  change: (record: TrackerExport) => TrackerExport,
) {
  let written: TrackerExport | undefined;
  await writer.store.update(incidentId, (incident) => withExportChanged(incident, itemId, (record) => (still(record) ? (written = change(record)) : record)));
  return written;
}

/** Marks the chosen items for export to the plan's tracker (those already marked are left as they are); returns how many were marked. */
export async function askExports(writer: FollowupWriter, chosen: readonly { incident: string; item: string }[], options: FollowupOptions): Promise<number> {
  const tracker = options.plan.tracker;
  if (!tracker) return 0;
  let count = 0;
  for (const incidentId of [...new Set(chosen.map((target) => target.incident))]) {
    const items = chosen.filter((target) => target.incident === incidentId).map((target) => target.item);
    await writer.store.update(incidentId, (incident) =>
      items.reduce((current, itemId) => {
        const next = withExportAsked(current, itemId, tracker.kind, options.machine, options.person, options.now());
        if (next !== current) count++;
        return next;
      }, incident),
    );
  }
  return count;
}

/** The request that makes the issue, once this machine holds the only fresh claim: `sending` synced first. False when the run should stop here (team sync failed). */
async function makeIssue(
  writer: FollowupWriter,
  incidentId: string,
  itemId: string,
  { tracker, token }: Credentials,
  options: FollowupOptions,
  still: (record: TrackerExport) => boolean,
): Promise<boolean> {
  const { machine, now } = options;
  const times = options.times ?? DELIVERY_TIMES;
  let before: TrackerExport | undefined;
  const marked = await changeExport(writer, incidentId, itemId, still, (record) => withSending((before = record), machine, now()));
  if (!marked) return true;
  const ours = (record: TrackerExport) => record.state === 'sending' && record.sendingBy === machine && record.attempts === marked.attempts;
  if (options.sync && !(await options.sync())) {
    // The mark never reached the team: taken back, so a later run makes the issue, never two runs.
    await changeExport(writer, incidentId, itemId, ours, () => before as TrackerExport);
    return false;
  }
  const found = findItem(writer, incidentId, itemId);
  const content = found && issueContent(found.incident, found.item, fillLink(options.plan.links?.incidentUrl, incidentId));
  const outcome = content
    ? await createIssue(trackerSettings(tracker), content, token, options)
    : { ok: false as const, reason: 'the action item is gone from the store', retryable: false };
  await changeExport(writer, incidentId, itemId, ours, (record) => withIssueOutcome(record, machine, outcome, now(), times));
  if (options.sync) await options.sync();
  return true;
}

/** One export taken as far as this run can: made, failed, or waiting (a claim, a backoff, the network). */
async function exportOne(writer: FollowupWriter, incidentId: string, itemId: string, credentials: Credentials, options: FollowupOptions): Promise<void> {
  const { machine, now } = options;
  const times = options.times ?? DELIVERY_TIMES;
  const stepIs = (kind: string) => (record: TrackerExport) => nextDeliveryStep(record, machine, now(), times).do === kind;
  for (let turn = 0; turn < MAX_TURNS; turn++) {
    const record = findItem(writer, incidentId, itemId)?.item.export;
    if (!record || (record.state !== 'pending' && record.state !== 'sending')) return;
    const step = nextDeliveryStep(record, machine, now(), times);
    if (step.do === 'give-up-uncertain') await changeExport(writer, incidentId, itemId, stepIs(step.do), withUncertain);
    else if (step.do === 'claim') {
      const claimed = await changeExport(writer, incidentId, itemId, stepIs('claim'), (latest) => withClaim(latest, machine, step.round, now()));
      if (claimed && options.sync && !(await options.sync())) return;
    } else if (step.do !== 'send' || !(await makeIssue(writer, incidentId, itemId, credentials, options, stepIs('send')))) return;
  }
}

const unfinished = (item: ActionItem) => item.export?.state === 'pending' || item.export?.state === 'sending';

/** Every item with an export, where it stands now (no network, nothing written). */
export function followupReports(writer: FollowupWriter, options: Pick<FollowupOptions, 'incidents' | 'dryRun'>): FollowupReport[] {
  return loaded(writer, options).flatMap((incident) =>
    incident.retrospective.actionItems
      .filter((item) => item.export)
      .map((item) => ({
        incident: incident.id,
        item: item.id,
        title: item.title,
        state: options.dryRun && unfinished(item) ? ('would export' as const) : followupState(item),
        ...(item.export?.url ? { url: item.export.url } : {}),
        ...(item.export?.lastError && item.export.state !== 'sent' ? { reason: item.export.lastError } : {}),
      })),
  );
}

/**
 * Every pending export taken as far as it can go now; with the plan's
 * `export: "auto"`, every open item not yet exported is asked for first.
 * Without a tracker or its token nothing is tried: what waits keeps waiting
 * (see `blocked`).
 */
export async function exportFollowups(writer: FollowupWriter, options: FollowupOptions): Promise<FollowupReport[]> {
  const credentials = credentialsOf(options);
  if (options.plan.tracker?.export === 'auto' && !options.dryRun) {
    const open = loaded(writer, options).flatMap((incident) =>
      incident.retrospective.actionItems.filter((item) => item.status === 'open' && !item.export).map((item) => ({ incident: incident.id, item: item.id })),
    );
    await askExports(writer, open, options);
  }
  if (!options.dryRun && credentials)
    for (const incident of loaded(writer, options))
      for (const item of incident.retrospective.actionItems.filter(unfinished)) await exportOne(writer, incident.id, item.id, credentials, options);
  return followupReports(writer, options);
}

/** Reads back every open item's issue; a closed one marks the item done, the timeline saying so. Failures to read are left for the next pass. */
export async function readBackFollowups(writer: FollowupWriter, options: FollowupOptions): Promise<{ closed: number; unread: string[] }> {
  const credentials = credentialsOf(options);
  const result = { closed: 0, unread: [] as string[] };
  if (!credentials || options.dryRun) return result;
  const { tracker, token } = credentials;
  for (const incident of loaded(writer, options))
    for (const item of incident.retrospective.actionItems) {
      const record = item.export;
      if (item.status !== 'open' || record?.state !== 'sent' || !record.issue || record.closedAt || record.tracker !== tracker.kind) continue;
      const read = await readIssue(trackerSettings(tracker), record.issue, token, options);
      if (!read.ok) result.unread.push(`${item.id}: ${read.reason}`);
      else if (read.closed) {
        await writer.store.update(incident.id, (current) => withIssueClosed(current, item.id, options.now(), options.person));
        result.closed++;
      }
    }
  if (result.closed && options.sync) await options.sync();
  return result;
}

export interface FollowupPass {
  reports: FollowupReport[];
  /** Why nothing was exported or read (no tracker in the plan, no token: where it goes), one line. */
  blocked?: string;
  /** Items marked done because their issue closed, in this pass. */
  closed: number;
  /** Issues that could not be read this time ("AI-…: reason"). */
  unread: string[];
}

/** The whole pass (`incident followups sync`, VS Code's background pass): sync, export what waits, read back the issues. */
export async function runFollowups(writer: FollowupWriter, options: FollowupOptions): Promise<FollowupPass> {
  if (options.sync && !options.dryRun) await options.sync();
  await exportFollowups(writer, options);
  const { closed, unread } = await readBackFollowups(writer, options);
  return { reports: followupReports(writer, options), closed, unread, ...(blocked(options) ? { blocked: blocked(options) } : {}) };
}
