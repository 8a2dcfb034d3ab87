// Legalisasi Surat (sops/legalisasi-surat.toml) through the real `sopir
// serve`, on SQLite and on PostgreSQL: a case walked through every step to
// its end, with a return to the applicant on the way; the marks printed one
// a page at a chosen corner and as a sheet of labels, each copy's mark text
// and number read back with pdftotext; a mark's QR verification address
// naming the document legalised and the copy; and the number of copies
// refused outside 1–20 with nothing stored.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

const k_service = 'legalisasi-surat';
const k_mark_text = 'TELAH DILEGALISIR SESUAI DENGAN ASLINYA';
const k_months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function indonesianDate(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${k_months[month - 1]} ${year}`;
}

function withTempPdf(bytes, work) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-tanda-'));
  try {
    const file = path.join(dir, 'tanda.pdf');
    writeFileSync(file, bytes);
    return work(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The text of each page (pdftotext separates pages by form feeds).
const pdfPages = (bytes) => withTempPdf(bytes, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }))
  .split('\f').slice(0, -1);
const pageCount = (bytes) => Number(withTempPdf(bytes, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' })).match(/Pages:\s+(\d+)/)[1]);

// The QR codes zbarimg reads on page `page` at 150 dpi.
function qrCodes(bytes, page) {
  return withTempPdf(bytes, (file, dir) => {
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', String(page), '-l', String(page), file, path.join(dir, 'halaman')]);
    const png = readdirSync(dir).find((f) => f.endsWith('.png'));
    try {
      return execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)], { encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
    } catch (e) {
      if (e.status === 4) return [];
      throw e;
    }
  });
}

async function getPdf(base, url, token) {
  const response = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  let body;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    body = undefined;
  }
  return { status: response.status, type: response.headers.get('content-type'), bytes, body };
}

function cookieOf(headers, name) {
  for (const line of headers.getSetCookie?.() ?? []) {
    const found = line.match(new RegExp(`^${name}=([^;]*)`));
    if (found) return found[1];
  }
  return undefined;
}

// The staff's sign-in form as a browser fills it: the session cookie.
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
  return `sopir_sesi=${cookieOf(posted.headers, 'sopir_sesi')}`;
}

let serial = 0;

// A valid application to legalise copies of a desa's letter.
function legalisasi(overrides = {}) {
  serial += 1;
  const nik = `630506150500${String(7000 + serial).padStart(4, '0')}`;
  const kk = '6305062001150003';
  const nomor = `470/${serial}/MH/2026`;
  return {
    service: k_service,
    applicant: {
      nik, kk, name: 'Rusdiansyah', birth_place: 'Margasari', birth_date: '2000-05-15', sex: 'L',
      address: 'Jl. Lintas Margasari No. 9', rt: '003', rw: '001', village_code: '63.05.06.2004',
      ...(overrides.applicant ?? {}),
    },
    dokumen: {
      jenis: 'surat_keterangan_ahli_waris', nomor, tanggal: h.witaDate(-20), penerbit: 'desa',
      desa_penerbit: '63.05.06.2004', halaman: '2', ...(overrides.dokumen ?? {}),
    },
    permohonan: { jumlah_salinan: '3', keperluan: 'Pengurusan balik nama sertifikat', ...(overrides.permohonan ?? {}) },
    documents: { dokumen_asli: { number: nomor }, ktp: { number: nik } },
  };
}

const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

for (const backend of h.backends()) {
  describe(`Legalisasi Surat on ${backend.name}`, { skip: backend.skip }, () => {
    const context = h.useSeededServer(backend);

    async function act(id, who, action, extra = {}) {
      const r = await context.api.act(id, context.token[who], action, extra);
      assert.equal(r.status, 200, `${action} by ${who}: ${r.status} ${r.text}`);
      return r.body;
    }

    test('a case walks every step to selesai, returned once; its marks print at a corner and on labels, and each QR names the document and the copy', async () => {
      const { api, token } = context;
      // The description tells a client that this service prints marks.
      const description = await api.get(`/api/v1/services/${k_service}`, token.pelayanan);
      assert.deepEqual(description.body.letter, { id: 'tanda_legalisasi', output: 'marks' });
      const application = legalisasi();
      const created = await api.post('/api/v1/cases', application, token.pelayanan);
      assert.equal(created.status, 201, created.text);
      const id = created.body.id;
      // Intake is the applicant's submission (pengajuan, ajukan): the file waits in verifikasi.
      assert.equal(created.body.state, 'verifikasi');

      // The return path: another issuer's document is not the kecamatan's to legalise.
      const returned = await act(id, 'pelayanan', 'kembalikan', { reasons: ['bukan_terbitan_wilayah'] });
      assert.equal(returned.state, 'dikembalikan');
      const slip = await getPdf(api.base, `/api/v1/cases/${id}/return-slip.pdf`, token.pelayanan);
      assert.equal(slip.status, 200, 'the return slip');
      assert.match(pdfPages(slip.bytes).join('\n').replace(/\s+/g, ' '), /Dokumen tidak diterbitkan oleh Kecamatan atau Desa\/Kelurahan di wilayahnya/);
      assert.equal((await act(id, 'pelayanan', 'ajukan_ulang')).state, 'verifikasi');

      assert.equal((await act(id, 'pelayanan', 'terima', { data: { kelengkapan: ['dokumen_asli', 'fotokopi', 'ktp'], salinan_sesuai: true } })).state, 'penyiapan');
      assert.equal((await act(id, 'arsip', 'siapkan')).state, 'pemeriksaan');
      assert.equal((await act(id, 'kasi', 'paraf')).state, 'penandatanganan');
      const early = await getPdf(api.base, `/api/v1/cases/${id}/marks.pdf`, token.arsip);
      assert.equal(early.status, 409, 'no marks before the seal');
      assert.equal(early.body?.error?.code, 'letter.not_sealed');
      assert.equal((await act(id, 'camat', 'tandatangani', { data: { password: h.password } })).state, 'pengarsipan');
      const archived = await act(id, 'arsip', 'arsipkan');
      assert.equal(archived.state, 'penyerahan');
      const number = (await api.get(`/api/v1/cases/${id}`, token.arsip)).body.letter_number;
      assert.ok(number, 'the legalisation number from the Buku Register Legalisasi');

      // One mark a page, at the corner asked for: three copies, three pages.
      const corner = await getPdf(api.base, `/api/v1/cases/${id}/marks.pdf?layout=corner&corner=top-left&paper=F4`, token.arsip);
      assert.equal(corner.status, 200, corner.bytes.toString());
      assert.equal(corner.type, 'application/pdf');
      assert.equal(pageCount(corner.bytes), 3);
      const pages = pdfPages(corner.bytes).map((p) => p.replace(/\s+/g, ' '));
      assert.equal(pages.length, 3);
      pages.forEach((page, i) => {
        assert.ok(page.includes(k_mark_text), `page ${i + 1}: ${page}`);
        assert.ok(page.includes(`Nomor: ${number}`), `page ${i + 1} carries the number: ${page}`);
        assert.ok(page.includes(`Salinan ke-${i + 1} dari 3`), `page ${i + 1} is copy ${i + 1}: ${page}`);
        assert.ok(page.includes('CAMAT CANDI LARAS UTARA'), `page ${i + 1}: the signer's block`);
        assert.ok(page.includes(h.users.camat.name), `page ${i + 1}: the signer's name`);
      });

      // The sheet of labels: every copy on one page (ten fit an A4 sheet).
      const labels = await getPdf(api.base, `/api/v1/cases/${id}/marks.pdf?layout=labels`, token.arsip);
      assert.equal(labels.status, 200);
      assert.equal(pageCount(labels.bytes), 1);
      const sheet = pdfPages(labels.bytes)[0].replace(/\s+/g, ' ');
      for (const copy of [1, 2, 3]) assert.ok(sheet.includes(`Salinan ke-${copy} dari 3`), `label ${copy}: ${sheet}`);
      assert.equal(sheet.split(k_mark_text).length - 1, 3, 'three marks on the sheet');
      assert.equal(sheet.split(`Nomor: ${number}`).length - 1, 3, 'each label carries the number');

      // Sealing froze the sheet of labels as the letter's PDF: it is what
      // letter.pdf gives, and an upload of it verifies.
      const frozen = await getPdf(api.base, `/api/v1/cases/${id}/letter.pdf`, token.arsip);
      assert.equal(frozen.status, 200);
      assert.ok(pdfPages(frozen.bytes)[0].replace(/\s+/g, ' ').includes('Salinan ke-3 dari 3'));
      const uploaded = await fetch(`${api.base}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: frozen.bytes });
      const upload = await uploaded.json();
      assert.equal(uploaded.status, 200);
      assert.equal(upload.valid, true, JSON.stringify(upload));
      assert.equal(upload.letter_number, number);
      assert.equal(upload.copies, 3);
      assert.equal(upload.document.find((d) => d.label === 'Nomor dokumen')?.value, application.dokumen.nomor);

      // A corner that is not one, a layout that is not one: 422 naming it.
      const badCorner = await getPdf(api.base, `/api/v1/cases/${id}/marks.pdf?layout=corner&corner=tengah`, token.arsip);
      assert.equal(badCorner.status, 422);
      assert.ok([badCorner.body?.error?.field, ...(badCorner.body?.errors ?? []).map((e) => e.field)].includes('corner'), badCorner.bytes.toString());
      const badLayout = await getPdf(api.base, `/api/v1/cases/${id}/marks.pdf?layout=pojok`, token.arsip);
      assert.equal(badLayout.status, 422);
      assert.ok([badLayout.body?.error?.field, ...(badLayout.body?.errors ?? []).map((e) => e.field)].includes('layout'), badLayout.bytes.toString());
      // Printing marks is the office's: the applicant may not.
      assert.equal((await getPdf(api.base, `/api/v1/cases/${id}/marks.pdf`, token.pemohon)).status >= 403, true);

      // The case page offers the marks' print form (corner or labels,
      // paper), not a letter; the browser's GET of it gives the PDF.
      const cookie = await browserSignIn(api.base, h.users.arsip.username);
      const casePage = await (await fetch(`${api.base}/permohonan/${id}`, { headers: { cookie } })).text();
      assert.match(casePage, new RegExp(`<form method="get" action="/api/v1/cases/${id}/marks.pdf"[^>]*id="cetak-tanda"`));
      assert.ok(!casePage.includes('id="unduh-surat"'), 'no letter to print');
      const printed = await fetch(`${api.base}/api/v1/cases/${id}/marks.pdf?layout=corner&corner=bottom-left&paper=`, { headers: { cookie } });
      assert.equal(printed.status, 200);
      assert.equal(pageCount(Buffer.from(await printed.arrayBuffer())), 3);

      // The QR code of copy 2 opens copy 2's verification page.
      const codes = qrCodes(corner.bytes, 2);
      assert.equal(codes.length, 1, `one QR on page 2: ${codes}`);
      const found = codes[0].match(/^http:\/\/sopir\.test\/verifikasi\/([A-Za-z0-9_-]+)\/2$/);
      assert.ok(found, `copy 2's own address: ${codes[0]}`);
      assert.ok(pages[1].includes(codes[0]), 'the address is printed under the mark too');
      const verdict = await api.get(`/api/v1/verify/${found[1]}/2`);
      assert.equal(verdict.status, 200, verdict.text);
      assert.equal(verdict.body.valid, true, verdict.text);
      assert.equal(verdict.body.letter_number, number);
      assert.equal(verdict.body.copy, 2);
      assert.equal(verdict.body.copies, 3);
      const document = Object.fromEntries(verdict.body.document.map((d) => [d.label, d.value]));
      assert.deepEqual(document, {
        'Jenis dokumen': 'Surat Keterangan Ahli Waris',
        'Nomor dokumen': application.dokumen.nomor,
        'Tanggal dokumen': indonesianDate(application.dokumen.tanggal),
        Penerbit: 'Pemerintah Desa/Kelurahan Margasari Hilir',
        'Jumlah halaman': '2',
      });
      // No more personal data than a letter's verification: the name and a masked NIK.
      assert.notEqual(verdict.body.nik_masked, application.applicant.nik);
      assert.ok(!verdict.text.includes(application.applicant.nik), 'the full NIK is not shown');
      assert.ok(!verdict.text.includes(application.applicant.kk), 'the KK is not shown');
      assert.ok(!verdict.text.includes(application.applicant.address), 'the address is not shown');

      const page = await fetch(`${api.base}/verifikasi/${found[1]}/2`);
      const html = await page.text();
      assert.equal(page.status, 200);
      for (const text of ['Salinan ke-2 dari 3', 'Surat Keterangan Ahli Waris', application.dokumen.nomor, indonesianDate(application.dokumen.tanggal), 'Pemerintah Desa/Kelurahan Margasari Hilir', 'Jumlah halaman'])
        assert.ok(html.includes(text), `the page names ${text}`);
      assert.ok(!html.includes(application.applicant.nik), 'the page hides the NIK');

      // A copy the case does not have is no copy.
      assert.equal((await api.get(`/api/v1/verify/${found[1]}/4`)).status, 404);
      assert.equal((await api.get(`/api/v1/verify/${found[1]}/0`)).status, 404);

      assert.equal((await act(id, 'arsip', 'serahkan', { data: { received_by: 'Rusdiansyah' } })).state, 'selesai');
      const history = (await api.get(`/api/v1/cases/${id}`, token.kasi)).body.history.map((entry) => `${entry.step}/${entry.action}`);
      assert.deepEqual(history, ['pengajuan/buat', 'pengajuan/ajukan', 'verifikasi/kembalikan', 'dikembalikan/ajukan_ulang', 'verifikasi/terima', 'penyiapan/siapkan',
        'pemeriksaan/paraf', 'penandatanganan/tandatangani', 'pengarsipan/arsipkan', 'penyerahan/serahkan']);
    });

    test('0 and 21 copies to legalise are 422 naming permohonan.jumlah_salinan, and nothing is stored', async () => {
      const { api, token } = context;
      for (const copies of ['0', '21']) {
        const before = total(await h.caseCounts(api));
        const r = await api.post('/api/v1/cases', legalisasi({ permohonan: { jumlah_salinan: copies } }), token.pelayanan);
        assert.equal(r.status, 422, `${copies} copies: ${r.text}`);
        const fields = [...(r.body?.errors ?? []).map((e) => e.field), r.body?.error?.field].filter(Boolean);
        assert.ok(fields.includes('permohonan.jumlah_salinan'), `${copies} copies: ${r.text}`);
        // Refused for its value, not its type: the form's bounds 1–20.
        const named = r.body.errors.find((e) => e.field === 'permohonan.jumlah_salinan');
        assert.notEqual(named.code, 'json.type', r.text);
        assert.match(named.message, /Jumlah fotokopi yang dilegalisir/, r.text);
        assert.equal(total(await h.caseCounts(api)), before, `${copies} copies: no case stored`);
      }
    });

    test('a case body of several services must name its service', async () => {
      const { api, token } = context;
      const body = legalisasi();
      delete body.service;
      const r = await api.post('/api/v1/cases', body, token.pelayanan);
      assert.equal(r.status, 422, r.text);
    });
  });
}
