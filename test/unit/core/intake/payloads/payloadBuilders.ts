/** Small alert bodies for the payload tests, each a valid notification of its source until a test changes it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenericMapping } from '../../../../../src/core/intake/payloads/generic';
import { PROJECT_ROOT } from '../../../../harness/projectPaths';

export const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'intake');

export const readFixture = <T = Record<string, unknown>>(source: string, name: string): T => JSON.parse(readFileSync(join(FIXTURES, source, name), 'utf8')) as T;

/** One Alertmanager alert; `overrides` replace its fields. */
export const amAlert = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  status: 'firing',
  labels: { alertname: 'HighLatency', severity: 'warning' },
  annotations: { summary: 'p99 above 2 s' },
  startsAt: '2026-06-01T12:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus.example.org/graph',
  fingerprint: 'aaaa1111bbbb2222',
  ...overrides,
});

/** An Alertmanager notification of `alerts` (one default alert unless given). */
export const amBody = (alerts: unknown[] = [amAlert()], overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: '4',
  groupKey: '{}:{alertname="HighLatency"}',
  status: 'firing',
  receiver: 'intake',
  groupLabels: { alertname: 'HighLatency' },
  commonLabels: { alertname: 'HighLatency' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example.org',
  truncatedAlerts: 0,
  alerts,
  ...overrides,
});

/** A Sentry issue alert whose event has `event` merged in. */
export const sentryBody = (event: Record<string, unknown> = {}): Record<string, unknown> => ({
  action: 'triggered',
  data: {
    event: { issue_id: '42', event_id: 'e1', platform: 'node', title: 'Error: boom', datetime: '2026-06-01T12:00:00Z', ...event },
    triggered_rule: 'Any error',
  },
});

export const UPTIME_MAPPING = (): GenericMapping => readFixture<GenericMapping>('generic', 'uptime-down.mapping.json');
