/**
 * A tool's entry in package.json's `languageModelTools`, as VS Code reads it
 * before the extension runs (scripts/agentToolManifest.mjs writes them;
 * test/unit/ui/agentManifest.test.ts checks they match the tools).
 */
import { inputJsonSchema, type AgentTool } from './toolKit';

/** The id of the provider that offers `incident mcp` to VS Code (package.json's `mcpServerDefinitionProviders`). */
export const MCP_PROVIDER_ID = 'incidents.mcpServer';

/** The package.nls.json key of the tool's title. */
export const toolTitleKey = (tool: Pick<AgentTool, 'name'>): string => `incidents.tool.${tool.name}`;

/** `incidents_add_note` → `incidentsAddNote`: how a person names the tool in a chat prompt (#incidentsAddNote). */
const referenceName = (name: string) => name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

export function toolManifestEntry(tool: AgentTool): Record<string, unknown> {
  return {
    name: tool.name,
    displayName: `%${toolTitleKey(tool)}%`,
    toolReferenceName: referenceName(tool.name),
    canBeReferencedInPrompt: true,
    icon: '$(flame)',
    userDescription: `%${toolTitleKey(tool)}%`,
    modelDescription: tool.description,
    tags: ['incidents', tool.writes ? 'write' : 'read'],
    ...(tool.writes && { when: 'isWorkspaceTrusted' }),
    inputSchema: inputJsonSchema(tool),
  };
}
