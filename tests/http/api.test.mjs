// The JSON API (/api/v1) of the real `sopir serve`, on SQLite and on
// PostgreSQL: sign-in, the seven SOP steps by six people, returns, outage
// holds, corrections, role refusals, stale actions and bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

// The text of a PDF as pdftotext reads it, its page count, and the QR codes
// of its first page as zbarimg reads them.
function pdfText(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-pdf-'));
  try {
    const file = path.join(dir, 'x.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/^Pages:\s+(\d+)/m)[1]);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'page')]);
    let codes = [];
    try {
      codes = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, 'page.png')], { encoding: 'utf8' }).split('\n').filter(Boolean);
    } catch {
      codes = []; // zbarimg exits 4 when the page has no code.
    }
    return { text, pages, codes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function getPdf(base, url, token) {
  const response = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes };
}

// Who may do what, and where: sops/perekaman-ektp.toml, written out again
// here so that the server is checked against the SOP, not against itself.
const k_sop = {
  verifikasi: { terima: ['petugas_pelayanan'], kembalikan: ['petugas_pelayanan'] },
  dikembalikan: { ajukan_ulang: ['pemohon', 'petugas_pelayanan'] },
  perekaman: { rekam: ['operator_ektp'], tunda: ['operator_ektp'] },
  tertunda: { lanjutkan: ['operator_ektp'] },
  pemeriksaan: { paraf: ['kasi_pemerintahan'], perbaiki: ['kasi_pemerintahan'] },
  penandatanganan: { tandatangani: ['camat'], perbaiki: ['camat'] },
  pengarsipan: { arsipkan: ['pengadministrasi'] },
  penyerahan: { serahkan: ['pengadministrasi', 'petugas_pelayanan'] },
  selesai: {},
};
const k_all_actions = ['ajukan', 'terima', 'kembalikan', 'rekam', 'tunda', 'lanjutkan', 'paraf', 'perbaiki', 'tandatangani', 'arsipkan', 'serahkan', 'ajukan_ulang'];

// A body that would be valid for each action, so that a refusal is about
// the role or the state and nothing else.
const k_valid_body = {
  kembalikan: { reasons: ['tanpa_kartu_keluarga'] },
  tunda: { reasons: ['gangguan_jaringan'], note: 'Jaringan SIAK putus.' },
  perbaiki: { note: 'Nama salah ketik.' },
  serahkan: { data: { received_by: 'Ahmad Fauzi' } },
  rekam: { data: { siak_reference: 'SIAK-0001' } },
  ajukan_ulang: { data: (({ applicant, documents }) => ({ applicant, documents }))(h.application()) },
  // The signer types the password again: it unlocks the signing key.
  tandatangani: { data: { password: h.password } },
};

const k_roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

// YYYY and the Roman month, today in WITA (the office's time).
function witaYearMonth() {
  const [year, month] = h.witaDate().split('-');
  return { year, roman: k_roman[Number(month) - 1] };
}

function assertJsonError(r, status, what) {
  assert.equal(r.status, status, `${what}: ${r.status} ${r.text}`);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/, what);
  assert.equal(typeof r.body?.error?.code, 'string', `${what}: ${r.text}`);
  assert.equal(typeof r.body?.error?.message, 'string', `${what}: ${r.text}`);
}

function fieldsOf(r) {
  return (r.body?.errors ?? []).map((e) => e.field);
}

for (const backend of h.backends()) {
  describe(`API on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let server;
    let api;
    const token = {}; // By key of h.users.

    before(async () => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
      server = await h.startServer(db.url);
      api = h.client(server.base);
      for (const [key, user] of Object.entries(h.users)) {
        token[key] = await api.signIn(user.username);
      }
    });

    after(async () => {
      if (server) await server.stop();
      db?.drop();
    });

    async function newCase(overrides = {}, who = 'pelayanan') {
      const r = await api.post('/api/v1/cases', h.application(overrides), token[who]);
      assert.equal(r.status, 201, r.text);
      return r.body.id;
    }

    async function getCase(id, who = 'kasi') {
      const r = await api.get(`/api/v1/cases/${id}`, token[who]);
      assert.equal(r.status, 200, r.text);
      return r.body;
    }

    async function act(id, who, action, extra = k_valid_body[action] ?? {}) {
      const r = await api.act(id, token[who], action, extra);
      assert.equal(r.status, 200, `${action} by ${who}: ${r.status} ${r.text}`);
      return r.body;
    }

    // The way forward from each state, by the one who does it.
    const k_forward = {
      verifikasi: ['pelayanan', 'terima'],
      perekaman: ['operator', 'rekam'],
      pemeriksaan: ['kasi', 'paraf'],
      penandatanganan: ['camat', 'tandatangani'],
      pengarsipan: ['arsip', 'arsipkan'],
      penyerahan: ['arsip', 'serahkan'],
    };

    async function walkTo(id, state) {
      for (let current = (await getCase(id)).state; current !== state; ) {
        const [who, action] = k_forward[current];
        current = (await act(id, who, action)).state;
      }
    }

    test('repeated failed sign-ins for one name are throttled (429), others may still sign in', async () => {
      for (let i = 0; i < 5; ++i) {
        assertJsonError(await api.post('/api/v1/sessions', { username: 'penyusup', password: `tebakan-${i}` }), 401, `attempt ${i + 1}`);
      }
      const throttled = await api.post('/api/v1/sessions', { username: 'penyusup', password: 'tebakan-lagi' });
      assertJsonError(throttled, 429, 'sixth attempt');
      assert.equal(throttled.body.error.code, 'signin.throttled');
      assert.ok(Number(throttled.headers.get('retry-after')) > 0, 'Retry-After');
      // Another person at the same desk is not locked out.
      const other = await api.post('/api/v1/sessions', { username: 'operator', password: h.password });
      assert.equal(other.status, 201, other.text);
    });

    test('a person changes their own password', async () => {
      const who = h.users.arsip.username;
      const t = await api.signIn(who);
      const wrong = await api.post('/api/v1/me/password', { current: 'bukan', new: 'sandi-baru-yang-panjang' }, t);
      assertJsonError(wrong, 422, 'wrong current password');
      assert.deepEqual(fieldsOf(wrong), ['password_current']);
      const short = await api.post('/api/v1/me/password', { current: h.password, new: 'pendek' }, t);
      assertJsonError(short, 422, 'short new password');
      assert.deepEqual(fieldsOf(short), ['password_new']);
      const changed = await api.post('/api/v1/me/password', { current: h.password, new: 'sandi-baru-yang-panjang' }, t);
      assert.equal(changed.status, 204, changed.text);
      assertJsonError(await api.post('/api/v1/sessions', { username: who, password: h.password }), 401, 'old password');
      await api.signIn(who, 'sandi-baru-yang-panjang');
      const back = await api.post('/api/v1/me/password', { current: 'sandi-baru-yang-panjang', new: h.password }, t);
      assert.equal(back.status, 204, back.text);
      // The change ended every other token of the person: the other tests'
      // one is signed in again.
      assertJsonError(await api.get('/api/v1/cases', token.arsip), 401, 'the token from before the change');
      token.arsip = await api.signIn(who);
    });

    test('every answer carries the security headers', async () => {
      for (const url of ['/healthz', '/api/v1/services']) {
        const r = await api.get(url);
        const csp = r.headers.get('content-security-policy') ?? '';
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.doesNotMatch(csp, /unsafe-inline/, url);
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff', url);
        assert.equal(r.headers.get('referrer-policy'), 'same-origin', url);
      }
    });

    test('sign-in gives a bearer token and the roles; a wrong password is 401 in JSON', async () => {
      const r = await api.post('/api/v1/sessions', { username: 'kasi', password: h.password });
      assert.equal(r.status, 201, r.text);
      assert.match(r.body.token, /^\S{20,}$/);
      assert.equal(r.body.user.username, 'kasi');
      assert.equal(r.body.user.name, h.users.kasi.name);
      assert.deepEqual(r.body.user.roles, ['kasi_pemerintahan']);

      assertJsonError(await api.post('/api/v1/sessions', { username: 'kasi', password: 'bukan-kata-sandinya' }), 401, 'wrong password');
      assertJsonError(await api.post('/api/v1/sessions', { username: 'tidak-ada', password: h.password }), 401, 'unknown user');
      assertJsonError(await api.get('/api/v1/cases'), 401, 'no token');
      assertJsonError(await api.get('/api/v1/cases', 'token-palsu'), 401, 'a made-up token');
      assertJsonError(await api.get('/api/v1/tidak-ada', r.body.token), 404, 'unknown API path');
      const wrongMethod = await api.request('DELETE', '/api/v1/cases', { token: r.body.token });
      assertJsonError(wrongMethod, wrongMethod.status === 405 ? 405 : 404, 'unknown method');
      assertJsonError(await api.request('POST', '/api/v1/cases', { token: r.body.token, body: '{bukan json', raw: true }), 400, 'bad JSON');
    });

    test('the service definition lists the seven steps with their standard times', async () => {
      const r = await api.get('/api/v1/services/perekaman-ektp');
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.steps.map((s) => [s.id, s.standard_minutes]), [
        ['pengajuan', 1], ['verifikasi', 5], ['perekaman', 15], ['pemeriksaan', 3], ['penandatanganan', 1], ['pengarsipan', 3], ['penyerahan', 1],
      ]);
      assertJsonError(await api.get('/api/v1/services/tidak-ada'), 404, 'unknown service');
    });

    test('a case walks through all seven steps with six different people', async () => {
      // Step 1 by the applicant (online), the rest by the office.
      const created = await api.post('/api/v1/cases', h.application(), token.pemohon);
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.state, 'verifikasi');
      assert.ok(Array.isArray(created.body.warnings));
      const id = created.body.id;

      const inbox = await api.get('/api/v1/cases?state=verifikasi', token.pelayanan);
      assert.equal(inbox.status, 200, inbox.text);
      assert.ok(inbox.body.cases.some((c) => c.id === id), 'the front desk sees the new case');
      const elsewhere = await api.get('/api/v1/cases', token.operator);
      assert.ok(!elsewhere.body.cases.some((c) => c.id === id), 'the operator does not, yet');

      const { year, roman } = witaYearMonth();
      let c = await act(id, 'pelayanan', 'terima');
      assert.equal(c.state, 'perekaman');
      assert.match(c.registration_number, new RegExp(`^\\d{4}/REG-EKTP/CLU/${year}$`));
      assert.equal(c.letter_number, null);
      c = await act(id, 'operator', 'rekam', { data: { siak_reference: 'SIAK-2026-77' } });
      assert.equal(c.state, 'pemeriksaan');
      c = await act(id, 'kasi', 'paraf');
      assert.equal(c.state, 'penandatanganan');
      c = await act(id, 'camat', 'tandatangani');
      assert.equal(c.state, 'pengarsipan');
      c = await act(id, 'arsip', 'arsipkan');
      assert.equal(c.state, 'penyerahan');
      assert.match(c.letter_number, new RegExp(`^400\\.12\\.2\\.1/\\d{4}/CLU/${roman}/${year}$`));
      c = await act(id, 'arsip', 'serahkan', { data: { received_by: 'Ahmad Fauzi' } });
      assert.equal(c.state, 'selesai');

      c = await getCase(id);
      assert.equal(c.applicant.name, 'Ahmad Fauzi');
      assert.equal(c.documents.kartu_keluarga.number, '6305062001150003');
      // The log opens with the case's creation (buat), then one entry a step.
      assert.deepEqual(c.history.map((e) => e.action), ['buat', 'ajukan', 'terima', 'rekam', 'paraf', 'tandatangani', 'arsipkan', 'serahkan']);
      assert.deepEqual(c.history.map((e) => e.step), ['pengajuan', 'pengajuan', 'verifikasi', 'perekaman', 'pemeriksaan', 'penandatanganan', 'pengarsipan', 'penyerahan']);
      const actors = c.history.map((e) => e.actor);
      assert.deepEqual(actors, [h.users.pemohon, h.users.pemohon, h.users.pelayanan, h.users.operator, h.users.kasi, h.users.camat, h.users.arsip, h.users.arsip].map((u) => u.name));
      assert.equal(c.history[2].data.nomor, c.registration_number);
      assert.equal(c.history[6].data.nomor, c.letter_number);
      assert.equal(new Set(actors).size, 6);
      for (const entry of c.history) assert.match(entry.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d/);
      assert.equal(c.history.at(-1).data.received_by, 'Ahmad Fauzi');
      assert.equal(c.history[3].data.siak_reference, 'SIAK-2026-77');
      assert.deepEqual(c.steps.map((s) => s.id), ['pengajuan', 'verifikasi', 'perekaman', 'pemeriksaan', 'penandatanganan', 'pengarsipan', 'penyerahan']);
      assert.deepEqual(c.steps.map((s) => s.standard_minutes), [1, 5, 15, 3, 1, 3, 1]);
      for (const step of c.steps) {
        assert.equal(typeof step.minutes, 'number');
        assert.equal(step.late, false, `${step.id} is not late after seconds`);
      }
      for (const step of c.steps.slice(1)) {
        assert.ok(step.entered_at, `${step.id} entered`);
        assert.ok(step.left_at, `${step.id} left`);
      }
      assert.deepEqual(c.actions, []);
    });

    test('a returned file is resubmitted with corrected data', async () => {
      const id = await newCase({ applicant: { name: 'Ahmad Fauzy' } });
      let c = await act(id, 'pelayanan', 'kembalikan', { reasons: ['tanpa_kartu_keluarga'], note: 'KK tidak dibawa.' });
      assert.equal(c.state, 'dikembalikan');
      assert.equal(c.registration_number, null);
      assert.deepEqual(c.history.at(-1).reasons, ['tanpa_kartu_keluarga']);
      assert.equal(c.history.at(-1).note, 'KK tidak dibawa.');

      const waiting = await api.get('/api/v1/cases?state=dikembalikan', token.pelayanan);
      assert.ok(waiting.body.cases.some((w) => w.id === id));

      const corrected = h.application({ applicant: { name: 'Ahmad Fauzi', nik: c.applicant.nik } });
      c = await act(id, 'pelayanan', 'ajukan_ulang', { data: { applicant: corrected.applicant, documents: corrected.documents } });
      assert.equal(c.state, 'verifikasi');
      assert.equal(c.applicant.name, 'Ahmad Fauzi');
      assert.equal(c.documents.kartu_keluarga.number, '6305062001150003');
      c = await act(id, 'pelayanan', 'terima');
      assert.equal(c.state, 'perekaman');
      assert.match(c.registration_number, /^\d{4}\/REG-EKTP\/CLU\/\d{4}$/);
      assert.deepEqual(c.history.map((e) => e.action), ['buat', 'ajukan', 'kembalikan', 'ajukan_ulang', 'terima']);
      assert.equal(c.steps.find((s) => s.id === 'verifikasi').visits, 2);
    });

    test('an outage holds the recording and it resumes', async () => {
      const id = await newCase();
      await walkTo(id, 'perekaman');
      let c = await act(id, 'operator', 'tunda', { reasons: ['gangguan_jaringan'], note: 'Jaringan SIAK putus sejak pagi.' });
      assert.equal(c.state, 'tertunda');
      assert.deepEqual(c.history.at(-1).reasons, ['gangguan_jaringan']);
      assert.equal(c.history.at(-1).note, 'Jaringan SIAK putus sejak pagi.');
      assert.deepEqual(c.actions, ['lanjutkan']); // Only the operator resumes.
      const held = await api.get('/api/v1/cases?state=tertunda', token.operator);
      assert.ok(held.body.cases.some((w) => w.id === id));
      c = await act(id, 'operator', 'lanjutkan');
      assert.equal(c.state, 'perekaman');
      c = await act(id, 'operator', 'rekam');
      assert.equal(c.state, 'pemeriksaan');
      assert.deepEqual(c.history.map((e) => e.action), ['buat', 'ajukan', 'terima', 'tunda', 'lanjutkan', 'rekam']);
      assert.equal(typeof c.held_minutes, 'number');
    });

    test('a letter sent back from pemeriksaan is corrected and re-done', async () => {
      const id = await newCase();
      await walkTo(id, 'pemeriksaan');
      let c = await act(id, 'kasi', 'perbaiki', { note: 'Tempat lahir salah ketik.' });
      assert.equal(c.state, 'perekaman');
      assert.equal(c.history.at(-1).note, 'Tempat lahir salah ketik.');
      const back = await api.get('/api/v1/cases?state=perekaman', token.operator);
      assert.ok(back.body.cases.some((w) => w.id === id));
      c = await act(id, 'operator', 'rekam');
      assert.equal(c.state, 'pemeriksaan');
      c = await act(id, 'kasi', 'paraf');
      assert.equal(c.state, 'penandatanganan');
      assert.equal(c.steps.find((s) => s.id === 'perekaman').visits, 2);
      assert.deepEqual(c.history.map((e) => e.action), ['buat', 'ajukan', 'terima', 'rekam', 'perbaiki', 'rekam', 'paraf']);
    });

    test('every role is refused every action that is not theirs, in every state', async () => {
      // One case per branch: the main line, a returned file, a held recording;
      // filed online by the applicant, who may see them (and no others).
      const main = await newCase({}, 'pemohon');
      const returned = await newCase({}, 'pemohon');
      await act(returned, 'pelayanan', 'kembalikan');
      const held = await newCase({}, 'pemohon');
      await walkTo(held, 'perekaman');
      await act(held, 'operator', 'tunda');

      const tried = { 403: 0, 409: 0 };
      async function refuseAll(id, state) {
        const before = await getCase(id);
        assert.equal(before.state, state);
        const attempts = [];
        for (const [key, user] of Object.entries(h.users)) {
          for (const action of k_all_actions) {
            const allowed = k_sop[state][action];
            if (allowed?.includes(user.role)) continue;
            const expected = allowed ? 403 : 409;
            attempts.push(api.act(id, token[key], action, k_valid_body[action] ?? {}).then((r) => {
              assertJsonError(r, expected, `${action} by ${user.role} in ${state}`);
              tried[expected] += 1;
            }));
          }
        }
        await Promise.all(attempts);
        const afterwards = await getCase(id);
        assert.equal(afterwards.version, before.version, `nothing changed in ${state}`);
        assert.equal(afterwards.history.length, before.history.length);
      }

      await refuseAll(returned, 'dikembalikan');
      await refuseAll(held, 'tertunda');
      for (const state of ['verifikasi', 'perekaman', 'pemeriksaan', 'penandatanganan', 'pengarsipan', 'penyerahan']) {
        await refuseAll(main, state);
        const [who, action] = k_forward[state];
        await act(main, who, action);
      }
      await refuseAll(main, 'selesai');
      assert.ok(tried[403] > 30 && tried[409] > 300, JSON.stringify(tried));
    });

    test('whoever initialled a letter may not also sign it', async () => {
      // A Plt. Camat who is also the kasi holds both roles.
      const plt = await api.signIn(h.actingCamat.username);
      const id = await newCase();
      await walkTo(id, 'pemeriksaan');
      let r = await api.act(id, plt, 'paraf');
      assert.equal(r.status, 200, r.text);
      assert.ok(!r.body.actions.includes('tandatangani'), 'not offered');
      const before = r.body.version;
      r = await api.act(id, plt, 'tandatangani', k_valid_body.tandatangani);
      assertJsonError(r, 403, 'tandatangani after paraf by the same person');
      assert.equal((await getCase(id)).version, before);
      await act(id, 'camat', 'tandatangani');
    });

    test('a stale action is refused with 409 and changes nothing', async () => {
      const id = await newCase();
      const seen = await getCase(id, 'pelayanan');
      assert.equal(typeof seen.version, 'number');
      // Two officers at the front desk open the same file; the first accepts it.
      const first = await api.act(id, token.pelayanan, 'terima', { version: seen.version });
      assert.equal(first.status, 200, first.text);
      const second = await api.act(id, token.pelayanan, 'kembalikan', { version: seen.version, reasons: ['tanpa_akta_kelahiran'] });
      assertJsonError(second, 409, 'stale kembalikan');
      const now = await getCase(id);
      assert.equal(now.state, 'perekaman');
      assert.equal(now.version, first.body.version);
      assert.deepEqual(now.history.map((e) => e.action), ['buat', 'ajukan', 'terima']);

      // The same version sent twice at once: exactly one wins.
      const race = await Promise.all([
        api.act(id, token.operator, 'rekam', { version: now.version }),
        api.act(id, token.operator, 'tunda', { version: now.version, reasons: ['kerusakan_alat'], note: 'Kamera rusak.' }),
      ]);
      assert.deepEqual(race.map((r) => r.status).sort(), [200, 409], race.map((r) => r.text).join('\n'));
      const settled = await getCase(id);
      assert.equal(settled.history.length, 4);
      assert.equal(settled.version, now.version + 1);
    });

    describe('bad input is refused with 422, naming the field, and nothing is stored', () => {
      // One bad value per field; the field path as in the request.
      const k_bad = [
        { field: 'applicant.nik', applicant: { nik: '63050615050' } },
        { field: 'applicant.nik', applicant: { nik: '630506150500abcd' } },
        { field: 'applicant.kk', applicant: { kk: '12345' } },
        { field: 'applicant.name', applicant: { name: '' } },
        { field: 'applicant.name', applicant: { name: '12345' } },
        { field: 'applicant.birth_place', applicant: { birth_place: '' } },
        { field: 'applicant.birth_date', applicant: { birth_date: '15-5-2000' } },
        { field: 'applicant.birth_date', applicant: { birth_date: '2001-02-29' } },
        { field: 'applicant.birth_date', applicant: { birth_date: '2999-01-01' } },
        { field: 'applicant.sex', applicant: { sex: 'X' } },
        { field: 'applicant.religion', applicant: { religion: 'Bukan agama' } },
        { field: 'applicant.marital_status', applicant: { marital_status: 'Entah' } },
        { field: 'applicant.occupation', applicant: { occupation: 'Petani\u0007' } },
        { field: 'applicant.address', applicant: { address: '   ' } },
        { field: 'applicant.rt', applicant: { rt: '12a' } },
        { field: 'applicant.rw', applicant: { rw: '000' } },
        { field: 'applicant.village_code', applicant: { village_code: '63.05' } },
        { field: 'applicant.village_code', applicant: { village_code: '63.05.05.2001' } },
        { field: 'applicant.phone', applicant: { phone: '12345' } },
        { field: 'documents.surat_pengantar.number', documents: { surat_pengantar: { number: '', date: h.witaDate(-1) } } },
        { field: 'documents.surat_pengantar.date', documents: { surat_pengantar: { number: '470/1/MH/2026', date: 'kemarin' } } },
        { field: 'documents.akta_kelahiran.number', documents: { akta_kelahiran: { number: '' } } },
        { field: 'documents.kartu_keluarga.number', documents: { kartu_keluarga: { number: '' } } },
        { field: 'documents.kartu_keluarga', documents: { kartu_keluarga: { number: '6305062001150099' } } },
        { field: 'documents.ijazah', documents: { ijazah: { number: '1' } } },
      ];

      async function snapshot() {
        const list = await api.get('/api/v1/cases', token.pelayanan);
        assert.equal(list.status, 200);
        return { worklist: list.body.cases.map((c) => [c.id, c.version]), counts: await h.caseCounts(api) };
      }

      test('on intake, one field at a time', async () => {
        const before = await snapshot();
        for (const bad of k_bad) {
          const body = h.application({ applicant: bad.applicant, documents: bad.documents });
          const r = await api.post('/api/v1/cases', body, token.pelayanan);
          assertJsonError(r, 422, bad.field);
          assert.ok(fieldsOf(r).some((f) => f === bad.field || f.startsWith(`${bad.field}.`)), `${bad.field} named in ${r.text}`);
          for (const e of r.body.errors) {
            assert.equal(typeof e.code, 'string');
            assert.ok(e.message.length > 0);
          }
        }
        assert.deepEqual(await snapshot(), before);
      });

      test('on intake, every field at once', async () => {
        const before = await snapshot();
        const applicant = Object.assign({}, ...k_bad.map((b) => b.applicant ?? {}));
        const r = await api.post('/api/v1/cases', { service: 'perekaman-ektp', applicant, documents: {} }, token.pelayanan);
        assertJsonError(r, 422, 'everything bad');
        const named = new Set(fieldsOf(r));
        for (const field of ['nik', 'kk', 'name', 'birth_place', 'birth_date', 'sex', 'religion', 'marital_status', 'occupation', 'address', 'rt', 'rw', 'village_code', 'phone'])
          assert.ok(named.has(`applicant.${field}`), `applicant.${field} in ${[...named]}`);
        for (const field of ['documents.surat_pengantar', 'documents.akta_kelahiran', 'documents.kartu_keluarga'])
          assert.ok([...named].some((f) => f.startsWith(field)), `${field} in ${[...named]}`);
        assertJsonError(await api.post('/api/v1/cases', h.application({ service: 'tidak-ada' }), token.pelayanan), 422, 'unknown service');
        assert.deepEqual(await snapshot(), before);
      });

      test('on resubmission, the corrections are checked like an intake', async () => {
        const id = await newCase();
        await act(id, 'pelayanan', 'kembalikan');
        const before = await getCase(id);
        for (const bad of k_bad) {
          const body = h.application({ applicant: bad.applicant, documents: bad.documents });
          const r = await api.act(id, token.pelayanan, 'ajukan_ulang', { data: { applicant: body.applicant, documents: body.documents } });
          assertJsonError(r, 422, `ajukan_ulang ${bad.field}`);
          assert.ok(fieldsOf(r).some((f) => f === bad.field || f.startsWith(`${bad.field}.`)), `${bad.field} named in ${r.text}`);
        }
        const afterwards = await getCase(id);
        assert.equal(afterwards.version, before.version);
        assert.deepEqual(afterwards.applicant, before.applicant);
        assert.deepEqual(afterwards.documents, before.documents);
      });

      test('on actions: missing reasons, notes and received_by', async () => {
        const id = await newCase();
        const expectRefused = async (who, action, body, field) => {
          const before = await getCase(id);
          const r = await api.act(id, token[who], action, body);
          assertJsonError(r, 422, `${action} without ${field}`);
          assert.ok(fieldsOf(r).includes(field), `${field} named in ${r.text}`);
          const afterwards = await getCase(id);
          assert.equal(afterwards.version, before.version);
          assert.equal(afterwards.history.length, before.history.length);
        };
        await expectRefused('pelayanan', 'kembalikan', {}, 'reasons');
        await expectRefused('pelayanan', 'kembalikan', { reasons: [] }, 'reasons');
        await expectRefused('pelayanan', 'kembalikan', { reasons: ['alasan_karangan'] }, 'reasons');
        await expectRefused('pelayanan', 'kembalikan', { reasons: ['lainnya'] }, 'note');
        await walkTo(id, 'perekaman');
        await expectRefused('operator', 'tunda', { reasons: ['gangguan_jaringan'] }, 'note');
        await expectRefused('operator', 'tunda', { reasons: ['gangguan_jaringan'], note: '   ' }, 'note');
        await walkTo(id, 'pemeriksaan');
        await expectRefused('kasi', 'perbaiki', {}, 'note');
        await walkTo(id, 'penandatanganan');
        await expectRefused('camat', 'perbaiki', {}, 'note');
        await walkTo(id, 'penyerahan');
        await expectRefused('arsip', 'serahkan', {}, 'data.received_by');
        await expectRefused('arsip', 'serahkan', { data: { received_by: '  ' } }, 'data.received_by');
        await expectRefused('arsip', 'serahkan', { data: { received_by: 'Ahmad', diterima_jam: '10' } }, 'data.diterima_jam');
      });

      test('applicant data changes only on resubmission', async () => {
        const id = await newCase();
        await walkTo(id, 'perekaman');
        const before = await getCase(id);
        const forged = h.application({ applicant: { name: 'Nama Lain', nik: before.applicant.nik } });
        const r = await api.act(id, token.operator, 'rekam', { data: { applicant: forged.applicant, documents: forged.documents } });
        assertJsonError(r, 422, 'applicant data on rekam');
        assert.ok(fieldsOf(r).includes('data.applicant'), r.text);
        const afterwards = await getCase(id);
        assert.equal(afterwards.applicant.name, before.applicant.name);
        assert.equal(afterwards.version, before.version);
      });
    });

    test('GET /healthz and GET /metrics', async () => {
      const health = await api.get('/healthz');
      assert.equal(health.status, 200);
      const metrics = await api.get('/metrics');
      assert.equal(metrics.status, 200);
      assert.match(metrics.text, /^sopir_http_requests_total\{/m);
      assert.match(metrics.text, /^sopir_cases\{state="selesai"\} [1-9]/m);
      assert.match(metrics.text, /^sopir_cases\{state="dikembalikan"\} [1-9]/m);
      assert.match(metrics.text, /^sopir_http_requests_total\{route="\/api\/v1\/cases\/\{id\}\/actions",status="403"\} [1-9]/m);
    });

    if (backend.name === 'postgresql') {
      test('two servers on one database serve one case between them', async () => {
        const other = await h.startServer(db.url);
        try {
          const there = h.client(other.base);
          // A token made on one server works on the other, both ways.
          const made_here = await api.signIn('operator');
          const made_there = await there.signIn('pelayanan');
          const id = (await there.post('/api/v1/cases', h.application(), made_there)).body.id;
          assert.ok(id);
          let r = await api.act(id, made_there, 'terima');
          assert.equal(r.status, 200, r.text);
          r = await there.act(id, made_here, 'rekam');
          assert.equal(r.status, 200, r.text);
          assert.equal(r.body.state, 'pemeriksaan');
          r = await there.act(id, token.kasi, 'paraf');
          assert.equal(r.status, 200, r.text);
          r = await api.get(`/api/v1/cases/${id}`, made_here);
          assert.equal(r.body.state, 'penandatanganan');
          assert.deepEqual(r.body.history.map((e) => e.actor), [h.users.pelayanan, h.users.pelayanan, h.users.pelayanan, h.users.operator, h.users.kasi].map((u) => u.name));
          // A stale action across the two servers is refused too.
          const version = r.body.version;
          const race = await Promise.all([
            api.act(id, token.camat, 'tandatangani', { version, ...k_valid_body.tandatangani }),
            there.act(id, token.camat, 'tandatangani', { version, ...k_valid_body.tandatangani }),
          ]);
          assert.deepEqual(race.map((x) => x.status).sort(), [200, 409], race.map((x) => x.text).join('\n'));
        } finally {
          const exit = await other.stop();
          assert.deepEqual(exit, { code: 0, signal: null }, other.stderr());
        }
      });
    }

    test('a case id in the path is a number and nothing else', async () => {
      const id = await newCase();
      assert.equal((await api.get(`/api/v1/cases/${id}`, token.pelayanan)).status, 200);
      // "12abc" once read as case 12.
      for (const path of [`${id}abc`, `${id}.0`, `-${id}`, `+${id}`, 'abc', '0']) {
        const r = await api.get(`/api/v1/cases/${path}`, token.pelayanan);
        assertJsonError(r, 404, path);
        assert.doesNotMatch(r.body.error.message, /Permohonan 0/, path);
        assertJsonError(await api.get(`/api/v1/cases/${path}/receipt.pdf`, token.pelayanan), 404, `${path}/receipt.pdf`);
        assertJsonError(await api.post(`/api/v1/cases/${path}/actions`, { action: 'terima' }, token.pelayanan), 404, `${path}/actions`);
      }
    });

    test('an applicant sees only the applications they filed', async () => {
      const own = (await api.post('/api/v1/cases', h.application(), token.pemohon)).body.id;
      const others = await newCase();
      assert.equal((await api.get(`/api/v1/cases/${own}`, token.pemohon)).status, 200);
      assertJsonError(await api.get(`/api/v1/cases/${others}`, token.pemohon), 404, "someone else's case");
      assertJsonError(await api.get(`/api/v1/cases/${others}/receipt.pdf`, token.pemohon), 404, "someone else's receipt");
      // Both are handed back; only the own one waits in the applicant's list.
      await act(own, 'pelayanan', 'kembalikan');
      await act(others, 'pelayanan', 'kembalikan');
      const list = (await api.get('/api/v1/cases', token.pemohon)).body.cases.map((c) => c.id);
      assert.ok(list.includes(own), 'own returned case listed');
      assert.ok(!list.includes(others), "another applicant's case not listed");
      assertJsonError(await api.get(`/api/v1/registers/register_ektp?format=pdf&from=${h.witaDate()}&to=${h.witaDate()}`, token.pemohon), 403, 'registers are for staff');
      // The office still sees both.
      assert.equal((await api.get(`/api/v1/cases/${others}`, token.pelayanan)).status, 200);
    });

    test('the receipt, the return slip and the register pages come as PDF', async () => {
      const person = h.application({ applicant: { name: 'Nur Aisyah Rahmawati' } });
      const id = (await api.post('/api/v1/cases', person, token.pelayanan)).body.id;
      let r = await getPdf(api.base, `/api/v1/cases/${id}/receipt.pdf`, token.pelayanan);
      assert.equal(r.status, 200);
      assert.equal(r.type, 'application/pdf');
      assert.match(r.disposition, new RegExp(`tanda-terima-permohonan-${id}\\.pdf`));
      let { text } = pdfText(r.bytes);
      assert.ok(text.includes('Nur Aisyah Rahmawati'), text);
      const nik = person.applicant.nik;
      assert.ok(!text.includes(nik), 'the receipt masks the NIK');
      assert.ok(text.includes(nik.slice(0, 6)) && text.includes(nik.slice(-4)), 'the masked NIK keeps its ends');
      assert.ok(text.includes('Surat Pengantar dari Kepala Desa'), text);
      // Its QR code opens the status check with the nomor permohonan filled
      // in (the server prints --public-url), and it carries the PIN.
      // Beside it, the case's satisfaction survey link (the same token on
      // every printing).
      const { codes } = pdfText(r.bytes);
      const statusCode = `http://sopir.test/status?nomor=${id}`;
      assert.deepEqual(codes.filter((code) => !code.includes('/survei/')), [statusCode]);
      const surveyCodes = codes.filter((code) => code.includes('/survei/'));
      assert.equal(surveyCodes.length, 1, codes.join(' '));
      assert.match(surveyCodes[0], /^http:\/\/sopir\.test\/survei\/[0-9a-f]{32}$/);
      assert.equal((await api.get(`/api/v1/cases/${id}/survey-link`, token.pelayanan)).body.url, surveyCodes[0]);
      assert.match(text, new RegExp(`Nomor Permohonan\\s*:\\s*${id}\\b`));
      const pin = text.match(/PIN (\d{6})/)[1];
      const checked = await fetch(`${api.base}/status`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `nomor=${id}&pin=${pin}` });
      assert.equal(checked.status, 200);
      assert.match(await checked.text(), /id="status-label"/);
      const status = await fetch(statusCode.replace('http://sopir.test', api.base));
      assert.equal(status.status, 200);
      assert.match(await status.text(), /Cek status permohonan/);

      // Not returned yet: no slip (409); after a return it lists the reasons.
      assertJsonError(await api.get(`/api/v1/cases/${id}/return-slip.pdf`, token.pelayanan), 409, 'slip before any return');
      const back = await api.act(id, token.pelayanan, 'kembalikan', { reasons: ['tanpa_kartu_keluarga', 'lainnya'], note: 'Fotokopi KK tidak terbaca.' });
      assert.equal(back.status, 200, back.text);
      r = await getPdf(api.base, `/api/v1/cases/${id}/return-slip.pdf`, token.pelayanan);
      assert.equal(r.status, 200);
      ({ text } = pdfText(r.bytes));
      assert.ok(text.includes('Fotokopi KK tidak terbaca.'), text);
      assert.ok(text.includes(h.users.pelayanan.name), 'the slip names who returned the file');
      const sop = (await api.get('/api/v1/services/perekaman-ektp')).body;
      assert.ok(text.replace(/\s+/g, ' ').includes('Kartu Keluarga'), text);

      // The register of today: the numbers given today, with the names.
      const other = await newCase({ applicant: { name: 'Yusuf Mahendra' } });
      const accepted = await act(other, 'pelayanan', 'terima');
      const today = h.witaDate();
      r = await getPdf(api.base, `/api/v1/registers/register_ektp?format=pdf&from=${today}&to=${today}`, token.kasi);
      assert.equal(r.status, 200);
      const register = pdfText(r.bytes);
      assert.ok(register.text.includes(accepted.registration_number), register.text);
      assert.ok(register.text.includes('Yusuf Mahendra'));
      assert.ok(register.text.includes('REGISTER PEREKAMAN E-KTP'));
      assert.ok(register.pages >= 1);
      // A period before the office existed has no entries, and says so.
      r = await getPdf(api.base, '/api/v1/registers/agenda?format=pdf&from=2020-01-01&to=2020-01-31', token.kasi);
      assert.equal(r.status, 200);
      assert.match(pdfText(r.bytes).text, /Tidak ada entri pada periode ini/);

      assertJsonError(await api.get(`/api/v1/registers/register_ektp?format=pdf&from=${today}&to=2020-01-01`, token.kasi), 422, 'reversed period');
      assertJsonError(await api.get('/api/v1/registers/register_ektp?format=pdf&from=kemarin&to=2020-01-01', token.kasi), 422, 'bad date');
      assertJsonError(await api.get(`/api/v1/registers/buku_tamu?format=pdf&from=${today}&to=${today}`, token.kasi), 422, 'unknown register');
      assert.equal((await api.get(`/api/v1/cases/${id}/receipt.pdf`)).status, 401, 'staff only');
      assert.ok(sop.documents || sop.steps, 'the service is described');
    });

    test('SIGTERM shuts the server down cleanly (exit 0)', async () => {
      const exit = await server.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    });
  });
}
