import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownersOf } from '../../../src/core/plan/codeOwners';
import { readCodeOwners } from '../../../src/store/codeOwnersFile';

describe('reading CODEOWNERS', () => {
  it("takes the first of GitHub's locations that exists: .github/, then the root, then docs/", () => {
    const root = mkdtempSync(join(tmpdir(), 'incident-owners-'));
    assert.equal(readCodeOwners(root), undefined);
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs/CODEOWNERS'), '* @docs\n');
    assert.equal(readCodeOwners(root)?.path, 'docs/CODEOWNERS');
    writeFileSync(join(root, 'CODEOWNERS'), '* @root\n');
    assert.equal(readCodeOwners(root)?.path, 'CODEOWNERS');
    mkdirSync(join(root, '.github'));
    writeFileSync(join(root, '.github/CODEOWNERS'), '* @github\n');
    const found = readCodeOwners(root);
    assert.equal(found?.path, '.github/CODEOWNERS');
    assert.deepEqual(found && ownersOf(found, 'a.js'), ['@github']);
  });

  it('never follows a link out of the repository', () => {
    const outside = mkdtempSync(join(tmpdir(), 'incident-outside-'));
    writeFileSync(join(outside, 'CODEOWNERS'), '* @outsider\n');
    const root = mkdtempSync(join(tmpdir(), 'incident-owners-'));
    symlinkSync(outside, join(root, '.github'));
    symlinkSync(join(outside, 'CODEOWNERS'), join(root, 'CODEOWNERS'));
    assert.equal(readCodeOwners(root), undefined);
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs/CODEOWNERS'), '* @docs\n');
    assert.equal(readCodeOwners(root)?.path, 'docs/CODEOWNERS');
  });
});
