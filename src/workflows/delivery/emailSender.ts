/**
 * Sends one email through the team's SMTP server with nodemailer: a transport
 * made for the call and closed after it, TLS as the channel says (implicit
 * TLS, or STARTTLS that must succeed; plain text only to a server on this
 * machine), a login when the channel names a user (the password is the
 * channel's secret, passed in, never stored here), and every wait bounded.
 *
 * It never throws: the answer is the server's message id and reply, or one
 * line saying what went wrong and whether a retry can help (smtpFailure.ts),
 * which never holds the password. Nothing is logged. nodemailer is imported
 * on the first send only, so starting the extension or the CLI does not load
 * it.
 */
import type { EmailContent } from '../../core/delivery/emailMessage';
import { cleanLine, smtpFailure } from './smtpFailure';

export const EMAIL_TLS_MODES = ['starttls', 'tls', 'none'] as const;
export type EmailTlsMode = (typeof EMAIL_TLS_MODES)[number];

/** Where and how a channel's email goes; what is secret (the password) is not here. */
export interface EmailChannel {
  host: string;
  port: number;
  /** 'tls': TLS from the first byte (port 465); 'starttls': plain, then STARTTLS, required (port 587); 'none': loopback only. */
  tls: EmailTlsMode;
  from: string;
  to: string[];
  /** The SMTP login; with it the password is required. */
  user?: string;
}

export interface SendEmailSettings {
  /** The most one send may take, connecting, TLS and login included. */
  timeoutMs: number;
  /** Extra trust: a certificate authority (PEM) for a server with a private certificate. */
  tls?: { ca?: string | Buffer };
}

export type SendEmailResult = { ok: true; messageId: string; response: string; rejected: string[] } | { ok: false; reason: string; retryable: boolean };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
// eslint-disable-next-line no-control-regex -- a header value with a control character is refused, not cleaned
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const refused = (reason: string): SendEmailResult => ({ ok: false, reason: `Email not sent: ${reason}`, retryable: false });

/** Why this channel cannot be used as it is written, or undefined. */
function setUpProblem(channel: EmailChannel, password: string | undefined, settings: SendEmailSettings): string | undefined {
  const host = channel.host?.trim();
  if (!host || CONTROL.test(host) || /\s/.test(host)) return 'the channel names no SMTP host; set its host (for example smtp.example.com)';
  if (!Number.isInteger(channel.port) || channel.port < 1 || channel.port > 65_535) return `port ${String(channel.port)} is not a TCP port; use 587 for starttls or 465 for tls`;
  if (!EMAIL_TLS_MODES.includes(channel.tls)) return `tls "${cleanLine(String(channel.tls), undefined, undefined, 40)}" is not one of ${EMAIL_TLS_MODES.join(', ')}`;
  if (channel.tls === 'none' && !LOOPBACK.has(host.toLowerCase()))
    return `refusing to send to ${host} without TLS: tls "none" is only for a server on this machine (127.0.0.1, localhost); use "starttls" (port 587) or "tls" (port 465)`;
  if (!channel.from?.trim() || CONTROL.test(channel.from)) return 'the channel has no valid "from" address';
  if (!channel.to?.length || channel.to.some((to) => !to?.trim() || CONTROL.test(to))) return 'the channel needs at least one valid "to" address, one per entry';
  if (channel.user !== undefined && (!channel.user || CONTROL.test(channel.user))) return "the channel's SMTP user is empty or holds control characters";
  if (channel.user !== undefined && !password) return "the channel names an SMTP user but no password was found; set the channel's secret";
  if (!(settings.timeoutMs > 0)) return 'the time limit must be more than 0 ms';
  return undefined;
}

/** Whatever the server does: resolves within the time limit, with the message id or a reason. */
export async function sendEmail(channel: EmailChannel, content: EmailContent, password: string | undefined, settings: SendEmailSettings): Promise<SendEmailResult> {
  const problem = setUpProblem(channel, password, settings);
  if (problem) return refused(problem);
  const host = channel.host.trim();
  const server = { host, port: channel.port, ...(channel.user !== undefined ? { user: channel.user } : {}) };
  const { timeoutMs } = settings;
  let transport: { close(): void } | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const { createTransport } = await import('nodemailer');
    const mailer = createTransport({
      host,
      port: channel.port,
      secure: channel.tls === 'tls',
      requireTLS: channel.tls === 'starttls',
      ignoreTLS: channel.tls === 'none',
      ...(channel.user !== undefined ? { auth: { user: channel.user, pass: password } } : {}),
      tls: { minVersion: 'TLSv1.2', ...(settings.tls?.ca ? { ca: settings.tls.ca } : {}) },
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
      logger: false,
      debug: false,
      // Only the text given here is sent: no file or URL named in the content is ever read.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    transport = mailer;
    const overall = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('overall time limit'), { code: 'ETIMEDOUT' })), timeoutMs);
    });
    const sent = mailer.sendMail({ from: channel.from, to: channel.to, subject: content.subject, text: content.text, html: content.html });
    sent.catch(() => undefined); // the time limit may win the race; the late failure is then of no interest
    const info = await Promise.race([sent, overall]);
    return {
      ok: true,
      messageId: info.messageId,
      response: cleanLine(String(info.response ?? ''), channel.user, password),
      rejected: [...(info.rejected ?? [])].map(String),
    };
  } catch (error) {
    return { ok: false, ...smtpFailure(error, server, password, timeoutMs) };
  } finally {
    clearTimeout(timer);
    transport?.close();
  }
}
