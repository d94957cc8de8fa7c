import * as assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STORE_PATH as STORE_PATH } from '../../../src/core/record/storePath';
import { installMergeDriver, mergeDriverCommand } from '../../../src/git/mergeDriver';
import { gitProcessesStarted } from '../../../src/git/processCount';
import { MergeDriverOffer, type MergeDriverOfferHost } from '../../../src/workflows/mergeDriverOffer';
import { emptyRepo, git } from '../git/repoBuilder';

const QUESTION = 'This repository merges its incident store record by record, but the merge driver is not installed in this clone. Install it?';
const BUTTONS = ['Install', 'Later', "Don't Ask Again"];

/** A clone as a teammate gets it: .gitattributes names the driver, git config does not have it. */
function freshClone(attributes = `${STORE_PATH} merge=incidents\n`): string {
  const dir = emptyRepo('incident-offer-');
  writeFileSync(join(dir, '.gitattributes'), attributes);
  return dir;
}

const driverConfigured = (dir: string) => git(dir, ['config', '--list', '--local']).includes('merge.incidents.driver=');
const forgetDriver = (dir: string) => git(dir, ['config', '--unset-all', 'merge.incidents.driver']);

/** The offer with a real repository, a memory that outlives sessions, and scripted answers. */
function offerIn(root: string, options: { answers?: (string | undefined)[]; trusted?: boolean; storePath?: string; install?: () => Promise<unknown> } = {}) {
  const asked: string[][] = [];
  const logged: string[] = [];
  const stored = new Map<string, unknown>();
  const answers = [...(options.answers ?? [])];
  const host: MergeDriverOfferHost = {
    root,
    storePath: options.storePath ?? STORE_PATH,
    trusted: () => options.trusted ?? true,
    memory: { get: <T>(key: string) => stored.get(key) as T | undefined, update: async (key, value) => void stored.set(key, value) },
    ask: async (message, ...buttons) => (asked.push([message, ...buttons]), answers.shift()),
    install: options.install ?? (() => installMergeDriver(root, mergeDriverCommand('/usr/bin/node', '/opt/incident/cli.js'))),
    log: (line) => logged.push(line),
  };
  return { offer: new MergeDriverOffer(host), asked, logged };
}

describe('merge driver offer (real git, scripted answers)', () => {
  it('asks in a fresh clone; Install installs the driver and the next session does not ask again', async () => {
    const root = freshClone();
    const { offer, asked } = offerIn(root, { answers: ['Install'] });
    assert.equal(offer.status, 'pending');
    assert.equal(await offer.run(), 'install');
    assert.deepEqual(asked, [[QUESTION, ...BUTTONS]]);
    assert.ok(driverConfigured(root), 'the driver is in git config');

    forgetDriver(root); // Even if it goes missing again, the person already answered.
    const next = offer.nextSession();
    assert.equal(await next.run(), 'answered-before');
    assert.equal(asked.length, 1);
  });

  it("remembers Don't Ask Again: the next session asks nothing though the driver is still missing", async () => {
    const root = freshClone();
    const { offer, asked } = offerIn(root, { answers: ["Don't Ask Again"] });
    assert.equal(await offer.run(), 'never');
    assert.equal(driverConfigured(root), false);
    assert.equal(await offer.nextSession().run(), 'answered-before');
    assert.equal(asked.length, 1);
  });

  it('asks again next session after Later or a closed notification, and installs nothing', async () => {
    const root = freshClone();
    const { offer, asked } = offerIn(root, { answers: ['Later', undefined, 'Install'] });
    assert.equal(await offer.run(), 'later');
    assert.equal(await offer.run(), 'later', 'once per session: a second run in the same session does not ask');
    assert.equal(await offer.nextSession().run(), 'later');
    assert.equal(driverConfigured(root), false);
    assert.equal(await offer.nextSession().run(), 'install');
    assert.equal(asked.length, 3);
  });

  it('asks nothing and starts no git in Restricted Mode', async () => {
    const root = freshClone();
    const before = gitProcessesStarted();
    const { offer, asked } = offerIn(root, { trusted: false, answers: ['Install'] });
    assert.equal(await offer.run(), 'untrusted');
    assert.equal(gitProcessesStarted(), before);
    assert.deepEqual(asked, []);
  });

  it('asks nothing when the driver is configured, or when .gitattributes does not name it for the store path in use', async () => {
    const installed = freshClone();
    await installMergeDriver(installed, mergeDriverCommand('/usr/bin/node', '/opt/incident/cli.js'));
    const plain = freshClone('*.png binary\n');
    const otherStore = freshClone();
    for (const [root, storePath, status] of [
      [installed, STORE_PATH, 'installed'],
      [plain, STORE_PATH, 'not-named'],
      [otherStore, 'ops/incidents.json', 'not-named'],
    ] as const) {
      const { offer, asked } = offerIn(root, { storePath, answers: ['Install'] });
      assert.equal(await offer.run(), status, root);
      assert.deepEqual(asked, []);
    }
  });

  it('does not read a .gitattributes linked out of the repository, and says why in the log only', async () => {
    const root = emptyRepo('incident-offer-');
    const outside = join(mkdtempSync(join(tmpdir(), 'incident-outside-')), 'attributes');
    writeFileSync(outside, `${STORE_PATH} merge=incidents\n`);
    symlinkSync(outside, join(root, '.gitattributes'));
    const { offer, asked, logged } = offerIn(root, { answers: ['Install'] });
    assert.equal(await offer.run(), 'unreadable');
    assert.deepEqual(asked, []);
    assert.match(logged.join('\n'), /\.gitattributes is a symbolic link/);
  });

  it('does not remember an Install that left the driver unconfigured, so the next session asks again', async () => {
    const root = freshClone();
    const { offer, asked } = offerIn(root, { answers: ['Install', 'Later'], install: async () => undefined });
    assert.equal(await offer.run(), 'install-failed');
    assert.equal(await offer.nextSession().run(), 'later');
    assert.equal(asked.length, 2);
  });
});
