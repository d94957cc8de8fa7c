/** What the command line says on stderr when the plan's rotations proposed or assigned a commander (src/core/oncall/routing.ts). */
import type { ProposedCommander } from '../core/oncall/routing';
import { terminalText } from '../core/text/terminalText';
import { stderrLine } from './output';

/** "commander: Sam Lee <sam@x>, on call for payments (primary), per severity SEV1", or who is on call when the plan only proposes them. */
export function sayProposedCommander(proposed: ProposedCommander | undefined, commander: string | undefined, err: (line: string) => void = stderrLine): void {
  if (!proposed) return;
  const person = terminalText(proposed.person, { oneLine: true });
  if (proposed.assign && commander === proposed.person) err(`incident: commander: ${person}, ${proposed.why}`);
  else err(`incident: ${person} is ${proposed.why}; "incident assign ID commander PERSON" hands command over`);
}
