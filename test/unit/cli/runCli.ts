/** Runs the `incident` command line in this process (main() with captured output), against `repo`. */
import { main } from '../../../src/cli/main';

export async function incident(repo: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--repo', repo, ...args], { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
