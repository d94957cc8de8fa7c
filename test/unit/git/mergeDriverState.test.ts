import * as assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE_PATH as STORE_PATH } from '../../../src/core/record/storePath';
import { installMergeDriver, mergeDriverCommand } from '../../../src/git/mergeDriver';
import { attributesNameDriver, mergeDriverState } from '../../../src/git/mergeDriverState';
import { emptyRepo, git } from './repoBuilder';

const NAMED = `${STORE_PATH} merge=incidents\n`;

describe('merge driver state of a clone (real git)', () => {
  it('is not-named without a .gitattributes, or when it names other files only', async () => {
    const dir = emptyRepo();
    assert.equal(await mergeDriverState(dir, STORE_PATH), 'not-named');
    writeFileSync(join(dir, '.gitattributes'), '*.png binary\npackage-lock.json merge=ours\n');
    assert.equal(await mergeDriverState(dir, STORE_PATH), 'not-named');
  });

  it('is missing in a fresh clone whose committed .gitattributes names the driver', async () => {
    const origin = emptyRepo();
    await installMergeDriver(origin, mergeDriverCommand('/usr/bin/node', '/opt/cli.js'));
    git(origin, ['add', '.gitattributes']);
    git(origin, ['commit', '--quiet', '-m', 'Merge the incident store record by record']);
    assert.equal(await mergeDriverState(origin, STORE_PATH), 'installed', 'the clone that installed it');

    const clone = mkdtempSync(join(tmpdir(), 'incident-clone-'));
    git(clone, ['clone', '--quiet', origin, '.']);
    assert.equal(await mergeDriverState(clone, STORE_PATH), 'missing', 'git config is not cloned');
    await installMergeDriver(clone, mergeDriverCommand('/usr/bin/node', '/opt/cli.js'));
    assert.equal(await mergeDriverState(clone, STORE_PATH), 'installed');
  });

  it('honours the configured store path: the attribute line must be for that path', async () => {
    const dir = emptyRepo();
    writeFileSync(join(dir, '.gitattributes'), NAMED);
    assert.equal(await mergeDriverState(dir, 'ops/incidents.json'), 'not-named');
    writeFileSync(join(dir, '.gitattributes'), `${NAMED}/ops/incidents.json merge=incidents\n`);
    assert.equal(await mergeDriverState(dir, 'ops/incidents.json'), 'missing');
  });

  it('refuses a .gitattributes that is a symbolic link, even one leading out of the repository', async () => {
    const dir = emptyRepo();
    const outside = join(mkdtempSync(join(tmpdir(), 'incident-outside-')), 'attributes');
    writeFileSync(outside, NAMED);
    symlinkSync(outside, join(dir, '.gitattributes'));
    await assert.rejects(mergeDriverState(dir, STORE_PATH), /\.gitattributes is a symbolic link/);
  });
});

describe('attributesNameDriver', () => {
  it('reads the store path line as git does: comments ignored, the last merge attribute wins', () => {
    assert.equal(attributesNameDriver(NAMED, STORE_PATH), true);
    assert.equal(attributesNameDriver(`  /${STORE_PATH}\ttext  merge=incidents  \r\n`, STORE_PATH), true);
    assert.equal(attributesNameDriver(`# ${NAMED}`, STORE_PATH), false);
    assert.equal(attributesNameDriver(`${NAMED}${STORE_PATH} -merge\n`, STORE_PATH), false);
    assert.equal(attributesNameDriver(`${STORE_PATH} merge=binary\n${NAMED}`, STORE_PATH), true);
    assert.equal(attributesNameDriver(`${STORE_PATH} merge=incidentsX\n`, STORE_PATH), false);
    assert.equal(attributesNameDriver(`${STORE_PATH} mergeable=yes\n`, STORE_PATH), false);
    assert.equal(attributesNameDriver(`x${STORE_PATH} merge=incidents\n`, STORE_PATH), false);
  });
});
