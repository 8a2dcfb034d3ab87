// Letters (issue 5) through the real `sopir serve`, on SQLite and on
// PostgreSQL: signing with the signer's password at tandatangani, the office
// seal and number at arsipkan, the frozen PDF and its ARSIP copy, the QR
// codes, public verification by token, by PDF upload and on the page,
// revocation from the CLI, a Plt. Camat in and out of office, a correction
// before signing, the rate limit on verification and the audit chain.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

const k_kecamatan = 'CANDI LARAS UTARA';
const k_camat_title = `CAMAT ${k_kecamatan}`;
const k_plt_title = `Plt. CAMAT ${k_kecamatan}`;
const k_months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const k_sha256 = /^[0-9a-f]{64}$/;

// "2000-05-15" as the letter prints it: "15 Mei 2000".
function indonesianDate(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${k_months[month - 1]} ${year}`;
}

// The village's name from the region data the server reads too
// (idn-area-data), not from the server.
function villageName(code) {
  const csv = readFileSync(path.join(h.sourceDir, 'node_modules/idn-area-data/data/villages.csv'), 'utf8');
  const line = csv.split('\n').find((l) => l.startsWith(`${code},`));
  assert.ok(line, `village ${code} in idn-area-data`);
  return line.split(',').slice(2).join(',').trim();
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function withTempDir(work) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-letter-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The text of a PDF as pdftotext -layout reads it.
function pdfText(bytes) {
  return withTempDir((dir) => {
    const file = path.join(dir, 'surat.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  });
}

// Every QR code on page 1, rendered at 150 dpi and read by zbarimg.
function qrCodes(bytes) {
  return withTempDir((dir) => {
    const file = path.join(dir, 'surat.pdf');
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', file, path.join(dir, 'halaman')]);
    const png = readdirSync(dir).filter((f) => f.endsWith('.png'));
    assert.equal(png.length, 1, 'page 1 rendered');
    let out = '';
    try {
      out = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png[0])], { encoding: 'utf8' });
    } catch (e) {
      // zbarimg exits 4 when it finds no code at all.
      if (e.status !== 4) throw e;
    }
    return out.split('\n').map((l) => l.trim()).filter(Boolean);
  });
}

// The images of a PDF as `pdfimages -list` lists them: { page, width, height }.
function pdfImages(bytes) {
  return withTempDir((dir) => {
    const file = path.join(dir, 'surat.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n').slice(2).filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/))
      .map(([page, , type, width, height]) => ({ page: Number(page), type, width: Number(width), height: Number(height) }))
      .filter((i) => i.type === 'image');
  });
}

// A PNG of a given size to stand in for an office logo: a page of any PDF,
// rendered by pdftoppm.
function pngOfSize(pdfBytes, width, height, dir) {
  const file = path.join(dir, 'contoh.pdf');
  writeFileSync(file, pdfBytes);
  const out = path.join(dir, `logo-${width}x${height}`);
  execFileSync('pdftoppm', ['-png', '-singlefile', '-f', '1', '-l', '1', '-scale-to-x', String(width), '-scale-to-y', String(height), file, out]);
  return `${out}.png`;
}

async function getPdf(base, url, token) {
  const response = await fetch(base + url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes };
}

async function postPdf(base, bytes) {
  const response = await fetch(`${base}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: bytes });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text, headers: response.headers };
}

async function postPdfForm(base, bytes) {
  const form = new FormData();
  form.append('pdf', new Blob([bytes], { type: 'application/pdf' }), 'surat.pdf');
  const response = await fetch(`${base}/verifikasi`, { method: 'POST', body: form });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

async function getPage(base, url) {
  const response = await fetch(base + url);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

// The text inside the element with this id, tags stripped.
function elementText(html, id) {
  const found = html.match(new RegExp(`<(\\w+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`));
  return found ? found[2].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : null;
}

// The token of the verification URL printed on the letter.
function printedToken(text) {
  const found = text.match(/http:\/\/sopir\.test\/verifikasi\/(\S+)/);
  assert.ok(found, `verification URL in the letter:\n${text}`);
  return found[1];
}

function assertJsonError(r, status, what) {
  assert.equal(r.status, status, `${what}: ${r.status} ${r.text}`);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/, what);
  assert.equal(typeof r.body?.error?.code, 'string', `${what}: ${r.text}`);
  assert.equal(typeof r.body?.error?.message, 'string', `${what}: ${r.text}`);
}

// The fields a refusal names: errors[].field, or error.field.
function fieldsOf(r) {
  const fields = (r.body?.errors ?? []).map((e) => e.field);
  if (r.body?.error?.field) fields.push(r.body.error.field);
  return fields;
}

function actionIds(c) {
  return (c.actions ?? []).map((a) => (typeof a === 'string' ? a : a.id ?? a.action));
}

// A NIK masked for the public: same length, both ends kept, a run of '*'
// in the middle, and never the full number.
function assertMaskedNik(masked, nik, what) {
  assert.equal(typeof masked, 'string', what);
  assert.notEqual(masked, nik, `${what}: not the full NIK`);
  assert.equal(masked.length, nik.length, `${what}: ${masked}`);
  assert.match(masked, /\*{4,}/, `${what}: ${masked}`);
  for (let i = 0; i < nik.length; ++i) if (masked[i] !== '*') assert.equal(masked[i], nik[i], `${what}: digit ${i} of ${masked}`);
  assert.equal(masked.slice(0, 4), nik.slice(0, 4), `${what}: keeps the start`);
  assert.equal(masked.slice(-2), nik.slice(-2), `${what}: keeps the end`);
}

const k_plt_now = { username: 'plt2', name: 'Ir. Bambang Plt Camat', role: 'camat' };
const k_plt_over = { username: 'plt_lama', name: 'Drs. Syahrani Plt Lama', role: 'camat' };
const k_forgetful = { username: 'camat_lupa', name: 'Camat Lupa Sandi', role: 'camat' };
const k_plt_from_today = { username: 'plt_mulai', name: 'Hj. Noorhayati Plt Mulai', role: 'camat' };
const k_plt_until_today = { username: 'plt_akhir', name: 'H. Fahrurrazi Plt Akhir', role: 'camat' };
const k_plt_tomorrow = { username: 'plt_besok', name: 'Zainal Plt Besok', role: 'camat' };
const k_changing = { username: 'camat_ganti', name: 'Camat Ganti Sandi', role: 'camat' };

for (const backend of h.backends()) {
  describe(`letters on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let server;
    let api;
    const token = {}; // By key of h.users, and plt_now, plt_over, forgetful.

    before(async () => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
      const addUser = (user, extra) => {
        const r = h.cli(db.url, ['user', 'add', '--office', h.officeCode, '--username', user.username, '--name', user.name, '--role', user.role, ...extra, '--password-stdin'], `${h.password}\n`);
        assert.equal(r.status, 0, `user add ${user.username}: ${r.stderr}`);
      };
      addUser(k_plt_now, ['--acting', 'plt', '--from', h.witaDate(-3), '--until', h.witaDate(3)]);
      addUser(k_plt_over, ['--acting', 'plt', '--from', h.witaDate(-30), '--until', h.witaDate(-1)]);
      addUser(k_forgetful, []);
      // The edges of a period, in WITA days (today WITA may be tomorrow in UTC).
      addUser(k_plt_from_today, ['--acting', 'plt', '--from', h.witaDate(0), '--until', h.witaDate(5)]);
      addUser(k_plt_until_today, ['--acting', 'plt', '--from', h.witaDate(-5), '--until', h.witaDate(0)]);
      addUser(k_plt_tomorrow, ['--acting', 'plt', '--from', h.witaDate(1), '--until', h.witaDate(5)]);
      addUser(k_changing, []);
      server = await h.startServer(db.url);
      api = h.client(server.base);
      for (const [key, user] of Object.entries(h.users)) token[key] = await api.signIn(user.username);
      token.plt_now = await api.signIn(k_plt_now.username);
      token.plt_over = await api.signIn(k_plt_over.username);
      token.forgetful = await api.signIn(k_forgetful.username);
      token.plt_from_today = await api.signIn(k_plt_from_today.username);
      token.plt_until_today = await api.signIn(k_plt_until_today.username);
      token.plt_tomorrow = await api.signIn(k_plt_tomorrow.username);
      token.changing = await api.signIn(k_changing.username);
    });

    after(async () => {
      if (server) await server.stop();
      db?.drop();
    });

    async function newCase(overrides = {}) {
      const application = h.application(overrides);
      const r = await api.post('/api/v1/cases', application, token.pelayanan);
      assert.equal(r.status, 201, r.text);
      return { id: r.body.id, application };
    }

    async function getCase(id, who = 'kasi') {
      const r = await api.get(`/api/v1/cases/${id}`, token[who]);
      assert.equal(r.status, 200, r.text);
      return r.body;
    }

    async function act(id, who, action, extra = {}) {
      const r = await api.act(id, token[who], action, extra);
      assert.equal(r.status, 200, `${action} by ${who}: ${r.status} ${r.text}`);
      return r.body;
    }

    const k_forward = {
      verifikasi: ['pelayanan', 'terima', {}],
      perekaman: ['operator', 'rekam', { data: { siak_reference: 'SIAK-SURAT-1' } }],
      pemeriksaan: ['kasi', 'paraf', {}],
      penandatanganan: ['camat', 'tandatangani', { data: { password: h.password } }],
      pengarsipan: ['arsip', 'arsipkan', {}],
      penyerahan: ['arsip', 'serahkan', { data: { received_by: 'Ahmad Fauzi' } }],
    };

    async function walkTo(id, state) {
      for (let current = (await getCase(id)).state; current !== state; ) {
        assert.ok(k_forward[current], `no way forward from ${current}`);
        const [who, action, extra] = k_forward[current];
        current = (await act(id, who, action, extra)).state;
      }
    }

    // The refusal leaves the case as it was: same version, same history.
    async function assertUnchanged(id, before, what) {
      const now = await getCase(id);
      assert.equal(now.state, before.state, `${what}: state`);
      assert.equal(now.version, before.version, `${what}: version`);
      assert.equal(now.history.length, before.history.length, `${what}: history`);
    }

    // Verifications against `server` so far: the limit is 30 a minute per
    // address, and the rate-limit test uses its own server, so the other
    // tests must stay below it together.
    let verifications = 0;
    const verifyToken = (t) => { verifications += 1; return api.get(`/api/v1/verify/${t}`); };
    const verifyPdf = (bytes) => { verifications += 1; return postPdf(api.base, bytes); };
    const verifyPage = (t) => { verifications += 1; return getPage(api.base, `/verifikasi/${t}`); };
    const verifyForm = (bytes) => { verifications += 1; return postPdfForm(api.base, bytes); };

    test('tandatangani asks for the signer\'s own password: missing is 422, wrong is 403, and nothing is signed', async () => {
      const { id } = await newCase();
      await walkTo(id, 'penandatanganan');
      const before = await getCase(id);
      assert.ok(actionIds(await getCase(id, 'camat')).includes('tandatangani'), 'the Camat is offered tandatangani');

      const missing = await api.act(id, token.camat, 'tandatangani', { version: before.version });
      assertJsonError(missing, 422, 'no password');
      assert.ok(fieldsOf(missing).some((f) => f === 'password' || f === 'data.password'), `password named in ${missing.text}`);
      await assertUnchanged(id, before, 'no password');

      const empty = await api.act(id, token.camat, 'tandatangani', { version: before.version, data: { password: '' } });
      assertJsonError(empty, 422, 'empty password');
      await assertUnchanged(id, before, 'empty password');

      const wrong = await api.act(id, token.camat, 'tandatangani', { version: before.version, data: { password: 'sandi-yang-salah-1' } });
      assertJsonError(wrong, 403, 'wrong password');
      await assertUnchanged(id, before, 'wrong password');
      assert.equal((await api.get(`/api/v1/cases/${id}/letter.pdf`, token.kasi)).body?.error?.code, 'letter.not_sealed');

      // Another person's password does not sign for the Camat either: the
      // Kasi's account has a password of its own here.
      const kasiPassword = 'sandi-kasi-yang-lain-123';
      const changed = await api.post('/api/v1/me/password', { current: h.password, new: kasiPassword }, token.kasi);
      assert.equal(changed.status, 204, changed.text);
      try {
        const others = await api.act(id, token.camat, 'tandatangani', { version: before.version, data: { password: kasiPassword } });
        assertJsonError(others, 403, 'the Kasi\'s password');
        await assertUnchanged(id, before, 'the Kasi\'s password');
      } finally {
        const back = await api.post('/api/v1/me/password', { current: kasiPassword, new: h.password }, token.kasi);
        assert.equal(back.status, 204, back.text);
      }

      const signed = await act(id, 'camat', 'tandatangani', { version: before.version, data: { password: h.password } });
      assert.equal(signed.state, 'pengarsipan');
      assert.equal(signed.version, before.version + 1);
    });

    test('a wrong signing password is named as the password field', async () => {
      const { id } = await newCase();
      await walkTo(id, 'penandatanganan');
      const wrong = await api.act(id, token.camat, 'tandatangani', { data: { password: 'sandi-yang-salah-2' } });
      assertJsonError(wrong, 403, 'wrong password');
      assert.ok(fieldsOf(wrong).some((f) => f === 'password' || f === 'data.password'), `the refusal names the password field: ${wrong.text}`);
      await act(id, 'camat', 'tandatangani', { data: { password: h.password } });
    });

    test('an unknown field beside the signing password is refused naming that field (data.catatan)', async () => {
      const { id } = await newCase();
      await walkTo(id, 'penandatanganan');
      const before = await getCase(id);
      const r = await api.act(id, token.camat, 'tandatangani', { data: { password: h.password, catatan: 'tambahan' } });
      assertJsonError(r, 422, 'unknown field');
      await assertUnchanged(id, before, 'unknown field');
      assert.deepEqual(fieldsOf(r), ['data.catatan'], r.text);
    });

    test('five wrong signing passwords throttle that session (429), and nobody else', async () => {
      const { id } = await newCase();
      await walkTo(id, 'penandatanganan');
      const before = await getCase(id);
      for (let i = 0; i < 5; ++i) {
        const r = await api.act(id, token.forgetful, 'tandatangani', { data: { password: `tebakan-${i}` } });
        assertJsonError(r, 403, `wrong password ${i + 1}`);
      }
      const throttled = await api.act(id, token.forgetful, 'tandatangani', { data: { password: h.password } });
      assertJsonError(throttled, 429, 'sixth attempt, even with the right password');
      assert.ok(Number(throttled.headers.get('retry-after')) > 0, 'Retry-After');
      await assertUnchanged(id, before, 'throttled');
      // Signing guesses count for that session only, not as sign-in
      // failures: the person can still sign in.
      const signIn = await api.post('/api/v1/sessions', { username: k_forgetful.username, password: h.password });
      assert.equal(signIn.status, 201, signIn.text);
      token.forgetful = signIn.body.token;
      // The other Camat is not locked out.
      assert.equal((await act(id, 'camat', 'tandatangani', { data: { password: h.password } })).state, 'pengarsipan');
    });

    test('the signed, sealed letter: PDF, ARSIP copy, QR codes and verification by token, upload and page', async () => {
      const village = '63.05.06.2008';
      const { id, application } = await newCase({
        applicant: {
          name: 'Muhammad Rizky Pratama',
          birth_place: 'Rantau',
          occupation: 'Wiraswasta',
          address: 'Jl. Pahlawan Gg. Damai No. 12',
          rt: '004',
          rw: '003',
          village_code: village,
        },
      });
      const a = application.applicant;
      await walkTo(id, 'penandatanganan');
      assertJsonError(await api.get(`/api/v1/cases/${id}/letter.pdf`, token.kasi), 409, 'before signing');
      let c = await act(id, 'camat', 'tandatangani', { data: { password: h.password } });
      assert.equal(c.state, 'pengarsipan');
      const early = await api.get(`/api/v1/cases/${id}/letter.pdf`, token.arsip);
      assertJsonError(early, 409, 'signed, not sealed');
      assert.equal(early.body.error.code, 'letter.not_sealed');
      c = await act(id, 'arsip', 'arsipkan');
      assert.equal(c.state, 'penyerahan');
      const number = c.letter_number;
      assert.match(number, /^400\.12\.2\.1\/\d{4}\/CLU\/[IVX]+\/\d{4}$/);

      // The history: hashes at signing and at sealing, the number; the
      // password nowhere.
      c = await getCase(id);
      const signing = c.history.find((e) => e.action === 'tandatangani');
      const sealing = c.history.find((e) => e.action === 'arsipkan');
      assert.match(signing?.data?.sha256_surat ?? '', k_sha256, JSON.stringify(signing));
      assert.match(sealing?.data?.sha256_surat ?? '', k_sha256, JSON.stringify(sealing));
      assert.equal(sealing.data.nomor, number);
      assert.equal(signing.actor, h.users.camat.name);
      assert.ok(!('password' in signing.data), JSON.stringify(signing.data));
      for (const who of ['kasi', 'camat', 'arsip']) {
        const r = await api.get(`/api/v1/cases/${id}`, token[who]);
        assert.ok(!r.text.includes(h.password), `the password in GET /api/v1/cases/${id} as ${who}`);
      }

      // The letter: a PDF named after its number, the same bytes each time.
      assert.equal((await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`)).status, 401, 'staff only');
      const original = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip);
      assert.equal(original.status, 200, original.bytes.toString());
      assert.equal(original.type, 'application/pdf');
      assert.ok(original.bytes.subarray(0, 5).toString() === '%PDF-', 'PDF magic');
      assert.ok(original.disposition?.includes(number.replaceAll('/', '-')), `file name in ${original.disposition}`);
      assert.ok(!original.disposition.includes('/'), original.disposition);
      const again = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.pelayanan);
      assert.equal(again.status, 200);
      assert.ok(again.bytes.equals(original.bytes), 'the same bytes twice');
      const archive = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf?copy=archive`, token.arsip);
      assert.equal(archive.status, 200);
      assert.equal(archive.type, 'application/pdf');
      assert.ok(!archive.bytes.equals(original.bytes), 'the ARSIP copy differs');
      assert.ok((await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf?copy=archive`, token.kasi)).bytes.equals(archive.bytes), 'the ARSIP copy, twice');

      const text = pdfText(original.bytes);
      const flat = text.replace(/\s+/g, ' ');
      assert.match(text, /PEMERINTAH KABUPATEN TAPIN/);
      assert.match(text, /KECAMATAN|KANTOR CAMAT/);
      assert.ok(text.includes(k_kecamatan), 'the kop names the kecamatan');
      assert.ok(text.includes(number), `number ${number} in\n${text}`);
      assert.ok(text.includes(a.name), 'name');
      assert.ok(text.includes(a.nik), 'full NIK on the letter itself');
      assert.ok(flat.includes(`${a.birth_place}, ${indonesianDate(a.birth_date)}`), `birth place and date in\n${text}`);
      assert.match(text, /:\s*Laki-laki\b/);
      assert.match(text, /:\s*Islam\b/);
      assert.match(text, /:\s*Belum Kawin\b/);
      assert.ok(text.includes(a.occupation), 'occupation');
      assert.ok(text.includes(a.address), 'address');
      assert.ok(text.includes(`${a.rt}/${a.rw}`), 'RT/RW');
      assert.ok(text.includes(villageName(village)), `village ${villageName(village)}`);
      assert.match(text, /Kecamatan\s+:\s*Candi Laras Utara/);
      assert.match(text, new RegExp(`^\\s*${k_camat_title}\\s*$`, 'm'), 'the signer\'s title line');
      assert.ok(!text.includes('Plt.'), 'the Camat is not a Plt.');
      assert.ok(text.includes(h.users.camat.name), 'the signer');
      assert.ok(!text.includes('ARSIP'), 'the original is not marked ARSIP');
      assert.ok(pdfText(archive.bytes).includes('ARSIP'), 'the archive copy is');
      const verificationToken = printedToken(text);
      assert.match(verificationToken, /^[A-Za-z0-9_-]{16,}$/);

      // The QR codes: the verification URL, and WhatsApp only if the office
      // has a number (the harness gives none).
      const codes = qrCodes(original.bytes);
      const verificationUrl = `http://sopir.test/verifikasi/${verificationToken}`;
      assert.ok(codes.includes(verificationUrl), `QR ${verificationUrl} among ${codes}`);
      for (const code of codes) assert.ok(code === verificationUrl || /^https:\/\/wa\.me\/62\d{8,13}$/.test(code), `unexpected QR ${code}`);

      // Following the QR: the page, on this server.
      const page = await verifyPage(verificationToken);
      assert.equal(page.status, 200, page.text);
      assert.match(elementText(page.text, 'status-verifikasi') ?? '', /SAH/, page.text);
      assert.doesNotMatch(elementText(page.text, 'status-verifikasi'), /TIDAK SAH|DICABUT/);
      assertMaskedNik(elementText(page.text, 'nik-tersamar'), a.nik, 'page');
      assert.ok(!page.text.includes(a.nik), 'the page never shows the full NIK');
      assert.ok(page.text.includes(a.name));
      assert.ok(page.text.includes(number));

      // The same by the API.
      const verdict = await verifyToken(verificationToken);
      assert.equal(verdict.status, 200, verdict.text);
      const v = verdict.body;
      assert.equal(v.valid, true);
      assert.equal(v.status, 'valid');
      assert.equal(v.letter_number, number);
      assert.equal(v.date, h.witaDate());
      assert.equal(typeof v.subject, 'string');
      assert.ok(v.subject.length > 0);
      assert.equal(v.name, a.name);
      assertMaskedNik(v.nik_masked, a.nik, 'API');
      assert.ok(!verdict.text.includes(a.nik), 'the API never gives the full NIK');
      assert.equal(v.signed_by, h.users.camat.name);
      assert.equal(v.signed_role, k_camat_title);
      assert.match(v.signed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
      assert.match(v.sealed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
      assert.ok(Date.parse(v.signed_at) <= Date.parse(v.sealed_at), 'signed before sealed');
      assert.ok(Math.abs(Date.parse(v.sealed_at) - Date.now()) < 10 * 60_000, `sealed just now: ${v.sealed_at}`);
      assert.equal(v.sha256, sha256(original.bytes));
      assert.equal(v.revoked_at, null);
      assert.equal(v.revoked_reason, '');
      assert.equal(typeof v.message, 'string');

      // By upload: the original and the ARSIP copy; one byte changed is not ours.
      const uploaded = await verifyPdf(original.bytes);
      assert.equal(uploaded.status, 200, uploaded.text);
      assert.deepEqual(uploaded.body, v);
      const uploadedArchive = await verifyPdf(archive.bytes);
      assert.equal(uploadedArchive.status, 200, uploadedArchive.text);
      assert.deepEqual(uploadedArchive.body, v, 'the ARSIP copy verifies as the same letter');
      const tampered = Buffer.from(original.bytes);
      const at = tampered.indexOf(Buffer.from(a.name));
      tampered[at >= 0 ? at : Math.floor(tampered.length / 2)] ^= 0x01;
      const forged = await verifyPdf(tampered);
      assert.equal(forged.status, 404, forged.text);
      assert.equal(forged.body?.valid, false);
      assert.equal(forged.body?.status, 'unknown');

      // By the page's upload form.
      const form = await verifyForm(original.bytes);
      assert.equal(form.status, 200, form.text);
      assert.match(elementText(form.text, 'status-verifikasi') ?? '', /SAH/, form.text);
      assertMaskedNik(elementText(form.text, 'nik-tersamar'), a.nik, 'upload page');
      assert.ok(!form.text.includes(a.nik));
      const formForged = await verifyForm(tampered);
      assert.equal(formForged.status, 404);
      assert.equal(elementText(formForged.text, 'status-verifikasi'), null, 'no verdict for a forged file');

      // Unknown tokens.
      const unknown = await verifyToken('TokenYangTidakAda1234');
      assert.equal(unknown.status, 404, unknown.text);
      assert.equal(unknown.body.valid, false);
      assert.equal(unknown.body.status, 'unknown');
      const unknownPage = await verifyPage('TokenYangTidakAda1234');
      assert.equal(unknownPage.status, 404);
      assert.equal(elementText(unknownPage.text, 'status-verifikasi'), null);

      // Handing over does not change the letter.
      await act(id, 'arsip', 'serahkan', { data: { received_by: a.name } });
      assert.ok((await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip)).bytes.equals(original.bytes), 'frozen after serahkan');
    });

    test('a revoked letter verifies as revoked (DICABUT), once only; an unsealed one cannot be revoked', async () => {
      const { id, application } = await newCase({ applicant: { name: 'Siti Rahmah Dicabut' } });
      await walkTo(id, 'penyerahan');
      const number = (await getCase(id)).letter_number;
      const pdf = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip);
      assert.equal(pdf.status, 200);
      const verificationToken = printedToken(pdfText(pdf.bytes));
      const reason = 'Data tempat lahir keliru; diganti surat baru.';

      const revoked = h.cli(db.url, ['letter', 'revoke', '--case', String(id), '--reason', reason]);
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.ok(revoked.stdout.includes(number), `the number in: ${revoked.stdout}`);

      const v = await verifyToken(verificationToken);
      assert.equal(v.body?.valid, false, v.text);
      assert.equal(v.body.status, 'revoked');
      assert.equal(v.body.revoked_reason, reason);
      assert.match(v.body.revoked_at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d/);
      assert.equal(v.body.letter_number, number);
      assert.ok(!v.text.includes(application.applicant.nik));
      const uploaded = await verifyPdf(pdf.bytes);
      assert.equal(uploaded.body?.status, 'revoked', uploaded.text);
      assert.equal(uploaded.body.valid, false);
      const page = await verifyPage(verificationToken);
      assert.match(elementText(page.text, 'status-verifikasi') ?? '', /DICABUT/, page.text);
      assert.doesNotMatch(elementText(page.text, 'status-verifikasi'), /^SAH\b/);
      assert.ok(page.text.includes(reason) || page.text.includes('DICABUT'));

      const twice = h.cli(db.url, ['letter', 'revoke', '--case', String(id), '--reason', 'lagi']);
      assert.notEqual(twice.status, 0, `revoking twice: ${twice.stdout}`);
      assert.equal((await verifyToken(verificationToken)).body.revoked_reason, reason, 'the first reason stays');

      const { id: unsealed } = await newCase();
      await walkTo(unsealed, 'pengarsipan');
      const early = h.cli(db.url, ['letter', 'revoke', '--case', String(unsealed), '--reason', 'belum terbit']);
      assert.notEqual(early.status, 0, `revoking a letter not sealed: ${early.stdout}`);
      assert.equal(h.cli(db.url, ['letter', 'revoke', '--case', '999999', '--reason', 'tidak ada']).status === 0, false, 'an unknown case');
      // The unsealed letter is still sealed normally afterwards.
      await act(unsealed, 'arsip', 'arsipkan');
      assert.equal((await getPdf(api.base, `/api/v1/cases/${unsealed}/letter.pdf`, token.arsip)).status, 200);
    });

    test('a Plt. Camat in office signs as "Plt. CAMAT CANDI LARAS UTARA"', async () => {
      const { id } = await newCase({ applicant: { name: 'Rudi Hartono Plt' } });
      await walkTo(id, 'penandatanganan');
      assert.ok(actionIds(await getCase(id, 'plt_now')).includes('tandatangani'), 'offered to the Plt.');
      await act(id, 'plt_now', 'tandatangani', { data: { password: h.password } });
      await act(id, 'arsip', 'arsipkan');
      const pdf = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip);
      assert.equal(pdf.status, 200);
      const text = pdfText(pdf.bytes);
      assert.match(text, new RegExp(`^\\s*${k_plt_title.replace('.', '\\.')}\\s*$`, 'm'), text);
      assert.ok(text.includes(k_plt_now.name), text);
      assert.ok(!text.includes(h.users.camat.name), 'not the Camat\'s name');
      const v = await verifyToken(printedToken(text));
      assert.equal(v.status, 200, v.text);
      assert.equal(v.body.signed_role, k_plt_title);
      assert.equal(v.body.signed_by, k_plt_now.name);
      assert.equal(v.body.sha256, sha256(pdf.bytes));
    });

    test('a Plt. Camat whose period ended yesterday is not offered tandatangani and is refused (403)', async () => {
      const { id } = await newCase();
      await walkTo(id, 'penandatanganan');
      const seen = await getCase(id, 'plt_over');
      assert.ok(!actionIds(seen).includes('tandatangani'), `offered: ${JSON.stringify(seen.actions)}`);
      const before = await getCase(id);
      const r = await api.act(id, token.plt_over, 'tandatangani', { data: { password: h.password } });
      assertJsonError(r, 403, 'Plt. out of office');
      await assertUnchanged(id, before, 'Plt. out of office');
      assertJsonError(await api.get(`/api/v1/cases/${id}/letter.pdf`, token.arsip), 409, 'nothing signed');
    });

    test('a Plt. period covers its first and its last day (WITA), and not the day before it starts', async () => {
      for (const [who, user] of [['plt_from_today', k_plt_from_today], ['plt_until_today', k_plt_until_today]]) {
        const { id } = await newCase();
        await walkTo(id, 'penandatanganan');
        assert.ok(actionIds(await getCase(id, who)).includes('tandatangani'), `${who} is offered tandatangani`);
        const r = await api.act(id, token[who], 'tandatangani', { data: { password: h.password } });
        assert.equal(r.status, 200, `${who} signs on ${h.witaDate()}: ${r.text}`);
        await act(id, 'arsip', 'arsipkan');
        const text = pdfText((await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip)).bytes);
        assert.ok(text.includes(k_plt_title) && text.includes(user.name), `${who}: ${text}`);
      }
      const { id } = await newCase();
      await walkTo(id, 'penandatanganan');
      assert.ok(!actionIds(await getCase(id, 'plt_tomorrow')).includes('tandatangani'), 'not offered before the period');
      const before = await getCase(id);
      assertJsonError(await api.act(id, token.plt_tomorrow, 'tandatangani', { data: { password: h.password } }), 403, 'Plt. from tomorrow');
      await assertUnchanged(id, before, 'Plt. from tomorrow');
    });

    test('after the signer changes the password, the new one signs, the old one does not, and older letters still verify', async () => {
      const first = await newCase();
      await walkTo(first.id, 'penandatanganan');
      await act(first.id, 'changing', 'tandatangani', { data: { password: h.password } });
      await act(first.id, 'arsip', 'arsipkan');
      const firstPdf = (await getPdf(api.base, `/api/v1/cases/${first.id}/letter.pdf`, token.arsip)).bytes;

      const newPassword = 'sandi-baru-camat-456';
      const changed = await api.post('/api/v1/me/password', { current: h.password, new: newPassword }, token.changing);
      assert.equal(changed.status, 204, changed.text);
      const second = await newCase();
      await walkTo(second.id, 'penandatanganan');
      const before = await getCase(second.id);
      assertJsonError(await api.act(second.id, token.changing, 'tandatangani', { data: { password: h.password } }), 403, 'the old password');
      await assertUnchanged(second.id, before, 'the old password');
      await act(second.id, 'changing', 'tandatangani', { data: { password: newPassword } });
      await act(second.id, 'arsip', 'arsipkan');
      const secondPdf = (await getPdf(api.base, `/api/v1/cases/${second.id}/letter.pdf`, token.arsip)).bytes;
      for (const [what, bytes] of [['before the change', firstPdf], ['after the change', secondPdf]]) {
        const v = await verifyPdf(bytes);
        assert.equal(v.status, 200, `${what}: ${v.text}`);
        assert.equal(v.body.valid, true, what);
        assert.equal(v.body.signed_by, k_changing.name, what);
      }
      assert.ok(!(await api.get(`/api/v1/cases/${second.id}`, token.kasi)).text.includes(newPassword));
    });

    test('sent back by the Camat and signed on the second pass: one letter, one verification address', async () => {
      const { id, application } = await newCase({ applicant: { name: 'Fitriani Dua Kali' } });
      await walkTo(id, 'penandatanganan');
      // A wrong password first, then the correction.
      assertJsonError(await api.act(id, token.camat, 'tandatangani', { data: { password: 'keliru-lagi' } }), 403, 'wrong password');
      let c = await act(id, 'camat', 'perbaiki', { note: 'Pekerjaan belum sesuai KK.' });
      assert.equal(c.state, 'perekaman');
      assertJsonError(await api.get(`/api/v1/cases/${id}/letter.pdf`, token.arsip), 409, 'sent back');
      await walkTo(id, 'penandatanganan');
      c = await act(id, 'camat', 'tandatangani', { data: { password: h.password } });
      assert.equal(c.state, 'pengarsipan');
      c = await act(id, 'arsip', 'arsipkan');
      c = await getCase(id);
      assert.deepEqual(c.history.map((e) => e.action).slice(2), ['terima', 'rekam', 'paraf', 'perbaiki', 'rekam', 'paraf', 'tandatangani', 'arsipkan']);
      assert.equal(c.history.filter((e) => e.data?.sha256_surat).length, 2, 'one signing, one sealing');
      const pdf = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip);
      const text = pdfText(pdf.bytes);
      const tokens = [...text.matchAll(/\/verifikasi\/(\S+)/g)].map((m) => m[1]);
      assert.equal(new Set(tokens).size, 1, `one verification address: ${tokens}`);
      const codes = qrCodes(pdf.bytes).filter((code) => code.includes('/verifikasi/'));
      assert.deepEqual(codes, [`http://sopir.test/verifikasi/${tokens[0]}`]);
      const v = await verifyToken(tokens[0]);
      assert.equal(v.status, 200, v.text);
      assert.equal(v.body.valid, true);
      assert.equal(v.body.letter_number, c.letter_number);
      assert.equal(v.body.name, application.applicant.name);
      assert.equal(v.body.sha256, sha256(pdf.bytes));
    });

    test('an office with a Disdukcapil WhatsApp number prints its wa.me QR code beside the verification code', async () => {
      // Its own database: the harness's office has no WhatsApp number.
      const other = h.freshDatabase(backend);
      let there;
      try {
        let r = h.cli(other.url, ['office', 'add', '--code', h.officeCode, '--whatsapp', '081351234567']);
        assert.equal(r.status, 0, r.stderr);
        for (const user of Object.values(h.users)) {
          r = h.cli(other.url, ['user', 'add', '--office', h.officeCode, '--username', user.username, '--name', user.name, '--role', user.role, '--password-stdin'], `${h.password}\n`);
          assert.equal(r.status, 0, r.stderr);
        }
        there = await h.startServer(other.url);
        const client = h.client(there.base);
        const t = {};
        for (const [key, user] of Object.entries(h.users)) t[key] = await client.signIn(user.username);
        const created = await client.post('/api/v1/cases', h.application(), t.pelayanan);
        assert.equal(created.status, 201, created.text);
        const id = created.body.id;
        for (const [who, action, extra] of Object.values(k_forward).slice(0, 5)) {
          const step = await client.act(id, t[who], action, extra);
          assert.equal(step.status, 200, `${action}: ${step.text}`);
        }
        const pdf = await getPdf(there.base, `/api/v1/cases/${id}/letter.pdf`, t.arsip);
        assert.equal(pdf.status, 200);
        const codes = qrCodes(pdf.bytes);
        const verificationUrl = `http://sopir.test/verifikasi/${printedToken(pdfText(pdf.bytes))}`;
        assert.deepEqual([...codes].sort(), ['https://wa.me/6281351234567', verificationUrl].sort(), `QR codes: ${codes}`);
      } finally {
        if (there) await there.stop();
        other.drop();
      }
    });

    test('the office logo prints in the kop; a sealed letter keeps the logo it was signed with', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sopir-logo-'));
      try {
        const { id } = await newCase();
        const receipt = await getPdf(api.base, `/api/v1/cases/${id}/receipt.pdf`, token.pelayanan);
        assert.equal(receipt.status, 200);
        assert.deepEqual(pdfImages(receipt.bytes), [], 'no logo yet');
        const notPng = path.join(dir, 'logo.png');
        writeFileSync(notPng, 'bukan gambar');
        assert.notEqual(h.cli(db.url, ['office', 'logo', '--code', h.officeCode, notPng]).status, 0, 'a file that is not a PNG is refused');

        const first = pngOfSize(receipt.bytes, 100, 120, dir);
        let r = h.cli(db.url, ['office', 'logo', '--code', h.officeCode, first]);
        assert.equal(r.status, 0, r.stderr);
        await walkTo(id, 'pengarsipan');
        // The office changes its logo after the Camat signed.
        r = h.cli(db.url, ['office', 'logo', '--code', h.officeCode, pngOfSize(receipt.bytes, 90, 90, dir)]);
        assert.equal(r.status, 0, r.stderr);
        await walkTo(id, 'penyerahan');
        const letter = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip);
        assert.equal(letter.status, 200);
        assert.deepEqual(pdfImages(letter.bytes).map((i) => [i.page, i.width, i.height]), [[1, 100, 120]], 'the logo signed with');
        // Printouts made now show the new logo.
        const later = await getPdf(api.base, `/api/v1/cases/${id}/receipt.pdf`, token.pelayanan);
        assert.deepEqual(pdfImages(later.bytes).map((i) => [i.width, i.height]), [[90, 90]]);
        const verdict = await verifyPdf(letter.bytes);
        assert.equal(verdict.body?.valid, true, verdict.text);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('the audit chain verifies after all this', () => {
      const r = h.cli(db.url, ['audit', 'verify']);
      assert.equal(r.status, 0, `audit verify: ${r.stdout}\n${r.stderr}`);
      assert.ok(verifications < 30, `the tests above stay under the verification limit (${verifications})`);
      // Nor does any signing password reach the server's log.
      assert.ok(!server.stderr().includes(h.password), 'the password in the server\'s log');
    });

    // Last: it spends the verification limit of 127.0.0.1 on its own server.
    test('30 verifications a minute per address, page and API together, then 429 with Retry-After', async () => {
      const { id } = await newCase();
      await walkTo(id, 'penyerahan');
      const pdf = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip);
      const verificationToken = printedToken(pdfText(pdf.bytes));
      const fresh = await h.startServer(db.url);
      try {
        const there = h.client(fresh.base);
        for (let i = 0; i < 15; ++i) {
          const r = await there.get(`/api/v1/verify/${verificationToken}`);
          assert.equal(r.status, 200, `API verification ${i + 1}: ${r.text}`);
        }
        for (let i = 0; i < 14; ++i) {
          const r = await getPage(fresh.base, `/verifikasi/${verificationToken}`);
          assert.equal(r.status, 200, `page verification ${i + 1}`);
        }
        const last = await postPdf(fresh.base, pdf.bytes);
        assert.equal(last.status, 200, `verification 30 (upload): ${last.text}`);

        const api429 = await there.get(`/api/v1/verify/${verificationToken}`);
        assertJsonError(api429, 429, 'API verification 31');
        assert.ok(Number(api429.headers.get('retry-after')) > 0, 'Retry-After on the API');
        assert.equal(api429.body.valid, undefined, 'no verdict given');
        const page429 = await getPage(fresh.base, `/verifikasi/${verificationToken}`);
        assert.equal(page429.status, 429);
        assert.ok(Number(page429.headers.get('retry-after')) > 0, 'Retry-After on the page');
        assert.equal(elementText(page429.text, 'status-verifikasi'), null);
        assert.equal((await postPdf(fresh.base, pdf.bytes)).status, 429, 'upload too');
        assert.equal((await postPdfForm(fresh.base, pdf.bytes)).status, 429, 'upload form too');
        // Staff work is not limited.
        assert.equal((await there.get(`/api/v1/cases/${id}`, token.kasi)).status, 200);
      } finally {
        const exit = await fresh.stop();
        assert.deepEqual(exit, { code: 0, signal: null }, fresh.stderr());
      }
    });
  });
}
