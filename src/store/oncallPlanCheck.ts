/**
 * `incident plan check` for the plan's rotations: the warnings of
 * src/core/oncall/oncallWarnings.ts (gaps in coverage with their time ranges,
 * overrides of people outside a layer, overlapping overrides, members named
 * two ways) placed at their value in plan.json as
 * `file:line:column: warning: message`. Warnings do not fail the check;
 * `--strict` makes them fail it.
 */
import { oncallWarnings } from '../core/oncall/oncallWarnings';
import { ROSTER_ROLES, type EffectivePlan } from '../core/plan/plan';
import { jsonPathOffset, lineColumn } from './jsonPathOffset';
import { formatProblem, planRelativePath, readPlanFolderText } from './planFile';

/** The rotations' warnings as lines, in the plan's order; none without an "oncall" block. */
export function oncallCheckLines(root: string, storeRelativeDir: string, plan: EffectivePlan, now: Date): string[] {
  if (!plan.oncall?.rotations.length) return [];
  const roster = ROSTER_ROLES.flatMap((role) => plan.roles[role]);
  const found = oncallWarnings(plan, roster, now);
  if (!found.length) return [];
  const file = planRelativePath(storeRelativeDir);
  const read = readPlanFolderText(root, file);
  const text = read && 'text' in read ? (read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text) : undefined;
  return found.map(({ path, message }) =>
    formatProblem({ file, ...(text === undefined ? { line: 1, column: 1 } : lineColumn(text, jsonPathOffset(text, path).offset)), message: `warning: ${message}` }),
  );
}
