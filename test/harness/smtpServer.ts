/**
 * A real SMTP server for the tests: nodemailer's own smtp-server on
 * 127.0.0.1, port 0, offering STARTTLS with a certificate made at test time
 * (openssl, into a temp folder removed at once; no key is ever checked in)
 * and AUTH PLAIN and LOGIN, allowed only once TLS is up. Every message it
 * takes is kept raw and parsed with mailparser before the server answers
 * 250, so a test reads it as soon as the send resolves.
 *
 * A test can make it misbehave: refuse every login (535, or 454 for a
 * temporary failure), refuse some recipients (550), drop the connection once
 * the message is in, stall before the greeting or after the message, offer
 * no STARTTLS, or speak TLS from the first byte. `echoSecrets` makes every
 * refusal quote the password, as a careless server might. `stop` ends every
 * connection first, so it never waits on a stalled one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface TestCertificate {
  key: string;
  /** Self-signed for 127.0.0.1 and localhost: what a client passes as its CA. */
  cert: string;
}

let certificate: TestCertificate | undefined;

/** One key and certificate per test process, made by openssl (node:crypto cannot write an X.509 certificate). */
export function testCertificate(): TestCertificate {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'smtp-test-cert-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=localhost'];
    try {
      execFileSync('openssl', [...args, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'pipe', timeout: 30_000 });
    } catch (error) {
      throw new Error(`The SMTP tests make their certificate with openssl, which failed or is missing (apt-get install openssl): ${(error as Error).message.split('\n')[0]}`, {
        cause: error,
      });
    }
    certificate = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return certificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ReceivedEmail {
  raw: Buffer;
  parsed: ParsedMail;
  /** The envelope, as the client gave it. */
  mailFrom: string;
  rcptTo: string[];
  /** Who logged in, if anyone. */
  user?: string;
  /** True when the message came over TLS (STARTTLS or implicit). */
  secure: boolean;
}

export type SmtpBehaviour = 'accept' | 'drop-after-data' | 'stall-greeting' | 'stall-after-data';

export interface SmtpServerOptions {
  user: string;
  password: string;
  /** Offer STARTTLS (default true); false makes a plain-text-only server. */
  offerStartTls?: boolean;
  /** TLS from the first byte (port 465 style) instead of STARTTLS. */
  implicitTls?: boolean;
  /** Take a login without TLS (only for the tls "none" test); refused with 538 otherwise. */
  plainLogin?: boolean;
}

export interface SmtpTestServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The certificate to trust (the server's own, self-signed). */
  readonly ca: string;
  readonly received: readonly ReceivedEmail[];
  /** Connections opened so far, whatever came of them. */
  readonly connections: number;
  /** Logins tried so far, right or wrong. */
  readonly logins: number;
  behaviour: SmtpBehaviour;
  /** When set, every login is refused with this reply (535 permanent, 454 temporary). */
  refuseLoginsWith: number | undefined;
  /** Recipients refused with 550. */
  readonly refusedRecipients: Set<string>;
  /** Refusals quote the password and the AUTH PLAIN blob, as a careless server might. */
  echoSecrets: boolean;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

const replyError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

export async function startSmtpServer(options: SmtpServerOptions): Promise<SmtpTestServer> {
  const { key, cert } = testCertificate();
  const received: ReceivedEmail[] = [];
  const state = { connections: 0, logins: 0 };
  const secretEcho = () => (control.echoSecrets ? ` ${options.password} ${Buffer.from(`\u0000${options.user}\u0000${options.password}`).toString('base64')}` : '');

  const control = {
    behaviour: 'accept' as SmtpBehaviour,
    refuseLoginsWith: undefined as number | undefined,
    refusedRecipients: new Set<string>(),
    echoSecrets: false,
  };

  const dropConnectionOf = (sessionId: string) => {
    for (const connection of server.connections) if (connection.id === sessionId) connection._socket.destroy();
  };

  const server = new SMTPServer({
    secure: options.implicitTls === true,
    key,
    cert,
    ...(options.offerStartTls === false ? { disabledCommands: ['STARTTLS'] } : {}),
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: options.plainLogin === true,
    logger: false,
    closeTimeout: 1_000,
    onConnect(_session, callback) {
      state.connections++;
      if (control.behaviour !== 'stall-greeting') callback(); // stalled: never greets; stop() ends the socket
    },
    onAuth(auth, _session, callback) {
      state.logins++;
      if (control.refuseLoginsWith) return callback(replyError(`Authentication failed${secretEcho()}`, control.refuseLoginsWith));
      if (auth.username !== options.user || auth.password !== options.password) return callback(replyError(`Authentication credentials invalid${secretEcho()}`, 535));
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (control.refusedRecipients.has(address.address)) return callback(replyError(`No such mailbox here${secretEcho()}`, 550));
      callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (control.behaviour === 'drop-after-data') return dropConnectionOf(session.id);
        if (control.behaviour === 'stall-after-data') return; // never answers; stop() ends the socket
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              raw,
              parsed,
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((to) => to.address),
              ...(typeof session.user === 'string' ? { user: session.user } : {}),
              secure: session.secure,
            });
            callback();
          },
          (error: Error) => callback(replyError(`Unparseable message: ${error.message}`, 554)),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  server.on('error', () => undefined); // a client that hangs up mid-command is part of these tests
  const { port } = server.server.address() as AddressInfo;

  return {
    host: HOST,
    port,
    ca: cert,
    received,
    get connections() {
      return state.connections;
    },
    get logins() {
      return state.logins;
    },
    get behaviour() {
      return control.behaviour;
    },
    set behaviour(value) {
      control.behaviour = value;
    },
    get refuseLoginsWith() {
      return control.refuseLoginsWith;
    },
    set refuseLoginsWith(value) {
      control.refuseLoginsWith = value;
    },
    refusedRecipients: control.refusedRecipients,
    get echoSecrets() {
      return control.echoSecrets;
    },
    set echoSecrets(value) {
      control.echoSecrets = value;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const connection of server.connections) connection._socket.destroy();
        server.close(() => resolve());
      }),
  };
}
