// Intake as a hostile visitor and an unlucky office would try it, on both
// databases: the public status check (a PIN from the receipt, never a birth
// date; no NIK digit; wrong PINs counted per registration number and per
// address), Idempotency-Key on the API's writes, a second open case for a
// NIK refused unless confirmed, batalkan counted apart in reports, and the
// intake form answered with a redirect (a reload files nothing twice).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';

import * as h from './harness.mjs';

// A form POST (or GET) from a chosen loopback address, without following
// redirects: { status, text, headers }.
function raw(base, method, path, { form, cookie, from = '127.0.0.1', headers = {} } = {}) {
  const url = new URL(base + path);
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: url.hostname, port: url.port, path: url.pathname + url.search, method, localAddress: from,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, text, headers: response.headers }));
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

function checkStatus(base, number, pin, from) {
  return raw(base, 'POST', '/status', { form: { nomor: number, pin }, from });
}

// Signs in through the staff page: the session cookie and the CSRF token
// of the intake form.
async function staffSession(base, username) {
  const signin = await raw(base, 'GET', '/masuk');
  const csrfIn = signin.text.match(/name="csrf" value="([^"]+)"/);
  const r = await raw(base, 'POST', '/masuk', { form: { username, password: h.password, ...(csrfIn ? { csrf: csrfIn[1] } : {}) }, cookie: cookieOf(signin) });
  assert.equal(r.status, 303, r.text);
  const cookie = cookieOf(r);
  const page = await raw(base, 'GET', '/permohonan/baru', { cookie });
  const csrf = page.text.match(/name="csrf" value="([^"]+)"/)[1];
  return { cookie, csrf };
}

function cookieOf(response) {
  const set = response.headers['set-cookie'];
  return set ? set.map((c) => c.split(';')[0]).join('; ') : undefined;
}

// One query on the test database, by its own client: rows of '|'-separated fields.
function query(db, sql) {
  const out = db.url.startsWith('sqlite://')
    ? execFileSync('sqlite3', [db.url.slice('sqlite://'.length), sql], { encoding: 'utf8' })
    : execFileSync('psql', [db.url, '-tAc', sql], { encoding: 'utf8' });
  return out.trim().split('\n').filter(Boolean).map((line) => line.split('|'));
}

function intakeForm(app, csrf) {
  const form = { csrf, service: app.service };
  for (const [key, value] of Object.entries(app.applicant)) form[`applicant.${key}`] = value;
  for (const [id, document] of Object.entries(app.documents)) {
    // The staff form ticks a document whose number is a field's (the KK).
    form[`documents.${id}.number`] = document.number === app.applicant.kk ? 'sama' : document.number;
    if (document.date) form[`documents.${id}.date`] = document.date;
  }
  return form;
}

for (const backend of h.backends()) {
  describe(`hostile intake on ${backend.name}`, { skip: backend.skip }, () => {
    // The E-KTP's own report figures: the office's only service here.
    const ctx = h.useSeededServer(backend, { signIn: ['pelayanan', 'operator', 'kasi', 'camat', 'arsip'], serverOptions: { args: h.sopsOnly(['perekaman-ektp']) } });

    async function acceptedCase() {
      const app = h.application();
      const created = await ctx.api.post('/api/v1/cases', app, ctx.token.pelayanan);
      assert.equal(created.status, 201, created.text);
      const accepted = await ctx.api.act(created.body.id, ctx.token.pelayanan, 'terima');
      assert.equal(accepted.status, 200, accepted.text);
      return { app, id: created.body.id, number: accepted.body.registration_number };
    }

    test('the status check asks for the PIN of the receipt, never the birth date, and shows no NIK digit', async () => {
      const { app, id, number } = await acceptedCase();
      const nik = app.applicant.nik;
      // The old question (number and birth date) answers nothing.
      let r = await raw(ctx.server.base, 'POST', '/status', { form: { nomor: number, tanggal_lahir: app.applicant.birth_date }, from: '127.0.0.11' });
      assert.notEqual(r.status, 200);
      assert.ok(!r.text.includes('hasil-status'));
      // No PIN was issued yet: nothing to find.
      r = await checkStatus(ctx.server.base, number, '123456', '127.0.0.11');
      assert.equal(r.status, 404);

      const issued = await ctx.api.post(`/api/v1/cases/${id}/status-pin`, {}, ctx.token.pelayanan);
      assert.equal(issued.status, 201, issued.text);
      const pin = issued.body.status_pin;
      assert.match(pin, /^\d{6}$/);
      r = await checkStatus(ctx.server.base, number, pin, '127.0.0.11');
      assert.equal(r.status, 200, r.text);
      assert.ok(r.text.includes('hasil-status'));
      assert.match(r.text, /Perekaman data/);
      // Neither the region code, nor the birth-date digits, nor a masked NIK
      // (the serial alone may coincide with the registration number's).
      assert.ok(!r.text.includes(nik.slice(0, 6)), 'no region digits of the NIK');
      assert.ok(!r.text.includes(nik.slice(6, 12)), 'no birth-date digits of the NIK');
      assert.ok(!/\d{6}\*+\d{2,4}/.test(r.text), 'no masked NIK');
      assert.ok(!r.text.includes(app.applicant.name), 'no name');
      assert.ok(!r.text.includes(pin), 'the PIN is not shown back');

      // Printing the receipt again issues a new PIN: the old one stops working.
      const pdf = await fetch(`${ctx.server.base}/api/v1/cases/${id}/receipt.pdf`, { headers: { authorization: `Bearer ${ctx.token.pelayanan}` } });
      assert.equal(pdf.status, 200);
      r = await checkStatus(ctx.server.base, number, pin, '127.0.0.11');
      assert.equal(r.status, 404);
    });

    test('wrong PINs are limited per registration number, from any address, and per address', async () => {
      const { id, number } = await acceptedCase();
      const pin = (await ctx.api.post(`/api/v1/cases/${id}/status-pin`, {}, ctx.token.pelayanan)).body.status_pin;
      const wrong = pin === '000000' ? '000001' : '000000';
      // Ten wrong PINs, each from another address.
      for (let i = 0; i < 10; i++)
        assert.equal((await checkStatus(ctx.server.base, number, wrong, `127.0.1.${i + 1}`)).status, 404, `wrong PIN ${i + 1}`);
      let r = await checkStatus(ctx.server.base, number, pin, '127.0.1.100');
      assert.equal(r.status, 429, 'the right PIN too, once the number has seen ten wrong ones');
      assert.ok(!r.text.includes('hasil-status'));
      // A reprint (a new PIN) opens it again.
      const fresh = (await ctx.api.post(`/api/v1/cases/${id}/status-pin`, {}, ctx.token.pelayanan)).body.status_pin;
      r = await checkStatus(ctx.server.base, number, fresh, '127.0.1.100');
      assert.equal(r.status, 200, r.text);

      // One address guessing across numbers is stopped too.
      let refused = 0;
      for (let i = 0; i < 25; i++) {
        const answer = await checkStatus(ctx.server.base, `${String(9000 + i)}/REG-EKTP/CLU/2026`, '111111', '127.0.2.1');
        if (answer.status === 429) refused += 1;
      }
      assert.ok(refused > 0, 'the address is limited');
      assert.ok(Number((await checkStatus(ctx.server.base, number, '111111', '127.0.2.1')).headers['retry-after']) > 0);
    });

    test('Idempotency-Key replays the first answer of POST /api/v1/cases and of an action, with no second effect', async () => {
      const app = h.application();
      const key = `kunci-${Date.now()}`;
      const post = (body, k = key, who = ctx.token.pelayanan) => ctx.api.request('POST', '/api/v1/cases', { token: who, body, headers: { 'idempotency-key': k } });
      const first = await post(app);
      assert.equal(first.status, 201, first.text);
      const again = await post(app);
      assert.equal(again.status, 201);
      assert.equal(again.body.id, first.body.id, 'the same case');
      assert.equal(again.headers.get('location'), first.headers.get('location'));
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      // The same key with another request is refused.
      const other = await post(h.application());
      assert.equal(other.status, 422, other.text);
      // Another user's same key is their own.
      const someoneElse = await post(h.application(), key, ctx.token.kasi);
      assert.notEqual(someoneElse.status, 422);

      const act = (k) => ctx.api.request('POST', `/api/v1/cases/${first.body.id}/actions`, { token: ctx.token.pelayanan, body: { action: 'terima' }, headers: { 'idempotency-key': k } });
      const accepted = await act('aksi-1');
      assert.equal(accepted.status, 200, accepted.text);
      const replay = await act('aksi-1');
      assert.equal(replay.status, 200, replay.text);
      assert.equal(replay.body.registration_number, accepted.body.registration_number);
      const view = await ctx.api.get(`/api/v1/cases/${first.body.id}`, ctx.token.pelayanan);
      assert.equal(view.body.history.filter((e) => e.action === 'terima').length, 1, 'accepted once');
      // A refusal is not kept: the key may be used again.
      const refused = await ctx.api.request('POST', `/api/v1/cases/${first.body.id}/actions`, { token: ctx.token.pelayanan, body: { action: 'terima' }, headers: { 'idempotency-key': 'aksi-2' } });
      assert.equal(refused.status, 409);
      assert.equal(refused.headers.get('idempotent-replayed'), null);
    });

    test('a second open case of the service for a NIK is 409 naming it, unless confirmed', async () => {
      const app = h.application();
      const first = await ctx.api.post('/api/v1/cases', app, ctx.token.pelayanan);
      assert.equal(first.status, 201, first.text);
      const second = await ctx.api.post('/api/v1/cases', app, ctx.token.pelayanan);
      assert.equal(second.status, 409, second.text);
      assert.equal(second.body.error.code, 'case.open_duplicate');
      assert.equal(second.body.open_case.id, first.body.id);
      assert.ok(second.body.error.message.includes(String(first.body.id)));
      const confirmed = await ctx.api.post('/api/v1/cases', { ...app, confirm_duplicate: true }, ctx.token.pelayanan);
      assert.equal(confirmed.status, 201, confirmed.text);
      assert.notEqual(confirmed.body.id, first.body.id);
    });

    test('the intake form redirects (303) to the receipt, offers a confirmation after a 409, and a reload files nothing', async () => {
      const { cookie, csrf } = await staffSession(ctx.server.base, 'pelayanan');
      const app = h.application();
      const r = await raw(ctx.server.base, 'POST', '/permohonan/baru', { form: intakeForm(app, csrf), cookie });
      assert.equal(r.status, 303, r.text.slice(0, 300));
      const location = r.headers.location;
      assert.match(location, /^\/permohonan\/\d+\/tanda-terima$/);
      const before = (await h.caseCounts(ctx.api)).verifikasi;
      for (let i = 0; i < 2; i++) {
        const receipt = await raw(ctx.server.base, 'GET', location, { cookie });
        assert.equal(receipt.status, 200);
        assert.ok(receipt.text.includes('tanda-terima'));
      }
      assert.equal((await h.caseCounts(ctx.api)).verifikasi, before, 'reloading the receipt files nothing');

      // The same NIK again: the form comes back as typed, with a confirmation.
      const again = await raw(ctx.server.base, 'POST', '/permohonan/baru', { form: intakeForm(app, csrf), cookie });
      assert.equal(again.status, 409);
      assert.ok(again.text.includes('name="konfirmasi_ganda"'));
      assert.ok(again.text.includes(app.applicant.name), 'what was typed is kept');
      const confirmed = await raw(ctx.server.base, 'POST', '/permohonan/baru', { form: { ...intakeForm(app, csrf), konfirmasi_ganda: 'ya' }, cookie });
      assert.equal(confirmed.status, 303);
      assert.notEqual(confirmed.headers.location, location);
    });

    test('bulk reads of personal data are logged: who, what, how many rows, from where', async () => {
      await acceptedCase();
      const page = await ctx.api.get('/api/v1/registers/register_ektp', ctx.token.kasi);
      assert.equal(page.status, 200, page.text);
      const xlsx = await fetch(`${ctx.server.base}/api/v1/registers/register_ektp?format=xlsx`, { headers: { authorization: `Bearer ${ctx.token.kasi}` } });
      assert.equal(xlsx.status, 200);
      const rows = query(ctx.db, "SELECT u.username, l.what, l.row_count, l.address FROM bulk_access_log l JOIN users u ON u.id = l.user_id ORDER BY l.id");
      const json = rows.find((r) => r[1].includes('register_ektp') && r[1].includes('json'));
      const sheet = rows.find((r) => r[1].includes('register_ektp') && r[1].includes('xlsx'));
      assert.ok(json && sheet, JSON.stringify(rows));
      for (const row of [json, sheet]) {
        assert.equal(row[0], 'kasi');
        assert.equal(Number(row[2]), page.body.rows.length);
        assert.ok(Number(row[2]) >= 1);
        assert.equal(row[3], '127.0.0.1');
      }
    });

    test('batalkan needs a reason and the right role, only before signing, and is counted apart in reports', async () => {
      const before = await ctx.api.get('/api/v1/reports/summary?service=perekaman-ektp', ctx.token.kasi);
      assert.equal(before.status, 200, before.text);
      const created = await ctx.api.post('/api/v1/cases', h.application(), ctx.token.pelayanan);
      const id = created.body.id;
      let r = await ctx.api.act(id, ctx.token.operator, 'batalkan', { note: 'salah' });
      assert.equal(r.status, 403, r.text);
      r = await ctx.api.act(id, ctx.token.pelayanan, 'batalkan');
      assert.equal(r.status, 422, r.text);
      r = await ctx.api.act(id, ctx.token.pelayanan, 'batalkan', { note: 'Salah input: NIK tertukar.' });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.state, 'dibatalkan');
      assert.deepEqual(r.body.actions, []);
      assert.equal((await ctx.api.act(id, ctx.token.pelayanan, 'terima')).status, 409, 'nothing leaves it');

      // After the Camat signed, the letter stands: no batalkan.
      const signed = (await ctx.api.post('/api/v1/cases', h.application(), ctx.token.pelayanan)).body.id;
      for (const [who, action, extra] of [['pelayanan', 'terima'], ['operator', 'rekam'], ['kasi', 'paraf'], ['camat', 'tandatangani', { data: { password: h.password } }]])
        assert.equal((await ctx.api.act(signed, ctx.token[who], action, extra ?? {})).status, 200, action);
      r = await ctx.api.act(signed, ctx.token.kasi, 'batalkan', { note: 'terlambat' });
      assert.equal(r.status, 409, r.text);

      const after = await ctx.api.get('/api/v1/reports/summary?service=perekaman-ektp', ctx.token.kasi);
      assert.equal(after.body.cancelled - (before.body.cancelled ?? 0), 1);
      assert.equal(after.body.finished, before.body.finished, 'not finished');
      assert.equal(after.body.total.late, before.body.total.late, 'not late');
    });
  });
}
