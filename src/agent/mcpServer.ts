/**
 * The Model Context Protocol server behind `incident mcp`: the agent tools,
 * each active incident as a Markdown resource, and the drafting prompts, for
 * one repository. Read-only unless started with writes allowed; a write tool
 * called on a read-only server is refused with what to do instead.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { isActive } from '../core/lifecycle/lifecycle';
import { incidentMarkdown } from './incidentMarkdown';
import { AGENT_PROMPTS } from './prompts';
import { findIncident, storeContents } from './toolInputs';
import { inputJsonSchema, type AgentWorkspace } from './toolKit';
import { AGENT_TOOLS, agentTool, callTool, failureText } from './tools';

export interface McpServerOptions {
  /** Whether the write tools are offered and run (`incident mcp --allow-writes`). */
  allowWrites: boolean;
  version: string;
}

/** `incident:///INC-7K3QF2XM`: the incident's Markdown summary. */
export const INCIDENT_RESOURCE_PREFIX = 'incident:///';

const INSTRUCTIONS =
  "Incidents recorded in this git repository (.incidents/incidents.json), with their timelines, linked commits and deploys. Start with incidents_list, read one with incidents_get, look for the cause with incidents_suspects. Times are UTC. Write tools record in the person's name: show them what you will write first.";

const textResult = (text: string, isError = false): CallToolResult => ({ content: [{ type: 'text', text }], ...(isError && { isError: true }) });

export function createMcpServer(workspace: AgentWorkspace, options: McpServerOptions): Server {
  const server = new Server(
    { name: 'incident-responder', title: 'Incident Responder', version: options.version },
    { capabilities: { tools: {}, resources: {}, prompts: {} }, instructions: INSTRUCTIONS },
  );
  const offered = AGENT_TOOLS.filter((tool) => options.allowWrites || !tool.writes);

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: offered.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: inputJsonSchema(tool) as { type: 'object' },
      annotations: { title: tool.title, readOnlyHint: !tool.writes, destructiveHint: false, idempotentHint: !tool.writes, openWorldHint: false },
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = agentTool(request.params.name);
    if (!tool) return textResult(`There is no tool "${request.params.name}"; tools/list lists the tools of this server.`, true);
    if (tool.writes && !options.allowWrites) {
      return textResult(`${tool.name} writes to the incident log, and this server was started read-only; a person can restart it as "incident mcp --allow-writes".`, true);
    }
    try {
      const result = await callTool(tool, request.params.arguments ?? {}, workspace, extra.signal);
      return { ...textResult(result.text), structuredContent: result.data };
    } catch (error) {
      return textResult(failureText(error), true);
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, async () => ({
    resources: storeContents(workspace)
      .incidents.filter(isActive)
      .map((incident) => ({
        uri: `${INCIDENT_RESOURCE_PREFIX}${incident.id}`,
        name: incident.id,
        title: `${incident.id} ${incident.severity}: ${incident.title}`,
        description: `${incident.severity} ${incident.category} incident, ${incident.status}`,
        mimeType: 'text/markdown',
      })),
  }));

  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      { uriTemplate: `${INCIDENT_RESOURCE_PREFIX}{id}`, name: 'incident', title: 'An incident by id', description: "Any incident's Markdown summary", mimeType: 'text/markdown' },
    ],
  }));

  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const { uri } = request.params;
    const id = uri.startsWith(INCIDENT_RESOURCE_PREFIX) ? uri.slice(INCIDENT_RESOURCE_PREFIX.length) : '';
    if (!id) throw new McpError(ErrorCode.InvalidParams, `unknown resource ${uri}; incidents are ${INCIDENT_RESOURCE_PREFIX}INC-…`);
    try {
      const incident = findIncident(workspace, decodeURIComponent(id));
      const markdown = incidentMarkdown(incident, storeContents(workspace).deploys, workspace.plan(), workspace.now());
      return { contents: [{ uri, mimeType: 'text/markdown', text: markdown }] };
    } catch (error) {
      throw new McpError(ErrorCode.InvalidParams, failureText(error));
    }
  });

  server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: AGENT_PROMPTS.map(({ name, title, description, arguments: args }) => ({ name, title, description, arguments: args })),
  }));

  server.setRequestHandler(GetPromptRequestSchema, async (request) => {
    const prompt = AGENT_PROMPTS.find((candidate) => candidate.name === request.params.name);
    if (!prompt) throw new McpError(ErrorCode.InvalidParams, `There is no prompt "${request.params.name}"; prompts/list lists them.`);
    try {
      const text = prompt.message(request.params.arguments ?? {}, workspace);
      return { description: prompt.description, messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
    } catch (error) {
      throw new McpError(ErrorCode.InvalidParams, failureText(error));
    }
  });

  return server;
}
