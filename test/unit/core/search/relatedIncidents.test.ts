import * as assert from 'node:assert/strict';
import { buildRelatedIndex, FILE_WEIGHT, incidentText, TEXT_WEIGHT } from '../../../../src/core/search/relatedIncidents';
import { searchTokens } from '../../../../src/core/search/searchTokens';
import { familyHistory, historyIncident } from './relatedHistory';

describe('searchTokens', () => {
  it('splits camelCase, PascalCase acronyms, snake_case, kebab-case and paths, lowercased', () => {
    assert.deepEqual(searchTokens('checkoutTimeout in HTTPServer'), ['checkout', 'timeout', 'http', 'server']);
    assert.deepEqual(searchTokens('retry_budget hit on payments/gateway.ts'), ['retry', 'budget', 'hit', 'payments', 'gateway', 'ts']);
    assert.deepEqual(searchTokens('cache-warmer OOMKilled'), ['cache', 'warmer', 'oom', 'killed']);
  });

  it('drops stop words, one-letter words and short numbers, keeps status codes and non-ASCII words', () => {
    assert.deepEqual(searchTokens('The API is down for 5 of 42 users: HTTP 503'), ['api', 'down', 'users', 'http', '503']);
    assert.deepEqual(searchTokens('Zahlungsfehler bei Überweisung'), ['zahlungsfehler', 'bei', 'überweisung']);
    assert.deepEqual(searchTokens(''), []);
  });
});

describe('related incidents', () => {
  it('ranks the family of the incident asked about first, strongest match first, over 200 noise incidents', () => {
    const history = familyHistory();
    const index = buildRelatedIndex(history.incidents, history.extras);
    const related = index.relatedTo(history.query.id, 5);
    assert.deepEqual(
      related.slice(0, 3).map((r) => r.incident.id),
      history.expected,
    );
    assert.ok(related[2].score > related[3].score, 'the weakest family member still beats the noise');
    assert.ok(related.every((r, i) => i === 0 || related[i - 1].score >= r.score));
  });

  it('says why: the shared words that weigh most, and the files both cause/fix commits changed', () => {
    const history = familyHistory();
    const [strong, middle, weak] = buildRelatedIndex(history.incidents, history.extras).relatedTo(history.query.id, 3);
    assert.deepEqual(strong.sharedFiles, ['billing/ledger/rounding.ts', 'billing/ledger/totals.ts']);
    assert.equal(strong.files, 1);
    assert.match(strong.why[0], /^both mention (\w+, ){2}\w+$/);
    assert.deepEqual(new Set(strong.sharedWords), new Set(['invoice', 'totals', 'drift', 'cents', 'rounding', 'ledger']), 'everyday words are not reasons');
    assert.equal(strong.why[1], 'both changed billing/ledger/rounding.ts, billing/ledger/totals.ts in their cause/fix commits');
    assert.equal(middle.why[1], 'both changed billing/ledger/rounding.ts in their cause/fix commits');
    assert.equal(middle.files, 1 / 3);
    assert.equal(weak.why[0], 'both mention cents');
    assert.equal(weak.why.length, 1);
    assert.equal(weak.score, TEXT_WEIGHT * weak.text + FILE_WEIGHT * 0);
  });

  it('leaves drills out unless asked for, and can still be asked about a drill', () => {
    const history = familyHistory();
    const plain = buildRelatedIndex(history.incidents, history.extras).relatedTo(history.query.id, 50);
    assert.ok(!plain.some((r) => r.incident.id === history.drill.id));
    const withDrills = buildRelatedIndex(history.incidents, history.extras, { includeDrills: true }).relatedTo(history.query.id, 3);
    assert.equal(withDrills[0].incident.id, history.drill.id);
    const aboutTheDrill = buildRelatedIndex(history.incidents, history.extras).relatedTo(history.drill.id, 1);
    assert.equal(aboutTheDrill[0].incident.id, history.expected[0]);
  });

  it('matches on postmortem notes and changed files alone, and answers nothing for an unknown id or a lone incident', () => {
    const a = historyIncident('Alpha outage', Date.parse('2026-03-01T00:00:00Z'), []);
    const b = historyIncident('Beta outage', Date.parse('2026-03-02T00:00:00Z'), []);
    const c = historyIncident('Gamma outage', Date.parse('2026-03-03T00:00:00Z'), []);
    const extras = new Map([
      [a.id, { postmortem: 'the kafkaConsumer rebalanced forever', changedFiles: ['infra/kafka.yaml'] }],
      [b.id, { postmortem: 'kafka consumer rebalance storm' }],
      [c.id, { changedFiles: ['infra/kafka.yaml'] }],
    ]);
    const related = buildRelatedIndex([a, b, c], extras).relatedTo(a.id);
    assert.deepEqual(related.map((r) => r.incident.id).sort(), [b.id, c.id].sort());
    assert.deepEqual(
      related
        .find((r) => r.incident.id === b.id)
        ?.sharedWords.slice(0, 2)
        .sort(),
      ['consumer', 'kafka'],
    );
    assert.deepEqual(related.find((r) => r.incident.id === c.id)?.why.at(-1), 'both changed infra/kafka.yaml in their cause/fix commits');
    assert.deepEqual(buildRelatedIndex([a, b, c], extras).relatedTo('INC-ZZZZZZZZ'), []);
    assert.deepEqual(buildRelatedIndex([a]).relatedTo(a.id), []);
  });

  it('reads the title, timeline, root cause and postmortem notes', () => {
    const incident = historyIncident('Title words', 0, ['timeline words'], 'cause words');
    const text = incidentText(incident, { postmortem: 'notes words' });
    for (const part of ['Title words', 'timeline words', 'cause words', 'notes words']) assert.ok(text.includes(part), part);
  });
});
