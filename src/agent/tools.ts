/**
 * Every agent tool, and how one is called: input checked against its schema,
 * any failure turned into one line a model (and the person watching) can act
 * on, never a stack trace. VS Code (src/ui/agentTools.ts) and the MCP server
 * (src/agent/mcpServer.ts) both call through `callTool`.
 */
import { ZodError } from 'zod';
import { DomainError, errorMessage } from '../core/record/errors';
import { describeSchemaIssue } from '../core/record/schemaWords';
import { GitCommandError, GitNotFoundError, GitTimeoutError, InvalidPathError, InvalidRevisionError, NotARepositoryError } from '../git/errors';
import { UnknownIncidentError } from '../store/incidentStore';
import { StoreUnusableError, StoreWriteError } from '../store/storeErrors';
import { NoSuspectRangeError } from '../workflows/suspects';
import { READ_TOOLS } from './readTools';
import { parseToolInput, ToolInputError, type AgentTool, type AgentWorkspace, type ToolResult, type WriteTool } from './toolKit';
import { WRITE_TOOLS } from './writeTools';

export const AGENT_TOOLS: readonly AgentTool[] = [...READ_TOOLS, ...WRITE_TOOLS];

export function agentTool(name: string): AgentTool | undefined {
  return AGENT_TOOLS.find((tool) => tool.name === name);
}

/** A call that could not be answered; its message is the whole explanation. */
export class ToolFailure extends Error {}

const EXPLAINED = [
  ToolFailure,
  ToolInputError,
  DomainError,
  UnknownIncidentError,
  StoreUnusableError,
  StoreWriteError,
  NoSuspectRangeError,
  InvalidRevisionError,
  InvalidPathError,
  NotARepositoryError,
  GitNotFoundError,
  GitTimeoutError,
];

/** The failure in one line: the product's own errors already say what to do; anything else is named as unexpected. */
export function failureText(error: unknown): string {
  if (error instanceof ZodError) return `${describeSchemaIssue(error.issues[0])}; nothing was changed`;
  if (EXPLAINED.some((type) => error instanceof type)) return errorMessage(error);
  if (error instanceof GitCommandError) return `git failed: ${error.message.split('\n')[0]}`;
  return `unexpected error: ${errorMessage(error).split('\n')[0]}`;
}

/** Checks the input, runs the tool, and turns any failure into a ToolFailure. */
export async function callTool(tool: AgentTool, rawInput: unknown, workspace: AgentWorkspace, signal?: AbortSignal): Promise<ToolResult> {
  try {
    return await tool.run(parseToolInput(tool, rawInput) as never, workspace, signal);
  } catch (error) {
    throw new ToolFailure(failureText(error));
  }
}

/** What a person is asked before a write tool runs; a failure here (bad input, an illegal move) is a ToolFailure too. */
export async function confirmationOf(tool: WriteTool, rawInput: unknown, workspace: AgentWorkspace): Promise<{ title: string; message: string }> {
  try {
    return await tool.confirmation(parseToolInput(tool, rawInput) as never, workspace);
  } catch (error) {
    throw new ToolFailure(failureText(error));
  }
}
