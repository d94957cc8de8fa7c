/**
 * Real git remotes on 127.0.0.1 for the sync tests and benchmarks: `git daemon`
 * (git://), `git http-backend` behind a node http server (http://, optionally
 * with Basic authentication), and a TCP server that accepts and never answers
 * (the time-out case). Every server can be stopped and started again on the
 * same port (the remote going away mid-run), and whatever is still running
 * when the process exits is killed.
 *
 * Clients must run git asynchronously against the http server: it answers
 * from this process's event loop, which a synchronous child process blocks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { join } from 'node:path';

export interface GitServer {
  readonly port: number;
  /** The clone URL of `<baseDir>/<repoName>`. */
  url(repoName: string): string;
  /** Stops the server and waits until it is gone; connections are then refused. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it accepts connections. */
  start(): Promise<void>;
}

const HOST = '127.0.0.1';
const START_LIMIT_MS = 10_000;

/** Everything still running, killed on process exit so no test run leaves a server behind. */
const running = new Set<() => void>();
process.on('exit', () => {
  for (const kill of running) kill();
});

/** A bare repository `<dir>` with main as its default branch. */
export async function makeBareRemote(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  await runGit(dir, ['init', '--quiet', '--bare', '--initial-branch=main']);
  return dir;
}

/** Runs git without blocking the event loop (the http server shares it); rejects with stderr on failure. */
export function runGit(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...args], { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`git ${args.join(' ')} failed (${code}): ${stderr.trim()}`))));
  });
}

/** A port nobody listens on right now (the OS's pick), reused by every restart. */
async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once a TCP connection to the port succeeds; bounded. */
async function waitUntilListening(port: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the server on port ${port} exited while starting`);
    const connected = await new Promise<boolean>((resolve) => {
      const socket = connect(port, HOST);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`nothing listened on port ${port} within ${START_LIMIT_MS} ms`);
}

/** Kills a process group we lead (the daemon and the upload-pack/receive-pack children it forked). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

function gitDaemonBinary(): string[] {
  const bundled = '/usr/lib/git-core/git-daemon';
  return existsSync(bundled) ? [bundled] : ['git', 'daemon'];
}

/** `git daemon` serving every repository under baseDir over git://, pushes allowed. */
export async function startGitDaemon(baseDir: string): Promise<GitServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const kill = () => child && killGroup(child);

  const start = async () => {
    if (child) return;
    const [binary, ...first] = gitDaemonBinary();
    const args = [
      ...first,
      '--reuseaddr',
      `--listen=${HOST}`,
      `--port=${port}`,
      `--base-path=${baseDir}`,
      '--export-all',
      '--enable=receive-pack',
      '--informative-errors',
      baseDir,
    ];
    const started = spawn(binary, args, { stdio: 'ignore', detached: true });
    child = started;
    running.add(kill);
    await waitUntilListening(port, () => started.exitCode === null && started.signalCode === null);
  };

  const stop = async () => {
    const stopping = child;
    if (!stopping) return;
    child = undefined;
    running.delete(kill);
    const exited = new Promise((resolve) => (stopping.exitCode !== null || stopping.signalCode !== null ? resolve(undefined) : stopping.once('exit', resolve)));
    killGroup(stopping);
    await exited;
  };

  await start();
  return { port, url: (repoName) => `git://${HOST}:${port}/${repoName}`, start, stop };
}

export interface HttpGitServer extends GitServer {
  /** Requests served, and how many of them came gzipped (git compresses a large negotiation). */
  readonly stats: { requests: number; gzipped: number };
}

export interface HttpCredentials {
  user?: string;
  password?: string;
}

/**
 * `git http-backend` as CGI behind a node http server, pushes allowed. With a
 * user and password, every request without exactly those gets 401 and a
 * Basic challenge, as a hosted remote answers a wrong password.
 */
export async function startHttpGitServer(baseDir: string, credentials: HttpCredentials = {}): Promise<HttpGitServer> {
  const port = await freePort();
  const expected = credentials.user !== undefined ? `Basic ${Buffer.from(`${credentials.user}:${credentials.password ?? ''}`).toString('base64')}` : undefined;
  const backends = new Set<ChildProcess>();
  let server: HttpServer | undefined;
  const kill = () => backends.forEach((backend) => backend.kill('SIGKILL'));
  const stats = { requests: 0, gzipped: 0 };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    stats.requests++;
    if (/gzip/.test(request.headers['content-encoding'] ?? '')) stats.gzipped++;
    if (expected && request.headers.authorization !== expected) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="incident sync test"', 'Content-Type': 'text/plain' });
      response.end('authentication required\n');
      request.resume();
      return;
    }
    const backend = spawnHttpBackend(baseDir, request, credentials.user);
    backends.add(backend);
    backend.on('close', () => backends.delete(backend));
    request.pipe(backend.stdin!);
    backend.stdin!.on('error', () => undefined); // the backend may answer (an error) before reading the whole body
    relayCgiResponse(backend, response);
  };

  const start = async () => {
    if (server) return;
    const listening = createHttpServer(handle);
    server = listening;
    running.add(kill);
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(port, HOST, () => resolve());
    });
  };

  const stop = async () => {
    const stopping = server;
    if (!stopping) return;
    server = undefined;
    kill();
    running.delete(kill);
    stopping.closeAllConnections();
    await new Promise((resolve) => stopping.close(resolve));
  };

  await start();
  return { port, url: (repoName) => `http://${HOST}:${port}/${repoName}`, start, stop, stats };
}

function spawnHttpBackend(baseDir: string, request: IncomingMessage, user: string | undefined): ChildProcess {
  const url = new URL(request.url ?? '/', `http://${HOST}`);
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: baseDir,
    GIT_HTTP_EXPORT_ALL: '1',
    // http.receivepack=true: pushes are allowed without REMOTE_USER too.
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.receivepack',
    GIT_CONFIG_VALUE_0: 'true',
    GATEWAY_INTERFACE: 'CGI/1.1',
    REQUEST_METHOD: request.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: header('content-type'),
    // http-backend inflates a gzip body itself when told the encoding (git sends large pushes gzipped).
    HTTP_CONTENT_ENCODING: header('content-encoding'),
    GIT_PROTOCOL: header('git-protocol'),
    REMOTE_ADDR: HOST,
    ...(user !== undefined && { REMOTE_USER: user }),
  };
  // No CONTENT_LENGTH: git sends big bodies chunked, and http-backend then reads stdin to its end.
  return spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
}

/** Parses the CGI header block ("Status: 404 Not Found", "Content-Type: …", blank line) and streams the body after it. */
function relayCgiResponse(backend: ChildProcess, response: ServerResponse): void {
  let head = Buffer.alloc(0);
  let headersSent = false;
  backend.stdout!.on('data', (chunk: Buffer) => {
    if (headersSent) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const text = head.toString('latin1');
    const crlf = text.indexOf('\r\n\r\n');
    const lf = text.indexOf('\n\n');
    const end = crlf >= 0 && (lf < 0 || crlf < lf) ? { at: crlf, length: 4 } : lf >= 0 ? { at: lf, length: 2 } : undefined;
    if (!end) return;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of text.slice(0, end.at).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
      else headers[name] = value;
    }
    response.writeHead(status, headers);
    headersSent = true;
    const body = head.subarray(end.at + end.length);
    if (body.length) response.write(body);
  });
  backend.on('close', () => {
    if (!headersSent && !response.headersSent) response.writeHead(502);
    response.end();
  });
}

export interface SilentServer {
  readonly port: number;
  /** A git:// URL on the silent port. */
  url(repoName: string): string;
  /** An http:// URL on the silent port. */
  httpUrl(repoName: string): string;
  stop(): Promise<void>;
}

/** Accepts TCP connections and never answers: a remote that hangs. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as { port: number };
  const stop = async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => server.close(resolve));
  };
  return { port, url: (repoName) => `git://${HOST}:${port}/${repoName}`, httpUrl: (repoName) => `http://${HOST}:${port}/${repoName}`, stop };
}

/** A clone of `remoteUrl` (async, so it may be served by this process) with an identity, in `dir`. */
export async function cloneRemote(remoteUrl: string, dir: string, remoteName = 'origin'): Promise<string> {
  await runGit(join(dir, '..'), ['clone', '--quiet', `--origin=${remoteName}`, remoteUrl, dir]);
  await runGit(dir, ['config', 'user.name', 'Dana Ortiz']);
  await runGit(dir, ['config', 'user.email', 'dana@example.com']);
  return dir;
}
