import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MCP_PROVIDER_ID, toolManifestEntry, toolTitleKey } from '../../../src/agent/toolManifest';
import { AGENT_TOOLS } from '../../../src/agent/tools';

const PROJECT = join(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as {
  contributes: { languageModelTools: Record<string, unknown>[]; mcpServerDefinitionProviders: { id: string }[] };
};
const nls = JSON.parse(readFileSync(join(PROJECT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const REGENERATE = 'regenerate it: node scripts/build.mjs tests && node scripts/agentToolManifest.mjs';

describe('the agent tools and the manifest', () => {
  it('contributes every tool of src/agent as VS Code reads it (name, model description, input schema), and nothing else', () => {
    assert.deepEqual(manifest.contributes.languageModelTools, AGENT_TOOLS.map(toolManifestEntry), `package.json's languageModelTools differ from the tools; ${REGENERATE}`);
  });

  it('hides the write tools in Restricted Mode and shows every read tool', () => {
    for (const entry of manifest.contributes.languageModelTools) {
      const tool = AGENT_TOOLS.find((candidate) => candidate.name === entry.name);
      assert.equal(entry.when, tool?.writes ? 'isWorkspaceTrusted' : undefined, String(entry.name));
    }
  });

  it('gives each tool its title through package.nls.json, and names the MCP server provider the extension registers', () => {
    for (const tool of AGENT_TOOLS) assert.equal(nls[toolTitleKey(tool)], tool.title, `${tool.name}'s title; ${REGENERATE}`);
    assert.deepEqual(
      manifest.contributes.mcpServerDefinitionProviders.map((provider) => provider.id),
      [MCP_PROVIDER_ID],
    );
  });
});
