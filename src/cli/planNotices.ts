/** What the response plan says a person should do around a declaration, said by the command line on stderr (stdout stays what scripts read). */
import { mustBeTold } from '../core/plan';
import type { Severity } from '../core/schema';
import { terminalText } from '../core/terminalText';
import { planInForce, runbookSources } from '../store/planFile';
import { addRunbookTasks, type RunbookSource } from '../core/tasks';
import type { ChangeContext } from '../core/context';
import type { Incident } from '../core/schema';

/** After a declaration: whom the plan says to tell now, for this severity. */
export function tellWhoMustBeTold(store: { root: string; relativeDir: string }, severity: Severity): void {
  const tell = mustBeTold(planInForce(store.root, store.relativeDir, undefined).plan, severity);
  if (tell.length) process.stderr.write(`incident: tell now (${severity}, per the response plan): ${tell.map((who) => terminalText(who, { oneLine: true })).join(', ')}\n`);
}

/**
 * The incident with the tasks of the runbooks that apply to it now (on
 * declaring, and after a category or severity change); a runbook that cannot
 * be read is said on stderr and the others still apply.
 */
export function withRunbookTasks(store: { root: string; relativeDir: string }): (incident: Incident, ctx: ChangeContext) => Incident {
  // Read when first used: inside the store's write, after its own checks (a store folder that is a link is refused before any runbook is read).
  let sources: RunbookSource[] | undefined;
  return (incident, ctx) => {
    if (!sources) {
      const { plan } = planInForce(store.root, store.relativeDir, undefined);
      const read = runbookSources(store.root, plan);
      for (const problem of read.problems) process.stderr.write(`incident: warning: ${problem}; that runbook was left out ("incident plan check" lists every problem)\n`);
      sources = read.sources;
    }
    return addRunbookTasks(incident, sources, ctx);
  };
}
