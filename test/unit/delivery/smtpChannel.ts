/** The login and channel the SMTP tests share: the test server's user and password, and a channel pointed at it. */
import type { EmailChannel } from '../../../src/workflows/delivery/emailSender';
import type { SmtpTestServer } from '../../harness/smtpServer';

export const SMTP_USER = 'incident-bot';
/** Distinctive, so a leak of it (or of its base64) is found by a plain search. */
export const SMTP_PASSWORD = 'pw-Sup3r$ecret-7f3a';

export const channelFor = (server: SmtpTestServer, overrides: Partial<EmailChannel> = {}): EmailChannel => ({
  host: server.host,
  port: server.port,
  tls: 'starttls',
  from: 'Incidents <incidents@example.com>',
  to: ['oncall@example.com', 'leads@example.com'],
  user: SMTP_USER,
  ...overrides,
});
