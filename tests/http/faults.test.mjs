// tests/http/faults.test.mjs: the database failing under a running sopir.
//
// (a) PostgreSQL stopped and started again under load, with two servers on
//     one database and eight clients holding valid tokens: no 401 ever, only
//     503 (with Retry-After) while it is down, no failure once it is back,
//     nothing acknowledged lost and the register's numbers gapless.
// (b) SQLite on a small disk that fills up: writes answer 503 (never a 500
//     with the driver's text), reads go on, and writes work again once space
//     is freed.
//
// (a) needs a PostgreSQL it may stop, so it starts a private one with
// scripts/pg-test on a free port (never the shared test server). (b) needs a
// small file system: a tmpfs mounted in a user and mount namespace of its own
// (`unshare -rm`), which needs no root where unprivileged user namespaces are
// allowed (Debian's default); the test is skipped, saying why, where not.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

const run = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// One request's outcome, with what the fault tests look at.
function outcome(r, phaseAtStart, phaseAtEnd, what) {
  return { what, status: r.status, phases: [phaseAtStart, phaseAtEnd], retryAfter: r.headers.get('retry-after'), code: r.body?.error?.code, text: r.text.slice(0, 200) };
}

function unacceptable(outcomes, { strictPhases }) {
  return outcomes.filter((o) => {
    if (o.status === 401 || o.status >= 500 && o.status !== 503) return true;
    if (o.status === 503) return !o.retryAfter || o.code !== 'unavailable' || o.phases.every((p) => strictPhases.includes(p));
    return o.status >= 300;
  });
}

describe('PostgreSQL restarted under load', () => {
  const pg = h.backends().find((b) => b.name === 'postgresql');
  const skip = pg.skip;
  const script = path.join(h.sourceDir, 'scripts', 'pg-test');
  let env;
  let database;
  let servers = [];

  before(async () => {
    if (skip) return;
    const port = await freePort();
    env = { ...process.env, SOPIR_TEST_PG_PORT: String(port), SOPIR_TEST_PG_DIR: path.join(tmpdir(), `sopir-pg-faults-${port}`) };
    const serverUrl = execFileSync(script, ['start'], { env, encoding: 'utf8', timeout: 120_000 }).trim();
    database = h.freshDatabase({ name: 'postgresql', serverUrl });
    h.seed(database.url);
    servers = [await h.startServer(database.url), await h.startServer(database.url)];
  });

  after(async () => {
    for (const server of servers) await server.stop();
    if (env) execFileSync(script, ['stop'], { env, timeout: 120_000 });
    rmSync(h.sealSecretFile(database?.url ?? ''), { force: true });
  });

  test('no 401, 503 only while it is down, nothing acknowledged lost', { skip, timeout: 90_000 }, async () => {
    let phase = 'before';
    const outcomes = [];
    const created = new Map(); // case id → the case as acknowledged (201)
    const accepted = new Map(); // case id → registration number acknowledged (200)
    const committedYet503 = [];
    const apis = servers.map((s) => h.client(s.base));
    const tokens = [];
    for (let i = 0; i < 8; i += 1) tokens.push(await apis[i % 2].signIn(h.users.pelayanan.username));

    // A request sent again while it answers 503, as a client told to retry.
    async function send(what, perform) {
      for (;;) {
        const start = phase;
        const r = await perform();
        outcomes.push(outcome(r, start, phase, what));
        if (r.status !== 503 || phase === 'stop') return r;
        await sleep(100);
      }
    }

    async function clientLoop(i) {
      const api = apis[i % 2];
      const token = tokens[i];
      while (phase !== 'stop') {
        const made = await send('buat', () => api.post('/api/v1/cases', h.application(), token));
        if (made.status !== 201) continue;
        created.set(made.body.id, made.body);
        const id = made.body.id;
        let first = true;
        for (;;) {
          const start = phase;
          const r = await api.act(id, token, 'terima', { version: made.body.version });
          outcomes.push(outcome(r, start, phase, 'terima'));
          if (r.status === 200) {
            accepted.set(id, r.body.registration_number);
            break;
          }
          // Sent again after a 503: a 409 now means the first one was
          // committed but answered as if it had not been.
          if (r.status === 409 && !first) {
            const seen = await send('lihat', () => api.get(`/api/v1/cases/${id}`, token));
            if (seen.body?.state === 'perekaman') committedYet503.push(id);
            break;
          }
          if (r.status !== 503 || phase === 'stop') break;
          first = false;
          await sleep(100);
        }
        await send('daftar', () => api.get('/api/v1/cases?state=verifikasi', token));
      }
    }

    const clients = Array.from({ length: 8 }, (_, i) => clientLoop(i));
    await sleep(2_000);
    phase = 'halting';
    await run(script, ['halt'], { env, timeout: 60_000 });
    phase = 'down';
    await sleep(3_000);
    phase = 'resuming';
    await run(script, ['resume'], { env, timeout: 60_000 });
    // A short settle: requests already waiting on a connection attempt
    // begun while the server was down may still fail.
    phase = 'settle';
    await sleep(1_000);
    phase = 'after';
    await sleep(3_000);
    phase = 'stop';
    await Promise.all(clients);

    const bad = unacceptable(outcomes, { strictPhases: ['before', 'after'] });
    assert.deepEqual(bad.slice(0, 10), [], `${bad.length} of ${outcomes.length} answers were wrong (the first 10 shown)`);
    assert.ok(outcomes.some((o) => o.status === 503), 'the outage was seen (503)');
    assert.ok(outcomes.some((o) => o.phases[0] === 'after' && o.status === 201), 'cases were filed once it was back');
    assert.deepEqual(committedYet503, [], 'a committed action answered 503');

    // Nothing acknowledged is lost; the numbers taken are 1..N, no gap.
    const api = apis[0];
    for (const [id, number] of accepted) {
      const r = await api.get(`/api/v1/cases/${id}`, tokens[0]);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.registration_number, number);
    }
    for (const id of created.keys()) assert.equal((await api.get(`/api/v1/cases/${id}`, tokens[0])).status, 200);
    const numbers = execFileSync('psql', [database.url, '-At', '-c', "SELECT number FROM register_entries WHERE register = 'register_ektp' ORDER BY number"], { encoding: 'utf8' })
      .trim().split('\n').filter(Boolean).map(Number);
    assert.ok(numbers.length >= accepted.size);
    assert.deepEqual(numbers, numbers.map((_, k) => k + 1), 'register numbers are gapless');
  });
});

// The tmpfs lives in the server's own mount namespace; the test reaches it
// through /proc/PID/root.
function namespacesWork() {
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d" && rmdir "$d"'], { encoding: 'utf8' });
  return r.status === 0 ? null : `unshare -rm with a tmpfs is not allowed here: ${(r.stderr || r.error?.message || '').trim()}`;
}

describe('SQLite on a full disk', () => {
  const skip = namespacesWork() ?? false;
  let database;
  let server;
  let disk; // the tmpfs as the test sees it
  let mountDir; // where the server sees it

  before(async () => {
    if (skip) return;
    database = h.freshDatabase({ name: 'sqlite' });
    h.seed(database.url);
    const seeded = database.url.slice('sqlite://'.length);
    mountDir = mkdtempSync(path.join(tmpdir(), 'sopir-disk-'));
    const copy = path.join(path.dirname(seeded), 'seeded.db');
    copyFileSync(seeded, copy);
    // The database is copied onto a 4 MB tmpfs, and the server serves it.
    server = await h.startServer(database.url, {
      wrap: (command, args) => ['unshare', ['-rm', 'sh', '-c',
        'mount -t tmpfs -o size=4m tmpfs "$1" && cp "$2" "$1/sopir.db" && shift 2 && exec "$@"', 'sh', mountDir, copy,
        command, ...args.map((a) => (a === database.url ? `sqlite://${mountDir}/sopir.db` : a))]],
    });
    disk = `/proc/${server.child.pid}/root${mountDir}`;
  });

  after(async () => {
    if (server) await server.stop();
    database?.drop();
    if (mountDir) rmSync(mountDir, { recursive: true, force: true });
  });

  test('writes answer 503 while the disk is full, reads go on, writes work once space is freed', { skip, timeout: 60_000 }, async () => {
    const api = h.client(server.base);
    const token = await api.signIn(h.users.pelayanan.username);
    const first = await api.post('/api/v1/cases', h.application(), token);
    assert.equal(first.status, 201, first.text);

    // Fill the disk to the last byte.
    const filler = path.join(disk, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (e) {
      assert.equal(e.code, 'ENOSPC');
    }
    try {
      for (;;) writeSync(fd, chunk, 0, 512);
    } catch { /* full */ }
    closeSync(fd);

    let refused = 0;
    for (let i = 0; i < 5; i += 1) {
      const r = await api.post('/api/v1/cases', h.application(), token);
      assert.notEqual(r.status, 201, 'a case was filed on a full disk');
      assert.equal(r.status, 503, r.text);
      assert.equal(r.body.error.code, 'unavailable');
      assert.ok(r.headers.get('retry-after'), 'Retry-After');
      assert.doesNotMatch(r.text, /sqlite|disk is full|backend/i, 'no driver message');
      refused += 1;
    }
    assert.equal(refused, 5);
    const read = await api.get(`/api/v1/cases/${first.body.id}`, token);
    assert.equal(read.status, 200, 'reads go on');
    assert.equal((await api.get('/healthz')).status, 200);

    rmSync(filler);
    const again = await api.post('/api/v1/cases', h.application(), token);
    assert.equal(again.status, 201, again.text);
    assert.equal(server.child.exitCode, null, 'the server stayed up');
  });
});
