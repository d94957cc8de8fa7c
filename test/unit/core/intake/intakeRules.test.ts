import * as assert from 'node:assert/strict';
import { decideAlert, decideForAlert } from '../../../../src/core/intake/intakeRules';
import { SEVERITY_WORDS } from '../../../../src/core/intake/defaultRule';
import { planSchema } from '../../../../src/core/plan/plan';
import { SHORT_TEXT_MAX } from '../../../../src/core/text/clip';
import { isTerminalSafe } from '../hostileText';
import { aNotification, anAlert, aPlan } from './alertBuilders';

const rules = (...list: unknown[]) => aPlan({ rules: list });

describe('intake rules: what an alert does (src/core/intake/intakeRules.ts)', () => {
  it('takes the first rule whose conditions all hold, in the plan order, and says which and why', () => {
    const plan = rules(
      { name: 'payments-critical', match: { 'labels.service': 'payments', 'labels.severity': 'critical' }, severity: 'SEV1', category: 'regression' },
      { name: 'payments', match: { 'labels.service': 'payments' }, severity: 'SEV2' },
      { name: 'everything', severity: 'SEV4' },
    );
    const critical = decideForAlert(anAlert({ labels: { service: 'payments', severity: 'critical' } }), plan);
    assert.deepEqual([critical.rule, critical.severity, critical.category], ['payments-critical', 'SEV1', 'regression']);
    assert.equal(critical.reason, `rule 'payments-critical' matched labels.service="payments", labels.severity="critical"`);
    const warning = decideForAlert(anAlert({ labels: { service: 'payments', severity: 'warning' } }), plan);
    assert.deepEqual([warning.rule, warning.severity], ['payments', 'SEV2'], 'one condition failing skips the rule');
    const other = decideForAlert(anAlert({ labels: { service: 'search' } }), plan);
    assert.deepEqual([other.rule, other.severity, other.reason], ['everything', 'SEV4', "rule 'everything' matches every alert"]);
    const swapped = rules(
      { name: 'payments', match: { 'labels.service': 'payments' }, severity: 'SEV2' },
      { name: 'payments-critical', match: { 'labels.service': 'payments' }, severity: 'SEV1' },
    );
    assert.equal(decideForAlert(anAlert({ labels: { service: 'payments' } }), swapped).rule, 'payments', 'order decides, not how specific');
  });

  it('compares a string for equality and a pattern against the whole value; an absent label is the empty value', () => {
    const decide = (match: Record<string, unknown>, labels: Record<string, string>) => decideForAlert(anAlert({ labels }), rules({ name: 'r', match })).rule;
    assert.equal(decide({ 'labels.service': 'payments' }, { service: 'payments' }), 'r');
    assert.equal(decide({ 'labels.service': 'payments' }, { service: 'Payments' }), undefined, 'equality is exact');
    assert.equal(decide({ 'labels.service': 'payments' }, { service: 'payments-eu' }), undefined);
    assert.equal(decide({ 'labels.service': { pattern: 'pay.*' } }, { service: 'payments-eu' }), 'r');
    assert.equal(decide({ 'labels.service': { pattern: 'ments' } }, { service: 'payments' }), undefined, 'anchored, as Alertmanager =~');
    assert.equal(decide({ 'labels.service': { pattern: 'a|payments' } }, { service: 'payments' }), 'r', 'an alternation is anchored as a whole');
    assert.equal(decide({ 'labels.team': '' }, { service: 'payments' }), 'r');
    assert.equal(decide({ 'labels.team': { pattern: '.+' } }, { service: 'payments' }), undefined);
    assert.equal(decide({ 'labels.constructor': { pattern: '.+' } }, {}), undefined, 'only the alert own labels are read');
    const reason = decideForAlert(anAlert({ labels: { severity: 'crit' } }), rules({ name: 'r', match: { 'labels.severity': { pattern: 'crit.*' } } })).reason;
    assert.match(reason, /^rule 'r' matched labels\.severity="crit" \(matches "crit\.\*"\)/);
  });

  it('matches on the source, annotations and fields too', () => {
    const plan = rules(
      { name: 'from-sentry', match: { source: 'sentry', 'fields.project': 'web' }, category: 'regression' },
      { name: 'runbook-annotated', match: { 'annotations.runbook_url': { pattern: 'https://.*' } } },
    );
    assert.equal(decideForAlert(anAlert({ source: 'sentry', fields: { project: 'web' } }), plan).rule, 'from-sentry');
    assert.equal(decideForAlert(anAlert({ source: 'grafana', fields: { project: 'web' } }), plan).rule, undefined);
    assert.equal(decideForAlert(anAlert({ annotations: { runbook_url: 'https://wiki/r' } }), plan).rule, 'runbook-annotated');
  });

  it('maps each usual severity word by default, in any case or spelling; an unknown or missing one is SEV3', () => {
    const expected: Record<string, string> = {
      critical: 'SEV1',
      error: 'SEV2',
      major: 'SEV2',
      high: 'SEV2',
      warning: 'SEV3',
      minor: 'SEV3',
      medium: 'SEV3',
      info: 'SEV4',
      low: 'SEV4',
    };
    for (const [word, severity] of Object.entries({ ...expected, ...SEVERITY_WORDS })) {
      for (const written of [word, word.toUpperCase(), ` ${word} `]) {
        assert.equal(decideForAlert(anAlert({ labels: { severity: written } }), aPlan()).severity, severity, written);
      }
    }
    assert.equal(decideForAlert(anAlert({ labels: { severity: 'sev-1' } }), aPlan()).severity, 'SEV1');
    const unknown = decideForAlert(anAlert({ labels: { severity: 'urgent' } }), aPlan());
    assert.deepEqual([unknown.severity, unknown.reason], ['SEV3', 'default rule: labels.severity="urgent" is not a known severity word → SEV3']);
    assert.equal(decideForAlert(anAlert({ labels: { alertname: 'X' } }), aPlan()).reason, 'default rule: no severity or priority label → SEV3');
    assert.equal(decideForAlert(anAlert({ labels: { priority: 'P1' } }), aPlan()).severity, 'SEV1', 'the priority label when there is no severity');
    assert.equal(decideForAlert(anAlert({ labels: { severity: 'info', priority: 'P1' } }), aPlan()).severity, 'SEV4', 'severity first');
    assert.equal(decideForAlert(anAlert({ source: 'sentry', labels: {}, fields: { level: 'fatal' } }), aPlan()).severity, 'SEV1', "Sentry's level");
    assert.equal(decideForAlert(anAlert({ labels: { severity: 'constructor' } }), aPlan()).severity, 'SEV3', 'no word from the prototype');
  });

  it('sets the category by default: a category label the plan knows, regression for Sentry, performance otherwise, else the plan first', () => {
    assert.equal(decideForAlert(anAlert(), aPlan()).category, 'performance');
    assert.equal(decideForAlert(anAlert({ source: 'sentry' }), aPlan()).category, 'regression');
    assert.equal(decideForAlert(anAlert({ labels: { category: 'Security' } }), aPlan()).category, 'security');
    const narrow = aPlan(undefined, { categories: [{ id: 'security', title: 'Security', definition: 'Breaches.' }] });
    assert.equal(decideForAlert(anAlert(), narrow).category, 'security');
  });

  it('fills in from the default rule what a matching rule leaves out, and resolves runbooks, drill and declare', () => {
    const plan = rules({ name: 'quiet', match: { 'labels.service': 'checkout' }, runbooks: ['checkout.md'], drill: true, declare: false });
    const decision = decideForAlert(anAlert(), plan);
    assert.deepEqual(decision, {
      rule: 'quiet',
      reason: `rule 'quiet' matched labels.service="checkout"; default severity: labels.severity="critical" → SEV1`,
      severity: 'SEV1',
      category: 'performance',
      title: 'HighErrorRate on checkout',
      runbooks: ['.incidents/runbooks/checkout.md'],
      drill: true,
      declare: false,
    });
    const plain = decideForAlert(anAlert({ labels: { service: 'search' } }), plan);
    assert.deepEqual([plain.rule, plain.runbooks, plain.drill, plain.declare], [undefined, [], false, true]);
    assert.match(plain.reason, /^no rule matched; default rule: /);
  });

  it('renders the title template from the alert: a missing value or unknown placeholder is nothing; nothing at all falls back to the default title', () => {
    const title = (template: string, alert = anAlert()) => decideForAlert(alert, rules({ name: 't', title: template })).title;
    assert.equal(title('{{labels.alertname}} on {{labels.service}}'), 'HighErrorRate on checkout');
    assert.equal(title('{{ labels.alertname }} ({{annotations.summary}})'), 'HighErrorRate (Error rate above 5%)');
    assert.equal(title('{{labels.alertname}} on {{labels.region}}'), 'HighErrorRate on');
    assert.equal(title('{{alertname}} in {{labels.service}}'), 'in checkout', 'an unknown placeholder renders as nothing');
    assert.equal(title('[{{source}}] {{labels.constructor}}{{labels.alertname}}'), '[alertmanager] HighErrorRate');
    assert.equal(title('{{labels.nothing}}'), 'HighErrorRate on checkout');
    assert.equal(title('{{labels.alertname}}', anAlert({ labels: { alertname: '{{labels.service}}' } })), '{{labels.service}}', 'a value is never expanded again');
    assert.equal(title('x', anAlert({ labels: {}, annotations: {}, source: 'grafana', fingerprint: 'ab12' })), 'x');
    assert.equal(decideForAlert(anAlert({ labels: {}, annotations: {}, fingerprint: 'ab12' }), aPlan()).title, 'alertmanager alert ab12');
    assert.equal(
      decideForAlert(anAlert({ source: 'sentry', labels: {}, fields: { title: 'TypeError: x is undefined', project: 'web' } }), aPlan()).title,
      'TypeError: x is undefined on web',
    );
  });

  it('keeps hostile alerts in bounds: a 100 KB label is clipped to the title limit, control characters never reach the title or the reason', () => {
    const huge = 'A'.repeat(100_000);
    const hostile = 'Pay\x1b[2J\x1b]0;pwned\x07 fails\rOK\n\t\u202eevil\u202c \u2066iso\u2069\x9b31m\x00\x7f\u2028end';
    const plan = rules({ name: 'h', match: { 'labels.service': { pattern: '.*' } }, title: '{{labels.alertname}} {{labels.service}} {{labels.alertname}}' });
    for (const alert of [anAlert({ labels: { alertname: huge, service: hostile, severity: huge } }), anAlert({ labels: { alertname: hostile, service: huge } })]) {
      for (const decision of [decideForAlert(alert, plan), decideForAlert(alert, aPlan())]) {
        assert.ok(decision.title.length <= SHORT_TEXT_MAX && decision.title.length > 0, `title of ${decision.title.length}`);
        assert.ok(isTerminalSafe(decision.title) && !/[\n\t\r\u2028]/.test(decision.title), JSON.stringify(decision.title.slice(0, 80)));
        assert.ok(decision.reason.length < 600 && !/[\n\r]/.test(decision.reason) && isTerminalSafe(decision.reason), decision.reason.slice(0, 200));
      }
    }
    assert.equal(decideForAlert(anAlert({ labels: { alertname: hostile } }), aPlan()).title, 'Pay [2J ]0;pwned fails OK evil iso 31m end');
    const template = rules({ name: 't', title: 'a\u001b[31m\n\u202eb {{labels.alertname}}\u0007' });
    assert.equal(decideForAlert(anAlert(), template).title, 'a [31m b HighErrorRate', "the plan's own template is kept to one safe line too");
  });

  it('never runs a pattern the safety check refuses, even from a plan that skipped its schema', () => {
    const plan = aPlan();
    const unchecked = { ...plan, intake: { rules: [{ name: 'evil', match: { 'labels.service': { pattern: '(a+)+' } } }] } };
    // Run, the pattern would match this short value; refused, it matches nothing.
    assert.equal(decideForAlert(anAlert({ labels: { service: 'aaa' } }), unchecked as typeof plan).rule, undefined);
    const safe = { ...plan, intake: { rules: [{ name: 'fine', match: { 'labels.service': { pattern: 'a+' } } }] } };
    assert.equal(decideForAlert(anAlert({ labels: { service: 'aaa' } }), safe as typeof plan).rule, 'fine');
  });

  it('decides the incident by its lead alert: the most severe firing one, the earliest on a tie', () => {
    const plan = planSchema.parse({ version: 1 });
    const warning = anAlert({ fingerprint: 'w', labels: { alertname: 'Slow', severity: 'warning' }, startsAt: '2026-11-23T09:00:00Z' });
    const critical = anAlert({ fingerprint: 'c', labels: { alertname: 'Down', severity: 'critical' }, startsAt: '2026-11-23T10:00:00Z' });
    const resolvedWorse = anAlert({ fingerprint: 'r', state: 'resolved', labels: { alertname: 'Gone', severity: 'critical' }, startsAt: '2026-11-23T08:00:00Z' });
    const decided = decideAlert(aNotification([warning, critical]), plan);
    assert.deepEqual([decided.incident.leadFingerprint, decided.incident.severity, decided.incident.title], ['c', 'SEV1', 'Down']);
    assert.match(decided.incident.reason, /^lead alert "c": default rule: labels\.severity="critical" → SEV1$/);
    assert.equal(decided.incident.startsAt, '2026-11-23T09:00:00Z', 'the group started with its earliest alert');
    assert.deepEqual(
      decided.alerts.map(({ alert, decision }) => [alert.fingerprint, decision.severity]),
      [
        ['w', 'SEV3'],
        ['c', 'SEV1'],
      ],
    );
    assert.equal(decideAlert(aNotification([warning, resolvedWorse]), plan).incident.leadFingerprint, 'w', 'firing before resolved');
    const twin = { ...critical, fingerprint: 'c2', startsAt: '2026-11-23T09:30:00Z' };
    assert.equal(decideAlert(aNotification([critical, twin]), plan).incident.leadFingerprint, 'c2', 'the earlier of two equally severe');
    const empty = decideAlert(aNotification([], { commonLabels: { alertname: 'Quiet', severity: 'info' } }), plan);
    assert.deepEqual([empty.incident.severity, empty.incident.title, empty.alerts], ['SEV4', 'Quiet', []]);
  });
});
