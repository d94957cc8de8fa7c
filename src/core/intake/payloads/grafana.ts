/**
 * Grafana alerting's webhook contact point: Alertmanager's group (Grafana
 * runs one inside) with Grafana's additions. Each alert may carry the values
 * that triggered it (`values`: B = 44.2) and links to silence it, to its
 * dashboard and panel, and to a screenshot; the body adds orgId, version "1"
 * and the soon-deprecated title, state and message, which are not read.
 */
import type { AlertNotification } from '../receivedAlert';
import { readAlertGroup } from './alertmanager';
import { missing, readLink, readTextMap, text, type JsonObject } from './payloadValues';

/** A Grafana notification; the organization and each alert's values become fields (`orgId`, `values.B`). */
export function readGrafana(body: JsonObject): AlertNotification {
  if (body.orgId === undefined || body.orgId === null) missing('grafana', 'orgId');
  const orgId = text(body.orgId, 20);
  return readAlertGroup(body, 'grafana', {
    links: (alert) => [readLink('Dashboard', alert.dashboardURL), readLink('Panel', alert.panelURL), readLink('Silence', alert.silenceURL), readLink('Image', alert.imageURL)],
    fields: (alert, path) => {
      const values = readTextMap('grafana', alert.values, `${path}.values`);
      const valueString = text(alert.valueString, 1_000);
      return {
        ...(orgId && { orgId }),
        ...Object.fromEntries(Object.entries(values).map(([name, value]) => [`values.${name}`, value])),
        ...(valueString && { valueString }),
      };
    },
  });
}
