import * as assert from 'node:assert/strict';
import { classifyCommitMessage, compileReferencePatterns, findIncidentIds, normalizeIncidentId, parseTrailers, relationFromSubject } from '../../../../src/core/code/references';

const A = 'INC-7K3QF2XM';
const B = 'INC-0ABCDEFG';

describe('incident references in commit messages', () => {
  it('finds ids in text once each, in order, and not inside longer words', () => {
    assert.deepEqual(findIncidentIds(`see ${B} and ${A}, again ${B}`), [B, A]);
    assert.deepEqual(findIncidentIds(`X${A}Y INC-7K3QF2X INC-7K3QF2XMZ inc-7k3qf2xm INC-7K3QF2XU`), []);
  });

  it('reads trailers from the last paragraph only when every line there is a trailer', () => {
    assert.deepEqual(parseTrailers(`Fix it\n\nBody text.\n\nIncident: ${A}\nCloses-Action: abc123\nSigned-off-by: Dana <d@x>`), [
      { key: 'Incident', value: A },
      { key: 'Closes-Action', value: 'abc123' },
      { key: 'Signed-off-by', value: 'Dana <d@x>' },
    ]);
    assert.deepEqual(parseTrailers(`Incident: ${A}`), [], 'a subject is never a trailer');
    assert.deepEqual(parseTrailers(`Fix\n\nWe looked at it.\nIncident: ${A}`), [], 'prose with a colon line is not a trailer block');
    assert.deepEqual(parseTrailers(`Fix\n\nIncident: ${A}\n  ${B}`), [{ key: 'Incident', value: `${A} ${B}` }], 'continuation line');
  });

  it('takes the relation from a fix or revert hint in the subject, else related', () => {
    for (const subject of ['Fix rounding in checkout', 'fix(api): null guard', 'hotfix: cache', 'Revert "Cache prices"', 'Roll back the pool change', 'Fixes timeout'])
      assert.equal(relationFromSubject(subject), 'fix', subject);
    for (const subject of ['Add prefix to keys', 'Cache prices', 'Update fixtures']) assert.equal(relationFromSubject(subject), 'related', subject);
  });

  it('links trailer ids, offers mere mentions, and collects Closes-Action ids', () => {
    const message = `Fix rounding\n\nFollow-up to ${B} discussion.\n\nincident: ${A}\nCloses-Action: k3j2h1g0f9e8, zz9\n`;
    assert.deepEqual(classifyCommitMessage(message), {
      linked: [{ incidentId: A, relation: 'fix' }],
      offered: [B],
      closesActions: ['k3j2h1g0f9e8', 'zz9'],
    });
  });

  it('lets the trailer state its relation', () => {
    assert.deepEqual(classifyCommitMessage(`Fix typo\n\nIncident: ${A} (cause)`).linked, [{ incidentId: A, relation: 'cause' }]);
    assert.deepEqual(classifyCommitMessage(`Cache prices\n\nIncident: ${A}`).linked, [{ incidentId: A, relation: 'related' }]);
  });

  it('reports nothing for a message without references', () => {
    assert.deepEqual(classifyCommitMessage('Add checkout\n\nIncident: none'), { linked: [], offered: [], closesActions: [] });
  });

  it('compiles extra patterns whose capture is an id or its 8-character code, and reports bad ones', () => {
    const { patterns, errors } = compileReferencePatterns(['/inc-(\\w{8})/i', 'incident #([0-9A-Z]{8})', '([unclosed']);
    assert.equal(patterns.length, 2);
    assert.deepEqual(
      errors.map((e) => e.source),
      ['([unclosed'],
    );
    assert.deepEqual(findIncidentIds('see inc-7k3qf2xm and incident #0ABCDEFG', patterns), [A, B]);
    assert.deepEqual(classifyCommitMessage('Fix\n\nIncident: inc-7k3qf2xm', patterns).linked, [{ incidentId: A, relation: 'fix' }]);
    assert.equal(normalizeIncidentId('not-an-id'), undefined);
  });
});
