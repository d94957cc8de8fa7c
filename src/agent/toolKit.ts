/**
 * What an agent tool is, defined once for VS Code's language-model tools
 * (src/ui/agentTools.ts) and the `incident mcp` server (src/agent/mcpServer.ts):
 * a name, a description written for a model, an input schema (zod, shown to
 * clients as JSON Schema), and a run that returns text plus structured data.
 * Nothing here imports vscode or the MCP library.
 */
import { z } from 'zod';
import type { EffectivePlan } from '../core/plan/plan';
import { describeSchemaIssue } from '../core/record/schemaWords';
import type { GitRepository } from '../git/gitRepository';
import type { IncidentStore } from '../store/incidentStore';
import type { DeliverySetup } from '../workflows/delivery/deliveryTargets';

/** What the tools work on: one repository's store, its plan, its git, a clock and the person writing; the writer the write workflow takes (src/workflows/incidentWrites.ts). */
export interface AgentWorkspace {
  store: IncidentStore;
  plan(): EffectivePlan;
  repository(): GitRepository;
  now(): Date;
  /** "Name <email>" of the person who confirms a write. */
  author(): Promise<string>;
  /** Says, the host's own way (VS Code's log, the server's stderr), the runbooks a write left out because they cannot be read. */
  sayRunbooksLeftOut(problems: readonly string[]): void;
  /** How a message the tool writes (an update, a resolution) is delivered, as when a person writes it; none: it is recorded only. */
  deliveries?: DeliverySetup;
  /** Sends what a write queued, in the background, the host's own way (VS Code's delivery service, the server's loop). */
  deliver?(incidentId: string): void;
}

export interface ToolResult {
  /** What a model reads: short, plain, complete. */
  text: string;
  /** The same answer as data, for clients that use structured results. */
  data: Record<string, unknown>;
}

interface ToolShape<S extends z.ZodObject> {
  name: string;
  /** For people: the tool pickers' label. */
  title: string;
  /** For the model: when to call it and what it returns. */
  description: string;
  input: S;
}

export interface ReadTool<S extends z.ZodObject = z.ZodObject> extends ToolShape<S> {
  writes: false;
  run(input: z.infer<S>, workspace: AgentWorkspace, signal?: AbortSignal): Promise<ToolResult>;
}

export interface WriteTool<S extends z.ZodObject = z.ZodObject> extends ToolShape<S> {
  writes: true;
  /**
   * Exactly what will be written, in words, for the confirmation a person
   * answers before the write (VS Code's prepareInvocation; an MCP client's
   * own confirmation reads the tool's annotations). Throws a ToolInputError
   * for an input that cannot be written.
   */
  confirmation(input: z.infer<S>, workspace: AgentWorkspace): Promise<{ title: string; message: string }>;
  run(input: z.infer<S>, workspace: AgentWorkspace, signal?: AbortSignal): Promise<ToolResult>;
}

export type AgentTool = ReadTool | WriteTool;

/** An input the tool cannot use, said so a model can correct its call. */
export class ToolInputError extends Error {}

/** Typed in one place so each tool's `run` sees its own input type. */
export const readTool = <S extends z.ZodObject>(tool: Omit<ReadTool<S>, 'writes'>): ReadTool => ({ ...tool, writes: false }) as unknown as ReadTool;

/** The tool's input checked against its schema; a bad one is a ToolInputError naming the field. */
export function parseToolInput<S extends z.ZodObject>(tool: { name: string; input: S }, raw: unknown): z.infer<S> {
  const parsed = tool.input.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new ToolInputError(`${tool.name}: ${describeSchemaIssue(parsed.error.issues[0])}`);
}

/**
 * The input schema as JSON Schema, as both VS Code's manifest and MCP's
 * tools/list carry it (no `$schema`: the manifest and clients take the
 * object alone).
 */
export function inputJsonSchema(tool: { input: z.ZodObject }): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return schema;
}
