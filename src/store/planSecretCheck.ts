/**
 * `incident plan check` for secrets written into the plan: every URL that
 * carries one, anywhere in plan.json (src/core/plan/planSecrets.ts), placed
 * at its value (or key) as `file:line:column: message`. Read from the file's
 * own text, so it runs whether or not the rest of the plan is valid.
 */
import { planSecretProblems } from '../core/plan/planSecrets';
import { tooDeepOffset } from '../core/text/jsonNesting';
import { jsonPathOffset, lineColumn } from './jsonPathOffset';
import { planRelativePath, readPlanFolderText, type PlanProblem } from './planFile';

/** The plan file's secret URLs; none when there is no plan or it is not JSON (those problems are reported by the plan's reader). */
export function planSecretCheckProblems(root: string, storeRelativeDir: string): PlanProblem[] {
  const file = planRelativePath(storeRelativeDir);
  const read = readPlanFolderText(root, file);
  if (!read || !('text' in read)) return [];
  const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
  if (tooDeepOffset(text) !== undefined) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  return planSecretProblems(raw).map(({ path, atKey, message }) => {
    const position = jsonPathOffset(text, path);
    return { file, ...lineColumn(text, atKey && position.keyOffset !== undefined ? position.keyOffset : position.offset), message };
  });
}
