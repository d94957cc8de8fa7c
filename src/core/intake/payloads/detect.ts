/**
 * One alert notification read into our shapes, whatever sent it. The source
 * is named by the caller (the receiver's path, `--source`) or detected from
 * the fields each product documents as its own:
 * - Grafana alerting: an `alerts` list and `orgId`;
 * - Alertmanager: an `alerts` list and `version` "4" (and no orgId);
 * - Sentry: `data.event` (issue alert), `data.issue` with `action` (issue
 *   webhook), or `id`, `project` and `event` (the legacy webhook plugin);
 * - generic: none of these, and the plan has a mapping.
 * A known shape wins over the mapping; name the source to read one of them
 * through the mapping instead. An unknown shape is refused with one line
 * saying what each source lacked.
 */
import { DomainError } from '../../record/errors';
import { ALERT_SOURCES, type AlertNotification, type AlertSource } from '../receivedAlert';
import { ALERTMANAGER_VERSION, readAlertmanager } from './alertmanager';
import { readGeneric, type GenericMapping } from './generic';
import { readGrafana } from './grafana';
import { isObject, type JsonObject } from './payloadValues';
import { readSentry, sentryShape } from './sentry';

/** The notification in `body`, from `source` or the source its fields show; a DomainError with one line when it cannot be read. */
export function readNotification(body: unknown, source?: AlertSource, mapping?: GenericMapping): AlertNotification {
  if (!isObject(body)) {
    const kind = Array.isArray(body) ? 'a list' : body === null ? 'null' : typeof body;
    throw new DomainError(`an alert notification is a JSON object, not ${kind}`, 'alert-payload-shape');
  }
  switch (source ?? detectSource(body, mapping)) {
    case 'alertmanager':
      return readAlertmanager(body);
    case 'grafana':
      return readGrafana(body);
    case 'sentry':
      return readSentry(body);
    case 'generic':
      if (!mapping) throw new DomainError('a generic alert is read through the mapping in the plan, and the plan has none', 'alert-mapping-missing');
      return readGeneric(body, mapping);
    default:
      // A source name from outside the type system (a path, a flag) that is none of ours.
      throw new DomainError(`${JSON.stringify(String(source)).slice(0, 40)} is not an alert source (${ALERT_SOURCES.join(', ')})`, 'alert-source-unknown');
  }
}

/** The source whose distinguishing fields `body` has; a DomainError naming what each lacked when none fits. */
export function detectSource(body: JsonObject, mapping?: GenericMapping): AlertSource {
  const hasAlerts = Array.isArray(body.alerts);
  const hasOrgId = body.orgId !== undefined && body.orgId !== null;
  if (hasAlerts && hasOrgId) return 'grafana';
  if (hasAlerts && body.version === ALERTMANAGER_VERSION) return 'alertmanager';
  if (sentryShape(body)) return 'sentry';
  if (mapping) return 'generic';
  const lacks = (...fields: [string, boolean][]) =>
    fields
      .filter(([, present]) => !present)
      .map(([name]) => name)
      .join(' and ');
  const reasons = [
    `Alertmanager lacks ${lacks(['alerts', hasAlerts], [`version "${ALERTMANAGER_VERSION}"`, body.version === ALERTMANAGER_VERSION])}`,
    `Grafana lacks ${lacks(['alerts', hasAlerts], ['orgId', hasOrgId])}`,
    "Sentry lacks data.event (or data.issue, or the plugin's id, project and event)",
    'a generic body needs a mapping in the plan',
  ];
  throw new DomainError(`not an alert notification of a known source: ${reasons.join('; ')}`, 'alert-payload-shape');
}
