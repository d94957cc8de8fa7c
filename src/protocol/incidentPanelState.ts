/** Builds what the incident panel shows, with the domain's rules (src/core) applied on the host side. */
import { checkedItems, checklistQuestions, triageVerdict } from '../core/plan/checklist';
import { offeredStatuses, stageOf } from '../core/lifecycle/lifecycle';
import type { Incident, SlaPolicy, StoreDocument } from '../core/record/schema';
import { nextUpdateDue, resolvePolicy, slaClocks } from '../core/clocks/sla';
import type { Clock, PanelState, PanelType } from './incidentPanel';
import { findType, type PlanTypes } from '../core/plan/incidentTypes';
import { fieldRows } from '../core/plan/fieldValues';
import { typeQuestions } from '../core/lifecycle/typeFields';
import { audienceChoices, type RegulatoryClockRule, type ResponsePlan } from '../core/plan/plan';
import { UPDATE_AUDIENCES } from '../core/record/recordValues';
import { incidentTriage, triageOutcome, type TriageOutcome } from '../core/plan/triage';
import { regulatoryClocks } from '../core/clocks/regulatory';

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

export function buildPanelState(
  incident: Incident,
  document: StoreDocument,
  readOnlyReason: string | undefined,
  policy: SlaPolicy = resolvePolicy(document.policy),
  plan?: Pick<ResponsePlan, 'regulatory' | 'triage' | 'categories' | 'channels'> & Partial<Pick<ResponsePlan, 'types'>>,
): PanelState {
  const regulatory: readonly RegulatoryClockRule[] = plan?.regulatory ?? [];
  const clocks: Clock[] = slaClocks(incident, policy, new Date()).map((clock) => ({
    name: clock.name,
    label: clock.name === 'response' ? 'Response' : 'Resolution',
    deadline: clock.deadline.toISOString(),
    ...(clock.metAt ? { metAt: clock.metAt.toISOString() } : {}),
  }));
  const updateDue = incident.closedAt || incident.resolvedAt ? undefined : nextUpdateDue(incident, policy);
  if (updateDue) clocks.push({ name: 'update', label: 'Next update', deadline: updateDue.toISOString() });
  // The plan's types (when the caller's plan has them) may switch the clocks on or off for the incident's type.
  for (const clock of regulatoryClocks(incident, regulatory, policy.timeZone, new Date(), plan ?? {}))
    clocks.push({ name: 'regulatory', label: clip(clock.title, 100), deadline: clock.deadline.toISOString(), ...(clock.met ? { metAt: clock.met.at.toISOString() } : {}) });
  // With a plan, its questions (ticked on the incident) decide; an incident ticked only on the old boxes keeps their verdict.
  const groups = plan ? incidentTriage(incident, plan) : undefined;
  const tickedQuestions = groups?.flatMap((group) => group.questions.filter((question) => question.tick?.checked).map((question) => question.id)) ?? [];
  const verdict = plan && tickedQuestions.length ? planVerdict(triageOutcome(plan, tickedQuestions)) : triageVerdict(checkedItems(incident), incident.category);
  const statuses = offeredStatuses(incident);
  return {
    incident,
    deploys: document.deploys.filter((deploy) => incident.deployIds.includes(deploy.id) || deploy.incidentIds.includes(incident.id)),
    readOnly: readOnlyReason !== undefined,
    ...(readOnlyReason ? { readOnlyReason } : {}),
    view: {
      stage: stageOf(incident.status),
      nextStatuses: statuses.next,
      blockedStatuses: statuses.blocked,
      checklist: checklistQuestions(incident.category).map((q) => ({ ...q, ...(incident.checklist[q.id] ? { tick: incident.checklist[q.id] } : {}) })),
      verdict,
      ...(groups && {
        triage: groups.map(({ group, box, questions }) => ({
          group,
          ...(box ? { box } : {}),
          questions: questions.map(({ id, text, suggestedSeverity, suggestedCategory, tick }) => ({
            id,
            text,
            suggestion: [suggestedSeverity, suggestedCategory].filter(Boolean).join(' · '),
            ...(tick ? { tick } : {}),
          })),
        })),
      }),
      clocks,
      ...(incident.type && { type: panelType(plan ?? {}, incident) }),
      audiences: audienceChoices(plan ?? { channels: [] }, UPDATE_AUDIENCES)
        .slice(0, 200)
        .map(({ audience, channel }) => ({
          audience: clip(audience, 100),
          ...(channel && { description: clip(`${channel.name} · ${channel.reach}`, 500) }),
        })),
    },
  };
}

/** The incident's type with its fields (the plan's definitions beside the values) and its questions. */
function panelType(plan: PlanTypes, incident: Incident): PanelType {
  const type = findType(plan, incident.type);
  const definitions = new Map((type?.fields ?? []).map((field) => [field.id, field]));
  return {
    id: incident.type ?? '',
    title: type?.title ?? incident.type ?? '',
    ...(type && { definition: type.definition }),
    defined: type !== undefined,
    fields: fieldRows(plan, incident).map((row) => {
      const field = definitions.get(row.id);
      return {
        ...row,
        kind: field?.kind ?? 'text',
        defined: row.defined && type !== undefined,
        ...(field?.choices && { choices: field.choices }),
        ...(field?.min !== undefined && { min: field.min }),
        ...(field?.max !== undefined && { max: field.max }),
        ...(field?.help && { help: field.help }),
      };
    }),
    questions: typeQuestions(plan, incident),
  };
}

/** The ticks' outcome as the panel's verdict (its one-click suggestion included). */
function planVerdict(outcome: TriageOutcome): PanelState['view']['verdict'] {
  return {
    isIncident: outcome.isIncident,
    text: outcome.finding,
    ...(outcome.suggestedSeverity ? { suggestedSeverity: outcome.suggestedSeverity } : {}),
    ...(outcome.suggestedCategory ? { suggestedCategory: outcome.suggestedCategory } : {}),
  };
}
