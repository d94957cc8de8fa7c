import { stamp, type ChangeContext } from '../record/context';
import { CHECKLIST_ITEM_IDS, type Category, type ChecklistItemId, type Incident, type Severity } from '../record/schema';
import { addTimelineEvent } from '../lifecycle/timeline';

export interface ChecklistQuestion {
  id: ChecklistItemId;
  question: string;
  hint: string;
  /** The question this category leads with. */
  emphasized: boolean;
}

/** The CIA triad, asked in words that fit each category. */
const QUESTIONS: Record<Category, Record<ChecklistItemId, { question: string; hint: string }>> = {
  regression: {
    confidentiality: { question: 'Does the bug show data to someone who should not see it?', hint: 'Wrong account shown, data in logs or error pages' },
    integrity: { question: 'Does the bug write wrong data, or lose data?', hint: 'Bad writes, failed migrations, dropped messages' },
    availability: { question: 'Is a feature broken or the service down for users?', hint: 'Error rate, failing checks, support tickets' },
  },
  security: {
    confidentiality: { question: 'Could data have been exposed to someone unauthorised?', hint: 'Leaked credentials, open buckets, access logs' },
    integrity: { question: 'Could an attacker have changed data or code?', hint: 'Unexpected commits, altered records, new admin accounts' },
    availability: { question: 'Is the service unavailable because of the attack?', hint: 'Denial of service, locked accounts, revoked keys' },
  },
  performance: {
    confidentiality: { question: 'Did the slowdown expose data (timeouts falling back to unsafe paths)?', hint: 'Cache served to the wrong user, verbose error pages' },
    integrity: { question: 'Did timeouts or overload corrupt or drop data?', hint: 'Partial writes, retries duplicating work, lost queue items' },
    availability: { question: 'Is the service degraded past its SLO?', hint: 'Latency percentiles, saturation, error budget burn' },
  },
};

const LEADS: Record<Category, ChecklistItemId> = { regression: 'availability', security: 'confidentiality', performance: 'availability' };

export function checklistQuestions(category: Category): ChecklistQuestion[] {
  return CHECKLIST_ITEM_IDS.map((id) => ({ id, ...QUESTIONS[category][id], emphasized: LEADS[category] === id }));
}

export interface TriageVerdict {
  isIncident: boolean;
  suggestedCategory?: Category;
  suggestedSeverity?: Severity;
  text: string;
}

/**
 * Any ticked box means an incident is under way. The suggestion keeps the
 * category the responder declared, because the CIA questions are asked in that
 * category's words: a regression that takes a feature down is still a
 * regression. Only confidentiality (data reached someone it should not) turns
 * it into a security incident. Severity follows what is at stake: exposed data
 * or more than one property harmed is SEV1, one of integrity or availability SEV2.
 */
export function triageVerdict(checked: ReadonlySet<ChecklistItemId>, declared: Category): TriageVerdict {
  if (checked.size === 0) return { isIncident: false, text: 'No box ticked: nothing here says an incident is under way yet.' };
  const suggestedCategory: Category = checked.has('confidentiality') ? 'security' : declared;
  const suggestedSeverity: Severity = checked.size >= 2 || checked.has('confidentiality') ? 'SEV1' : 'SEV2';
  const ticked = CHECKLIST_ITEM_IDS.filter((id) => checked.has(id));
  return {
    isIncident: true,
    suggestedCategory,
    suggestedSeverity,
    text: `This is an incident (${ticked.join(', ')}). Suggested: ${suggestedSeverity}, ${suggestedCategory}.`,
  };
}

export function checkedItems(incident: Incident): Set<ChecklistItemId> {
  return new Set(CHECKLIST_ITEM_IDS.filter((id) => incident.checklist[id]?.checked));
}

export function tickChecklist(incident: Incident, item: ChecklistItemId, checked: boolean, ctx: ChangeContext): Incident {
  if ((incident.checklist[item]?.checked ?? false) === checked) return incident;
  const next: Incident = { ...incident, checklist: { ...incident.checklist, [item]: { checked, by: ctx.author, at: stamp(ctx) } } };
  const question = QUESTIONS[incident.category][item].question;
  return addTimelineEvent(next, { kind: 'checklist', text: `${checked ? 'Ticked' : 'Unticked'} ${item}: ${question}`, data: { item, checked } }, ctx);
}
