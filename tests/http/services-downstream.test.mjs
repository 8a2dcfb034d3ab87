// Services as data, downstream, through the real `sopir serve` on both
// databases: the service filter on the worklist, the dashboard and the
// reports (every service by default, an unknown id an error that names it,
// never another service), the office's own SOP data (Nomor SOP, dates,
// approver, step minutes) set by `sopir office sop` and shown by the
// service page, `sop show --office` and the reports, two offices on one
// server differing, and `sopir sop check --open-cases` refusing a change
// that strands open cases.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

const otherOffice = '63.05.05';

function cookieOf(headers, name) {
  for (const line of headers.getSetCookie?.() ?? []) {
    const found = line.match(new RegExp(`^${name}=([^;]*)`));
    if (found) return found[1];
  }
  return undefined;
}

// The staff's sign-in form as a browser fills it: the page's session cookie.
async function browserSignIn(base, username) {
  const form = await fetch(`${base}/masuk`);
  const text = await form.text();
  const signin = cookieOf(form.headers, 'sopir_masuk');
  const csrf = text.match(/name="csrf" value="([0-9a-f]+)"/)?.[1] ?? '';
  const posted = await fetch(`${base}/masuk`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signin ? { cookie: `sopir_masuk=${signin}` } : {}) },
    body: new URLSearchParams({ csrf, username, password: h.password }).toString(),
  });
  assert.equal(posted.status, 303);
  const session = cookieOf(posted.headers, 'sopir_sesi');
  assert.ok(session, 'a session cookie');
  return `sopir_sesi=${session}`;
}

async function page(base, url, cookie) {
  const response = await fetch(base + url, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

for (const backend of h.backends()) {
  describe(`services downstream (${backend.name})`, { skip: backend.skip }, () => {
    const ctx = h.useSeededServer(backend, {
      signIn: ['pelayanan', 'operator', 'kasi'],
      prepare: (db) => {
        h.addOffice(db, otherOffice, 'pelayanan_cls');
        const stated = h.cli(db, ['office', 'sop', 'perekaman-ektp', '--code', h.officeCode, '--number', '800/77/CLU/SOP/2026',
          '--revised', '2026-01-05', '--effective', '2026-02-01', '--approved-by', 'Camat Candi Laras Utara', '--minutes', 'perekaman=20',
          '--minutes', 'verifikasi=7']);
        assert.equal(stated.status, 0, stated.stderr);
        assert.match(stated.stdout, /perekaman: 20 menit \(ditetapkan kantor\)/);
      },
    });

    test('an office states its own SOP; another office on the server keeps the file\'s', async () => {
      const own = await page(ctx.server.base, `/layanan/perekaman-ektp?kantor=${h.officeCode}`);
      assert.equal(own.status, 200);
      assert.match(own.text, /<span id="nomor-sop">800\/77\/CLU\/SOP\/2026<\/span>/);
      assert.match(own.text, /<span id="tanggal-efektif">1 Februari 2026<\/span>/);
      assert.match(own.text, /<span id="disahkan-oleh">Camat Candi Laras Utara<\/span>/);
      assert.match(own.text, /id="jumlah-waktu" class="waktu">36 menit/, '29 minutes less the file\'s 15 + 5, plus the office\'s 20 + 7');
      const other = await page(ctx.server.base, `/layanan/perekaman-ektp?kantor=${otherOffice}`);
      assert.equal(other.status, 200);
      assert.match(other.text, /<span id="nomor-sop">800\/ -KASI PAM\/CLU\/SOP\/I\/2023<\/span>/);
      assert.match(other.text, /id="jumlah-waktu" class="waktu">29 menit/);
      assert.equal((await page(ctx.server.base, '/layanan/perekaman-ektp?kantor=63.99.99')).status, 404);

      const shown = h.cli(ctx.db.url, ['sop', 'show', 'perekaman-ektp', '--office', h.officeCode]);
      assert.equal(shown.status, 0, shown.stderr);
      assert.match(shown.stdout, /Nomor SOP\s+: 800\/77\/CLU\/SOP\/2026/);
      assert.match(shown.stdout, /Jumlah waktu: 36 menit/);
      const refused = h.cli(ctx.db.url, ['office', 'sop', 'perekaman-ektp', '--code', h.officeCode, '--minutes', 'tidak_ada=5']);
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /tidak_ada/);
    });

    test('an unknown service is an error naming it, on pages and the API', async () => {
      const unknown = await page(ctx.server.base, '/layanan/akta-kematian');
      assert.equal(unknown.status, 404);
      assert.match(unknown.text, /akta-kematian/);
      const r = await ctx.api.get('/api/v1/reports/summary?service=akta-kematian', ctx.token.kasi);
      assert.equal(r.status, 422, r.text);
      assert.match(r.text, /akta-kematian/);
      const cases = await ctx.api.get('/api/v1/cases?service=akta-kematian', ctx.token.pelayanan);
      assert.equal(cases.status, 422, cases.text);
      assert.match(cases.text, /akta-kematian/);
      assert.equal((await ctx.api.get('/api/v1/cases?service=perekaman-ektp', ctx.token.pelayanan)).status, 200);
      const cookie = await browserSignIn(ctx.server.base, h.users.kasi.username);
      for (const url of ['/kerja?layanan=akta-kematian', '/dasbor?layanan=akta-kematian', '/permohonan/baru?layanan=akta-kematian']) {
        const shown = await page(ctx.server.base, url, cookie);
        assert.ok(shown.status >= 400, `${url}: ${shown.status}`);
        assert.match(shown.text, /akta-kematian/, url);
      }
    });

    test('reports cover every service by default and measure against the office\'s minutes', async () => {
      const filed = await ctx.api.post('/api/v1/cases', h.application(), ctx.token.pelayanan);
      assert.equal(filed.status, 201, filed.text);
      const all = await ctx.api.get('/api/v1/reports/summary', ctx.token.kasi);
      assert.equal(all.status, 200, all.text);
      assert.equal(all.body.service, null);
      // Every service the server loads, whatever their number.
      const loaded = (await ctx.api.get('/api/v1/services')).body.services.map((each) => each.id);
      assert.deepEqual(all.body.services.map((each) => each.service).sort(), [...loaded].sort());
      assert.equal(all.body.received, all.body.services.reduce((sum, each) => sum + each.received, 0));
      const one = await ctx.api.get('/api/v1/reports/summary?service=perekaman-ektp', ctx.token.kasi);
      assert.equal(one.status, 200);
      assert.equal(one.body.service, 'perekaman-ektp');
      assert.equal(one.body.steps.find((step) => step.id === 'perekaman').standard_minutes, 20);
      assert.equal(one.body.steps.find((step) => step.id === 'verifikasi').standard_minutes, 7);

      const cookie = await browserSignIn(ctx.server.base, h.users.pelayanan.username);
      const worklist = await page(ctx.server.base, '/kerja?layanan=perekaman-ektp', cookie);
      assert.equal(worklist.status, 200);
      assert.match(worklist.text, /<option value="perekaman-ektp" selected>/);
      assert.match(worklist.text, new RegExp(`data-layanan="perekaman-ektp"`));
      const dashboard = await page(ctx.server.base, '/dasbor', await browserSignIn(ctx.server.base, h.users.kasi.username));
      assert.equal(dashboard.status, 200);
      assert.match(dashboard.text, /<option value="perekaman-ektp">/);
    });

    test('sop check --open-cases refuses a change that strands open cases, naming how many and where', async () => {
      const filed = await ctx.api.post('/api/v1/cases', h.application(), ctx.token.pelayanan);
      assert.equal(filed.status, 201, filed.text);
      const waiting = h.cli(ctx.db.url, ['sop', 'check', path.join(h.sourceDir, 'sops', 'perekaman-ektp.toml'), '--open-cases']);
      assert.equal(waiting.status, 0, waiting.stdout + waiting.stderr);
      const dir = mkdtempSync(path.join(tmpdir(), 'sopir-sop-'));
      try {
        const file = path.join(dir, 'perekaman-ektp.toml');
        const text = readFileSync(path.join(h.sourceDir, 'sops', 'perekaman-ektp.toml'), 'utf8');
        writeFileSync(file, text.replaceAll('"verifikasi"', '"verifikasi_berkas"'));
        const plain = h.cli(ctx.db.url, ['sop', 'check', file]);
        assert.equal(plain.status, 0, plain.stdout + plain.stderr);
        const refused = h.cli(ctx.db.url, ['sop', 'check', file, '--open-cases']);
        assert.equal(refused.status, 1, refused.stdout + refused.stderr);
        assert.match(refused.stdout, /\d+ permohonan terbuka masih menunggu di 'verifikasi'/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
