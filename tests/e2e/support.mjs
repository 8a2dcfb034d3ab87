// What both e2e suites need: `sopir serve` on a database, on a free port,
// and Debian's Chromium, headless with a fresh profile.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Starts the server; resolves to { server, baseUrl } once it listens.
export async function startServer(binary, db, workDir) {
  const server = spawn(binary, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--seal-secret', path.join(workDir, 'segel.key')],
    { stdio: ['ignore', 'pipe', 'inherit'] });
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
