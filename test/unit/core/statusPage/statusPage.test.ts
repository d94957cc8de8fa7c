import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { defaultPlan, planSchema } from '../../../../src/core/plan/plan';
import type { Incident, StoreDocument } from '../../../../src/core/record/schema';
import { renderStatusPage, STATUS_PAGE_FILES } from '../../../../src/core/statusPage/renderStatusPage';
import { PROJECT_ROOT } from '../../../harness/projectPaths';
import { anIncident, ctx, minutesAfter } from '../builders';
import { isTerminalSafe } from '../hostileText';
import { PAGE_NOW, SECRET_MARKERS, secretStore, statusPageStore } from './statusPageStores';

const GOLDEN = join(PROJECT_ROOT, 'test', 'fixtures', 'statuspage');
const OPTIONS = { now: PAGE_NOW, name: 'Acme', url: 'https://status.example.com/' };
const render = (document: StoreDocument = statusPageStore(), plan = defaultPlan(), options = OPTIONS) => renderStatusPage(document, plan, options);
const summaryOf = (document: StoreDocument, options = OPTIONS) => JSON.parse(render(document, defaultPlan(), options)['summary.json']);
const parsedFeed = (xml: string) => new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(xml).feed;

/** One incident of `severity` with a public update, moved through `statuses`. */
function oneIncident(severity: Incident['severity'], statuses: Incident['status'][] = [], text = 'Some requests fail. We are investigating.'): StoreDocument {
  let incident = anIncident({ severity });
  incident = { ...incident, roles: { ...incident.roles, commander: 'Dana Ortiz <dana@example.com>' } };
  incident = postStatusUpdate(incident, { audience: 'customers', text }, ctx(minutesAfter(1)));
  statuses.forEach((status, index) => (incident = changeStatus(incident, status, ctx(minutesAfter(2 + index)))));
  return { version: 2, incidents: [incident], deploys: [] };
}

describe('the status page', () => {
  it('matches the golden index.html, feed.atom and summary.json for a realistic store (INCIDENT_UPDATE_GOLDEN=1 rewrites them; review the diff)', () => {
    const files = render();
    for (const name of ['index.html', 'feed.atom', 'summary.json'] as const) {
      if (process.env.INCIDENT_UPDATE_GOLDEN === '1') writeFileSync(join(GOLDEN, name), files[name]);
      assert.equal(files[name], readFileSync(join(GOLDEN, name), 'utf8'), name);
    }
  });

  it('gives the same bytes for the same store and time, whatever the order of the records', () => {
    const document = statusPageStore();
    const reversed = { ...document, incidents: [...document.incidents].reverse().map((incident) => ({ ...incident, updates: [...incident.updates].reverse() })) };
    assert.deepEqual(render(reversed), render(document));
  });

  it('publishes nothing of a store full of secrets but the public update: no name, email, note, evidence, commit, internal update, action item or drill', () => {
    const files = render(secretStore());
    assert.deepEqual(Object.keys(files).sort(), [...STATUS_PAGE_FILES].sort());
    for (const [name, text] of Object.entries(files)) {
      const leaked = SECRET_MARKERS.filter((marker) => text.toLowerCase().includes(marker.toLowerCase()));
      assert.deepEqual(leaked, [], `${name} leaks nothing`);
      assert.doesNotMatch(text, /@example\.com|Dana|Ortiz/, `${name} names nobody`);
    }
    assert.ok(files['index.html'].includes('Some requests fail. We are investigating.'), 'the public update is there (the check is not vacuous)');
    assert.ok(files['feed.atom'].includes('Some requests fail.'));
  });

  it('publishes an update only when its audience names a channel the plan marks public, by name or audience, in any case', () => {
    const plan = planSchema.parse({
      version: 1,
      channels: [
        { name: 'Status Page', audience: 'customers', reach: 'https://status.example.com', public: true },
        { name: 'partners', audience: 'Partner desk', reach: '#partners', public: false },
        { name: 'exec', audience: 'executives', reach: '#exec' },
      ],
    });
    let incident = anIncident();
    const audiences = ['CUSTOMERS', 'status  page', 'partners', 'Partner desk', 'executives', 'exec', 'internal', 'public'];
    audiences.forEach((audience, index) => (incident = postStatusUpdate(incident, { audience, text: `Update to ${audience}.` }, ctx(minutesAfter(index + 1)))));
    const html = render({ version: 2, incidents: [incident], deploys: [] }, plan)['index.html'];
    assert.deepEqual(
      audiences.filter((audience) => html.includes(`Update to ${audience}.`)),
      ['CUSTOMERS', 'status  page'],
    );
    const noPublic = planSchema.parse({ version: 1, channels: [{ name: 'status page', audience: 'customers', reach: 'x' }] });
    assert.doesNotMatch(render(statusPageStore(), noPublic)['index.html'], /<article/, 'a plan without a public channel publishes no incident');
    assert.equal(defaultPlan().channels.find((channel) => channel.name === 'status page')?.public, true, 'the default plan makes the status page public');
  });

  it('titles an incident with the first sentence of its first public update, never its internal title', () => {
    const html = render()['index.html'];
    assert.doesNotMatch(html, /Checkout returns 500|Acme Corp|Redis/);
    assert.match(html, /<h3 id="incident-inc-5sgn1nq7-title">Signing in is slow for some users\.<\/h3>/);
    assert.match(html, /<h3 id="incident-inc-1a2b3c4d-title">Some EU card payments fail; we are rolling back\.<\/h3>/);
  });

  it("sets summary.json's indicator by the worst open severity, and maps the lifecycle to investigating, identified, monitoring, resolved", () => {
    const cases: [Incident['severity'], Incident['status'][], string, string][] = [
      ['SEV1', ['triaged'], 'critical', 'investigating'],
      ['SEV2', [], 'major', 'investigating'],
      ['SEV3', ['triaged', 'communicating'], 'minor', 'identified'],
      ['SEV4', ['triaged'], 'minor', 'investigating'],
      ['SEV1', ['triaged', 'mitigated'], 'minor', 'monitoring'],
    ];
    for (const [severity, statuses, indicator, status] of cases) {
      const summary = summaryOf(oneIncident(severity, statuses));
      assert.equal(summary.status.indicator, indicator, `${severity} ${statuses.join('→')}`);
      assert.equal(summary.incidents[0].status, status, `${severity} ${statuses.join('→')}`);
    }
    const resolved = summaryOf(oneIncident('SEV1', ['triaged', 'resolved']));
    assert.deepEqual([resolved.status, resolved.incidents], [{ indicator: 'none', description: 'All systems operational' }, []], 'summary.json lists unresolved incidents only');
    const realistic = summaryOf(statusPageStore());
    assert.equal(realistic.status.indicator, 'major');
    assert.deepEqual(
      realistic.components.map((component: { name: string; status: string }) => [component.name, component.status]),
      [
        ['All systems', 'operational'],
        ['Sign-in', 'partial_outage'],
      ],
    );
    const updates = realistic.incidents[0].incident_updates;
    assert.deepEqual(
      updates.map((update: { status: string; created_at: string }) => [update.status, update.created_at]),
      [
        ['identified', '2026-11-24T10:40:00.000Z'],
        ['investigating', '2026-11-24T10:05:00.000Z'],
      ],
      'each update with the state it was written in, newest first',
    );
    assert.equal(realistic.incidents[0].impact, 'major');
  });

  it("says when an incident was resolved after its last public update, and drops that update's promise of a next one", () => {
    let incident = anIncident({ severity: 'SEV2' });
    incident = { ...incident, roles: { ...incident.roles, commander: 'Dana Ortiz <dana@example.com>' } };
    incident = postStatusUpdate(incident, { audience: 'customers', text: 'Investigating failed payments.', nextUpdateBy: minutesAfter(31) }, ctx(minutesAfter(1)));
    const open = render({ version: 2, incidents: [incident], deploys: [] }, defaultPlan(), { ...OPTIONS, now: minutesAfter(10) })['index.html'];
    assert.match(open, /Next update by/);
    assert.doesNotMatch(open, /resolved-note/);
    const resolved = changeStatus(changeStatus(incident, 'triaged', ctx(minutesAfter(2))), 'resolved', ctx(minutesAfter(20)));
    const page = render({ version: 2, incidents: [resolved], deploys: [] }, defaultPlan(), { ...OPTIONS, now: minutesAfter(30) })['index.html'];
    assert.match(page, /<p class="resolved-note">Resolved <time datetime="[^"]+">[^<]+<\/time>\. The updates below were written before it was resolved\.<\/p>/);
    assert.doesNotMatch(page, /Next update by/);
    const closing = postStatusUpdate(resolved, { audience: 'customers', text: 'Payments work again.' }, ctx(minutesAfter(21)));
    assert.doesNotMatch(render({ version: 2, incidents: [closing], deploys: [] }, defaultPlan(), { ...OPTIONS, now: minutesAfter(30) })['index.html'], /resolved-note/);
  });

  it('keeps resolved incidents for 90 days in the history, then drops them', () => {
    const document = oneIncident('SEV2', ['triaged', 'resolved']);
    const after = (days: number) => render(document, defaultPlan(), { ...OPTIONS, now: minutesAfter(days * 24 * 60) })['index.html'];
    assert.match(after(89), /<article class="incident impact-major status-resolved"/);
    assert.doesNotMatch(after(91), /<article/);
    assert.match(after(91), /No incidents in the last 90 days\./);
  });

  it('writes a feed that parses as Atom 1.0 with the required elements and ids that stay the same across runs', () => {
    const xml = render()['feed.atom'];
    assert.equal(XMLValidator.validate(xml), true);
    const feed = parsedFeed(xml);
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.ok(feed.id && feed.title['#text'] === 'Acme status' && feed.updated && feed.author.name === 'Acme');
    assert.equal(feed.entry.length, 3, 'one entry per public update');
    for (const entry of feed.entry) {
      assert.match(entry.id, /^urn:incident-responder:INC-[0-9A-Z]{8}:update:\S+$/);
      assert.ok(entry.title['#text'] && entry.content['#text'] && entry.content['@_type'] === 'text');
      assert.match(entry.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const later = parsedFeed(render(statusPageStore(), defaultPlan(), { ...OPTIONS, now: minutesAfter(3 * 24 * 60) })['feed.atom']);
    assert.deepEqual(
      later.entry.map((entry: { id: string }) => entry.id),
      feed.entry.map((entry: { id: string }) => entry.id),
    );
    assert.equal(later.updated, feed.updated, 'the feed changes only when an update does');
  });

  it('escapes hostile text in every file: no markup, no CDATA end, no control characters', () => {
    const hostile = '</script><img src=x onerror=alert(1)> & "quotes" ]]> <![CDATA[ x ]]>\u0000\u001b[2J\u0007\u202eevil\u202c done';
    const files = render(oneIncident('SEV1', [], hostile), defaultPlan(), { ...OPTIONS, name: 'Acme <b>"Corp"</b>' });
    assert.doesNotMatch(files['index.html'], /<img|<\/script>|<b>|\]\]>/);
    for (const text of Object.values(files)) assert.ok(isTerminalSafe(text.replace(/\n/g, ' ')), 'no control character in any file');
    assert.ok(files['index.html'].includes('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; ]]&gt;'));
    assert.equal(XMLValidator.validate(files['feed.atom']), true);
    assert.doesNotMatch(files['feed.atom'], /<img|\]\]>/);
    const published = '</script><img src=x onerror=alert(1)> & "quotes" ]]> <![CDATA[ x ]]>[2Jevil done';
    assert.equal(parsedFeed(files['feed.atom']).entry[0].content['#text'], published, 'a feed reader gets the text back, as text');
    const summary = JSON.parse(files['summary.json']);
    assert.equal(summary.incidents[0].incident_updates[0].body, published);
    assert.equal(summary.page.name, 'Acme <b>"Corp"</b>');
  });
});
