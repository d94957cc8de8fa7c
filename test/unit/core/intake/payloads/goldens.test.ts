import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_SOURCES, type AlertNotification } from '../../../../../src/core/intake/receivedAlert';
import { readNotification } from '../../../../../src/core/intake/payloads/detect';
import type { GenericMapping } from '../../../../../src/core/intake/payloads/generic';
import { FIXTURES, readFixture, UPTIME_MAPPING } from './payloadBuilders';

/** Each fixture `<source>/<name>.json` with its golden `<name>.expected.json` and, for generic bodies, its `<name>.mapping.json`. */
const fixtures = ALERT_SOURCES.flatMap((source) =>
  readdirSync(join(FIXTURES, source))
    .filter((file) => file.endsWith('.json') && !file.endsWith('.expected.json') && !file.endsWith('.mapping.json'))
    .map((file) => ({ source, name: file.slice(0, -'.json'.length) })),
);

const read = (source: string, name: string, mapping?: GenericMapping): AlertNotification => readNotification(readFixture(source, `${name}.json`), undefined, mapping);

describe('alert payloads: golden notifications', () => {
  it('has the fixtures the issue asks for, from every source', () => {
    const names = fixtures.map(({ source, name }) => `${source}/${name}`);
    for (const name of ['alertmanager/firing-two-alerts', 'alertmanager/resolved', 'grafana/firing', 'sentry/issue-alert-node', 'generic/uptime-down']) {
      assert.ok(names.includes(name), name);
    }
  });

  for (const { source, name } of fixtures) {
    it(`reads ${source}/${name}.json as ${name}.expected.json, detected and named alike (INCIDENT_UPDATE_GOLDEN=1 rewrites; review the diff)`, () => {
      const mappingFile = join(FIXTURES, source, `${name}.mapping.json`);
      const mapping = existsSync(mappingFile) ? (JSON.parse(readFileSync(mappingFile, 'utf8')) as GenericMapping) : undefined;
      const body = readFixture(source, `${name}.json`);
      const detected = readNotification(body, undefined, mapping);
      assert.deepEqual(readNotification(body, source, mapping), detected, 'naming the source changes nothing');
      assert.equal(detected.source, source);
      const golden = join(FIXTURES, source, `${name}.expected.json`);
      if (process.env.INCIDENT_UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(detected, null, 2)}\n`);
      assert.deepEqual(detected, JSON.parse(readFileSync(golden, 'utf8')));
    });
  }

  // The goldens are reviewed once; these say field by field what they must hold, so a regenerated golden cannot hide a misread field.
  it('Alertmanager firing: one group of two alerts, times in UTC, a firing alert keeps no endsAt, links from generatorURL and runbook_url', () => {
    const n = read('alertmanager', 'firing-two-alerts');
    assert.equal(n.groupKey, '{}/{team="payments"}:{alertname="HighErrorRate", service="checkout"}');
    assert.equal(n.state, 'firing');
    assert.deepEqual(n.commonLabels, { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical', team: 'payments' });
    assert.deepEqual(
      n.alerts.map((a) => [a.fingerprint, a.state, a.startsAt, a.endsAt, a.labels.instance]),
      [
        ['5d3b6e1f0a9c2b47', 'firing', '2026-03-14T10:58:30.482Z', undefined, 'checkout-7f9c:8080'],
        ['e04c77a1b2d95f30', 'firing', '2026-03-14T10:59:00.000Z', undefined, 'checkout-2b1d:8080'],
      ],
    );
    assert.equal(n.alerts[0].annotations.summary, '5xx above 5% on checkout-7f9c');
    assert.deepEqual(n.alerts[0].links, [
      { title: 'Source', url: 'http://prometheus.example.org:9090/graph?g0.expr=job%3Acheckout_errors%3Aratio5m+%3E+0.05&g0.tab=1' },
      { title: 'Runbook', url: 'https://runbooks.example.org/checkout/errors' },
    ]);
    assert.deepEqual(n.alerts[1].fields, { receiver: 'incident-intake' });
    assert.ok(n.alerts.every((a) => a.source === 'alertmanager' && a.frames === undefined));
  });

  it('Alertmanager resolved: the state and the resolved alert’s endsAt, offsets turned to UTC', () => {
    const n = read('alertmanager', 'resolved');
    assert.equal(n.state, 'resolved');
    assert.deepEqual(
      n.alerts.map((a) => [a.fingerprint, a.state, a.startsAt, a.endsAt]),
      [['a17f03cc9e5b2d18', 'resolved', '2026-02-03T03:15:00.000Z', '2026-02-03T04:40:15.250Z']],
    );
    assert.equal(n.alerts[0].labels.device, '/dev/nvme0n1p2');
  });

  it('Grafana firing: orgId and each value as fields; dashboard and silence links, an empty panelURL and a javascript: image left out', () => {
    const n = read('grafana', 'firing');
    const [alert] = n.alerts;
    assert.equal(n.groupKey, '{}/{severity="warning"}:{alertname="QueueBacklog", grafana_folder="Orders"}');
    assert.equal(alert.fingerprint, '9b0e4f6a12cd3378');
    assert.equal(alert.startsAt, '2026-04-01T04:30:10.500Z');
    assert.deepEqual(alert.fields, { receiver: 'incident-intake', orgId: '3', 'values.A': '12400', 'values.B': '1' });
    assert.deepEqual(
      alert.links.map((l) => l.title),
      ['Source', 'Runbook', 'Dashboard', 'Silence'],
    );
    assert.equal(alert.labels.grafana_folder, 'Orders');
  });

  it('Sentry issue alert (Node): the issue is the identity and the group, the event time the start, tags the labels, frames innermost last with in_app', () => {
    const n = read('sentry', 'issue-alert-node');
    const [alert] = n.alerts;
    assert.equal(n.groupKey, 'sentry:4512098733');
    assert.equal(alert.fingerprint, '4512098733');
    assert.equal(alert.state, 'firing');
    assert.equal(alert.startsAt, '2026-05-20T08:14:55.120Z');
    assert.equal(alert.labels.environment, 'production');
    assert.equal(alert.labels.release, 'shop-api@4.12.0');
    assert.deepEqual(alert.fields, {
      level: 'error',
      culprit: 'computeTotal(src/pricing/total)',
      title: "TypeError: Cannot read properties of undefined (reading 'amount')",
      platform: 'node',
      eventId: '7c1f04a9e2b84d0f9a63b5d21e8c4f70',
      project: '6042',
      rule: 'New errors in shop-api (production)',
    });
    assert.deepEqual(alert.links, [{ title: 'Sentry event', url: 'https://acme.sentry.io/issues/4512098733/events/7c1f04a9e2b84d0f9a63b5d21e8c4f70/' }]);
    assert.equal(alert.errorText, "TypeError: Cannot read properties of undefined (reading 'amount')");
    assert.deepEqual(alert.frames, [
      { path: 'node:internal/process/task_queues', line: 95, column: 5, function: 'process.processTicksAndRejections', language: 'javascript', inApp: false },
      { path: '/srv/shop/node_modules/express/lib/router/layer.js', line: 95, column: 5, function: 'Layer.handle [as handle_request]', language: 'javascript', inApp: false },
      { path: '/srv/shop/src/routes/checkout.js', line: 42, column: 18, function: 'placeOrder', language: 'javascript', inApp: true },
      { path: '/srv/shop/src/pricing/total.js', line: 17, column: 31, function: 'computeTotal', language: 'javascript', inApp: true },
    ]);
  });

  it('Sentry legacy plugin and issue webhook: the issue id, Unix timestamps, the rules joined, resolved from the issue’s action at its firstSeen', () => {
    const legacy = read('sentry', 'legacy-plugin').alerts[0];
    assert.deepEqual(
      [legacy.fingerprint, legacy.startsAt, legacy.fields.rule, legacy.fields.projectName],
      ['3301874412', '2025-11-02T17:03:41.906Z', 'Fatal errors, Billing pages', 'Billing worker'],
    );
    assert.deepEqual(
      legacy.frames?.map((f) => [f.path, f.line, f.language]),
      [
        ['/app/billing/jobs/invoice.py', 88, 'python'],
        ['/app/billing/jobs/invoice.py', 131, 'python'],
      ],
    );
    const resolved = read('sentry', 'issue-resolved');
    assert.deepEqual([resolved.state, resolved.groupKey, resolved.alerts[0].startsAt], ['resolved', 'sentry:4512098733', '2026-05-20T08:14:55.120Z']);
  });

  it('generic with a mapping: each pointer read (an escaped "/" too), Unix seconds as the start, the status through its map, unmapped labels left out', () => {
    const n = read('generic', 'uptime-down', UPTIME_MAPPING());
    const [alert] = n.alerts;
    assert.deepEqual([n.groupKey, n.state, alert.fingerprint, alert.startsAt], ['generic:chk_0193:eu-west', 'firing', 'chk_0193:eu-west', '2026-03-26T10:25:12.000Z']);
    assert.deepEqual(alert.fields, { title: 'Checkout API health', severity: 'P1', description: 'HTTP 503 from https://api.example.org/healthz (3 of 3 probes)' });
    assert.deepEqual(alert.labels, { service: 'checkout', region: 'eu-west', owner: 'payments' });
    assert.deepEqual(alert.links, [{ title: 'Link', url: 'https://uptime.example.org/checks/chk_0193' }]);
    const up = readFixture<{ check: Record<string, unknown> }>('generic', 'uptime-down.json');
    up.check.state = 'UP';
    assert.equal(readNotification(up, 'generic', UPTIME_MAPPING()).state, 'resolved');
  });
});
