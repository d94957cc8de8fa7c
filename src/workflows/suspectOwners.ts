/** Who owns the code an incident points at: the evidence files and the files of the top suspects, per CODEOWNERS. */
import { ownersOf, ownersOfFiles } from '../core/plan/codeOwners';
import type { Incident } from '../core/record/schema';
import { evidencePaths } from '../core/code/suspectRange';
import type { RankedSuspect } from '../core/code/suspectRanking';
import { readCodeOwners } from '../store/codeOwnersFile';

/** Suspects whose owners are shown: the top of the list, where the responder looks. */
export const OWNED_SUSPECTS = 5;

export interface EvidenceOwners {
  /** The CODEOWNERS file read, e.g. `.github/CODEOWNERS`; undefined when the repository has none. */
  source?: string;
  /** Each evidence file with its owners (empty: a rule says nobody owns it, or none matched). */
  evidence: { file: string; owners: string[] }[];
  /** Owners of the files each of the top suspects touched (those that touched the evidence), by sha. */
  suspects: Map<string, string[]>;
  /** Everyone above, evidence owners first: whom to offer as responders. */
  everyone: string[];
}

export function ownersForSuspects(root: string, incident: Incident, suspects: readonly RankedSuspect<{ sha: string; files: readonly string[] }>[] = []): EvidenceOwners {
  const codeOwners = readCodeOwners(root);
  if (!codeOwners) return { evidence: [], suspects: new Map(), everyone: [] };
  const evidence = evidencePaths(incident).map((file) => ({ file, owners: ownersOf(codeOwners, file) ?? [] }));
  const top = suspects.filter((suspect) => suspect.reason).slice(0, OWNED_SUSPECTS);
  const bySuspect = new Map(
    top.map(
      (suspect) =>
        [suspect.commit.sha, ownersOfFiles(codeOwners, [...suspect.matchedFiles, ...(suspect.changedLines ?? []).map((line) => line.file), ...suspect.commit.files])] as const,
    ),
  );
  const everyone = [...new Set([...evidence.flatMap((entry) => entry.owners), ...[...bySuspect.values()].flat()])];
  return { source: codeOwners.path, evidence, suspects: bySuspect, everyone };
}
