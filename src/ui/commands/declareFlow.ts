import * as vscode from 'vscode';
import type { ResponsePlan } from '../../core/plan/plan';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../core/record/schema';
import { markSuggested } from './suggestedChoice';
import { typeChoiceRows } from './typeChoices';

export interface DeclareAnswers {
  title: string;
  category: Category;
  severity: Severity;
  /** One of the plan's incident types (its category is `category`); absent: no type. */
  type?: string;
  /** False when the declarer chose, in the flow, not to command it; absent or true: they are the commander (acknowledged). */
  takeCommand?: boolean;
}

/** The titles of the flow's three steps, so "Declare Drill" can run the same flow. */
export interface DeclareStepTitles {
  title: string;
  category: string;
  severity: string;
}

const DECLARE_INCIDENT_STEPS: DeclareStepTitles = {
  title: vscode.l10n.t('Declare Incident (1/3)'),
  category: vscode.l10n.t('Declare Incident (2/3): category'),
  severity: vscode.l10n.t('Declare Incident (3/3): severity'),
};

const CATEGORY_LABELS: Record<Category, { label: string; detail: string }> = {
  regression: { label: vscode.l10n.t('Regression or bug'), detail: vscode.l10n.t('Something that worked is broken') },
  security: { label: vscode.l10n.t('Security breach'), detail: vscode.l10n.t('Data exposed, changed or at risk') },
  performance: { label: vscode.l10n.t('Performance degradation'), detail: vscode.l10n.t('Slow, timing out or overloaded') },
};

const SEVERITY_LABELS: Record<Severity, string> = {
  SEV1: vscode.l10n.t('Service down'),
  SEV2: vscode.l10n.t('Major degradation'),
  SEV3: vscode.l10n.t('Minor impact'),
  SEV4: vscode.l10n.t('Low impact'),
};

const SUGGESTED = vscode.l10n.t('suggested by the triage checklist');
const TYPE_DEFAULT = vscode.l10n.t("the type's default");

type CategoryItem = vscode.QuickPickItem & { value: Category; type?: string };
type DeclarePlan = Pick<ResponsePlan, 'categories' | 'severities'> & Partial<Pick<ResponsePlan, 'types'>>;

/** The category step's items: the three categories, or with the plan's types, the types grouped under them. */
function categoryItems(plan: DeclarePlan | undefined, suggested: { category?: Category; type?: string }): CategoryItem[] {
  // The team's own words from the response plan, when it has them.
  const categoryItem = (value: Category): CategoryItem => {
    const mine = plan?.categories.find((category) => category.id === value);
    return mine ? { value, label: mine.title, detail: mine.definition } : { value, ...CATEGORY_LABELS[value] };
  };
  if (!plan?.types?.length) return suggestedFirst(CATEGORIES.map(categoryItem), suggested.category);
  return typeChoiceRows(plan.types, suggested).map((row): CategoryItem => {
    const base = categoryItem(row.category);
    if (row.kind === 'group') return { value: row.category, label: base.label, kind: vscode.QuickPickItemKind.Separator };
    const mark = row.suggested ? [SUGGESTED] : [];
    if (!row.type) return { ...base, description: [vscode.l10n.t('no particular type'), ...mark].join(' · ') };
    const description = [row.type.id, row.type.severity, ...mark].filter(Boolean).join(' · ');
    return { value: row.category, type: row.type.id, label: row.type.title, description, detail: row.type.definition };
  });
}

/** A suggestion first in its list, marked (the triage checklist's). */
function suggestedFirst<T extends { value: string; description?: string }>(items: T[], suggested: string | undefined): T[] {
  const index = items.findIndex((item) => item.value === suggested);
  if (index < 0) return items;
  const marked = { ...items[index], description: [items[index].description, SUGGESTED].filter(Boolean).join(' · ') };
  return [marked, ...items.slice(0, index), ...items.slice(index + 1)];
}

/**
 * Declare in one keyboard-only flow: title, then category, then severity.
 * Returns undefined when the responder presses Escape at any step.
 * A suggested category (from the triage checklist) comes first; a suggested
 * severity is marked where it stands, so SEV1 is always first. The declarer
 * commands the incident unless they press the severity step's button.
 */
export async function askDeclareAnswers(
  suggested: { category?: Category; severity?: Severity; type?: string; reporting?: string; plan?: DeclarePlan } = {},
  steps: DeclareStepTitles = DECLARE_INCIDENT_STEPS,
): Promise<DeclareAnswers | undefined> {
  const title = await vscode.window.showInputBox({
    title: steps.title,
    prompt: suggested.reporting
      ? vscode.l10n.t('What is happening? One line a responder can act on. Reporting, per the response plan: {0}', suggested.reporting)
      : vscode.l10n.t('What is happening? One line a responder can act on.'),
    placeHolder: vscode.l10n.t('Checkout returns 500 for EU customers'),
    ignoreFocusOut: true,
    validateInput: (value) =>
      value.trim().length === 0 ? vscode.l10n.t('A title is required') : value.length > 500 ? vscode.l10n.t('Keep the title under 500 characters') : undefined,
  });
  if (title === undefined) return undefined;
  const typed = Boolean(suggested.plan?.types?.length);
  const category = await vscode.window.showQuickPick(categoryItems(suggested.plan, suggested), {
    title: typed ? vscode.l10n.t('{0} or type', steps.category) : steps.category,
    placeHolder: typed ? vscode.l10n.t("Type to find one of the team's incident types, or pick a category") : undefined,
    matchOnDescription: true,
    matchOnDetail: typed,
    ignoreFocusOut: true,
  });
  if (!category) return undefined;
  // The triage checklist's severity, else the type's default, is marked where it stands.
  const typeDefault = suggested.plan?.types?.find((type) => type.id === category.type)?.severity;
  const picked = await pickSeverity(
    markSuggested(
      SEVERITIES.map((value) => {
        const mine = suggested.plan?.severities[value];
        return mine ? { value, label: value, description: mine.title, detail: mine.definition } : { value, label: value, description: SEVERITY_LABELS[value] };
      }),
      suggested.severity ?? typeDefault,
      suggested.severity ? SUGGESTED : TYPE_DEFAULT,
    ),
    steps.severity,
  );
  if (!picked) return undefined;
  return { title: title.trim(), category: category.value, severity: picked.severity, ...(category.type && { type: category.type }), takeCommand: picked.takeCommand };
}

/**
 * The severity step: the list in its fixed order, and a title-bar button that
 * says whether the declarer takes command (the default) or leaves it open.
 */
function pickSeverity(items: (vscode.QuickPickItem & { value: Severity })[], title: string): Promise<{ severity: Severity; takeCommand: boolean } | undefined> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: Severity }>();
  let takeCommand = true;
  const show = () => {
    pick.title = takeCommand ? vscode.l10n.t('{0} · you will be the commander', title) : vscode.l10n.t('{0} · no commander yet', title);
    pick.buttons = [
      takeCommand
        ? { iconPath: new vscode.ThemeIcon('person'), tooltip: vscode.l10n.t('Declare without taking command') }
        : { iconPath: new vscode.ThemeIcon('star-full'), tooltip: vscode.l10n.t('Take command of it') },
    ];
  };
  Object.assign(pick, { items, ignoreFocusOut: true });
  show();
  return new Promise((resolve) => {
    pick.onDidTriggerButton(() => {
      takeCommand = !takeCommand;
      show();
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      resolve(chosen ? { severity: chosen.value, takeCommand } : undefined);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/** Answers given as command arguments `(title, category, severity[, type])`, when the first three are valid (the type is checked against the plan when declaring). */
export function declareArguments(args: readonly unknown[]): DeclareAnswers | undefined {
  const [title, category, severity, type] = args;
  if (typeof title !== 'string' || !title.trim() || !CATEGORIES.includes(category as Category) || !SEVERITIES.includes(severity as Severity)) return undefined;
  return { title: title.trim(), category: category as Category, severity: severity as Severity, ...(typeof type === 'string' && type && { type }) };
}
