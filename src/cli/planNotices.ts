/** What the response plan says a person should do around a declaration, said by the command line on stderr (stdout stays what scripts read). */
import { mustBeTold } from '../core/plan';
import type { Severity } from '../core/schema';
import { terminalText } from '../core/terminalText';
import { planInForce } from '../store/planFile';

/** After a declaration: whom the plan says to tell now, for this severity. */
export function tellWhoMustBeTold(store: { root: string; relativeDir: string }, severity: Severity): void {
  const tell = mustBeTold(planInForce(store.root, store.relativeDir, undefined).plan, severity);
  if (tell.length) process.stderr.write(`incident: tell now (${severity}, per the response plan): ${tell.map((who) => terminalText(who, { oneLine: true })).join(', ')}\n`);
}
