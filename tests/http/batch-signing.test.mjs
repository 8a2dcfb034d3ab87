// Letters by the batch and the letter in view, through the real `sopir
// serve` on SQLite and on PostgreSQL: POST /api/v1/signatures (one password
// for the whole batch) and POST /api/v1/initials answer one outcome per
// case; a wrong password signs nothing; the pages /tandatangan and /paraf;
// the draft letter (KONSEP, no number, nothing that verifies) on the case
// page at paraf and at signing, for whoever may see the case.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

// A second office of the kabupaten, with its own people for each step.
const k_other = '63.05.07';
const k_other_village = '63.05.07.2011';
const k_other_users = {
  pelayanan_bkr: 'petugas_pelayanan',
  operator_bkr: 'operator_ektp',
  kasi_bkr: 'kasi_pemerintahan',
  camat_bkr: 'camat',
};

const k_png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function withTempDir(work) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-batch-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pdfText(bytes) {
  return withTempDir((dir) => {
    writeFileSync(path.join(dir, 'konsep.pdf'), bytes);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'konsep.pdf'), '-'], { encoding: 'utf8' });
  });
}

// The QR codes of a PNG picture, as zbarimg reads them.
function qrCodesOfPng(bytes) {
  return withTempDir((dir) => {
    writeFileSync(path.join(dir, 'konsep.png'), bytes);
    try {
      return execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, 'konsep.png')], { encoding: 'utf8' }).split('\n').filter(Boolean);
    } catch (e) {
      if (e.status !== 4) throw e; // 4: no code found.
      return [];
    }
  });
}

for (const backend of h.backends()) {
  describe(`batch signing and the draft letter (${backend.name})`, { skip: backend.skip }, () => {
    const ctx = h.useSeededServer(backend, {
      prepare: (db) => {
        h.cli(db, ['office', 'add', '--code', k_other]);
        for (const [username, role] of Object.entries(k_other_users)) {
          const r = h.cli(db, ['user', 'add', '--office', k_other, '--username', username, '--name', `Petugas ${username}`, '--role', role, '--password-stdin'], `${h.password}\n`);
          assert.equal(r.status, 0, r.stderr);
        }
      },
    });
    const other = {};

    async function signInOthers() {
      for (const username of Object.keys(k_other_users))
        if (!other[username]) other[username] = await ctx.api.signIn(username);
    }

    async function newCase(token = ctx.token.pelayanan, overrides = {}) {
      const r = await ctx.api.post('/api/v1/cases', h.application(overrides), token);
      assert.equal(r.status, 201, r.text);
      return r.body.id;
    }

    async function act(id, token, action, extra = {}) {
      const r = await ctx.api.act(id, token, action, extra);
      assert.equal(r.status, 200, `${action}: ${r.status} ${r.text}`);
      return r.body;
    }

    async function getCase(id, token = ctx.token.kasi) {
      const r = await ctx.api.get(`/api/v1/cases/${id}`, token);
      assert.equal(r.status, 200, r.text);
      return r.body;
    }

    // Our office's case walked to `state` through the JSON API.
    async function ownCaseAt(state) {
      const id = await newCase();
      const steps = [
        ['verifikasi', ctx.token.pelayanan, 'terima', {}],
        ['perekaman', ctx.token.operator, 'rekam', {}],
        ['pemeriksaan', ctx.token.kasi, 'paraf', {}],
        ['penandatanganan', ctx.token.camat, 'tandatangani', { data: { password: h.password } }],
      ];
      for (const [at, token, action, extra] of steps) {
        if (at === state) break;
        await act(id, token, action, extra);
      }
      assert.equal((await getCase(id)).state, state);
      return id;
    }

    // The other office's case at `state` (pemeriksaan or penandatanganan).
    async function otherCaseAt(state) {
      await signInOthers();
      const id = await newCase(other.pelayanan_bkr, { applicant: { village_code: k_other_village } });
      await act(id, other.pelayanan_bkr, 'terima');
      await act(id, other.operator_bkr, 'rekam');
      if (state === 'penandatanganan') await act(id, other.kasi_bkr, 'paraf');
      assert.equal((await getCase(id, other.kasi_bkr)).state, state);
      return id;
    }

    const byCase = (body) => Object.fromEntries(body.results.map((r) => [r.case, r]));

    test('signatures: a mixed batch answers one outcome per case, in order, and signs only what it may', async () => {
      const signed = await ownCaseAt('pengarsipan'); // signed already, one at a time
      const fine = await ownCaseAt('penandatanganan');
      const elsewhere = await otherCaseAt('penandatanganan');
      const early = await ownCaseAt('pemeriksaan');
      const absent = 987654;
      const r = await ctx.api.post('/api/v1/signatures', { cases: [signed, elsewhere, fine, early, absent, fine], password: h.password }, ctx.token.camat);
      assert.equal(r.status, 200, r.text);
      // A case named twice is answered once.
      assert.deepEqual(r.body.results.map((x) => x.case), [signed, elsewhere, fine, early, absent]);
      assert.equal(r.body.done, 1);
      assert.equal(r.body.refused, 4);
      const out = byCase(r.body);
      assert.equal(out[fine].done, true);
      assert.equal(out[fine].code, 'signed');
      assert.equal(out[fine].state, 'pengarsipan');
      assert.equal(out[signed].done, false);
      assert.equal(out[signed].code, 'letter.already_signed');
      assert.match(out[signed].message, /sudah ditandatangani/);
      // Another office's case is as absent as one that does not exist.
      assert.equal(out[elsewhere].code, 'case.not_found');
      assert.equal(out[elsewhere].state, null);
      assert.equal(out[absent].code, 'case.not_found');
      assert.equal(out[early].code, 'case.not_at_step');
      assert.match(out[early].message, /bukan tahap penandatanganan/);

      // Each letter signed is its own action, by the Camat, in the history.
      const after = await getCase(fine);
      const last = after.history.at(-1);
      assert.equal(last.action, 'tandatangani');
      assert.equal(last.actor, h.users.camat.name);
      assert.equal((await getCase(elsewhere, other.kasi_bkr)).state, 'penandatanganan');
      assert.equal((await getCase(early)).state, 'pemeriksaan');

      // The other office's own Camat signs its letter in a batch of its own.
      const theirs = await ctx.api.post('/api/v1/signatures', { cases: [elsewhere, fine], password: h.password }, other.camat_bkr);
      assert.equal(theirs.status, 200, theirs.text);
      assert.deepEqual(theirs.body.results.map((x) => [x.case, x.code]), [[elsewhere, 'signed'], [fine, 'case.not_found']]);
    });

    test('signatures: every letter of a batch gets its own signature, and each seals and verifies', async () => {
      const ids = [await ownCaseAt('penandatanganan'), await ownCaseAt('penandatanganan'), await ownCaseAt('penandatanganan')];
      const r = await ctx.api.post('/api/v1/signatures', { cases: ids, password: h.password }, ctx.token.camat);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.results.map((x) => x.code), ['signed', 'signed', 'signed']);
      const tokens = new Set();
      for (const id of ids) {
        await act(id, ctx.token.arsip, 'arsipkan');
        const letter = await fetch(`${ctx.api.base}/api/v1/cases/${id}/letter.pdf`, { headers: { authorization: `Bearer ${ctx.token.arsip}` } });
        assert.equal(letter.status, 200);
        const text = pdfText(Buffer.from(await letter.arrayBuffer()));
        const token = text.match(/\/verifikasi\/([A-Za-z0-9_-]{22})/)?.[1];
        assert.ok(token, text);
        tokens.add(token);
        const verdict = await ctx.api.get(`/api/v1/verify/${token}`);
        assert.equal(verdict.status, 200, verdict.text);
        assert.equal(verdict.body.valid, true, verdict.text);
        assert.equal(verdict.body.signed_by, h.users.camat.name);
      }
      assert.equal(tokens.size, ids.length, 'each letter its own address');
      // The audit chains hold every action.
      const audit = h.cli(ctx.db.url, ['audit', 'verify']);
      assert.equal(audit.status, 0, audit.stdout + audit.stderr);
    });

    test('signatures: a wrong password refuses the whole batch and signs nothing; a missing one is 422', async () => {
      const ids = [await ownCaseAt('penandatanganan'), await ownCaseAt('penandatanganan')];
      const wrong = await ctx.api.post('/api/v1/signatures', { cases: ids, password: 'bukan-kata-sandinya' }, ctx.token.camat);
      assert.equal(wrong.status, 403, wrong.text);
      assert.equal(wrong.body.errors[0].field, 'password');
      assert.match(wrong.body.error.message, /tidak ada surat yang ditandatangani/);
      for (const id of ids) {
        const c = await getCase(id);
        assert.equal(c.state, 'penandatanganan');
        assert.ok(!c.history.some((e) => e.action === 'tandatangani'));
      }
      const missing = await ctx.api.post('/api/v1/signatures', { cases: ids }, ctx.token.camat);
      assert.equal(missing.status, 422, missing.text);
      assert.equal(missing.body.errors[0].field, 'password');
      for (const id of ids) assert.equal((await getCase(id)).state, 'penandatanganan');
    });

    test('a batch checks the password once: four wrong batches of five count four failures, not twenty', async () => {
      // Five failures through one session or token hold its signing back
      // (auth's max_signing_failures); a check per letter would have
      // reached them in the first batch.
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await ownCaseAt('penandatanganan'));
      const fresh = await ctx.api.signIn(h.users.camat.username);
      for (let round = 0; round < 4; round++) {
        const wrong = await ctx.api.post('/api/v1/signatures', { cases: ids, password: `salah-${round}-kata-sandi` }, fresh);
        assert.equal(wrong.status, 403, `round ${round}: ${wrong.text}`);
      }
      const right = await ctx.api.post('/api/v1/signatures', { cases: ids, password: h.password }, fresh);
      assert.equal(right.status, 200, right.text);
      assert.deepEqual(right.body.results.map((x) => x.code), ids.map(() => 'signed'));
    });

    test('signatures and initials refuse a bad list, and roles that take no part', async () => {
      const empty = await ctx.api.post('/api/v1/signatures', { cases: [], password: h.password }, ctx.token.camat);
      assert.equal(empty.status, 422);
      assert.equal(empty.body.errors[0].field, 'cases');
      const tooMany = await ctx.api.post('/api/v1/initials', { cases: Array.from({ length: 51 }, (_, i) => i + 1) }, ctx.token.kasi);
      assert.equal(tooMany.status, 422);
      assert.equal(tooMany.body.errors[0].field, 'cases');
      assert.match(tooMany.body.errors[0].message, /Paling banyak 50/);
      const texts = await ctx.api.post('/api/v1/initials', { cases: ['1'] }, ctx.token.kasi);
      assert.equal(texts.status, 422);
      assert.equal(texts.body.errors[0].code, 'json.type');
      const array = await ctx.api.request('POST', '/api/v1/initials', { token: ctx.token.kasi, body: '[1]', raw: true });
      assert.equal(array.status, 400);
      // The operator signs and initials nothing; the Kasi signs nothing.
      assert.equal((await ctx.api.post('/api/v1/signatures', { cases: [1], password: h.password }, ctx.token.operator)).status, 403);
      assert.equal((await ctx.api.post('/api/v1/signatures', { cases: [1], password: h.password }, ctx.token.kasi)).status, 403);
      assert.equal((await ctx.api.post('/api/v1/initials', { cases: [1] }, ctx.token.camat)).status, 403);
      assert.equal((await ctx.api.post('/api/v1/initials', { cases: [1] })).status, 401);
    });

    test('initials: a mixed batch answers one outcome per case', async () => {
      const fine = await ownCaseAt('pemeriksaan');
      const done = await ownCaseAt('penandatanganan');
      const elsewhere = await otherCaseAt('pemeriksaan');
      const early = await ownCaseAt('perekaman');
      const r = await ctx.api.post('/api/v1/initials', { cases: [fine, done, elsewhere, early] }, ctx.token.kasi);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.results.map((x) => [x.case, x.done, x.code]), [
        [fine, true, 'initialled'],
        [done, false, 'letter.already_initialled'],
        [elsewhere, false, 'case.not_found'],
        [early, false, 'case.not_at_step'],
      ]);
      const after = await getCase(fine);
      assert.equal(after.state, 'penandatanganan');
      assert.equal(after.history.at(-1).action, 'paraf');
      assert.equal((await getCase(elsewhere, other.kasi_bkr)).state, 'pemeriksaan');
      // A password is for signatures only.
      const withPassword = await ctx.api.post('/api/v1/initials', { cases: [early], password: h.password }, ctx.token.kasi);
      assert.equal(withPassword.status, 422);
    });

    test('the batch endpoints take the session cookie with its CSRF token, like every API write', async () => {
      const id = await ownCaseAt('pemeriksaan');
      const browser = await h.staffBrowser(ctx.api.base, h.users.kasi.username);
      const me = await fetch(`${ctx.api.base}/api/v1/me`, { headers: { cookie: browser.cookie } });
      const csrf = (await me.json()).csrf_token;
      assert.ok(csrf);
      const post = (headers) => fetch(`${ctx.api.base}/api/v1/initials`, {
        method: 'POST', headers: { cookie: browser.cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ cases: [id] }),
      });
      const without = await post({});
      assert.equal(without.status, 403);
      assert.equal((await without.json()).error.code, 'csrf.token');
      assert.equal((await getCase(id)).state, 'pemeriksaan');
      const withToken = await post({ 'x-csrf-token': csrf });
      assert.equal(withToken.status, 200);
      assert.equal((await withToken.json()).results[0].code, 'initialled');
    });

    test('the case page shows the draft letter at paraf and at signing, beside the buttons', async () => {
      const atParaf = await ownCaseAt('pemeriksaan');
      const kasi = await h.staffBrowser(ctx.api.base, h.users.kasi.username);
      let page = await kasi.get(`/permohonan/${atParaf}`);
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(`<img src="/permohonan/${atParaf}/konsep.png"`));
      assert.match(page.text, /id="aksi-paraf"/);
      const png = await kasi.get(`/permohonan/${atParaf}/konsep.png`);
      assert.equal(png.status, 200);
      assert.equal(png.headers.get('content-type'), 'image/png');
      const pngBytes = Buffer.from(await (await fetch(`${ctx.api.base}/permohonan/${atParaf}/konsep.png`, { headers: { cookie: kasi.cookie } })).arrayBuffer());
      assert.ok(pngBytes.subarray(0, 8).equals(k_png), 'a PNG');
      assert.ok(pngBytes.length > 20_000, `a page, not an empty picture (${pngBytes.length} bytes)`);
      // No QR code of it verifies anything (the WhatsApp code is not one).
      assert.ok(!qrCodesOfPng(pngBytes).some((c) => c.includes('/verifikasi')));

      const pdf = await fetch(`${ctx.api.base}/permohonan/${atParaf}/konsep.pdf`, { headers: { cookie: kasi.cookie } });
      assert.equal(pdf.status, 200);
      const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
      assert.match(text, /KONSEP/);
      assert.match(text, /AHMAD FAUZI|Ahmad Fauzi/);
      assert.match(text, /Nomor: \.{10}/);
      assert.doesNotMatch(text, /verifikasi/);
      assert.match(text, /CAMAT CANDI LARAS UTARA/);

      // At signing the Camat sees the letter signed by them, with the paraf.
      await act(atParaf, ctx.token.kasi, 'paraf');
      const camat = await h.staffBrowser(ctx.api.base, h.users.camat.username);
      page = await camat.get(`/permohonan/${atParaf}`);
      assert.match(page.text, new RegExp(`<img src="/permohonan/${atParaf}/konsep.png"`));
      assert.match(page.text, /id="aksi-tandatangani"/);
      const signing = await fetch(`${ctx.api.base}/permohonan/${atParaf}/konsep.pdf`, { headers: { cookie: camat.cookie } });
      const signingText = pdfText(Buffer.from(await signing.arrayBuffer()));
      assert.match(signingText, /KONSEP/);
      assert.match(signingText, new RegExp(h.users.camat.name));

      // Before paraf there is nothing to show, and nothing to fetch.
      const early = await ownCaseAt('perekaman');
      page = await kasi.get(`/permohonan/${early}`);
      assert.doesNotMatch(page.text, /konsep\.png/);
      assert.equal((await kasi.get(`/permohonan/${early}/konsep.pdf`)).status, 409);
      // Whoever may not see the case may not see its draft.
      await signInOthers();
      const stranger = await h.staffBrowser(ctx.api.base, 'kasi_bkr');
      assert.equal((await stranger.get(`/permohonan/${atParaf}/konsep.png`)).status, 404);
      assert.equal((await fetch(`${ctx.api.base}/permohonan/${atParaf}/konsep.png`, { redirect: 'manual' })).status, 303);
    });

    test('Legalisasi Surat issues marks, not a letter: its draft is the sheet of marks, marked KONSEP', async () => {
      const nik = '6305061505007901';
      const created = await ctx.api.post('/api/v1/cases', {
        service: 'legalisasi-surat',
        applicant: { nik, kk: '6305062001150003', name: 'Rusdiansyah', birth_place: 'Margasari', birth_date: '2000-05-15', sex: 'L',
          address: 'Jl. Lintas Margasari No. 9', rt: '003', rw: '001', village_code: '63.05.06.2004' },
        dokumen: { jenis: 'surat_keterangan_ahli_waris', nomor: '470/9/MH/2026', tanggal: h.witaDate(-20), penerbit: 'desa',
          desa_penerbit: '63.05.06.2004', halaman: '2' },
        permohonan: { jumlah_salinan: '3', keperluan: 'Pengurusan balik nama sertifikat' },
        documents: { dokumen_asli: { number: '470/9/MH/2026' }, ktp: { number: nik } },
      }, ctx.token.pelayanan);
      assert.equal(created.status, 201, created.text);
      const id = created.body.id;
      await act(id, ctx.token.pelayanan, 'terima', { data: { kelengkapan: ['dokumen_asli', 'fotokopi', 'ktp'], salinan_sesuai: true } });
      await act(id, ctx.token.arsip, 'siapkan');
      const kasi = await h.staffBrowser(ctx.api.base, h.users.kasi.username);
      const page = await kasi.get(`/permohonan/${id}`);
      assert.match(page.text, new RegExp(`<img src="/permohonan/${id}/konsep.png"`));
      const pdf = await fetch(`${ctx.api.base}/permohonan/${id}/konsep.pdf`, { headers: { cookie: kasi.cookie } });
      assert.equal(pdf.status, 200);
      const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, ' ');
      assert.match(text, /KONSEP/);
      assert.match(text, /TELAH DILEGALISIR SESUAI DENGAN ASLINYA/);
      assert.match(text, /Salinan ke-3 dari 3/);
      assert.doesNotMatch(text, /verifikasi/);
      const png = Buffer.from(await (await fetch(`${ctx.api.base}/permohonan/${id}/konsep.png`, { headers: { cookie: kasi.cookie } })).arrayBuffer());
      assert.ok(png.subarray(0, 8).equals(k_png));
      assert.deepEqual(qrCodesOfPng(png), [], 'no mark of a draft carries a code');
      // Its paraf goes by the batch like a letter's.
      const r = await ctx.api.post('/api/v1/initials', { cases: [id] }, ctx.token.kasi);
      assert.equal(r.body.results[0].code, 'initialled');
    });

    test('/tandatangan lists the letters awaiting the Camat and signs the ticked ones with one password', async () => {
      const first = await ownCaseAt('penandatanganan');
      const second = await ownCaseAt('penandatanganan');
      const left = await ownCaseAt('penandatanganan');
      const camat = await h.staffBrowser(ctx.api.base, h.users.camat.username);
      const list = await camat.get('/tandatangan');
      assert.equal(list.status, 200);
      for (const id of [first, second, left]) {
        assert.match(list.text, new RegExp(`name="cases" value="${id}"`));
        assert.match(list.text, new RegExp(`href="/permohonan/${id}"`));
      }
      assert.match(list.text, /id="pilih-semua"/);
      assert.match(list.text, /href="\/tandatangan"/, 'the navigation links the page');
      const post = (fields) => fetch(`${ctx.api.base}/tandatangan`, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: camat.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([['csrf', camat.csrf], ...fields]).toString(),
      });
      const wrong = await post([['cases', String(first)], ['password', 'salah-sekali-123']]);
      assert.equal(wrong.status, 403);
      const wrongText = await wrong.text();
      assert.match(wrongText, /tidak ada surat yang ditandatangani/);
      assert.match(wrongText, new RegExp(`value="${first}"[^>]*checked`), 'the ticked letter stays ticked');
      assert.equal((await getCase(first)).state, 'penandatanganan');

      const done = await post([['cases', String(first)], ['cases', String(second)], ['password', h.password]]);
      assert.equal(done.status, 200);
      const html = await done.text();
      assert.match(html, /2 dari 2 surat ditandatangani/);
      assert.match(html, new RegExp(`data-hasil="signed" data-permohonan="${first}"`));
      assert.match(html, new RegExp(`data-hasil="signed" data-permohonan="${second}"`));
      assert.doesNotMatch(html, new RegExp(`name="cases" value="${first}"`), 'signed letters leave the list');
      assert.match(html, new RegExp(`name="cases" value="${left}"`));
      assert.equal((await getCase(first)).state, 'pengarsipan');
      assert.equal((await getCase(left)).state, 'penandatanganan');

      // The Kasi's page is /paraf; the Kasi has no signing page.
      const kasi = await h.staffBrowser(ctx.api.base, h.users.kasi.username);
      assert.equal((await kasi.get('/tandatangan')).status, 403);
      const atParaf = await ownCaseAt('pemeriksaan');
      const paraf = await kasi.get('/paraf');
      assert.equal(paraf.status, 200);
      assert.match(paraf.text, new RegExp(`name="cases" value="${atParaf}"`));
      assert.doesNotMatch(paraf.text, /name="password"/);
      const initialled = await fetch(`${ctx.api.base}/paraf`, {
        method: 'POST', headers: { cookie: kasi.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([['csrf', kasi.csrf], ['cases', String(atParaf)]]).toString(),
      });
      assert.equal(initialled.status, 200);
      assert.match(await initialled.text(), new RegExp(`data-hasil="initialled" data-permohonan="${atParaf}"`));
      assert.equal((await getCase(atParaf)).state, 'penandatanganan');
      // Without the form's token nothing is done.
      const forged = await fetch(`${ctx.api.base}/tandatangan`, {
        method: 'POST', headers: { cookie: camat.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([['cases', String(left)], ['password', h.password]]).toString(),
      });
      assert.equal(forged.status, 403);
      assert.equal((await getCase(left)).state, 'penandatanganan');
    });
  });
}
