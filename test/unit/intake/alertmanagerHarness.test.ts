/**
 * The real Alertmanager the intake tests run against, proved on its own: alerts
 * posted to its API come out as version 4 webhooks with the group key, the
 * labels, the fingerprint Alertmanager gave them and the bearer token; a second
 * alert of a group joins it in a later notification; an alert ended in the past
 * comes out resolved. Each wait is bounded (60 s: the machine may be loaded).
 */
import * as assert from 'node:assert/strict';
import { startAlertmanager, type PostableAlert, type RunningAlertmanager } from '../../harness/alertmanager';
import { startWebhookCapture, type CapturedRequest, type WebhookCapture } from '../../harness/webhookCapture';

const TOKEN = 'harness-token-1c9f';
const WAIT_MS = 60_000;
/** How Alertmanager writes "no end yet". */
const NO_END = '0001-01-01T00:00:00Z';

interface Notification {
  version: string;
  groupKey: string;
  truncatedAlerts: number;
  status: string;
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  externalURL: string;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; endsAt: string; generatorURL: string; fingerprint: string }[];
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Started two minutes ago: older than group_wait, so Alertmanager sends its group at once instead of waiting. */
function alert(service: string, extra: Record<string, string> = {}): PostableAlert {
  return {
    labels: { alertname: 'HighErrorRate', service, severity: 'critical', ...extra },
    annotations: { summary: `5xx above 5% on ${service}`, runbook_url: 'https://runbooks.example/high-error-rate' },
    startsAt: minutesAgo(2),
    generatorURL: 'http://prometheus.example:9090/graph?g0.expr=rate%28http_errors_total%5B5m%5D%29+%3E+0.05',
  };
}

/** The next request to /alertmanager whose notification is for the group of `service` and passes `test`; a time-out quotes Alertmanager's log. */
async function nextRequest(capture: WebhookCapture, am: RunningAlertmanager, service: string, test: (n: Notification) => boolean = () => true): Promise<CapturedRequest> {
  const isIt = (request: CapturedRequest) =>
    request.path === '/alertmanager' && (request.body as Notification | undefined)?.groupLabels?.service === service && test(request.body as Notification);
  try {
    return await capture.next(isIt, WAIT_MS);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nAlertmanager's log ends:\n${am.outputTail()}`, { cause: error });
  }
}

async function nextNotification(capture: WebhookCapture, am: RunningAlertmanager, service: string, test?: (n: Notification) => boolean): Promise<Notification> {
  return (await nextRequest(capture, am, service, test)).body as Notification;
}

/** The fingerprint Alertmanager's own API reports for the alert of `service` (and `instance`, when given). */
async function fingerprintOf(am: RunningAlertmanager, service: string, instance?: string): Promise<string> {
  const filter = [`service="${service}"`, ...(instance ? [`instance="${instance}"`] : [])];
  const response = await fetch(`${am.url}/api/v2/alerts?${filter.map((f) => `filter=${encodeURIComponent(f)}`).join('&')}`);
  const alerts = (await response.json()) as { fingerprint: string }[];
  assert.equal(alerts.length, 1, `one alert for ${filter.join(',')}`);
  return alerts[0].fingerprint;
}

describe('a real Alertmanager sends its webhooks to a loopback receiver', function () {
  this.timeout(180_000);
  let capture: WebhookCapture;
  let am: RunningAlertmanager;

  before(async () => {
    capture = await startWebhookCapture();
    am = await startAlertmanager({ webhookUrl: `${capture.url}/alertmanager`, bearerToken: TOKEN, groupWait: '1s', groupInterval: '2s' });
  });
  after(async () => {
    await am?.stop();
    await capture?.stop();
  });

  it('a firing alert arrives as a version 4 notification with its group key, labels, fingerprint and the bearer token', async () => {
    const posted = alert('checkout-1');
    await am.postAlerts([posted]);
    const request = await nextRequest(capture, am, 'checkout-1');
    assert.equal(request.method, 'POST');
    assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
    assert.match(request.headers['content-type'] ?? '', /^application\/json/);
    const n = request.body as Notification;
    assert.equal(n.version, '4');
    assert.equal(n.groupKey, '{}:{alertname="HighErrorRate", service="checkout-1"}');
    assert.equal(n.status, 'firing');
    assert.equal(n.receiver, 'incident-intake');
    assert.equal(n.truncatedAlerts, 0);
    assert.equal(n.externalURL, am.url);
    assert.deepEqual(n.groupLabels, { alertname: 'HighErrorRate', service: 'checkout-1' });
    assert.deepEqual(n.commonLabels, posted.labels);
    assert.equal(n.alerts.length, 1);
    const [got] = n.alerts;
    assert.equal(got.status, 'firing');
    assert.deepEqual(got.labels, posted.labels);
    assert.deepEqual(got.annotations, posted.annotations);
    assert.equal(Date.parse(got.startsAt), Date.parse(posted.startsAt!));
    assert.equal(got.endsAt, NO_END);
    assert.equal(got.generatorURL, posted.generatorURL);
    assert.match(got.fingerprint, /^[0-9a-f]{16}$/);
    assert.equal(got.fingerprint, await fingerprintOf(am, 'checkout-1'));
  });

  it('a second alert of the same group arrives in a later notification that holds both', async () => {
    const first = alert('checkout-2', { instance: 'web-1' });
    await am.postAlerts([first]);
    const alone = await nextNotification(capture, am, 'checkout-2');
    assert.deepEqual(
      alone.alerts.map((a) => a.labels.instance),
      ['web-1'],
    );
    await am.postAlerts([alert('checkout-2', { instance: 'web-2' })]);
    const both = await nextNotification(capture, am, 'checkout-2');
    assert.equal(both.groupKey, alone.groupKey);
    assert.equal(both.status, 'firing');
    assert.deepEqual(both.alerts.map((a) => a.labels.instance).sort(), ['web-1', 'web-2']);
    assert.deepEqual(both.commonLabels, { alertname: 'HighErrorRate', service: 'checkout-2', severity: 'critical' });
    const web1 = both.alerts.find((a) => a.labels.instance === 'web-1')!;
    const web2 = both.alerts.find((a) => a.labels.instance === 'web-2')!;
    assert.equal(web1.fingerprint, alone.alerts[0].fingerprint, 'the same alert keeps its fingerprint');
    assert.notEqual(web2.fingerprint, web1.fingerprint);
    assert.equal(web2.fingerprint, await fingerprintOf(am, 'checkout-2', 'web-2'));
  });

  it('the alert posted again with endsAt in the past arrives as a resolved notification', async () => {
    const firing = alert('checkout-3');
    await am.postAlerts([firing]);
    const before = await nextNotification(capture, am, 'checkout-3');
    assert.equal(before.status, 'firing');
    const endsAt = minutesAgo(1);
    await am.postAlerts([{ ...firing, endsAt }]);
    const resolved = await nextNotification(capture, am, 'checkout-3', (n) => n.status === 'resolved');
    assert.equal(resolved.groupKey, before.groupKey);
    assert.equal(resolved.alerts.length, 1);
    assert.equal(resolved.alerts[0].status, 'resolved');
    assert.equal(resolved.alerts[0].fingerprint, before.alerts[0].fingerprint);
    assert.equal(Date.parse(resolved.alerts[0].endsAt), Date.parse(endsAt));
    assert.equal(Date.parse(resolved.alerts[0].startsAt), Date.parse(firing.startsAt!));
  });
});

describe('the Alertmanager harness', function () {
  this.timeout(120_000);

  it('sends each notification to every receiver, without Authorization where no token is given, and stop() ends the process', async () => {
    const capture = await startWebhookCapture();
    const am = await startAlertmanager({
      receivers: [{ url: `${capture.url}/first`, bearerToken: 'first-token' }, { url: `${capture.url}/second` }],
    });
    try {
      await am.postAlerts([alert('payments')]);
      const first = await capture.next((r) => r.path === '/first', WAIT_MS);
      const second = await capture.next((r) => r.path === '/second', WAIT_MS);
      assert.equal(first.headers.authorization, 'Bearer first-token');
      assert.equal(second.headers.authorization, undefined);
      assert.equal((second.body as Notification).groupKey, (first.body as Notification).groupKey);
    } finally {
      await am.stop();
      await capture.stop();
    }
    await assert.rejects(fetch(`${am.url}/-/ready`), 'nothing answers after stop()');
    await am.stop();
  });

  it('refuses a missing binary with a line naming the Debian package', async () => {
    await assert.rejects(startAlertmanager({ webhookUrl: 'http://127.0.0.1:9/x', binary: '/nonexistent/prometheus-alertmanager' }), /apt-get install prometheus-alertmanager/);
  });
});
