/**
 * Records what a real Alertmanager sends, as golden inputs for the payload
 * reader, and prints how long a notification takes to arrive. Run after
 * `node scripts/build.mjs tests`:
 *
 *   node out/test/harness/alertmanagerFixturesMain.js          measure only
 *   node out/test/harness/alertmanagerFixturesMain.js --write  also (re)write test/fixtures/intake/alertmanager-real/
 *
 * Fixtures are the bodies byte for byte, timestamps and all: one alert firing,
 * a second alert of its group joining it, and both resolved.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAlertmanager, type PostableAlert } from './alertmanager';
import { PROJECT_ROOT } from './projectPaths';
import { startWebhookCapture, type CapturedRequest } from './webhookCapture';

const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'intake', 'alertmanager-real');
const WAIT_MS = 60_000;

function highErrorRate(instance: string, startsAt: Date): PostableAlert {
  return {
    labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical', instance, job: 'checkout-api' },
    annotations: {
      summary: `5xx ratio above 5% on checkout (${instance})`,
      description: 'More than 5% of checkout requests failed with a 5xx status over the last 5 minutes.',
      runbook_url: 'https://runbooks.example.com/checkout/high-error-rate',
    },
    startsAt: startsAt.toISOString(),
    generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=sum%28rate%28http_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D%29%29+%3E+0.05&g0.tab=1',
  };
}

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
  const capture = await startWebhookCapture();
  const am = await startAlertmanager({ webhookUrl: `${capture.url}/alertmanager`, bearerToken: 'fixture-token', groupWait: '1s', groupInterval: '2s' });
  const forGroup = (service: string, status: string, count: number) => (r: CapturedRequest) => {
    const body = r.body as { groupLabels?: { service?: string }; status?: string; alerts?: unknown[] } | undefined;
    return body?.groupLabels?.service === service && body.status === status && body.alerts?.length === count;
  };
  try {
    const web1 = highErrorRate('web-1:8080', new Date());
    let posted = performance.now();
    await am.postAlerts([web1]);
    const firing = await capture.next(forGroup('checkout', 'firing', 1), WAIT_MS);
    console.log(`new alert (startsAt now), group_wait 1s: the webhook arrived ${Math.round(firing.receivedAt - posted)} ms after the POST`);

    const web2 = highErrorRate('web-2:8080', new Date());
    posted = performance.now();
    await am.postAlerts([web2]);
    const grouped = await capture.next(forGroup('checkout', 'firing', 2), WAIT_MS);
    console.log(`second alert of the group, group_interval 2s: ${Math.round(grouped.receivedAt - posted)} ms`);

    const endsAt = new Date().toISOString();
    posted = performance.now();
    await am.postAlerts([web1, web2].map((a) => ({ ...a, endsAt })));
    const resolved = await capture.next(forGroup('checkout', 'resolved', 2), WAIT_MS);
    console.log(`both resolved, group_interval 2s: ${Math.round(resolved.receivedAt - posted)} ms`);

    // Alertmanager skips group_wait for an alert whose startsAt is already older than it.
    posted = performance.now();
    await am.postAlerts([{ ...highErrorRate('web-1:8080', new Date(Date.now() - 120_000)), labels: { alertname: 'HighLatency', service: 'search' } }]);
    const late = await capture.next(forGroup('search', 'firing', 1), WAIT_MS);
    console.log(`new alert that started 2 minutes ago: ${Math.round(late.receivedAt - posted)} ms`);

    if (write) {
      mkdirSync(FIXTURES, { recursive: true });
      writeFileSync(join(FIXTURES, 'firing.json'), firing.text);
      writeFileSync(join(FIXTURES, 'firing-grouped.json'), grouped.text);
      writeFileSync(join(FIXTURES, 'resolved.json'), resolved.text);
      console.log(`wrote firing.json, firing-grouped.json, resolved.json in ${FIXTURES}`);
    }
  } finally {
    await am.stop();
    await capture.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
