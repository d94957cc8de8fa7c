/**
 * The delivery loop: for every delivery record in the store, what
 * nextDeliveryStep says, done exactly as the protocol in
 * src/core/delivery/deliveryRecords.ts asks: a claim is written and synced
 * before deciding again; `sending` is written and synced, and only when that
 * sync succeeded does the request go out; then the outcome is written. When
 * the sync cannot be done, the `sending` mark is taken back and the delivery
 * waits. Each write goes through the store's lock, re-checking the step on
 * the record as it is then (another run may have moved it).
 *
 * With `remindOverdue`, the reminders that an update is overdue are added
 * first (reminderPass.ts), under the lock, before the work is collected; a
 * reminder no longer wanted (the update came) is marked obsolete there, and
 * again just before it would be sent, whether reminders are on or not.
 *
 * Secrets are looked up by the channel's secret name (channelSecretName) and
 * go only into the request: a missing one fails the delivery (not retried)
 * with the line saying where it goes; no secret reaches the store, a reason
 * or the summary (reasons come from sendResult.ts and smtpFailure.ts).
 */
import { channelSecretName, whereSecretGoes } from '../../core/delivery/deliveryKinds';
import { DELIVERY_TIMES, nextDeliveryStep, withClaim, withObsolete, withOutcome, withSending, withUncertain, type DeliveryOutcome } from '../../core/delivery/deliveryRecords';
import { reminderObsolete } from '../../core/delivery/overdueReminders';
import { resolvePolicy } from '../../core/clocks/sla';
import type { DeliveryRecord, Incident } from '../../core/record/schema';
import type { IncidentStore } from '../../store/incidentStore';
import { passReminders } from './reminderPass';
import { escalationFor, escalationObsolete, escalationPlan, escalationText } from '../../core/delivery/escalations';
import { addTimelineEvent } from '../../core/lifecycle/timeline';
import { sendDelivery, type SendPlan, type SendSettings } from './sendDelivery';

export interface DeliveryWriter {
  readonly store: Pick<IncidentStore, 'read' | 'update'>;
}

export interface RunOptions extends SendSettings {
  machine: string;
  plan: SendPlan;
  secrets: (name: string) => string | undefined;
  /** Team sync; true when it succeeded. Absent: this clone is the only writer. */
  sync?: () => Promise<boolean>;
  now: () => Date;
  times?: typeof DELIVERY_TIMES;
  /** Only these incidents (default: all). */
  incidents?: readonly string[];
  /** List what would be done, writing and sending nothing. */
  dryRun?: boolean;
  /** Add the reminders that an update is overdue first (to the channels with `remindOverdue`), written by `person`. */
  remindOverdue?: { person: string };
}

export interface DeliveryReport {
  incident: string;
  delivery: string;
  channel: string;
  event: string;
  state: 'sent' | 'failed' | 'waiting' | 'would send' | 'obsolete';
  /** One line, never a secret. */
  reason?: string;
}

export interface DeliverySummary {
  sent: DeliveryReport[];
  failed: DeliveryReport[];
  waiting: DeliveryReport[];
  wouldSend: DeliveryReport[];
  /** Reminders found no longer wanted on the way (the update came): not sent. */
  obsolete: DeliveryReport[];
}

const MAX_STEPS = 6;

function incidents(writer: DeliveryWriter): Incident[] {
  const read = writer.store.read();
  return read.kind === 'loaded' ? read.document.incidents : [];
}

const current = (writer: DeliveryWriter, incidentId: string, id: string) =>
  incidents(writer)
    .find((incident) => incident.id === incidentId)
    ?.deliveries?.find((record) => record.id === id);

/** Writes `change(record)` under the lock when `still(record)` holds for the record as it is then; returns the record written, or undefined. */
async function writeRecord(
  writer: DeliveryWriter,
  incidentId: string,
  id: string,
  still: (record: DeliveryRecord) => boolean,
  change: (record: DeliveryRecord) => DeliveryRecord,
  /** A change of the incident itself in the same write (a page noted on the timeline). */
  alsoIncident?: (incident: Incident) => Incident,
) {
  let written: DeliveryRecord | undefined;
  await writer.store.update(incidentId, (incident) => {
    const records = incident.deliveries ?? [];
    const index = records.findIndex((record) => record.id === id);
    if (index < 0 || !still(records[index])) return incident;
    written = change(records[index]);
    const next = { ...incident, deliveries: records.map((record, i) => (i === index ? (written as DeliveryRecord) : record)) };
    return alsoIncident ? alsoIncident(next) : next;
  });
  return written;
}

/** The timeline's note of a page sent for an escalation, in the name of the machine's person. */
function withPageNoted(incident: Incident, record: DeliveryRecord, options: RunOptions, at: Date): Incident {
  const step = escalationFor(incident, record, escalationPlan(options.plan));
  if (!step) return incident;
  const author = options.remindOverdue?.person ?? record.createdBy;
  return addTimelineEvent(
    incident,
    { kind: 'note', text: escalationText(step.target, record.channel), data: { escalation: record.message, person: step.target.person } },
    { at, author },
  );
}

/** Why this delivery, a reminder or an escalation, is no longer to be sent; undefined for any other message. */
const obsoletePage = (incident: Incident, record: DeliveryRecord, options: RunOptions) =>
  record.event === 'overdue'
    ? reminderObsolete(incident, record, options.plan.sla ?? resolvePolicy(undefined))
    : record.event === 'escalation'
      ? escalationObsolete(incident)
      : undefined;

/** One delivery taken as far as this run can: sent, failed, or waiting (for a claim, a backoff, a sync). */
async function deliverOne(
  writer: DeliveryWriter,
  incidentId: string,
  id: string,
  options: RunOptions,
): Promise<Omit<DeliveryReport, 'incident' | 'delivery' | 'channel' | 'event'>> {
  const { machine, now } = options;
  const times = options.times ?? DELIVERY_TIMES;
  const stepIs = (kind: string) => (record: DeliveryRecord) => nextDeliveryStep(record, machine, now(), times).do === kind;
  for (let turn = 0; turn < MAX_STEPS; turn++) {
    const incident = incidents(writer).find((candidate) => candidate.id === incidentId);
    const record = incident?.deliveries?.find((candidate) => candidate.id === id);
    if (!record) return { state: 'waiting', reason: 'the delivery is gone from the store' };
    if (record.state === 'sent') return { state: 'sent', ...(record.response ? { reason: record.response } : {}) };
    if (record.state === 'failed') return { state: 'failed', ...(record.lastError ? { reason: record.lastError } : {}) };
    if (record.state === 'obsolete') return { state: 'obsolete', ...(record.lastError ? { reason: record.lastError } : {}) };
    const step = nextDeliveryStep(record, machine, now(), times);
    const obsolete = incident && (step.do === 'claim' || step.do === 'send') ? obsoletePage(incident, record, options) : undefined;
    if (obsolete) {
      if (options.dryRun) return { state: 'obsolete', reason: obsolete };
      await writeRecord(
        writer,
        incidentId,
        id,
        (latest) => latest.state === 'pending',
        (latest) => withObsolete(latest, obsolete),
      );
      continue;
    }
    if (step.do === 'wait' || step.do === 'nothing')
      return {
        state: 'waiting',
        reason: record.nextAttemptAt ? `next try after ${record.nextAttemptAt}${record.lastError ? ` (${record.lastError})` : ''}` : 'another machine holds it',
      };
    if (options.dryRun) return { state: step.do === 'give-up-uncertain' ? 'failed' : 'would send' };
    if (step.do === 'give-up-uncertain') {
      await writeRecord(writer, incidentId, id, stepIs('give-up-uncertain'), withUncertain);
      continue;
    }
    if (step.do === 'claim') {
      const claimed = await writeRecord(writer, incidentId, id, stepIs('claim'), (latest) => withClaim(latest, machine, step.round, now()));
      if (claimed && options.sync && !(await options.sync())) return { state: 'waiting', reason: 'claimed, but team sync failed: another run will go on' };
      continue;
    }
    const channel = options.plan.channels.find((candidate) => candidate.name === record.channel);
    const secretName = channel ? channelSecretName(channel) : undefined;
    const secret = secretName === undefined ? undefined : options.secrets(secretName);
    const refusal: DeliveryOutcome | undefined =
      !incident || !channel?.delivery
        ? { ok: false, reason: `the plan has no delivered channel "${record.channel}" now`, retryable: false }
        : !secret && (channel.delivery.kind !== 'email' || channel.delivery.user !== undefined)
          ? { ok: false, reason: `no secret for channel "${channel.name}": put it in ${whereSecretGoes(secretName)}`, retryable: false }
          : undefined;
    if (refusal) {
      await writeRecord(writer, incidentId, id, stepIs('send'), (latest) => withOutcome(latest, machine, refusal, now(), times));
      continue;
    }
    let before: DeliveryRecord | undefined;
    const marked = await writeRecord(writer, incidentId, id, stepIs('send'), (latest) => withSending((before = latest), machine, now()));
    if (!marked) continue;
    if (options.sync && !(await options.sync())) {
      // The mark never reached the team: taken back, so the request is made by a later run, never twice.
      await writeRecord(
        writer,
        incidentId,
        id,
        (latest) => latest.state === 'sending' && latest.sendingBy === machine && latest.attempts === marked.attempts,
        () => before as DeliveryRecord,
      );
      return { state: 'waiting', reason: 'team sync failed before sending: another run will send it' };
    }
    // The sync may have brought the update a reminder was waiting for: then it is not sent after all.
    const synced = (options.sync && incidents(writer).find((candidate) => candidate.id === incidentId)) || (incident as Incident);
    const late = options.sync ? obsoletePage(synced, marked, options) : undefined;
    if (late) {
      await writeRecord(
        writer,
        incidentId,
        id,
        (latest) => latest.state === 'sending' && latest.sendingBy === machine,
        (latest) => withObsolete(latest, late),
      );
      await options.sync?.();
      continue;
    }
    const outcome = await sendDelivery(marked, synced, channel as NonNullable<typeof channel>, options.plan, secret, now(), options);
    await writeRecord(
      writer,
      incidentId,
      id,
      (latest) => latest.state === 'sending' && latest.sendingBy === machine,
      (latest) => withOutcome(latest, machine, outcome, now(), times),
      // A page that went out is on the timeline: who was told, when, through which channel.
      outcome.ok && marked.event === 'escalation' ? (incident) => withPageNoted(incident, marked, options, now()) : undefined,
    );
    if (options.sync) await options.sync();
  }
  const record = current(writer, incidentId, id);
  const state = record?.state === 'sent' || record?.state === 'failed' || record?.state === 'obsolete' ? record.state : 'waiting';
  return { state, ...(record?.lastError ? { reason: record.lastError } : {}) };
}

/** Every unfinished delivery in the store taken as far as it can go now; what is already sent or failed is not reported. */
export async function runDeliveries(writer: DeliveryWriter, options: RunOptions): Promise<DeliverySummary> {
  if (options.sync && !options.dryRun) await options.sync();
  const summary: DeliverySummary = { sent: [], failed: [], waiting: [], wouldSend: [], obsolete: [] };
  if (options.remindOverdue) {
    const added = await passReminders({
      store: writer.store,
      plan: { ...options.plan, sla: options.plan.sla ?? resolvePolicy(undefined) },
      writer: { machine: options.machine, person: options.remindOverdue.person },
      now: options.now,
      ...(options.incidents ? { incidents: options.incidents } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
    });
    if (options.dryRun)
      summary.wouldSend.push(
        ...added.map(({ incident, record }) => ({ incident, delivery: record.id, channel: record.channel, event: record.event, state: 'would send' as const })),
      );
  }
  const todo = incidents(writer)
    .filter((incident) => !options.incidents || options.incidents.includes(incident.id))
    .flatMap((incident) =>
      (incident.deliveries ?? []).filter((record) => record.state === 'pending' || record.state === 'sending').map((record) => ({ incident: incident.id, record })),
    );
  for (const { incident, record } of todo) {
    const result = await deliverOne(writer, incident, record.id, options);
    const report: DeliveryReport = { incident, delivery: record.id, channel: record.channel, event: record.event, ...result };
    const list = { sent: summary.sent, failed: summary.failed, 'would send': summary.wouldSend, obsolete: summary.obsolete, waiting: summary.waiting }[result.state];
    list.push(report);
  }
  return summary;
}
