import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { PROJECT_ROOT } from '../../harness/projectPaths';

// The layer rule of eslint.config.mjs (CONTRIBUTING.md, "Layers"), run through
// ESLint's Node API: which entry holds each folder (by its globs, new files and
// subfolders included), and snippets planted at paths in each layer.
const RULE = 'incident-responder/layers';

let eslint: ESLint;

/** The layer entry (its `layer` option) that holds `path`, or undefined when none does. */
async function layerOf(path: string): Promise<string | undefined> {
  const config = (await eslint.calculateConfigForFile(join(PROJECT_ROOT, path))) as Linter.Config | undefined;
  const setting = config?.rules?.[RULE];
  return Array.isArray(setting) ? (setting[1] as { layer: string }).layer : undefined;
}

/** The layer-rule messages ESLint reports for `code` saved as `path`. */
async function layerMessages(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: join(PROJECT_ROOT, path) });
  assert.ok(result, `ESLint linted ${path}`);
  const fatal = result.messages.filter((message) => message.fatal);
  assert.deepEqual(fatal, [], `${path} parses`);
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

async function assertRefused(path: string, code: string): Promise<void> {
  const messages = await layerMessages(path, code);
  assert.equal(messages.length, 1, `${path}: "${code}" is refused`);
  assert.match(messages[0]!, /CONTRIBUTING\.md/, 'the message points to the layer table');
}

async function assertAllowed(path: string, code: string): Promise<void> {
  assert.deepEqual(await layerMessages(path, code), [], `${path}: "${code}" is allowed`);
}

/** Every folder under `root` (itself included), relative to the project. */
function foldersUnder(root: string): string[] {
  const folders = [root];
  for (const entry of readdirSync(join(PROJECT_ROOT, root), { withFileTypes: true })) if (entry.isDirectory()) folders.push(...foldersUnder(`${root}/${entry.name}`));
  return folders;
}

/** The first column of the layer table in CONTRIBUTING.md: `src/core`, `src/extension.ts`, `webview-ui`... */
function contributingLayers(): string[] {
  const text = readFileSync(join(PROJECT_ROOT, 'CONTRIBUTING.md'), 'utf8');
  const section = text.slice(text.indexOf('## Layers'), text.indexOf('\n## ', text.indexOf('## Layers') + 1));
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!.replace(/\/$/, ''));
}

describe('the layer rule (eslint.config.mjs)', function () {
  // ESLint loads typescript-eslint once; the first lint takes a few seconds on a busy machine.
  this.timeout(60_000);

  before(() => {
    eslint = new ESLint({ cwd: PROJECT_ROOT, overrideConfigFile: join(PROJECT_ROOT, 'eslint.config.mjs') });
  });

  it('holds every folder under src/ and webview-ui/ to its own row, by glob: a new file or subfolder needs no edit', async () => {
    const folders = [...foldersUnder('src'), ...foldersUnder('webview-ui/src')].filter((folder) => folder !== 'src');
    assert.ok(folders.includes('src/core') && folders.includes('webview-ui/src'), 'the walk found the layers');
    for (const folder of folders) {
      const expected = folder.startsWith('webview-ui') ? 'webview-ui' : folder.split('/').slice(0, 2).join('/');
      assert.equal(await layerOf(`${folder}/x.ts`), expected, `${folder}/x.ts`);
      assert.equal(await layerOf(`${folder}/aNewConcept/deeper/x.ts`), expected, `a new subfolder of ${folder}`);
    }
    assert.equal(await layerOf('src/extension.ts'), 'src/extension.ts');
    assert.notEqual(await layerOf('src/aNewLayer/x.ts'), undefined, 'a folder without its entry is still held to the vscode rule');
  });

  it('writes each entry as globs over whole folders, and has a row in CONTRIBUTING.md for each entry and an entry for each row', async () => {
    const config = (await import(join(PROJECT_ROOT, 'eslint.config.mjs'))) as { default: Linter.Config[] };
    const entries = config.default.filter((entry) => entry.name?.startsWith('incident-responder/layer/') && entry.rules?.[RULE]);
    const layers = entries.map((entry) => (entry.rules![RULE] as [string, { layer: string }])[1].layer);
    for (const entry of entries) {
      for (const glob of entry.files as string[]) assert.ok(glob === 'src/extension.ts' || glob.endsWith('/**'), `${entry.name}: "${glob}" covers a whole folder`);
    }
    const rows = contributingLayers();
    assert.ok(rows.length >= 10, 'the layer table was found');
    assert.deepEqual(
      layers.filter((name) => name.startsWith('src/') || name === 'webview-ui').sort(),
      [...rows].sort(),
      'the entries of eslint.config.mjs are the rows of CONTRIBUTING.md',
    );
    for (const row of rows) assert.ok(row === 'src/extension.ts' || readdirSync(join(PROJECT_ROOT, row)).length > 0, `${row} exists`);
  });

  it('refuses vscode outside src/ui and src/extension.ts, type-only and dynamic imports included', async () => {
    await assertRefused('src/core/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('src/core/x.ts', "import type { Uri } from 'vscode';");
    await assertRefused('src/core/x.ts', "export async function host() { return import('vscode'); }");
    await assertRefused('src/core/statusPage/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('src/store/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('src/git/x.ts', "import { window } from 'vscode';");
    await assertRefused('src/workflows/x.ts', "import { window } from 'vscode';");
    await assertRefused('src/agent/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('src/cli/x.ts', "import { window } from 'vscode';");
    await assertRefused('src/protocol/x.ts', "import type { Uri } from 'vscode';");
    await assertRefused('src/aNewLayer/x.ts', "import * as vscode from 'vscode';");
    await assertAllowed('src/ui/x.ts', "import * as vscode from 'vscode';");
    await assertAllowed('src/ui/aNewFolder/x.ts', "import * as vscode from 'vscode';");
    await assertAllowed('src/extension.ts', "import * as vscode from 'vscode';");
  });

  it('keeps core pure: no other layer, no lowdb or simple-git, no Node module, from any of its subfolders', async () => {
    await assertRefused('src/core/x.ts', "import { incidentRows } from '../ui/incidentRows';");
    await assertRefused('src/core/x.ts', "import { IncidentStore } from '../store/incidentStore';");
    await assertRefused('src/core/x.ts', "import { GitRepository } from '../git/gitRepository';");
    await assertRefused('src/core/x.ts', "import { syncReferences } from '../workflows/referenceSync';");
    await assertRefused('src/core/x.ts', "export type { HostMessage } from '../protocol/incidentPanel';");
    await assertRefused('src/core/x.ts', "import { x } from '../aNewLayer/x';");
    await assertRefused('src/core/statusPage/x.ts', "import { IncidentStore } from '../../store/incidentStore';");
    await assertRefused('src/core/aNewConcept/deeper/x.ts', "import { IncidentStore } from '../../../store/incidentStore';");
    await assertRefused('src/core/x.ts', "import { Low } from 'lowdb';");
    await assertRefused('src/core/x.ts', "import { simpleGit } from 'simple-git';");
    await assertRefused('src/core/x.ts', "import { readFileSync } from 'node:fs';");
    await assertRefused('src/core/x.ts', "import { join } from 'path';");
    // What core imports today, from the folder and from a subfolder.
    await assertAllowed(
      'src/core/x.ts',
      "import { z } from 'zod';\nimport { addMinutes } from 'date-fns';\nimport { TZDate } from '@date-fns/tz';\nimport { Incident } from './schema';",
    );
    await assertAllowed('src/core/statusPage/x.ts', "import type { Incident } from '../schema';\nimport { publicTitle } from './publicTitle';");
    await assertAllowed('src/core/aNewConcept/deeper/x.ts', "import type { Incident } from '../../schema';");
  });

  it('points imports downward between the Node layers', async () => {
    await assertRefused('src/store/x.ts', "import { GitRepository } from '../git/gitRepository';");
    await assertRefused('src/git/x.ts', "import { syncReferences } from '../workflows/referenceSync';");
    await assertRefused('src/workflows/x.ts', "import { main } from '../cli/main';");
    await assertRefused('src/cli/x.ts', "import { incidentRows } from '../ui/incidentRows';");
    await assertRefused('src/cli/x.ts', "import { parseHostMessage } from '../protocol/incidentPanel';");
    await assertRefused('src/agent/x.ts', "import { main } from '../cli/main';");
    await assertRefused('src/workflows/x.ts', "import { AGENT_TOOLS } from '../agent/tools';");
    await assertRefused('src/ui/x.ts', "import { main } from '../cli/main';");
    await assertRefused('src/store/aNewFolder/x.ts', "import { GitRepository } from '../../git/gitRepository';");
    await assertAllowed('src/agent/x.ts', "import { findSuspects } from '../workflows/suspects';\nimport { IncidentStore } from '../store/incidentStore';");
    await assertAllowed('src/cli/x.ts', "import { createMcpServer } from '../agent/mcpServer';");
    await assertAllowed('src/git/x.ts', "import { safeRepositoryFile } from '../store/repositoryFiles';\nimport { Incident } from '../core/schema';");
    await assertAllowed('src/cli/x.ts', "import { findSuspects } from '../workflows/suspects';\nimport { IncidentStore } from '../store/incidentStore';");
    await assertAllowed(
      'src/ui/x.ts',
      "import { IncidentStore } from '../store/incidentStore';\nimport { GitRepository } from '../git/gitRepository';\nimport { parseWebviewMessage } from '../protocol/incidentPanel';",
    );
    await assertAllowed('src/extension.ts', "import { registerCommands } from './ui/commandRegistry';\nimport { GitRepository } from './git/gitRepository';");
  });

  it('holds dynamic import() and import types to the same rule, and refuses an import() it cannot read', async () => {
    await assertRefused('src/cli/x.ts', "export async function f() { await import('../ui/x'); }");
    await assertRefused('src/cli/x.ts', 'export async function f() { await import(`../ui/x`); }');
    await assertRefused('src/core/x.ts', "export const load = () => import('../store/incidentStore');");
    await assertRefused('src/git/x.ts', "export const load = () => import('../workflows/suspects');");
    await assertRefused('src/cli/x.ts', "export type Rows = typeof import('../ui/incidentRows');");
    await assertRefused('src/core/x.ts', "export type Store = import('../store/incidentStore').IncidentStore;");
    await assertRefused('src/core/x.ts', "import fs = require('node:fs');\nexport const read = fs.readFileSync;");
    await assertRefused('src/cli/x.ts', "const where = './verbs';\nexport const load = () => import(where);");
    // What the CLI loads lazily today.
    await assertAllowed(
      'src/cli/x.ts',
      "export const load = () => Promise.all([import('./readVerbs'), import('../git/gitRepository'), import('../workflows/suspectOwners'), import('../store/incidentStore'), import('node:readline/promises')]);",
    );
  });

  it('keeps the protocol to core: no Node layer, no vscode, no Node module (each webview bundles it)', async () => {
    await assertRefused('src/protocol/x.ts', "import { IncidentStore } from '../store/incidentStore';");
    await assertRefused('src/protocol/x.ts', "import { incidentRows } from '../ui/incidentRows';");
    await assertRefused('src/protocol/x.ts', "import { readFileSync } from 'node:fs';");
    await assertAllowed('src/protocol/x.ts', "import { z } from 'zod';\nimport { Incident } from '../core/schema';\nimport { isRequest } from './requests';");
  });

  it('keeps the webview to core and the protocol: no vscode, no Node module, no Node layer (agent included)', async () => {
    await assertRefused('webview-ui/src/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('webview-ui/src/x.ts', "import { readFileSync } from 'node:fs';");
    await assertRefused('webview-ui/src/sections/x.ts', "import { IncidentStore } from '../../../src/store/incidentStore';");
    for (const layer of ['agent/tools', 'cli/main', 'ui/views/incidentRows', 'git/revisionText', 'workflows/suspects', 'store/incidentStore', 'extension']) {
      await assertRefused('webview-ui/src/x.ts', `import { x } from '../../src/${layer}';`);
      await assertRefused('webview-ui/src/metrics/x.ts', `export const load = () => import('../../../src/${layer}');`);
    }
    await assertAllowed(
      'webview-ui/src/x.ts',
      "import { parseHostMessage } from '../../src/protocol/incidentPanel';\nimport { Incident } from '../../src/core/schema';\nimport { Chart } from 'chart.js';\nimport { el } from './dom';",
    );
  });
});
