// Measuring the service (issue 6) through the API of the real `sopir serve`,
// on both databases: the outage log and the day's summary after a few
// cases. The rules behind the figures are tested by hand in
// tests/unit/report_test.cpp and tests/store/report_store_test.cpp.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

// Found by hand: `sopir serve` in a directory without var/ failed to make its
// seal secret (var/segel.key, the default) and would not start.
test('serve makes var/segel.key (mode 0600, 32 bytes) where there is no var/ yet', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-segel-'));
  const child = spawn(h.binary, ['--db', `sqlite://${path.join(dir, 'sopir.db')}`, 'serve', '--listen', '127.0.0.1:0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const started = await new Promise((resolve) => {
      let out = '';
      child.stdout.on('data', (chunk) => { out += chunk; if (out.includes('sopir melayani di')) resolve(true); });
      child.on('exit', () => resolve(false));
    });
    assert.ok(started, 'the server started');
    const secret = statSync(path.join(dir, 'var', 'segel.key'));
    assert.equal(secret.size, 32);
    assert.equal(secret.mode & 0o777, 0o600);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.on('exit', resolve) : resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
});

const k_forward = {
  verifikasi: ['pelayanan', 'terima', {}],
  perekaman: ['operator', 'rekam', {}],
  pemeriksaan: ['kasi', 'paraf', {}],
  penandatanganan: ['camat', 'tandatangani', { data: { password: h.password } }],
  pengarsipan: ['arsip', 'arsipkan', {}],
  penyerahan: ['arsip', 'serahkan', { data: { received_by: 'Pemohon sendiri' } }],
};

for (const backend of h.backends()) {
  describe(`reports on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let server;
    let api;
    const token = {};

    before(async () => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
      server = await h.startServer(db.url);
      api = h.client(server.base);
      for (const [key, user] of Object.entries(h.users)) token[key] = await api.signIn(user.username);
    });

    after(async () => {
      if (server) await server.stop();
      db?.drop();
    });

    async function newCase() {
      const r = await api.post('/api/v1/cases', h.application(), token.pelayanan);
      assert.equal(r.status, 201, r.text);
      return r.body.id;
    }

    async function finish(id) {
      for (let state = 'verifikasi'; state !== 'selesai'; ) {
        const [who, action, extra] = k_forward[state];
        const r = await api.act(id, token[who], action, extra);
        assert.equal(r.status, 200, `${action}: ${r.text}`);
        state = r.body.state;
      }
    }

    test('the outage log: start, refuse a second open one, end once', async () => {
      let r = await api.post('/api/v1/outages', { kind: 'gempa', note: 'x' }, token.operator);
      assert.equal(r.status, 422, r.text);
      assert.deepEqual(r.body.errors.map((e) => e.field), ['kind']);
      r = await api.post('/api/v1/outages', { kind: 'jaringan', note: 'Jaringan SIAK putus' }, token.pemohon);
      assert.equal(r.status, 403, 'applicants do not keep the log');
      // Recorded as it is noticed: it began ten minutes ago.
      const began = Math.floor(Date.now() / 1000) - 600;
      r = await api.post('/api/v1/outages', { kind: 'jaringan', note: 'Jaringan SIAK putus', started_at: began + 3600 }, token.operator);
      assert.equal(r.status, 422, 'not in the future');
      r = await api.post('/api/v1/outages', { kind: 'jaringan', note: 'Jaringan SIAK putus', started_at: began }, token.operator);
      assert.equal(r.status, 201, r.text);
      const outage = r.body;
      assert.equal(outage.kind, 'jaringan');
      assert.equal(outage.ended_at, null);
      r = await api.post('/api/v1/outages', { kind: 'jaringan' }, token.operator);
      assert.equal(r.status, 409, 'one open outage of a kind at a time');
      r = await api.post(`/api/v1/outages/${outage.id}/end`, {}, token.operator);
      assert.equal(r.status, 200, r.text);
      assert.match(r.body.ended_at, /^\d{4}-\d{2}-\d{2}T/);
      r = await api.post(`/api/v1/outages/${outage.id}/end`, {}, token.operator);
      assert.equal(r.status, 409, 'ended once');
      r = await api.get('/api/v1/outages', token.kasi);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.outages.map((o) => [o.id, o.kind, o.note]), [[outage.id, 'jaringan', 'Jaringan SIAK putus']]);
    });

    test("the day's summary counts what happened, step by step against the standard", async () => {
      const done = [await newCase(), await newCase()];
      for (const id of done) await finish(id);
      const returned = await newCase();
      let r = await api.act(returned, token.pelayanan, 'kembalikan', { reasons: ['tanpa_kartu_keluarga'] });
      assert.equal(r.status, 200, r.text);
      await newCase(); // Still waiting at the front desk.

      // Yesterday and today (office time), so that the outage that began ten
      // minutes ago is inside the period whatever the hour.
      r = await api.get(`/api/v1/reports/summary?from=${h.witaDate(-1)}`, token.kasi);
      assert.equal(r.status, 200, r.text);
      const s = r.body;
      assert.equal(s.office, h.officeCode);
      assert.equal(s.from, h.witaDate(-1));
      assert.equal(s.to, h.witaDate());
      assert.equal(s.received, 4);
      assert.equal(s.finished, 2);
      assert.equal(s.returned_cases, 1);
      assert.deepEqual(s.returned_by_reason, { tanpa_kartu_keluarga: 1 });
      assert.equal(s.outages, 1);
      assert.ok(s.outage_minutes >= 10 && s.outage_minutes < 11, `${s.outage_minutes} minutes of outage`);
      assert.deepEqual(s.steps.map((step) => [step.id, step.standard_minutes]),
        [['pengajuan', 1], ['verifikasi', 5], ['perekaman', 15], ['pemeriksaan', 3], ['penandatanganan', 1], ['pengarsipan', 3], ['penyerahan', 1]]);
      const desk = s.steps.find((step) => step.id === 'verifikasi');
      assert.equal(desk.visits, 3, 'two accepted, one returned');
      assert.equal(desk.waiting_now, 1);
      assert.equal(desk.on_time_share, 1, 'done within seconds');
      assert.equal(s.total.standard_minutes, 29);
      assert.equal(s.total.cases, 2);
      assert.equal(s.total.on_time, 2);
      assert.ok(s.total.median_working_minutes < 1, `${s.total.median_working_minutes}`);
      const officers = new Map(s.officers.map((o) => [o.user_id, o]));
      assert.ok(officers.size >= 5, 'every officer who acted is listed');

      // Who may read it, and for which office and period.
      assert.equal((await api.get('/api/v1/reports/summary', token.camat)).status, 200);
      assert.equal((await api.get('/api/v1/reports/summary', token.operator)).status, 403);
      assert.equal((await api.get('/api/v1/reports/summary?office=63.05.07', token.kasi)).status, 403);
      r = await api.get('/api/v1/reports/summary?from=kemarin', token.kasi);
      assert.equal(r.status, 422);
      assert.deepEqual(r.body.errors.map((e) => e.field), ['from']);
      r = await api.get('/api/v1/reports/summary?from=2020-01-01&to=2020-01-31', token.kasi);
      assert.equal(r.status, 200);
      assert.equal(r.body.received, 0);
      assert.equal(r.body.finished, 0);
    });
  });
}
