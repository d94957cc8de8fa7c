import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';

// The layer rule of eslint.config.mjs (CONTRIBUTING.md, "Layers"), run through
// ESLint's Node API on snippets placed at paths in each layer.
const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

let eslint: ESLint;

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

describe('the layer rule (eslint.config.mjs)', () => {
  before(() => {
    eslint = new ESLint({ cwd: PROJECT_ROOT, overrideConfigFile: join(PROJECT_ROOT, 'eslint.config.mjs') });
  });

  it('refuses vscode in core and store, type-only imports included, and allows it in src/ui and src/extension.ts', async () => {
    await assertRefused('src/core/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('src/core/x.ts', "import type { Uri } from 'vscode';");
    await assertRefused('src/store/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('src/git/x.ts', "import { window } from 'vscode';");
    await assertRefused('src/workflows/x.ts', "import { window } from 'vscode';");
    await assertRefused('src/cli/x.ts', "import { window } from 'vscode';");
    await assertRefused('src/protocol.ts', "import type { Uri } from 'vscode';");
    await assertRefused('src/newLayer/x.ts', "import * as vscode from 'vscode';");
    await assertAllowed('src/ui/x.ts', "import * as vscode from 'vscode';");
    await assertAllowed('src/extension.ts', "import * as vscode from 'vscode';");
  });

  it('keeps core pure: no other layer, no lowdb or simple-git, no Node module', async () => {
    await assertRefused('src/core/x.ts', "import { incidentRows } from '../ui/incidentRows';");
    await assertRefused('src/core/x.ts', "import { IncidentStore } from '../store/incidentStore';");
    await assertRefused('src/core/x.ts', "import { GitRepository } from '../git/gitRepository';");
    await assertRefused('src/core/x.ts', "import { syncReferences } from '../workflows/referenceSync';");
    await assertRefused('src/core/x.ts', "export type { HostMessage } from '../protocol';");
    await assertRefused('src/core/x.ts', "import { Low } from 'lowdb';");
    await assertRefused('src/core/x.ts', "import { simpleGit } from 'simple-git';");
    await assertRefused('src/core/x.ts', "import { readFileSync } from 'node:fs';");
    await assertRefused('src/core/x.ts', "import { join } from 'path';");
    // What core imports today.
    await assertAllowed(
      'src/core/x.ts',
      "import { z } from 'zod';\nimport { addMinutes } from 'date-fns';\nimport { TZDate } from '@date-fns/tz';\nimport { Incident } from './schema';",
    );
  });

  it('points imports downward between the Node layers', async () => {
    await assertRefused('src/store/x.ts', "import { GitRepository } from '../git/gitRepository';");
    await assertRefused('src/git/x.ts', "import { syncReferences } from '../workflows/referenceSync';");
    await assertRefused('src/workflows/x.ts', "import { main } from '../cli/main';");
    await assertRefused('src/cli/x.ts', "import { incidentRows } from '../ui/incidentRows';");
    await assertRefused('src/agent/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('src/agent/x.ts', "import { main } from '../cli/main';");
    await assertRefused('src/workflows/x.ts', "import { AGENT_TOOLS } from '../agent/tools';");
    await assertAllowed('src/agent/x.ts', "import { findSuspects } from '../workflows/suspects';\nimport { IncidentStore } from '../store/incidentStore';");
    await assertAllowed('src/cli/x.ts', "import { createMcpServer } from '../agent/mcpServer';");
    await assertAllowed('src/git/x.ts', "import { safeRepositoryFile } from '../store/repositoryFiles';\nimport { Incident } from '../core/schema';");
    await assertAllowed('src/cli/x.ts', "import { findSuspects } from '../workflows/suspects';\nimport { IncidentStore } from '../store/incidentStore';");
    await assertAllowed('src/ui/x.ts', "import { IncidentStore } from '../store/incidentStore';\nimport { GitRepository } from '../git/gitRepository';");
  });

  it('keeps the webview to core and the protocol: no vscode, no Node module, no Node layer', async () => {
    await assertRefused('webview-ui/src/x.ts', "import * as vscode from 'vscode';");
    await assertRefused('webview-ui/src/x.ts', "import { readFileSync } from 'node:fs';");
    await assertRefused('webview-ui/src/sections/x.ts', "import { IncidentStore } from '../../../src/store/incidentStore';");
    await assertRefused('webview-ui/src/x.ts', "import { checkRevisionText } from '../../src/git/revisionText';");
    await assertRefused('webview-ui/src/x.ts', "import { incidentRows } from '../../src/ui/incidentRows';");
    await assertRefused('webview-ui/src/x.ts', "import { main } from '../../src/cli/main';");
    await assertAllowed(
      'webview-ui/src/x.ts',
      "import { parseHostMessage } from '../../src/protocol';\nimport { Incident } from '../../src/core/schema';\nimport { Chart } from 'chart.js';",
    );
  });
});
