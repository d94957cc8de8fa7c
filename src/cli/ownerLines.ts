/** The owners of the evidence files, as `show` and `suspects` print them. */
import { terminalText } from '../core/text/terminalText';
import type { EvidenceOwners } from '../workflows/suspectOwners';

/** CODEOWNERS text is anyone's: shown, never obeyed, by the terminal. */
const displayed = (text: string) => terminalText(text, { oneLine: true });

export function evidenceOwnerLines(owners: EvidenceOwners): string[] {
  if (!owners.source || !owners.evidence.length) return [];
  return [
    `Owners of the evidence files (${owners.source}):`,
    ...owners.evidence.map(({ file, owners: who }) => `  ${displayed(file)}  ${who.length ? displayed(who.join(' ')) : '(no owners)'}`),
  ];
}
