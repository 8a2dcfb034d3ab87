// Measuring the service (issue 6) through the API of the real `sopir serve`,
// on both databases: the outage log and the day's summary after a few
// cases. The rules behind the figures are tested by hand in
// tests/unit/report_test.cpp and tests/store/report_store_test.cpp.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

// A download's bytes, type and file name.
async function download(base, url, token) {
  const response = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), bytes };
}

// Runs `read(file)` on the bytes written to a temporary file.
function withFile(bytes, name, read) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-laporan-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return read(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// RFC 4180 rows (quoted fields, doubled quotes, CRLF), after the BOM; the
// downloads separate with ";" unless asked for commas (pemisah=koma).
function parseCsv(text, separator = ';') {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) { row.push(field); field = ''; } else if (c === '\r' && body[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const pdfText = (bytes) => withFile(bytes, 'rekap.pdf', (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));

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
    const sopsOnly = h.sopsOnly(['perekaman-ektp']);

    before(async () => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
      // The E-KTP's own figures: the office's only service here.
      server = await h.startServer(db.url, { args: sopsOnly });
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
      r = await api.get(`/api/v1/reports/summary?service=perekaman-ektp&from=${h.witaDate(-1)}`, token.kasi);
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
      assert.equal((await api.get('/api/v1/reports/summary?service=perekaman-ektp', token.camat)).status, 200);
      assert.equal((await api.get('/api/v1/reports/summary?service=perekaman-ektp', token.operator)).status, 403);
      assert.equal((await api.get('/api/v1/reports/summary?service=perekaman-ektp&office=63.05.07', token.kasi)).status, 403);
      r = await api.get('/api/v1/reports/summary?service=perekaman-ektp&from=kemarin', token.kasi);
      assert.equal(r.status, 422);
      assert.deepEqual(r.body.errors.map((e) => e.field), ['from']);
      r = await api.get('/api/v1/reports/summary?service=perekaman-ektp&from=2020-01-01&to=2020-01-31', token.kasi);
      assert.equal(r.status, 200);
      assert.equal(r.body.received, 0);
      assert.equal(r.body.finished, 0);
    });

    test('a kabupaten supervisor reads every office of the kabupaten, one office, and nothing else', async () => {
      // Bakarangan, in Kabupaten Tapin like the test office; Takisung, in
      // Kabupaten Tanah Laut.
      h.addOffice(db.url, '63.05.07', 'pelayanan_bkr');
      h.addOffice(db.url, '63.01.01', 'pelayanan_tks');
      h.addSupervisor(db.url, 'pengawas', '63.05');
      const bkr = await api.signIn('pelayanan_bkr');
      const tks = await api.signIn('pelayanan_tks');
      for (const [who, count, village] of [[bkr, 2, '63.05.07.2011'], [tks, 1, '63.01.01.2011']])
        for (let i = 0; i < count; i++) {
          const body = h.application();
          body.applicant.village_code = village;
          const r = await api.post('/api/v1/cases', body, who);
          assert.equal(r.status, 201, r.text);
        }
      const own = (await api.get(`/api/v1/reports/summary?service=perekaman-ektp&from=${h.witaDate(-1)}`, token.kasi)).body;
      const supervisor = await api.signIn('pengawas');

      let r = await api.get(`/api/v1/reports/summary?service=perekaman-ektp&from=${h.witaDate(-1)}`, supervisor);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.scope, 'kabupaten');
      assert.equal(r.body.office, '63.05');
      assert.equal(r.body.label, 'Kabupaten Tapin');
      assert.deepEqual(r.body.offices.map((o) => [o.office, o.received]), [[h.officeCode, own.received], ['63.05.07', 2]]);
      assert.equal(r.body.received, own.received + 2, 'Takisung is not in Kabupaten Tapin');
      assert.equal(r.body.finished, own.finished);
      assert.equal(r.body.outage_minutes, own.outage_minutes);
      assert.equal((await api.get(`/api/v1/reports/summary?service=perekaman-ektp&office=semua&from=${h.witaDate(-1)}`, supervisor)).body.received, own.received + 2);

      r = await api.get('/api/v1/reports/summary?service=perekaman-ektp&office=63.05.07', supervisor);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.scope, 'kantor');
      assert.equal(r.body.received, 2);
      assert.equal(r.body.offices, undefined);
      r = await api.get('/api/v1/reports/summary?service=perekaman-ektp&office=63.01.01', supervisor);
      assert.equal(r.status, 403, 'another kabupaten');
      assert.match(r.body.error.message, /tidak termasuk kabupaten/);

      // The registers, one office at a time.
      r = await api.get('/api/v1/registers/register_ektp', supervisor);
      assert.equal(r.status, 422, r.text);
      assert.deepEqual(r.body.errors.map((e) => e.field), ['office']);
      const kasiBook = (await api.get('/api/v1/registers/register_ektp', token.kasi)).body;
      r = await api.get(`/api/v1/registers/register_ektp?office=${h.officeCode}`, supervisor);
      assert.equal(r.status, 200, r.text);
      assert.ok(kasiBook.total > 0);
      assert.equal(r.body.total, kasiBook.total);
      assert.equal((await api.get('/api/v1/registers/register_ektp?office=63.01.01', supervisor)).status, 403);
      assert.equal((await api.get('/api/v1/registers/register_ektp?office=63.05.07', token.kasi)).status, 403);

      // Read-only: no intake, no worklist, no case, no outage log.
      assert.equal((await api.post('/api/v1/cases', h.application(), supervisor)).status, 403);
      r = await api.get('/api/v1/cases', supervisor);
      assert.ok(r.status === 403 || (r.status === 200 && r.body.cases.length === 0), r.text);
      const someCase = (await api.post('/api/v1/cases', h.application(), token.pelayanan)).body.id;
      assert.equal((await api.get(`/api/v1/cases/${someCase}`, supervisor)).status, 404);
      assert.equal((await api.act(someCase, supervisor, 'terima', {})).status, 404);
      assert.equal((await api.post('/api/v1/outages', { kind: 'listrik' }, supervisor)).status, 403);
    });

    test('the recap PDF: the office as its Kasi prints it, the kabupaten as the supervisor does', async () => {
      const period = `from=${h.witaDate(-1)}&to=${h.witaDate()}`;
      const own = (await api.get(`/api/v1/reports/summary?service=perekaman-ektp&${period}`, token.kasi)).body;
      let r = await download(api.base, `/api/v1/reports/recap.pdf?service=perekaman-ektp&${period}`, token.kasi);
      assert.equal(r.status, 200, r.bytes.toString());
      assert.equal(r.type, 'application/pdf');
      assert.match(r.disposition, new RegExp(`filename="rekap-kinerja-CLU-${h.witaDate(-1)}-sd-${h.witaDate()}\\.pdf"`));
      let text = pdfText(r.bytes);
      assert.match(text, /REKAPITULASI KINERJA LAYANAN PEREKAMAN E-KTP/);
      assert.match(text, /KANTOR CAMAT CANDI LARAS UTARA/);
      for (const step of ['Verifikasi berkas', 'Perekaman data', 'Penyerahan surat']) assert.match(text, new RegExp(step));
      assert.match(text, new RegExp(`Diterima\\s[\\s\\S]*?\\b${own.received}\\b`), 'the received count');
      assert.match(text, /Grafik 1/);
      assert.match(text, /Halaman 1 dari \d+/);
      assert.doesNotMatch(text, /Bakarangan/, 'one office only');

      const supervisor = await api.signIn('pengawas');
      r = await download(api.base, `/api/v1/reports/recap.pdf?service=perekaman-ektp&office=semua&${period}`, supervisor);
      assert.equal(r.status, 200, r.bytes.toString());
      assert.match(r.disposition, /filename="rekap-kinerja-63\.05-/);
      text = pdfText(r.bytes);
      assert.match(text, /KABUPATEN TAPIN/);
      assert.match(text, /Candi Laras Utara/);
      assert.match(text, /Bakarangan/);
      assert.doesNotMatch(text, /Takisung/, 'another kabupaten');

      r = await download(api.base, '/api/v1/reports/recap.pdf?service=perekaman-ektp&month=2026-13', token.kasi);
      assert.equal(r.status, 422);
      assert.equal(JSON.parse(r.bytes.toString()).errors[0].field, 'month');
      r = await download(api.base, '/api/v1/reports/recap.pdf?service=perekaman-ektp&month=2026-11', token.operator);
      assert.equal(r.status, 403, 'the operator reads no reports');
    });

    test('the summary as CSV and XLSX, and the outage log as a spreadsheet', async () => {
      const period = `from=${h.witaDate(-1)}&to=${h.witaDate()}`;
      const own = (await api.get(`/api/v1/reports/summary?service=perekaman-ektp&${period}`, token.kasi)).body;
      // CSV, one table: it reads back to the JSON's figures.
      let r = await download(api.base, `/api/v1/reports/summary?service=perekaman-ektp&format=csv&table=tahapan&${period}`, token.kasi);
      assert.equal(r.status, 200, r.bytes.toString());
      assert.match(r.type, /^text\/csv/);
      assert.match(r.disposition, new RegExp(`attachment; filename="rekap-kinerja-CLU-${h.witaDate(-1)}-sd-${h.witaDate()}\\.csv"`));
      const rows = parseCsv(r.bytes.toString('utf8'));
      assert.deepEqual(rows[0].slice(0, 3), ['Tahap', 'Standar (menit)', 'Jumlah dikerjakan']);
      assert.equal(rows.length, 1 + own.steps.length);
      assert.deepEqual(rows.slice(1).map((row) => [Number(row[1]), Number(row[2])]), own.steps.map((step) => [step.standard_minutes, step.visits]));
      assert.equal(rows[2][0], 'Verifikasi berkas');
      // Indonesian Excel by default: ";" and decimal commas; pemisah=koma gives
      // the same cells with commas and decimal points.
      assert.ok(r.bytes.toString('utf8').startsWith('\uFEFFTahap;Standar (menit);'));
      const comma = await download(api.base, `/api/v1/reports/summary?service=perekaman-ektp&format=csv&table=tahapan&pemisah=koma&${period}`, token.kasi);
      assert.equal(comma.status, 200);
      const commaRows = parseCsv(comma.bytes.toString('utf8'), ',');
      assert.deepEqual(commaRows.map((row) => row.map((cell) => (/^-?\d+\.\d+$/.test(cell) ? cell.replace('.', ',') : cell))), rows);
      r = await download(api.base, `/api/v1/reports/summary?service=perekaman-ektp&format=csv&pemisah=tab&${period}`, token.kasi);
      assert.equal(r.status, 422);
      assert.equal(JSON.parse(r.bytes.toString()).errors[0].field, 'pemisah');
      r = await download(api.base, `/api/v1/reports/summary?service=perekaman-ektp&format=csv&table=grafik&${period}`, token.kasi);
      assert.equal(r.status, 422);
      assert.equal(JSON.parse(r.bytes.toString()).errors[0].field, 'table');

      // XLSX, the kabupaten's: a sheet per table and one with a row per office.
      const supervisor = await api.signIn('pengawas');
      r = await download(api.base, `/api/v1/reports/summary?service=perekaman-ektp&format=xlsx&office=semua&${period}`, supervisor);
      assert.equal(r.status, 200, r.bytes.toString());
      assert.match(r.disposition, /filename="rekap-kinerja-63\.05-.*\.xlsx"/);
      const book = withFile(r.bytes, 'rekap.xlsx', (file) => execFileSync('python3', ['-c', `
import zipfile, sys, re
z = zipfile.ZipFile(sys.argv[1])
print(z.read('xl/workbook.xml').decode())
print(z.read('xl/sharedStrings.xml').decode())`, file], { encoding: 'utf8' }));
      for (const sheet of ['Ringkasan', 'Tahapan', 'Petugas', 'Per kantor']) assert.match(book, new RegExp(`<sheet name="${sheet}"`));
      for (const office of ['Candi Laras Utara', 'Bakarangan', 'Verifikasi berkas']) assert.match(book, new RegExp(office));
      assert.doesNotMatch(book, /Takisung/);

      // The outage log: the operator's outage from the first test.
      r = await download(api.base, `/api/v1/outages?format=csv&${period}`, token.kasi);
      assert.equal(r.status, 200, r.bytes.toString());
      assert.match(r.disposition, /filename="gangguan-CLU-/);
      const log = parseCsv(r.bytes.toString('utf8'));
      assert.equal(log.length, 2, 'the heading and one outage');
      assert.ok(log[1].includes('Jaringan SIAK putus'), log[1].join('|'));
      r = await download(api.base, `/api/v1/outages?format=pdf&${period}`, token.kasi);
      assert.equal(r.status, 422);
    });
  });
}
