/**
 * Every message between the extension and the incident webview, typed as a
 * discriminated union and validated with the same zod schema on receipt, on
 * both sides. Unknown or ill-typed messages are rejected, never acted on.
 * Shared by src/ui (extension side) and webview-ui/ (browser side): pure, no
 * vscode, no DOM.
 */
import { z } from 'zod';
import { incidentIdSchema, incidentSchema } from './core/schema';

/** Webview → extension. */
export const webviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
]);

/** Extension → webview. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), incident: incidentSchema, readOnly: z.boolean() }).strict(),
  z.object({ type: z.literal('missing'), incidentId: incidentIdSchema }).strict(),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type HostMessage = z.infer<typeof hostMessageSchema>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
}

export const parseWebviewMessage = (raw: unknown): Parsed<WebviewMessage> => parseWith(webviewMessageSchema, raw);
export const parseHostMessage = (raw: unknown): Parsed<HostMessage> => parseWith(hostMessageSchema, raw);
