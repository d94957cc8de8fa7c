/** What the response plan says a person should do around a declaration, said by the command line on stderr (stdout stays what scripts read). */
import { mustBeTold } from '../core/plan';
import type { Severity } from '../core/schema';
import { terminalText } from '../core/terminalText';
import { planInForce, runbookTaskAdder } from '../store/planFile';
import type { StoreReader } from './cliContext';
import { planOf } from './incidentLines';
import type { ChangeContext } from '../core/context';
import type { Incident } from '../core/schema';
import { stderrLine } from './output';

/** After a declaration: whom the plan says to tell now, for this severity (a plan file that cannot be used is said, once per run, and the defaults apply). */
export function tellWhoMustBeTold(store: StoreReader, severity: Severity): void {
  const tell = mustBeTold(planOf(store), severity);
  if (tell.length) stderrLine(`incident: tell now (${severity}, per the response plan): ${tell.map((who) => terminalText(who, { oneLine: true })).join(', ')}`);
}

/** The incident with the tasks of the runbooks that apply to it now; a runbook that cannot be read is said on stderr and the others still apply. */
export function withRunbookTasks(store: { root: string; relativeDir: string }): (incident: Incident, ctx: ChangeContext) => Incident {
  return runbookTaskAdder(
    store.root,
    () => planInForce(store.root, store.relativeDir, undefined).plan,
    (problem) => stderrLine(`incident: warning: ${problem}; that runbook was left out ("incident plan check" lists every problem)`),
  );
}
