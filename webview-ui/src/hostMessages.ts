/**
 * The incident panel's check of what the host sends: the message types of
 * src/protocol/incidentPanel.ts and the parts of the state the page reads.
 */
import { CATEGORIES, CHECKLIST_ITEM_IDS, FIELD_KINDS, SEVERITIES, STAGES, STATUSES } from '../../src/core/record/recordValues';
import type { HostMessage } from '../../src/protocol/incidentPanel';
import type { Parsed } from '../../src/protocol/requests';
import { PANEL_TABS } from '../../src/protocol/webviewValues';
import { field, firstFailure, isCount, isOneOf, isOptional, isRecord, isText, type ShapeCheck } from './shapeChecks';

const isList = Array.isArray;

const isTextMap = (value: unknown) => isRecord(value) && Object.values(value as object).every((text) => typeof text === 'string');

/** What the alerts section reads of an alert record. */
function isAlertShape(alert: unknown): boolean {
  const links = field(alert, 'links');
  return (
    isText(field(alert, 'id')) &&
    isText(field(alert, 'name')) &&
    isOneOf(field(alert, 'state'), ['firing', 'resolved'] as const) &&
    isText(field(alert, 'startsAt'), 64) &&
    isOptional(field(alert, 'endsAt'), (v) => isText(v, 64)) &&
    isCount(field(alert, 'notifications')) &&
    isTextMap(field(alert, 'labels')) &&
    isTextMap(field(alert, 'annotations')) &&
    isList(links) &&
    (links as unknown[]).every((link) => isText(field(link, 'title')) && isText(field(link, 'url')))
  );
}

/** What the header and the triage tab read of the incident's type: its fields and questions. */
function isTypeShape(type: unknown): boolean {
  const fields = field(type, 'fields');
  const questions = field(type, 'questions');
  return (
    isText(field(type, 'id'), 64) &&
    isText(field(type, 'title')) &&
    typeof field(type, 'defined') === 'boolean' &&
    isList(fields) &&
    (fields as unknown[]).every(
      (row) =>
        isText(field(row, 'id'), 64) &&
        isText(field(row, 'title')) &&
        isOneOf(field(row, 'kind'), FIELD_KINDS) &&
        isOptional(field(row, 'value'), (v) => isText(v, 10_000)) &&
        typeof field(row, 'required') === 'boolean' &&
        typeof field(row, 'defined') === 'boolean' &&
        isOptional(field(row, 'choices'), (choices) => isList(choices) && (choices as unknown[]).every((choice) => isText(choice))),
    ) &&
    isList(questions) &&
    (questions as unknown[]).every((question) => isText(field(question, 'id'), 64) && isText(field(question, 'text')))
  );
}

function stateChecks(state: unknown): ShapeCheck[] {
  const incident = field(state, 'incident');
  const roles = field(incident, 'roles');
  const retrospective = field(incident, 'retrospective');
  const view = field(state, 'view');
  return [
    ['state', isRecord(state)],
    ['state.incident.id', isText(field(incident, 'id'), 64)],
    ['state.incident.title', isText(field(incident, 'title'))],
    ['state.incident.severity', isOneOf(field(incident, 'severity'), SEVERITIES)],
    ['state.incident.category', isOneOf(field(incident, 'category'), CATEGORIES)],
    ['state.incident.status', isOneOf(field(incident, 'status'), STATUSES)],
    ['state.incident.drill', isOptional(field(incident, 'drill'), (v) => typeof v === 'boolean')],
    ['state.incident.roles', isRecord(roles) && isList(field(roles, 'responders'))],
    ['state.incident.checklist', isRecord(field(incident, 'checklist'))],
    ['state.incident.timeline', isList(field(incident, 'timeline'))],
    [
      'state.incident.highlights',
      isOptional(field(incident, 'highlights'), (stars) => isRecord(stars) && Object.values(stars as object).every((star) => typeof field(star, 'on') === 'boolean')),
    ],
    ['state.incident.commits', isList(field(incident, 'commits'))],
    ['state.incident.updates', isList(field(incident, 'updates'))],
    [
      'state.incident.deliveries',
      isOptional(
        field(incident, 'deliveries'),
        (records) =>
          isList(records) && (records as unknown[]).every((record) => isText(field(record, 'id'), 400) && isText(field(record, 'channel')) && isText(field(record, 'state'), 20)),
      ),
    ],
    [
      'state.incident.tasks',
      isOptional(
        field(incident, 'tasks'),
        (tasks) => isList(tasks) && (tasks as unknown[]).every((task) => isText(field(task, 'id'), 64) && isText(field(task, 'text')) && typeof field(task, 'done') === 'boolean'),
      ),
    ],
    ['state.incident.retrospective', isList(field(retrospective, 'whys')) && isList(field(retrospective, 'actionItems'))],
    ['state.incident.alerts', isOptional(field(incident, 'alerts'), (alerts) => isList(alerts) && (alerts as unknown[]).every(isAlertShape))],
    ['state.deploys', isList(field(state, 'deploys'))],
    ['state.newEventIds', isOptional(field(state, 'newEventIds'), (ids) => isList(ids) && (ids as unknown[]).every((id) => isText(id, 64)))],
    ['state.view.stage', isOneOf(field(view, 'stage'), STAGES)],
    ['state.view.nextStatuses', isList(field(view, 'nextStatuses'))],
    ['state.view.blockedStatuses', isList(field(view, 'blockedStatuses'))],
    ['state.view.checklist', isList(field(view, 'checklist'))],
    [
      'state.view.triage',
      isOptional(
        field(view, 'triage'),
        (groups) =>
          isList(groups) &&
          (groups as unknown[]).every(
            (group) =>
              isOneOf(field(group, 'group'), CHECKLIST_ITEM_IDS) &&
              isList(field(group, 'questions')) &&
              (field(group, 'questions') as unknown[]).every(
                (question) => isText(field(question, 'id'), 64) && isText(field(question, 'text')) && isText(field(question, 'suggestion'), 100),
              ),
          ),
      ),
    ],
    ['state.view.verdict', isRecord(field(view, 'verdict'))],
    ['state.view.type', isOptional(field(view, 'type'), isTypeShape)],
    [
      'state.view.audiences',
      isOptional(
        field(view, 'audiences'),
        (audiences) =>
          isList(audiences) &&
          (audiences as unknown[]).every((option) => isText(field(option, 'audience'), 100) && isOptional(field(option, 'description'), (v) => isText(v, 500))),
      ),
    ],
    ['state.view.clocks', isList(field(view, 'clocks'))],
    ['state.readOnly', typeof field(state, 'readOnly') === 'boolean'],
    ['state.readOnlyReason', isOptional(field(state, 'readOnlyReason'), (v) => isText(v, 500))],
  ];
}

function checksFor(raw: unknown): ShapeCheck[] {
  switch (field(raw, 'type')) {
    case 'state':
      return stateChecks(field(raw, 'state'));
    case 'missing':
      return [['incidentId', isText(field(raw, 'incidentId'), 64)]];
    case 'error':
      return [
        ['message', isText(field(raw, 'message'), 2000)],
        ['requestId', isOptional(field(raw, 'requestId'), (v) => isText(v, 32))],
      ];
    case 'showTab':
      return [['tab', isOneOf(field(raw, 'tab'), PANEL_TABS)]];
    default:
      return [['type', false]];
  }
}

export function checkHostMessage(raw: unknown): Parsed<HostMessage> {
  const error = firstFailure(checksFor(raw));
  return error ? { ok: false, error } : { ok: true, message: raw as HostMessage };
}
