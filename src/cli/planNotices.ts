/**
 * How the command line writes to the store through src/workflows/incidentWrites.ts,
 * and says on stderr what the workflow returns for a person (stdout stays what scripts read).
 */
import type { Severity } from '../core/record/schema';
import { terminalText } from '../core/text/terminalText';
import type { IncidentStore } from '../store/incidentStore';
import type { IncidentWriter } from '../workflows/incidentWrites';
import { planOf } from './incidentLines';
import { stderrLine } from './output';

/** The store and the response plan in force (a plan file that cannot be used is said, once per run, and the defaults apply). */
export function cliWriter(store: IncidentStore): IncidentWriter {
  return { store, plan: () => planOf(store) };
}

/** After a declaration: whom the plan says to tell now, for this severity. */
export function tellWhoMustBeTold(severity: Severity, tellNow: readonly string[]): void {
  if (tellNow.length) stderrLine(`incident: tell now (${severity}, per the response plan): ${tellNow.map((who) => terminalText(who, { oneLine: true })).join(', ')}`);
}

/** The runbooks a write left out because they cannot be read; the others' tasks were added. */
export function sayRunbooksLeftOut(problems: readonly string[]): void {
  for (const problem of problems) stderrLine(`incident: warning: ${problem}; that runbook was left out ("incident plan check" lists every problem)`);
}
