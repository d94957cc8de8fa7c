/**
 * The command line as the .vsix ships it: dist/cli.js loads its chunks from
 * dist/cli/, so every chunk must be packaged (.vscodeignore) and the packaged
 * files alone must run every kind of verb, the merge driver included.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { tempRepo } from '../store/tempRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The files `vsce package` would put in the .vsix, as `vsce ls` lists them. */
function packagedFiles(): string[] {
  const vsce = join(PROJECT_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  return execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('the command line in the .vsix', function () {
  this.timeout(120_000);
  let files: string[];
  before(() => {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT });
    files = packagedFiles();
  });

  it('packages dist/cli.js and every chunk it can load', () => {
    const chunks = readdirSync(join(PROJECT_ROOT, 'dist', 'cli')).filter((name) => name.endsWith('.mjs'));
    assert.ok(chunks.includes('main.mjs'));
    const missing = ['dist/cli.js', ...chunks.map((name) => `dist/cli/${name}`)].filter((file) => !files.includes(file));
    assert.deepEqual(missing, []);
    assert.deepEqual(
      files.filter((file) => file.endsWith('.map')),
      [],
      'no source maps in the package',
    );
  });

  it('packages the JSON Schema the manifest contributes for the response plan', () => {
    const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { url: string }[] } };
    const urls = manifest.contributes.jsonValidation.map((entry) => entry.url.replace(/^\.\//, ''));
    assert.deepEqual(urls, ['schemas/plan.schema.json']);
    assert.deepEqual(
      urls.filter((url) => !files.includes(url)),
      [],
    );
  });

  it('runs from the packaged files alone: help, a write, a read and the merge driver', () => {
    const installed = mkdtempSync(join(tmpdir(), 'incident-installed-'));
    for (const file of files) {
      mkdirSync(dirname(join(installed, file)), { recursive: true });
      cpSync(join(PROJECT_ROOT, file), join(installed, file));
    }
    const cli = join(installed, 'dist', 'cli.js');
    const repo = tempRepo();
    const run = (...args: string[]) => {
      const result = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
      assert.equal(result.status, 0, `incident ${args.join(' ')}: ${result.stderr}`);
      return result.stdout.trim();
    };
    assert.match(run('--help'), /^ {2}install-merge-driver /m);
    const id = run('declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2');
    assert.match(run('list'), new RegExp(`^${id}  SEV2`));
    assert.match(run('install-merge-driver'), /Installed the "incidents" merge driver/);
    const driver = execFileSync('git', ['config', '--get', 'merge.incidents.driver'], { cwd: repo, encoding: 'utf8' });
    assert.ok(driver.includes(cli), driver);
    // What git runs for a conflicted store: three temp files, the result written to the second.
    const store = join(repo, '.incidents', 'incidents.json');
    const [base, ours, theirs] = ['base', 'ours', 'theirs'].map((side) => join(installed, side));
    for (const side of [base, ours, theirs]) cpSync(store, side);
    run('merge', base, ours, theirs);
    assert.equal(readFileSync(ours, 'utf8'), readFileSync(store, 'utf8'));
    const failed = spawnSync(process.execPath, [cli, 'lsit'], { cwd: repo, encoding: 'utf8' });
    assert.equal(failed.status, 1);
    assert.equal(failed.stderr.trim(), 'incident: there is no verb "lsit"; did you mean "list"? run "incident --help"');
  });
});
