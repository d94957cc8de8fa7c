import * as assert from 'node:assert/strict';
import { formatProblem, MAX_PLACED_PROBLEMS, parsePlanText } from '../../../src/store/planFile';
import { lineColumn } from '../../../src/store/jsonPathOffset';

/** Where the `nth` occurrence of `needle` starts, as `file:line:column`, computed from the text rather than counted by hand. */
function at(text: string, needle: string, nth = 1): string {
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, needle);
  const { line, column } = lineColumn(text, offset);
  return `.incidents/plan.json:${line}:${column}`;
}
const problems = (text: string) => parsePlanText('.incidents/plan.json', text).problems.map(formatProblem);

describe('incident types in the plan file: problems placed at file:line:column (src/store/planFile.ts)', () => {
  it('places an unknown field kind, a duplicate type id and a duplicate field id at their values', () => {
    const text = [
      '{',
      '  "version": 1,',
      '  "types": [',
      '    { "id": "data-loss", "title": "Data loss", "definition": "Data gone.", "category": "security",',
      '      "fields": [{ "id": "count", "title": "Count", "kind": "checkbox" },',
      '                 { "id": "where", "title": "Where", "kind": "text" },',
      '                 { "id": "where", "title": "Again", "kind": "text" }] },',
      '    { "id": "data-loss", "title": "Again", "definition": "Twice.", "category": "security" }',
      '  ]',
      '}',
    ].join('\n');
    assert.deepEqual(problems(text), [`${at(text, '"checkbox"')}: types[0].fields[0].kind must be one of text, choice, number, date, person, url (got "checkbox")`]);
    const fixed = text.replace('"checkbox"', '"number"');
    assert.deepEqual(problems(fixed), [
      `${at(fixed, '"where"', 2)}: types[0].fields[2].id field "where" appears twice in this type; ids must be unique (got "where")`,
      `${at(fixed, '"data-loss"', 2)}: types[1].id type "data-loss" appears twice; ids must be unique (got "data-loss")`,
    ]);
  });

  it('places a mistyped key inside a type at the key', () => {
    const text = '{\n  "version": 1,\n  "types": [{ "id": "a", "title": "A", "definition": "A.", "category": "security", "severty": "SEV1" }]\n}';
    assert.deepEqual(problems(text), [`${at(text, '"severty"')}: types[0].severty: a key the plan does not have (a typo?)`]);
  });

  it('places the first problems of a plan with 10,000 bad types and counts the rest, instead of walking the text 10,000 times', () => {
    const types = Array.from({ length: 10_000 }, (_, index) => ({ id: `t-${index}`, title: 'T', definition: 'D.', category: 'payments' }));
    const text = JSON.stringify({ version: 1, types }, null, 2);
    const found = problems(text);
    assert.equal(found.length, MAX_PLACED_PROBLEMS + 1);
    const firstCategory = text.indexOf('"payments"');
    const { line, column } = lineColumn(text, firstCategory);
    assert.equal(found[0].split(': ')[0], `.incidents/plan.json:${line}:${column}`);
    assert.match(found[MAX_PLACED_PROBLEMS], /^\.incidents\/plan\.json:1:1: and 9800 more problem\(s\) like the ones above/);
  });
});
