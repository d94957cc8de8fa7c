/** `incident mcp`: the agent tools as a Model Context Protocol server on stdin/stdout, for the repository it runs in. */
import { createMcpServer } from '../agent/mcpServer';
import { McpStdioTransport } from '../agent/mcpStdioTransport';
import type { AgentWorkspace } from '../agent/toolKit';
import { GitRepository } from '../git/gitRepository';
import { planOf } from './incidentLines';
import { VerbExit } from './cliContext';
import { stderrLine } from './output';
import { backgroundDeliveries, cliWriter, sayRunbooksLeftOut } from './planNotices';
import { packageVersion } from './usageHelp';
import { type Verb, verbArguments } from './verbSupport';

export const MCP_VERBS: Record<string, Verb> = {
  mcp: {
    summary: 'serve the incidents to AI agents (Model Context Protocol over stdio); read-only unless --allow-writes',
    usage: 'incident mcp [--allow-writes]   (an MCP client starts it; stdout is the protocol, messages go to stderr)',
    async run(args, { store, now, author }) {
      const { values } = verbArguments(args, { 'allow-writes': { type: 'boolean', default: false } }, false);
      let repository: GitRepository | undefined;
      // Deliveries a write queued run in the background (a tool call never waits on the network); the server finishes them before it exits.
      const delivering = backgroundDeliveries(store, now, author, stderrLine);
      const workspace: AgentWorkspace = {
        store,
        plan: () => planOf(store),
        repository: () => (repository ??= new GitRepository(store.root)),
        now,
        author: async () => author,
        sayRunbooksLeftOut,
        deliveries: cliWriter(store).deliveries,
        deliver: delivering.deliver,
      };
      const server = createMcpServer(workspace, { allowWrites: values['allow-writes'] === true, version: packageVersion() });
      const transport = new McpStdioTransport(process.stdin, process.stdout);
      // The client ends the session by closing our stdin (the MCP stdio transport's rule); the
      // transport answers what it has read first. A failed stream ends it too, and says so below.
      const ended = new Promise<void>((resolve) => (transport.onclose = resolve));
      await server.connect(transport);
      stderrLine(`incident mcp: serving ${store.root}${values['allow-writes'] ? ' (writes allowed)' : ' (read-only)'}`);
      await ended;
      await delivering.finished();
      await server.close();
      const { failure } = transport;
      // A failed stdout needs no line here: the command line's output check reports it (exit 1) once this returns.
      if (failure?.side === 'input') {
        throw new VerbExit(`mcp: could not read the client's messages (${failure.error.code ?? failure.error.message}); the server stopped`, 1);
      }
    },
  },
};
