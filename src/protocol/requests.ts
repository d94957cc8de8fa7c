/**
 * What both webview protocols share on the host side: the result of checking
 * a message, the request id that pairs a failed request with its error reply
 * (as vscode-pull-request-github's WebviewBase pairs `req` and `seq`), and the
 * error reply itself. The webviews import only the types from here.
 */
import { z } from 'zod';

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseWith<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
}

/** A webview numbers its requests (`"1"`, `"2"`, …); the host echoes the number in the reply to one that failed. */
export const REQUEST_ID = /^[\w-]{1,32}$/;

/** Extension → webview: a request failed; `requestId` names it when the webview gave one. */
export const errorReplySchema = z.object({ type: z.literal('error'), message: z.string().max(2000), requestId: z.string().regex(REQUEST_ID).optional() }).strict();
export type ErrorReply = z.infer<typeof errorReplySchema>;

/**
 * Splits a well-formed `requestId` off a message from a webview, so the
 * message itself is checked by its strict schema. An ill-formed id stays in
 * the message, where the strict schema rejects it as an unknown key.
 */
export function takeRequestId(raw: unknown): { requestId?: string; message: unknown } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !Object.hasOwn(raw, 'requestId')) return { message: raw };
  const { requestId, ...message } = raw as { requestId: unknown };
  return typeof requestId === 'string' && REQUEST_ID.test(requestId) ? { requestId, message } : { message: raw };
}
