/**
 * The declare flow's second step when the plan defines incident types
 * (src/core/plan/incidentTypes.ts): the team's types grouped under the three
 * broad categories, each with its definition, and each category itself as
 * the choice for an incident of no particular type. The group the triage
 * checklist suggests comes first; inside a group the plan's order holds.
 * Pure (no vscode), so the order and the marks are tested without an editor;
 * declareFlow.ts turns the rows into quick-pick items.
 */
import { CATEGORIES, type Category } from '../../core/record/recordValues';
import type { IncidentType } from '../../core/plan/incidentTypes';

export type TypeChoiceRow = { kind: 'group'; category: Category } | { kind: 'choice'; category: Category; type?: IncidentType; suggested: boolean };

/**
 * The rows of the list: a group heading per category that has anything to
 * offer, then the category (no type), then its types. `suggestedType` is
 * marked (and its group comes first); else `suggestedCategory`'s group
 * comes first and the category row is marked.
 */
export function typeChoiceRows(types: readonly IncidentType[], suggested: { category?: Category; type?: string } = {}): TypeChoiceRow[] {
  const suggestedType = types.find((type) => type.id === suggested.type);
  const first = suggestedType?.category ?? suggested.category;
  const order = first ? [first, ...CATEGORIES.filter((category) => category !== first)] : [...CATEGORIES];
  return order.flatMap((category): TypeChoiceRow[] => {
    const typeRows = types.filter((type) => type.category === category).map((type): TypeChoiceRow => ({ kind: 'choice', category, type, suggested: type === suggestedType }));
    const categoryRow: TypeChoiceRow = { kind: 'choice', category, suggested: !suggestedType && category === suggested.category };
    // The suggestion leads its group, so Enter takes it.
    const rows =
      suggestedType?.category === category
        ? [...typeRows.filter((row) => row.kind === 'choice' && row.suggested), categoryRow, ...typeRows.filter((row) => row.kind === 'choice' && !row.suggested)]
        : [categoryRow, ...typeRows];
    return [{ kind: 'group', category }, ...rows];
  });
}
