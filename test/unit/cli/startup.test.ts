/**
 * What `incident` loads and starts to answer a verb: the verb index agrees with
 * the verb modules, `list` where there is no store yet loads neither the schema
 * library nor the store's parser and runs one git process, and the compile
 * cache writes nothing into the repository. How long it takes is the bench's
 * business (`npm run bench -- cli`), never a test's.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_VERBS } from '../../../src/cli/verbs';
import { DOMAIN_VERBS } from '../../../src/cli/domainVerbs';
import { GIT_VERBS } from '../../../src/cli/gitVerbs';
import { READ_VERBS } from '../../../src/cli/readVerbs';
import { PLAN_VERBS } from '../../../src/cli/planVerbs';
import { TRIAGE_VERBS } from '../../../src/cli/triageVerbs';
import { REGULATORY_VERBS } from '../../../src/cli/regulatoryVerbs';
import { TASK_VERBS } from '../../../src/cli/taskVerbs';
import { EVIDENCE_VERBS } from '../../../src/cli/evidenceVerbs';
import { STATUS_PAGE_VERBS } from '../../../src/cli/statusPageVerbs';
import { RELATED_VERBS } from '../../../src/cli/relatedVerbs';
import { HIGHLIGHT_VERBS } from '../../../src/cli/highlightVerbs';
import { HANDOFF_VERBS } from '../../../src/cli/handoffVerbs';
import { BISECT_VERBS } from '../../../src/cli/bisectVerbs';
import { INTAKE_VERBS } from '../../../src/cli/intakeVerbs';
import { DELIVER_VERBS } from '../../../src/cli/deliverVerbs';
import { TYPE_VERBS } from '../../../src/cli/typeVerbs';
import { FOLLOWUP_VERBS } from '../../../src/cli/followupVerbs';
import { SYNC_VERBS } from '../../../src/cli/syncVerbs';
import { MCP_VERBS } from '../../../src/cli/mcpVerbs';
import { ONCALL_VERBS } from '../../../src/cli/oncallVerbs';
import { loadAllVerbs, loadVerb, VERB_NAMES } from '../../../src/cli/verbIndex';
import { tempRepo } from '../store/tempRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

/** A preload that prints, at exit, every file node loaded (CommonJS and ES modules alike). */
function loadTracer(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'incident-trace-')), 'trace.cjs');
  writeFileSync(
    file,
    `const loaded = [];
require('node:module').registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
process.on('exit', () => require('node:fs').writeFileSync(process.env.TRACE_OUT, JSON.stringify(loaded)));`,
  );
  return file;
}

/** A `git` first on PATH that notes its arguments in $INCIDENT_TEST_GIT_CALLS and runs the real one (not a GIT_* variable: GitCommand passes none of those on). */
function loggingGit(dir: string): string {
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> "$INCIDENT_TEST_GIT_CALLS"\nexec '${real}' "$@"\n`, { mode: 0o755 });
  return bin;
}

/** Runs the CLI with the tracer; the source files bundled into the chunks it loaded (from their source maps), and the git commands it ran. */
function traced(repo: string, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'incident-traced-'));
  const [traceOut, gitCalls] = [join(dir, 'loaded.json'), join(dir, 'git-calls.txt')];
  writeFileSync(gitCalls, '');
  const env = { ...process.env, TRACE_OUT: traceOut, INCIDENT_TEST_GIT_CALLS: gitCalls, PATH: `${loggingGit(dir)}${delimiter}${process.env.PATH}` };
  const result = spawnSync(process.execPath, ['--require', loadTracer(), CLI, ...args], { cwd: repo, encoding: 'utf8', env });
  assert.equal(result.status, 0, result.stderr);
  const chunks = (JSON.parse(readFileSync(traceOut, 'utf8')) as string[]).filter((url) => url.startsWith('file:') && url.endsWith('.mjs')).map((url) => fileURLToPath(url));
  const sources = chunks.flatMap((chunk) => (JSON.parse(readFileSync(`${chunk}.map`, 'utf8')) as { sources: string[] }).sources);
  const gitCommands = readFileSync(gitCalls, 'utf8').split('\n').filter(Boolean);
  return { stdout: result.stdout.trim(), chunks, sources, gitCommands };
}

const fromSchemaLibrary = (source: string) => source.includes('node_modules/zod/');
const fromMcpLibrary = (source: string) => source.includes('node_modules/@modelcontextprotocol/');
const storeParser = (source: string) => /src\/store\/(storeFile|incidentStore|stableFormat)\.ts$/.test(source);

describe('what the incident command line loads to start', function () {
  this.timeout(60_000);
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));

  it('finds every verb in the module the index names, and the index names every verb the modules define', async () => {
    const defined = {
      ...CORE_VERBS,
      ...READ_VERBS,
      ...DOMAIN_VERBS,
      ...GIT_VERBS,
      ...SYNC_VERBS,
      ...PLAN_VERBS,
      ...TRIAGE_VERBS,
      ...REGULATORY_VERBS,
      ...TASK_VERBS,
      ...MCP_VERBS,
      ...EVIDENCE_VERBS,
      ...STATUS_PAGE_VERBS,
      ...RELATED_VERBS,
      ...HIGHLIGHT_VERBS,
      ...HANDOFF_VERBS,
      ...BISECT_VERBS,
      ...INTAKE_VERBS,
      ...DELIVER_VERBS,
      ...TYPE_VERBS,
      ...FOLLOWUP_VERBS,
      ...ONCALL_VERBS,
    };
    assert.deepEqual([...VERB_NAMES].sort(), Object.keys(defined).sort());
    for (const name of VERB_NAMES) assert.equal(await loadVerb(name), defined[name as keyof typeof defined], name);
    assert.deepEqual(Object.keys(await loadAllVerbs()), VERB_NAMES);
    assert.equal(await loadVerb('toString'), undefined, 'only verbs, not what every object has');
  });

  it('lists a repository without a store loading neither the schema library nor the store parser, and runs git once', () => {
    const repo = tempRepo();
    const { stdout, chunks, sources, gitCommands } = traced(repo, 'list');
    assert.equal(stdout, 'No active incidents.');
    assert.ok(chunks.length > 0 && sources.some((source) => source.endsWith('src/cli/readVerbs.ts')), 'the trace sees the chunks');
    assert.deepEqual(sources.filter(fromSchemaLibrary), []);
    assert.deepEqual(sources.filter(storeParser), []);
    assert.deepEqual(gitCommands, ['rev-parse --show-toplevel'], 'no author lookup for a verb that only reads');
  });

  it('loads the parser once there is a store, and the author for a verb that writes', () => {
    const repo = tempRepo();
    const declared = traced(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV2');
    assert.ok(declared.gitCommands.includes('config --default= --get user.name'), declared.gitCommands.join('; '));
    const listed = traced(repo, 'list');
    assert.match(listed.stdout, new RegExp(`^${declared.stdout}  SEV2`));
    assert.ok(listed.sources.some(fromSchemaLibrary) && listed.sources.some(storeParser));
    assert.deepEqual([...declared.sources, ...listed.sources].filter(fromMcpLibrary), [], 'the MCP SDK is loaded by `incident mcp` alone');
  });

  it('keeps node’s compile cache out of the repository', () => {
    const repo = tempRepo();
    const cache = mkdtempSync(join(tmpdir(), 'incident-compile-cache-'));
    for (let run = 0; run < 2; run++) {
      const result = spawnSync(process.execPath, [CLI, 'list'], { cwd: repo, encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: cache } });
      assert.equal(result.status, 0, result.stderr);
    }
    assert.deepEqual(readdirSync(repo), ['.git']);
    assert.ok(readdirSync(cache).length > 0, 'the cache is on, where node was told to keep it');
  });
});
