/**
 * How the command line runs the delivery loop (src/workflows/delivery/):
 * this machine's id, the channel secrets from INCIDENT_SECRET_<NAME>, team
 * sync when the store turns it on (else none: this clone is the only
 * writer), and a time limit. INCIDENT_DELIVERY_TIMES
 * ("staleMs=2000,backoffMs=50,attempts=3") changes the protocol's times, for
 * tests and impatient set-ups; INCIDENT_SMTP_CA_FILE names a PEM file to
 * trust for an SMTP server with a private certificate.
 */
import { readFileSync } from 'node:fs';
import { secretEnvironmentVariable } from '../core/delivery/deliveryKinds';
import { DELIVERY_TIMES } from '../core/delivery/deliveryRecords';
import { chooseSyncTarget, teamSyncSettings } from '../core/plan/syncSettings';
import { terminalText } from '../core/text/terminalText';
import type { IncidentStore } from '../store/incidentStore';
import { runDeliveries, type DeliveryReport, type DeliverySummary, type RunOptions } from '../workflows/delivery/deliveryLoop';
import { machineId } from '../workflows/delivery/machineId';
import { UsageError } from './cliContext';
import { planOf } from './incidentLines';

export const DEFAULT_DELIVERY_SECONDS = 20;

/** The protocol's times, changed by INCIDENT_DELIVERY_TIMES. */
export function deliveryTimes(env: NodeJS.ProcessEnv = process.env): typeof DELIVERY_TIMES {
  const times = { ...DELIVERY_TIMES };
  for (const part of (env.INCIDENT_DELIVERY_TIMES ?? '').split(',').filter(Boolean)) {
    const [key, value] = part.split('=').map((text) => text.trim());
    const number = Number(value);
    if (!Object.hasOwn(times, key) || !Number.isFinite(number) || number < 0)
      throw new UsageError(`INCIDENT_DELIVERY_TIMES: "${terminalText(part, { oneLine: true })}" is not one of staleMs=, backoffMs=, attempts= with a number`);
    times[key as keyof typeof times] = number;
  }
  return times;
}

export const secretFromEnvironment = (name: string): string | undefined => {
  const variable = secretEnvironmentVariable(name);
  return variable ? process.env[variable] || undefined : undefined;
};

/** Team sync as the loop needs it (true when it worked), or undefined when the store does not turn it on. */
export function teamSyncFor(store: IncidentStore, timeoutMs: number, who: string): (() => Promise<boolean>) | undefined {
  const read = store.read();
  if (read.kind !== 'loaded' || !teamSyncSettings(read.document).settings?.enabled) return undefined;
  const { remote, branch } = chooseSyncTarget({}, read.document, undefined);
  return async () => {
    try {
      const [{ GitCommand }, { syncStore }] = await Promise.all([import('../git/gitCommand'), import('../workflows/sync')]);
      await syncStore(store, new GitCommand(store.root), { remote, branch, timeoutMs, who });
      return true;
    } catch {
      return false;
    }
  };
}

export function runOptions(store: IncidentStore, now: () => Date, author: string, seconds: number, extra: Partial<RunOptions> = {}): RunOptions {
  const caFile = process.env.INCIDENT_SMTP_CA_FILE;
  const sync = teamSyncFor(store, seconds * 1000, author);
  return {
    machine: machineId(),
    plan: planOf(store),
    secrets: secretFromEnvironment,
    now,
    timeoutMs: seconds * 1000,
    times: deliveryTimes(),
    ...(sync ? { sync } : {}),
    ...(caFile ? { emailCa: readFileSync(caFile, 'utf8') } : {}),
    ...extra,
  };
}

export const reportLine = (report: DeliveryReport): string =>
  `${report.incident} ${report.event} → ${terminalText(report.channel, { oneLine: true })}: ${report.state}${report.reason ? ` (${terminalText(report.reason, { oneLine: true })})` : ''}`;

/** After a write that created deliveries: delivers them now, bounded; failures are warnings, never an error. */
export async function deliverAfterWrite(
  store: IncidentStore,
  incidentId: string,
  now: () => Date,
  author: string,
  warn: (line: string) => void,
  /** The team sync to use instead of one of its own (a process that already syncs, such as the intake receiver). */
  sync?: () => Promise<boolean>,
): Promise<DeliverySummary | undefined> {
  const seconds = DEFAULT_DELIVERY_SECONDS;
  try {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), seconds * 1000 * 3)));
    const summary = await Promise.race([runDeliveries({ store }, runOptions(store, now, author, seconds, { incidents: [incidentId], ...(sync ? { sync } : {}) })), limit]).finally(
      () => clearTimeout(timer),
    );
    if (!summary) warn('incident: warning: delivery took too long; what is left is pending for "incident deliver"');
    for (const report of [...(summary?.failed ?? []), ...(summary?.waiting ?? [])]) warn(`incident: warning: not delivered: ${reportLine(report)}`);
    return summary;
  } catch (error) {
    warn(`incident: warning: delivery did not run (${terminalText(error instanceof Error ? error.message : String(error), { oneLine: true })}); run "incident deliver"`);
    return undefined;
  }
}
