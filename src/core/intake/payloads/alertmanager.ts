/**
 * Prometheus Alertmanager's webhook notification (webhook_config, payload
 * version "4"): one group of alerts, each with its labels, annotations,
 * startsAt, endsAt, generatorURL and fingerprint, plus the group's key and
 * common labels. Grafana alerting sends the same shape with a few more fields
 * (grafana.ts), so the group is read here for both.
 *
 * An alert still firing carries Go's zero time as endsAt, or a forecast of
 * when it would end; only a resolved alert's endsAt is kept.
 */
import type { AlertLink, AlertNotification, ReceivedAlert } from '../receivedAlert';
import {
  ANNOTATION_VALUE_MAX,
  GROUP_KEY_MAX,
  isObject,
  links,
  missing,
  quote,
  readAlertList,
  readFingerprint,
  readLink,
  readState,
  readTextMap,
  readTime,
  refuse,
  requiredText,
  requiredTime,
  text,
  TITLE_MAX,
  type JsonObject,
} from './payloadValues';

export const ALERTMANAGER_VERSION = '4';

/** What a source adds to each alert of an Alertmanager-shaped group. */
export interface GroupAlertExtras {
  links(alert: JsonObject): (AlertLink | undefined)[];
  fields(alert: JsonObject, path: string): Record<string, string>;
}

/** An Alertmanager notification, refused with one line when a field it always sends is missing or wrong. */
export function readAlertmanager(body: JsonObject): AlertNotification {
  if (body.version === undefined) missing('alertmanager', 'version');
  if (body.version !== ALERTMANAGER_VERSION) refuse('alertmanager', `version ${quote(body.version)} is not read (only version "${ALERTMANAGER_VERSION}")`);
  return readAlertGroup(body, 'alertmanager', { links: () => [], fields: () => ({}) });
}

/** The group: its key, state and common labels, and each alert with the source's extras. */
export function readAlertGroup(body: JsonObject, source: 'alertmanager' | 'grafana', extras: GroupAlertExtras): AlertNotification {
  const list = readAlertList(source, body.alerts, 'alerts');
  const groupKey = requiredText(source, body.groupKey, 'groupKey', GROUP_KEY_MAX);
  const state = readState(source, body.status, 'status');
  const commonLabels = readTextMap(source, body.commonLabels, 'commonLabels');
  const receiver = text(body.receiver, TITLE_MAX);
  const alerts = list.map((alert, index): ReceivedAlert => {
    const path = `alerts[${index}]`;
    if (!isObject(alert)) return refuse(source, `${path} is not an object`);
    const alertState = readState(source, alert.status, `${path}.status`);
    const endsAt = readTime(source, alert.endsAt, `${path}.endsAt`);
    const annotations = readTextMap(source, alert.annotations, `${path}.annotations`, ANNOTATION_VALUE_MAX);
    return {
      source,
      fingerprint: readFingerprint(source, alert.fingerprint, `${path}.fingerprint`),
      state: alertState,
      startsAt: requiredTime(source, alert.startsAt, `${path}.startsAt`),
      ...(alertState === 'resolved' && endsAt && { endsAt }),
      labels: readTextMap(source, alert.labels, `${path}.labels`),
      annotations,
      links: links(readLink('Source', alert.generatorURL), readLink('Runbook', annotations.runbook_url), ...extras.links(alert)),
      fields: { ...(receiver && { receiver }), ...extras.fields(alert, path) },
    };
  });
  return { source, groupKey, state, alerts, commonLabels };
}
