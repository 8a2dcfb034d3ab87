// What both e2e suites need: `sopir serve` on a database, on a free port,
// and Debian's Chromium, headless with a fresh profile.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Starts the server; resolves to { server, baseUrl } once it listens. It runs
// as a demo (--demo): letters are signed although their QR codes point at
// 127.0.0.1. `args` are more serve options; `wrap(command, args)` may return
// another [command, args] to run it under (faketime).
export async function startServer(binary, db, workDir, { args = [], wrap = (command, list) => [command, list] } = {}) {
  const [command, commandArgs] = wrap(binary, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--demo', '--seal-secret', path.join(workDir, 'segel.key'), ...args]);
  const server = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${seen}`)), 30000);
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/sopir melayani di (http:\/\/[^/\s]+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${seen}`)));
  });
  return { server, baseUrl };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export async function stopServer(server) {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

// `sopir demo` on the database: the demo office with one account per role
// of every service. Resolves to { username: { password, role } }.
export function demoAccounts(binary, db) {
  const out = execFileSync(binary, ['--db', db, 'demo'], { encoding: 'utf8' });
  const accounts = {};
  for (const match of out.matchAll(/^ {2}(\S+) {2}(\S+) {2}\(([a-z_]+)/gm)) accounts[match[1]] = { password: match[2], role: match[3] };
  if (!accounts.pelayanan || !accounts.camat) throw new Error(`sopir demo made no accounts: ${out}`);
  return accounts;
}
