import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emptyRepo, importCommits } from '../git/repoBuilder';
import { incident } from './runCli';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

const ROUTER = (handler: string) => ['const a = 1;', 'const b = 2;', `function route() { ${handler} }`, 'module.exports = route;', ''].join('\n');
const TRACE = [
  "TypeError: Cannot read properties of undefined (reading 'id')",
  '    at route (/srv/app/releases/41/router/index.js:3:22)',
  '    at Layer.handle (/srv/app/node_modules/express/lib/router/layer.js:95:5)',
].join('\n');

describe('incident evidence and line-level suspects', function () {
  this.timeout(120_000);

  it('records the frames of a trace file, ranks the commit that changed that line first with why, and names the owners', async () => {
    const repo = emptyRepo();
    const shas = importCommits(repo, [
      { message: 'Release 1', files: { 'router/index.js': ROUTER('return 1;'), '.github/CODEOWNERS': '*  @acme/all\n/router/  @router-team @dana\n' } },
      { message: 'Router change of line 3', files: { 'router/index.js': ROUTER('return req.user.id;') } },
      { message: 'Router change of line 1', files: { 'router/index.js': ROUTER('return req.user.id;').replace('const a = 1;', 'const a = 10;') } },
      { message: 'Docs', files: { 'README.md': 'hi\n' } },
    ]);
    const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const traceFile = join(mkdtempSync(join(tmpdir(), 'incident-trace-')), 'error with space.log');
    writeFileSync(traceFile, TRACE);
    const added = await incident(repo, 'evidence', id, '--file', traceFile);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /2 frame\(s\), 1 in the code, first router\/index\.js:3 in route/);
    const shown = JSON.parse((await incident(repo, 'show', id, '--json')).stdout);
    const event = shown.timeline.find((e: { kind: string }) => e.kind === 'evidence');
    assert.deepEqual(event.data.frames, [
      { file: 'router/index.js', line: 3, function: 'route' },
      { file: '/srv/app/node_modules/express/lib/router/layer.js', line: 95, function: 'Layer.handle', outside: true },
    ]);

    const listed = await incident(repo, 'suspects', id, '--good', shas[0], '--bad', shas[3]);
    assert.equal(listed.code, 0, listed.stderr);
    const lines = listed.stdout.split('\n');
    assert.match(lines[1], new RegExp(`^${shas[1].slice(0, 8)} .*Router change of line 3 .* changed line 3 of router/index\\.js  owners @router-team @dana$`));
    assert.match(lines[2], new RegExp(`^${shas[2].slice(0, 8)} .*Router change of line 1 .* touches router/index\\.js  owners @router-team @dana$`));
    assert.match(lines[3], /Docs {2}\(Dana Ortiz <dana@example\.com>\)$/);
    assert.deepEqual(lines.slice(4), ['Owners of the evidence files (.github/CODEOWNERS):', '  router/index.js  @router-team @dana']);
    const json = JSON.parse((await incident(repo, 'suspects', id, '--good', shas[0], '--bad', shas[3], '--json')).stdout);
    assert.deepEqual(
      json.suspects.map((s: { reason?: string; owners?: string[] }) => [s.reason, s.owners]),
      [
        ['changed line 3 of router/index.js', ['@router-team', '@dana']],
        ['changed router/index.js', ['@router-team', '@dana']],
        [undefined, undefined],
      ],
    );
    assert.deepEqual(json.evidenceOwners, [{ file: 'router/index.js', owners: ['@router-team', '@dana'] }]);
    const details = await incident(repo, 'show', id);
    assert.match(details.stdout, /Owners of the evidence files \(\.github\/CODEOWNERS\):\n {2}router\/index\.js {2}@router-team @dana$/);
  });

  it('reads a trace from stdin with -, and refuses to guess without one', async () => {
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT });
    const repo = emptyRepo();
    importCommits(repo, [{ message: 'Start', files: { 'router/index.js': ROUTER('return 1;') } }]);
    const id = (await incident(repo, 'declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const piped = spawnSync(process.execPath, [CLI, 'evidence', id, '-'], { cwd: repo, encoding: 'utf8', input: TRACE });
    assert.equal(piped.status, 0, piped.stderr);
    assert.match(piped.stdout, /first router\/index\.js:3 in route/);
    const neither = await incident(repo, 'evidence', id);
    assert.equal(neither.code, 1);
    assert.match(neither.stderr, /--file FILE, or - to read it from stdin/);
  });
});
