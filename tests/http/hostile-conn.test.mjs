// Hostile connections against the real `sopir serve`, on SQLite and on
// PostgreSQL: many slow clients from one address, a body announced too
// large, requests libmicrohttpd refuses by itself, a second server on a
// port in use, and the stop that must refuse new connections at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

import * as h from './harness.mjs';

const k_slow_connections = 1100;
const k_slow_address = '127.0.0.2';

// `sopir serve` with its own arguments (a listening address, limits),
// optionally through `sh -c PREFIX; exec sopir …`. Resolves with the port
// once it listens; `exited` resolves with its exit status and output.
function serve(dbUrl, { listen = '127.0.0.1:0', args = [], shellPrefix } = {}) {
  const argv = ['--db', dbUrl, 'serve', '--listen', listen, '--public-url', 'http://sopir.test', '--seal-secret', h.sealSecretFile(dbUrl), ...args];
  const child = shellPrefix
    ? spawn('sh', ['-c', `${shellPrefix}; exec "$0" "$@"`, h.binary, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(h.binary, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => { out += chunk; });
  child.stderr.on('data', (chunk) => { err += chunk; });
  const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, out, err })));
  const listening = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sopir serve did not start in time\n${out}\n${err}`)), 30_000);
    child.stdout.on('data', () => {
      const found = out.match(/sopir melayani di http:\/\/[^/]*:(\d+)\//);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`sopir serve exited (${code ?? signal}) before listening\n${out}\n${err}`));
    });
  });
  return {
    child,
    exited,
    listening,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const result = await exited;
      clearTimeout(killer);
      return result;
    },
  };
}

// Sends `data` on a new connection and reads until the server closes it or
// `timeout` ms pass: { text, closed, error }.
function raw(port, data, { timeout = 5000, host = '127.0.0.1' } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const chunks = [];
    let settled = false;
    const finish = (closed, error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed, error });
    };
    const timer = setTimeout(() => finish(false, 'timeout'), timeout);
    socket.on('connect', () => socket.write(data));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('error', (e) => finish(true, e.code));
  });
}

// The first response in a raw answer: status, headers (lowercased names) and
// body.
function parse(text) {
  const headEnd = text.indexOf('\r\n\r\n');
  assert.ok(headEnd > 0, `no HTTP response in ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, headEnd).split('\r\n');
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(headEnd + 4, headEnd + 4 + length) };
}

// What every answer of sopir carries (web.cpp, make_handler).
function assertSopirHeaders(response, what) {
  assert.match(response.headers['content-security-policy'] ?? '', /default-src 'self'/, `${what}: Content-Security-Policy`);
  assert.equal(response.headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(response.headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(response.headers['referrer-policy'], 'same-origin', `${what}: Referrer-Policy`);
  assert.equal(response.headers['cache-control'], 'no-store', `${what}: Cache-Control`);
}

function assertJsonError(response, status, what) {
  assert.equal(response.status, status, what);
  assert.match(response.headers['content-type'] ?? '', /^application\/json/, `${what}: JSON`);
  const body = JSON.parse(response.body);
  assert.equal(typeof body.error?.code, 'string', `${what}: error.code`);
  assert.equal(typeof body.error?.message, 'string', `${what}: error.message`);
  assert.doesNotMatch(response.body, /<html/i, what);
}

// GET /healthz from 127.0.0.1 on a new connection (a kept-alive one would
// not show whether the server still accepts), given up after `ms`.
async function healthz(port, ms) {
  const started = Date.now();
  const answer = await raw(port, 'GET /healthz HTTP/1.1\r\nHost: sopir.test\r\nConnection: close\r\n\r\n', { timeout: ms });
  const status = answer.text.startsWith('HTTP/1.1 ') ? Number(answer.text.slice(9, 12)) : 0;
  return { status, error: answer.error, ms: Date.now() - started };
}

function openFileLimits() {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const [soft, hard] = line.trim().split(/\s+/).slice(3, 5).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  return { soft, hard };
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

for (const backend of h.backends()) {
  describe(`hostile connections on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let server;
    let port;

    before(async () => {
      db = h.freshDatabase(backend);
      // Every address of the machine: the slow clients come from 127.0.0.2,
      // /healthz from 127.0.0.1.
      server = serve(db.url, { listen: '0.0.0.0:0' });
      port = await server.listening;
    });

    after(async () => {
      if (server) await server.stop();
      db?.drop();
    });

    test('1,100 slow connections from one address leave /healthz answering another within a second', { timeout: 60_000, skip: openFileLimits().hard < k_slow_connections + 500 ? 'the open-file limit is too low for 1,100 sockets' : false }, async (t) => {
      assert.equal((await healthz(port, 5000)).status, 200, 'before the flood');
      // Each sends a request line and then one header line every 2 s, never
      // finishing its headers: a client that is slow, not silent.
      const sockets = [];
      let closedByServer = 0;
      const settled = [];
      for (let i = 0; i < k_slow_connections; i++) {
        const socket = net.connect({ host: k_slow_address, port, localAddress: k_slow_address });
        sockets.push(socket);
        settled.push(new Promise((done) => {
          socket.once('connect', () => {
            socket.write('GET /healthz HTTP/1.1\r\nHost: sopir.test\r\n');
            done();
          });
          socket.once('error', () => done());
          socket.once('close', () => done());
        }));
        socket.on('error', () => {});
        socket.on('close', () => { closedByServer += 1; });
      }
      const trickle = setInterval(() => {
        for (const socket of sockets) if (!socket.destroyed && socket.writable) socket.write(`X-Slow-${Math.random().toString(36).slice(2, 8)}: 1\r\n`);
      }, 2000);
      try {
        await Promise.race([Promise.all(settled), sleep(15_000)]);
        // Let the burst of refused connections pass (this machine runs the
        // clients and the server alike); what matters is the steady state
        // in which the slow connections are held.
        await sleep(1000);
        // Three checks spread over 6 s while the trickle goes on.
        for (let round = 0; round < 3; round++) {
          const r = await healthz(port, 1000);
          assert.equal(r.status, 200, `round ${round}: /healthz from 127.0.0.1 (${r.error ?? ''} after ${r.ms} ms)`);
          assert.ok(r.ms < 1000, `round ${round}: /healthz took ${r.ms} ms`);
          t.diagnostic(`round ${round}: /healthz in ${r.ms} ms`);
          await sleep(2000);
        }
        // The address's limit (128 by default) is what kept the others out.
        const open = sockets.filter((s) => !s.destroyed).length;
        assert.ok(open <= 128, `${open} slow connections from one address are still open`);
        assert.ok(closedByServer >= k_slow_connections - 128, `${closedByServer} closed`);
      } finally {
        clearInterval(trickle);
        for (const socket of sockets) socket.destroy();
      }
    });

    test('the server raises its open-file soft limit to the hard limit', async () => {
      const lowered = serve(db.url, { shellPrefix: 'ulimit -Sn 256' });
      try {
        await lowered.listening;
        const line = readFileSync(`/proc/${lowered.child.pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
        const [soft, hard] = line.trim().split(/\s+/).slice(3, 5);
        assert.equal(soft, hard, line);
      } finally {
        await lowered.stop();
      }
    });

    test('a body announced over the limit is answered 413 at once and the connection closed', async () => {
      const head = (path, type) => `POST ${path} HTTP/1.1\r\nHost: sopir.test\r\nContent-Type: ${type}\r\nContent-Length: 10000000\r\n\r\n`;
      // Not a byte of the body is sent: the answer must not wait for it.
      const api = await raw(port, head('/api/v1/sessions', 'application/json'), { timeout: 3000 });
      assert.equal(api.error === 'timeout', false, `no answer without the body: ${JSON.stringify(api.text.slice(0, 200))}`);
      assert.ok(api.closed, 'the connection is closed');
      const apiResponse = parse(api.text);
      assertJsonError(apiResponse, 413, 'POST /api/v1/sessions with 10 MB');
      assertSopirHeaders(apiResponse, '413 under /api');
      assert.equal(apiResponse.headers.connection, 'close');

      const page = await raw(port, head('/masuk', 'application/x-www-form-urlencoded'), { timeout: 3000 });
      assert.ok(page.closed && page.error !== 'timeout', 'the page form is answered without its body');
      const pageResponse = parse(page.text);
      assert.equal(pageResponse.status, 413);
      assertSopirHeaders(pageResponse, '413 on a page');

      // A body within the limit still reaches the handler.
      const small = await raw(port, 'POST /api/v1/sessions HTTP/1.1\r\nHost: sopir.test\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
      assert.notEqual(parse(small.text).status, 413);
    });

    test('requests libmicrohttpd refuses by itself carry sopir\'s headers, and JSON under /api', async () => {
      const cases = [
        { what: 'HTTP/0.9 request line', data: 'GET /\r\n\r\n', status: 400 },
        { what: 'request line without a version', data: 'GET /api/v1/cases\r\nHost: sopir.test\r\n\r\n', status: 400 },
        { what: 'HTTP/2.0 on a page', data: 'GET /masuk HTTP/2.0\r\nHost: sopir.test\r\n\r\n', status: 505 },
        // libmicrohttpd refuses the version before it tells sopir the path
        // (docs/decisions.md): plain text, still with sopir's headers.
        { what: 'HTTP/3.0 under /api', data: 'GET /api/v1/cases HTTP/3.0\r\nHost: sopir.test\r\n\r\n', status: 505 },
        { what: 'HTTP/0.8', data: 'GET /masuk HTTP/0.8\r\nHost: sopir.test\r\n\r\n', status: 505 },
        { what: 'a 40 KB header under /api', data: `GET /api/v1/cases HTTP/1.1\r\nHost: sopir.test\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`, status: 431, json: true },
        { what: 'a 40 KB header on a page', data: `GET /masuk HTTP/1.1\r\nHost: sopir.test\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`, status: 431 },
        { what: 'a header line without a colon', data: 'GET /api/v1/cases HTTP/1.1\r\nHost: sopir.test\r\nno colon here\r\n\r\n', status: 400, json: true },
        // libmicrohttpd 0.9.75 sends the head of these two answers twice
        // (its own bug, docs/decisions.md): the head read first is sopir's,
        // the body that follows it is not.
        { what: 'a Content-Length that is not a number', data: 'POST /api/v1/cases HTTP/1.1\r\nHost: sopir.test\r\nContent-Length: abc\r\n\r\n', status: 400, headOnly: true },
        { what: 'a Content-Length beyond 64 bits', data: 'POST /api/v1/cases HTTP/1.1\r\nHost: sopir.test\r\nContent-Length: 99999999999999999999999\r\n\r\n', status: 413, headOnly: true },
        { what: 'a bad chunk', data: 'POST /api/v1/cases HTTP/1.1\r\nHost: sopir.test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', status: 400, json: true },
      ];
      for (const c of cases) {
        const answer = await raw(port, c.data, { timeout: 3000 });
        const response = parse(answer.text);
        assert.equal(response.status, c.status, c.what);
        assertSopirHeaders(response, c.what);
        assert.doesNotMatch(answer.text, /<html|libmicrohttpd/i, `${c.what}: ${answer.text}`);
        if (c.headOnly) assert.match(response.headers['content-type'] ?? '', /^application\/json/, `${c.what}: JSON`);
        else if (c.json) assertJsonError(response, c.status, c.what);
        else assert.match(response.headers['content-type'] ?? '', /^text\/plain/, `${c.what}: plain text`);
      }
      // The server is still there.
      assert.equal((await healthz(port, 2000)).status, 200);
    });

    test('a second server on a port in use refuses to start', async () => {
      const second = serve(db.url, { listen: `127.0.0.1:${port}` });
      const started = await second.listening.then(() => true, () => false);
      if (started) await second.stop();
      const { code, err } = await second.exited;
      assert.equal(started, false, 'the second server started on a port in use');
      assert.notEqual(code, 0);
      assert.match(err, /sudah dipakai/, err);
      assert.equal((await healthz(port, 2000)).status, 200, 'the first server still answers');
    });

    test('on SIGTERM new connections are refused at once while a request in flight is answered', async () => {
      const stopping = serve(db.url);
      const stoppingPort = await stopping.listening;
      // A request in flight: its headers read, its body still coming.
      const body = JSON.stringify({ username: 'tidak-ada', password: 'salah' }).padEnd(100, ' ');
      const inFlight = net.connect({ host: '127.0.0.1', port: stoppingPort });
      const answer = new Promise((done) => {
        let text = '';
        inFlight.on('data', (chunk) => { text += chunk; });
        inFlight.on('close', () => done(text));
        inFlight.on('error', () => {});
      });
      await new Promise((done) => inFlight.once('connect', done));
      inFlight.write(`POST /api/v1/sessions HTTP/1.1\r\nHost: sopir.test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
      await sleep(300);
      stopping.child.kill('SIGTERM');
      await sleep(300);
      const refused = await new Promise((done) => {
        const socket = net.connect({ host: '127.0.0.1', port: stoppingPort });
        const timer = setTimeout(() => { socket.destroy(); done('timeout'); }, 1000);
        socket.on('connect', () => { clearTimeout(timer); socket.destroy(); done('connected'); });
        socket.on('error', (e) => { clearTimeout(timer); done(e.code); });
      });
      // The server is still draining, so it is its refusal, not its exit.
      assert.equal(stopping.child.exitCode, null, 'the server waits for the request in flight');
      assert.equal(refused, 'ECONNREFUSED');
      inFlight.end(body.slice(10));
      const text = await answer;
      assert.match(text, /^HTTP\/1\.1 401 /, `the request in flight is answered: ${text.slice(0, 80)}`);
      assert.match(text, /\r\nConnection: close\r\n/i);
      const { code } = await stopping.stop();
      assert.equal(code, 0);
    });
  });
}
