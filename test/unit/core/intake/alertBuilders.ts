/** Small builders for received alerts, notifications and plans with intake rules, for the intake tests. */
import { planSchema, type ResponsePlan } from '../../../../src/core/plan/plan';
import type { AlertNotification, ReceivedAlert } from '../../../../src/core/intake/receivedAlert';

export function anAlert(overrides: Partial<ReceivedAlert> = {}): ReceivedAlert {
  return {
    source: 'alertmanager',
    fingerprint: 'c0ffee0001',
    state: 'firing',
    startsAt: '2026-11-23T10:00:00.000Z',
    labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' },
    annotations: { summary: 'Error rate above 5%' },
    links: [],
    fields: {},
    ...overrides,
  };
}

export function aNotification(alerts: ReceivedAlert[] = [anAlert()], overrides: Partial<AlertNotification> = {}): AlertNotification {
  return {
    source: alerts[0]?.source ?? 'alertmanager',
    groupKey: '{}:{alertname="HighErrorRate"}',
    state: alerts.some((alert) => alert.state === 'firing') ? 'firing' : 'resolved',
    alerts,
    commonLabels: {},
    ...overrides,
  };
}

/** A plan read through its schema, as the product reads plan.json. */
export function aPlan(intake?: unknown, more: Record<string, unknown> = {}): ResponsePlan {
  return planSchema.parse({ version: 1, ...(intake !== undefined && { intake }), ...more });
}
