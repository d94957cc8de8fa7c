/**
 * `incident mcp` as a child process spoken to in raw newline-delimited
 * JSON-RPC, bytes as written, for what a well-behaved SDK client never sends
 * (a 12 MiB line, bytes that are not UTF-8, a batch). Every wait is for a
 * condition (so many answers, the exit), bounded only so a broken build
 * fails instead of hanging.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
export const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

/** What the server wrote on stdout: one JSON-RPC message a line. */
export interface RpcAnswer {
  jsonrpc: string;
  id?: string | number | null;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

const BOUND_MS = 90_000;

export class RawMcp {
  readonly answers: RpcAnswer[] = [];
  stderr = '';
  /** The exit code once the process has ended (a signal counts as -1). */
  exitCode: number | undefined;
  private readonly child: ChildProcessWithoutNullStreams;
  private stdoutTail = '';
  private readonly waiters = new Set<() => void>();

  constructor(repo: string, ...args: string[]) {
    this.child = spawn(process.execPath, [CLI, 'mcp', ...args], { cwd: repo, env: { ...process.env, INCIDENT_AUTHOR: 'unused' } });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text: string) => {
      const lines = (this.stdoutTail + text).split('\n');
      this.stdoutTail = lines.pop() ?? '';
      for (const line of lines) this.answers.push(JSON.parse(line) as RpcAnswer);
      this.wake();
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text: string) => (this.stderr += text));
    // Writing to a server that already exited is what some tests check for; the exit code tells.
    this.child.stdin.on('error', () => undefined);
    this.child.on('exit', (code) => {
      this.exitCode = code ?? -1;
      this.wake();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Writes bytes as they are (no newline is added). */
  write(bytes: string | Buffer): void {
    this.child.stdin.write(bytes);
  }

  /** One message (a request when it has an id) on its own line. */
  send(message: Record<string, unknown>): void {
    this.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  }

  /** Closes the server's stdin: how an MCP client ends the session. */
  endInput(): void {
    this.child.stdin.end();
  }

  /** Closes the pipe the server writes to, as a client that stopped reading would. */
  closeOutput(): void {
    this.child.stdout.destroy();
  }

  /** Resolves once `count` answers have come; fails if the server exits first. */
  async answerCount(count: number): Promise<RpcAnswer[]> {
    await this.until(() => this.answers.length >= count || this.exitCode !== undefined, `${count} answers`);
    if (this.answers.length < count) throw new Error(`the server exited (${this.exitCode}) after ${this.answers.length} of ${count} answers; stderr: ${this.stderr}`);
    return this.answers.slice(0, count);
  }

  async exited(): Promise<number> {
    await this.until(() => this.exitCode !== undefined, 'the exit');
    return this.exitCode as number;
  }

  kill(): void {
    if (this.exitCode === undefined) this.child.kill('SIGKILL');
  }

  private until(done: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (done()) return resolve();
      const check = () => {
        if (!done()) return;
        clearTimeout(bound);
        this.waiters.delete(check);
        resolve();
      };
      const bound = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`still waiting for ${what} after ${BOUND_MS / 1000} s; ${this.answers.length} answers so far; stderr: ${this.stderr}`));
      }, BOUND_MS);
      this.waiters.add(check);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
