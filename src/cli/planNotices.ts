/**
 * How the command line writes to the store through src/workflows/incidentWrites.ts,
 * and says on stderr what the workflow returns for a person (stdout stays what scripts read).
 */
import type { Severity } from '../core/record/schema';
import { terminalText } from '../core/text/terminalText';
import type { IncidentStore } from '../store/incidentStore';
import { machineId } from '../workflows/delivery/machineId';
import type { IncidentWriter } from '../workflows/incidentWrites';
import { planOf } from './incidentLines';
import { stderrLine } from './output';

/**
 * The store and the response plan in force (a plan file that cannot be used
 * is said, once per run, and the defaults apply); a message written gets its
 * deliveries, which the verb then runs (deliverAfterWrite) unless told not to.
 */
export function cliWriter(store: IncidentStore): IncidentWriter {
  const plan = () => planOf(store);
  return { store, plan, deliveries: { plan, machine: () => machineId() } };
}

/** After a declaration: whom the plan says to tell now, for this severity. */
export function tellWhoMustBeTold(severity: Severity, tellNow: readonly string[]): void {
  if (tellNow.length) stderrLine(`incident: tell now (${severity}, per the response plan): ${tellNow.map((who) => terminalText(who, { oneLine: true })).join(', ')}`);
}

/** The runbooks a write left out because they cannot be read; the others' tasks were added. */
export function sayRunbooksLeftOut(problems: readonly string[]): void {
  for (const problem of problems) stderrLine(`incident: warning: ${problem}; that runbook was left out ("incident plan check" lists every problem)`);
}

/**
 * After a write that made messages for delivered channels: sends them now,
 * bounded, failures said as warnings (deliverAfterWrite); with --no-deliver,
 * says they wait for `incident deliver`.
 */
export async function deliverUnlessTold(
  store: IncidentStore,
  incidentId: string,
  queued: number,
  noDeliver: boolean | undefined,
  io: { now: () => Date; author: string; err?: (line: string) => void },
): Promise<void> {
  if (!queued) return;
  const warn = io.err ?? stderrLine;
  if (noDeliver) return warn(`incident: ${queued} delivery(ies) pending; "incident deliver" sends them`);
  await (await import('./deliveryRuns')).deliverAfterWrite(store, incidentId, io.now, io.author, warn);
}

/**
 * Deliveries run in the background by a verb that keeps serving (`incident
 * mcp`, `incident intake serve`): a request never waits on the network, and
 * `finished()` resolves once every one started has ended, for the verb to
 * await before it exits. `sync` replaces the loop's own team sync.
 */
export function backgroundDeliveries(store: IncidentStore, now: () => Date, author: string, warn: (line: string) => void, sync?: () => Promise<boolean>) {
  const running = new Set<Promise<unknown>>();
  return {
    deliver(incidentId: string): void {
      const run = import('./deliveryRuns').then(({ deliverAfterWrite }) => deliverAfterWrite(store, incidentId, now, author, warn, sync));
      running.add(run);
      void run.finally(() => running.delete(run));
    },
    finished: () => Promise.allSettled([...running]),
  };
}
