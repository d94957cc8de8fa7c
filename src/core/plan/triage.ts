/**
 * "Are we having an incident?": the plan's triage checklist, answered before
 * anyone declares. Every question is a statement that, when true, is a strong
 * sign an incident is under way: no tick means nothing says so (and nothing
 * is recorded); any tick means declare one, with the category and severity
 * the ticked questions suggest. The ticks, with who ticked them and when, go
 * into the new incident's timeline and tick its confidentiality, integrity or
 * availability box.
 */
import { stamp, type ChangeContext } from '../record/context';
import { DomainError } from '../record/errors';
import { triageQuestions, type ResponsePlan, type TriageGroup, type TriageQuestion } from './plan';
import { SEVERITIES, type Category, type Incident, type Severity } from '../record/schema';
import { addTimelineEvent } from '../lifecycle/timeline';

export type AskedQuestion = TriageQuestion & { group: TriageGroup };

/** One box ticked: the question's id, who ticked it and when. */
export interface TriageTick {
  id: string;
  by: string;
  at: Date;
}

export interface TriageOutcome {
  isIncident: boolean;
  /** The ticked questions, in the plan's order. */
  ticked: AskedQuestion[];
  /** What the ticks suggest; undefined when none of the ticked questions suggests one (the person chooses). */
  suggestedCategory?: Category;
  suggestedSeverity?: Severity;
  /** One of the plan's incident types a ticked question suggests (the deciding question's, else the most severe that names one). */
  suggestedType?: string;
  /** The ticked question the suggestion comes from. */
  decidedBy?: AskedQuestion;
  /** One sentence saying what the ticks mean, and what to do: declare (before there is an incident). */
  text: string;
  /** The same finding without the call to declare (for an incident already declared). */
  finding: string;
}

type TriagePlan = Pick<ResponsePlan, 'triage' | 'categories'>;

/** The ids in `ids` that are not questions of the plan. */
export function unknownTriageIds(plan: TriagePlan, ids: readonly string[]): string[] {
  const known = new Set(triageQuestions(plan).map((question) => question.id));
  return ids.filter((id) => !known.has(id));
}

const rank = (severity: Severity | undefined) => (severity ? SEVERITIES.indexOf(severity) : SEVERITIES.length);

/**
 * What the ticks mean. The severity is the highest any ticked question
 * suggests. The category comes from the ticked questions of that severity
 * which name one (else from any ticked question that does): the one they
 * name most, ties going to the plan's order of categories.
 */
export function triageOutcome(plan: TriagePlan, tickedIds: readonly string[]): TriageOutcome {
  const chosen = new Set(tickedIds);
  const ticked = triageQuestions(plan).filter((question) => chosen.has(question.id));
  if (!ticked.length) {
    const none = 'No box ticked: nothing here says an incident is under way, and nothing was recorded.';
    return { isIncident: false, ticked, text: none, finding: none };
  }
  const byRank = [...ticked].sort((a, b) => rank(a.suggestedSeverity) - rank(b.suggestedSeverity));
  const suggestedSeverity = byRank[0].suggestedSeverity;
  const naming = byRank.filter((question) => question.suggestedCategory);
  const top = naming.filter((question) => question.suggestedSeverity === naming[0]?.suggestedSeverity);
  const counts = new Map<Category, number>();
  for (const question of top) counts.set(question.suggestedCategory as Category, (counts.get(question.suggestedCategory as Category) ?? 0) + 1);
  const order = plan.categories.map((category) => category.id);
  const suggestedCategory = [...counts.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || order.indexOf(a) - order.indexOf(b))[0];
  const decidedBy = byRank.find((question) => question.suggestedSeverity === suggestedSeverity && (!suggestedCategory || question.suggestedCategory === suggestedCategory));
  const boxes = ticked.length === 1 ? '1 box ticked' : `${ticked.length} boxes ticked`;
  const suggestion = [suggestedSeverity, suggestedCategory].filter(Boolean).join(' ');
  const suggested = suggestion ? `, ${suggestion} suggested (by "${decidedBy?.text ?? ticked[0].text}")` : '';
  const suggestedType = decidedBy?.suggestedType ?? byRank.find((question) => question.suggestedType)?.suggestedType;
  const typed = suggestedType ? `; type ${suggestedType} suggested` : '';
  return {
    isIncident: true,
    ticked,
    suggestedCategory,
    suggestedSeverity,
    ...(suggestedType ? { suggestedType } : {}),
    decidedBy,
    text: `${boxes}: this is an incident; declare one${suggested}${typed}.`,
    finding: `${boxes}: this is an incident${suggested}${typed}.`,
  };
}

/**
 * The ticks carried into a newly declared incident: one checklist event per
 * tick, at its own time and by its own author, and the incident's box of that
 * group ticked (by the first tick in it) unless it was already.
 */
export function recordTriage(incident: Incident, plan: TriagePlan, ticks: readonly TriageTick[]): Incident {
  const questions = new Map(triageQuestions(plan).map((question) => [question.id, question]));
  let next = incident;
  for (const tick of [...ticks].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const question = questions.get(tick.id);
    if (!question) continue;
    const ctx: ChangeContext = { at: tick.at, author: tick.by };
    next = { ...next, triage: { ...next.triage, [question.id]: { checked: true, by: tick.by, at: stamp(ctx) } } };
    if (!next.checklist[question.group]?.checked) next = { ...next, checklist: { ...next.checklist, [question.group]: { checked: true, by: tick.by, at: stamp(ctx) } } };
    next = addTimelineEvent(
      next,
      { kind: 'checklist', text: `Triage before declaring, ${question.group}: yes to "${question.text}"`, data: { item: question.group, checked: true, triage: question.id } },
      ctx,
    );
  }
  // Ticks come before the declaration: they must not move the incident's last change back.
  return next.updatedAt < incident.updatedAt ? { ...next, updatedAt: incident.updatedAt } : next;
}

/**
 * Ticks (or unticks) one of the plan's questions on a declared incident, on
 * the timeline; ticking one also ticks its group's box (confidentiality,
 * integrity, availability), and unticking the last of a group unticks it.
 * A tick that changes nothing writes nothing.
 */
export function tickTriageQuestion(incident: Incident, plan: TriagePlan, id: string, checked: boolean, ctx: ChangeContext): Incident {
  const questions = triageQuestions(plan);
  const question = questions.find((candidate) => candidate.id === id);
  if (!question) throw new DomainError(`"${id}" is not a question of the triage checklist`, 'unknown-question');
  if ((incident.triage?.[id]?.checked ?? false) === checked) return incident;
  const tick = { checked, by: ctx.author, at: stamp(ctx) };
  const triage = { ...incident.triage, [id]: tick };
  const groupTicked = questions.some((candidate) => candidate.group === question.group && triage[candidate.id]?.checked);
  const box = incident.checklist[question.group];
  const checklist = (box?.checked ?? false) === groupTicked ? incident.checklist : { ...incident.checklist, [question.group]: { ...tick, checked: groupTicked } };
  return addTimelineEvent(
    { ...incident, triage, checklist },
    { kind: 'checklist', text: `${checked ? 'Ticked' : 'Unticked'} ${question.group}: ${question.text}`, data: { item: question.group, checked, triage: id } },
    ctx,
  );
}

/** The plan's questions grouped as the panel shows them, with the incident's ticks: each group's old box too (stores from before the plan). */
export function incidentTriage(
  incident: Incident,
  plan: TriagePlan,
): { group: TriageGroup; box?: Incident['checklist'][TriageGroup]; questions: (AskedQuestion & { tick?: NonNullable<Incident['triage']>[string] })[] }[] {
  const questions = triageQuestions(plan);
  return (['confidentiality', 'integrity', 'availability'] as const).map((group) => ({
    group,
    ...(incident.checklist[group] ? { box: incident.checklist[group] } : {}),
    questions: questions
      .filter((question) => question.group === group)
      .map((question) => ({ ...question, ...(incident.triage?.[question.id] ? { tick: incident.triage[question.id] } : {}) })),
  }));
}
