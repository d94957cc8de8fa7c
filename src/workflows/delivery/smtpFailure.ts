/**
 * What went wrong with an SMTP send, as one line a person can act on, and
 * whether trying again later can help. The line is written in our own words
 * from nodemailer's error code and the server's reply code; the server's text
 * is added only outside authentication, one line, clipped, with the password
 * and its base64 forms (what AUTH PLAIN and LOGIN put on the wire) blanked,
 * so no credential can reach a result, a log or the record.
 *
 * Retrying: RFC 5321 makes a 5yz reply permanent (the same message would get
 * it again) and a 4yz reply transient. So a 535 after AUTH (wrong user or
 * password) is not retried: a retry would fail the same way and may lock the
 * account; a 454 (temporary authentication failure) is. Without a reply code,
 * a refused or dropped connection, a time-out or a DNS failure is retried; a
 * TLS failure (untrusted certificate, no STARTTLS) or a missing login needs a
 * change in the set-up and is not.
 */

/** What nodemailer puts on its errors (smtp-connection `_formatError`). */
export interface SmtpError {
  code?: string;
  /** The cause under nodemailer's code, e.g. node's DEPTH_ZERO_SELF_SIGNED_CERT under ESOCKET. */
  originalCode?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export interface SmtpFailure {
  reason: string;
  retryable: boolean;
}

const SET_UP = new Set(['ETLS', 'EAUTH', 'ENOAUTH', 'ECONFIG', 'EREQUIRETLS']);
const REASON_MAX = 300;
/** Node's codes for a certificate it does not trust or a peer that does not speak TLS, which nodemailer reports as a socket error. */
const TLS_CAUSE = /CERT|SSL|TLS|SIGNATURE|ISSUER|SELF_SIGNED/;

/** nodemailer's code, with a TLS failure under a socket error named as one. */
const codeOf = (error: SmtpError) => (typeof error.originalCode === 'string' && TLS_CAUSE.test(error.originalCode) ? 'ETLS' : error.code);

/** Every form the password takes on the wire, longest first, so a longer form is blanked before a part of it. */
function credentialForms(user: string | undefined, password: string | undefined): string[] {
  if (!password) return [];
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const forms = [password, base64(password), ...(user !== undefined ? [base64(`\u0000${user}\u0000${password}`), base64(`${user}\u0000${user}\u0000${password}`)] : [])];
  return [...new Set(forms.filter((form) => form.length > 0))].sort((a, b) => b.length - a.length);
}

// eslint-disable-next-line no-control-regex -- dropping control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/** `text` on one line, without control characters or any form of the password, clipped. */
export function cleanLine(text: string, user: string | undefined, password: string | undefined, max = REASON_MAX): string {
  let line = text;
  for (const form of credentialForms(user, password)) line = line.split(form).join('[redacted]');
  line = line.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** Whether a later attempt can succeed. */
export function isRetryable(error: SmtpError): boolean {
  const reply = error.responseCode;
  if (typeof reply === 'number' && reply >= 400 && reply < 600) return reply < 500;
  const code = codeOf(error);
  if (code && SET_UP.has(code)) return false;
  // A refused or dropped connection, a time-out, DNS, and anything unforeseen: the delivery loop's bounded backoff decides when to stop.
  return true;
}

/** OpenSSL's "…:error:0A00010B:SSL routines:func:wrong version number:file.c:77:" cut to its reason. */
const openSslReason = (text: string) => /error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/.exec(text)?.[1] ?? text;

/** The failure as a result: our words for the stage, the reply code, and (outside AUTH) the server's own words. */
export function smtpFailure(error: unknown, server: { host: string; port: number; user?: string }, password: string | undefined, timeoutMs: number): SmtpFailure {
  const smtp: SmtpError = typeof error === 'object' && error !== null ? (error as SmtpError) : { message: String(error) };
  const at = `${server.host}:${server.port}`;
  const reply = typeof smtp.responseCode === 'number' ? ` (${smtp.responseCode})` : '';
  const said = cleanLine(openSslReason(smtp.response ?? smtp.message ?? ''), server.user, password, 200);
  const what = (() => {
    switch (codeOf(smtp)) {
      case 'EAUTH':
      case 'ENOAUTH':
        if (smtp.responseCode === 538) return `the SMTP server ${at} takes a login only over TLS (538): use tls "starttls" or "tls"`;
        return `the SMTP server ${at} refused the login${reply}: check the user name and the password in the channel's secret`;
      case 'ETIMEDOUT':
        return `the SMTP server ${at} did not answer within ${timeoutMs} ms`;
      case 'EDNS':
        return `the SMTP host ${server.host} was not found${said ? `: ${said}` : ''}`;
      case 'ECONNECTION':
      case 'ESOCKET':
        return `could not talk to the SMTP server ${at}${reply}${said ? `: ${said}` : ''}`;
      case 'ETLS':
      case 'EREQUIRETLS':
        return `TLS with the SMTP server ${at} failed${reply}${said ? `: ${said}` : ''}; check the channel's tls mode and port`;
      case 'EENVELOPE':
        return `the SMTP server ${at} refused the sender or the recipients${reply}${said ? `: ${said}` : ''}`;
      default:
        return `the SMTP server ${at} did not take the message${reply}${said ? `: ${said}` : ''}`;
    }
  })();
  return { reason: cleanLine(`Email not sent: ${what}`, server.user, password), retryable: isRetryable(smtp) };
}
