// The registers as searchable tables (issue 6, items 2 and 6) through the
// real `sopir serve`, on both databases: JSON pages and filters, the CSV
// export read back as RFC 4180, and the XLSX export opened as a workbook.
// The store's side is tested in tests/store/register_search_test.cpp.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

// RFC 4180, as a spreadsheet program writes and reads it.
function parseCsv(text, separator = ';') {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) { record.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field); records.push(record); record = []; field = ''; i += 1;
    } else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  return records;
}

// The names the cases are given; intake allows a comma and an apostrophe,
// and the double quote is written into the database by hand, as an older
// record might hold one.
const k_names = ['BUDI SANTOSO', 'Budiman Hakim', "MA'RUF AMIN, S.Pd.", 'RAHMAT "ACIL" HIDAYAT'];

for (const backend of h.backends()) {
  describe(`registers on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let server;
    let api;
    const token = {};
    const niks = [];
    const year = Number(h.witaDate().slice(0, 4));

    function setName(caseId, name) {
      const sql = `UPDATE cases SET applicant_name = '${name.replaceAll("'", "''")}' WHERE id = ${caseId}`;
      if (backend.name === 'sqlite') execFileSync('sqlite3', ['-cmd', '.timeout 5000', db.url.slice('sqlite://'.length), sql]);
      else execFileSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql]);
    }

    before(async () => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
      server = await h.startServer(db.url);
      api = h.client(server.base);
      for (const [key, user] of Object.entries(h.users)) token[key] = await api.signIn(user.username);
      for (const [i, name] of k_names.entries()) {
        const village = i === 1 ? '63.05.06.2001' : '63.05.06.2004';
        const application = h.application({ applicant: { name: name.includes('"') ? 'Rahmat Hidayat' : name, village_code: village } });
        let r = await api.post('/api/v1/cases', application, token.pelayanan);
        assert.equal(r.status, 201, r.text);
        niks.push(application.applicant.nik);
        if (name.includes('"')) setName(r.body.id, name);
        // Accepting the file gives it the next number of the Register E-KTP.
        r = await api.act(r.body.id, token.pelayanan, 'terima');
        assert.equal(r.status, 200, r.text);
      }
    });

    after(async () => {
      if (server) await server.stop();
      db?.drop();
    });

    test('a page of this year, in number order, with the total', async () => {
      let r = await api.get('/api/v1/registers/register_ektp', token.kasi);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.register, 'register_ektp');
      assert.equal(r.body.year, year);
      assert.equal(r.body.total, 4);
      assert.equal(r.body.page, 1);
      assert.equal(r.body.per_page, 50);
      assert.deepEqual(r.body.rows.map((row) => row.name), k_names);
      const first = r.body.rows[0];
      assert.equal(first.number, 1);
      assert.equal(first.formatted, `0001/REG-EKTP/CLU/${year}`);
      assert.equal(first.date, h.witaDate());
      assert.match(first.taken_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      assert.equal(first.nik, niks[0]);
      assert.equal(first.village_code, '63.05.06.2004');
      assert.equal(first.village, 'Margasari Hilir');
      assert.ok(first.case_id > 0);

      r = await api.get('/api/v1/registers/register_ektp?per_page=3&page=2', token.kasi);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.total, 4);
      assert.deepEqual(r.body.rows.map((row) => row.number), [4]);
      r = await api.get(`/api/v1/registers/register_ektp?year=${year - 1}`, token.kasi);
      assert.equal(r.body.total, 0);
      r = await api.get('/api/v1/registers/agenda', token.kasi);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.total, 0, 'no letters yet');
    });

    test('the filters: name, NIK, number, village, dates', async () => {
      const found = async (query) => {
        const r = await api.get(`/api/v1/registers/register_ektp?${query}`, token.pelayanan);
        assert.equal(r.status, 200, `${query}: ${r.text}`);
        return r.body.rows.map((row) => row.name);
      };
      assert.deepEqual(await found('q=budi'), ['BUDI SANTOSO', 'Budiman Hakim']);
      assert.deepEqual(await found('q=BUDIMAN'), ['Budiman Hakim']);
      assert.deepEqual(await found(`q=${niks[2]}`), [k_names[2]]);
      assert.deepEqual(await found(`q=${encodeURIComponent(`0003/REG-EKTP/CLU/${year}`)}`), [k_names[2]]);
      assert.deepEqual(await found('q=4'), [k_names[3]], 'the number in the register');
      assert.deepEqual(await found(`q=${encodeURIComponent('0002/REG')}`), ['Budiman Hakim'], 'the beginning of a formatted number');
      assert.deepEqual(await found('village=63.05.06.2001'), ['Budiman Hakim']);
      assert.deepEqual(await found(`from=${h.witaDate()}&to=${h.witaDate()}`), k_names);
      assert.deepEqual(await found(`from=${h.witaDate(1)}`), []);
      assert.deepEqual(await found(`to=${h.witaDate(-1)}`), []);
      assert.deepEqual(await found('q=siti'), []);
    });

    test('refusals: applicants, unknown registers, bad dates and pages', async () => {
      const refused = async (query, who, status, field) => {
        const r = await api.get(`/api/v1/registers/${query}`, token[who]);
        assert.equal(r.status, status, `${query}: ${r.text}`);
        if (field) assert.deepEqual(r.body.errors.map((e) => e.field), [field], query);
      };
      await refused('register_ektp', 'pemohon', 403);
      await refused('register_ektp?format=csv', 'pemohon', 403);
      await refused('buku_tamu', 'kasi', 422, 'register');
      await refused('register_ektp?from=kemarin', 'kasi', 422, 'from');
      await refused('register_ektp?to=2026-02-30', 'kasi', 422, 'to');
      await refused(`register_ektp?from=${h.witaDate()}&to=${h.witaDate(-1)}`, 'kasi', 422, 'to');
      await refused('register_ektp?year=dua', 'kasi', 422, 'year');
      await refused('register_ektp?page=0', 'kasi', 422, 'page');
      await refused('register_ektp?per_page=500', 'kasi', 422, 'per_page');
      await refused('register_ektp?format=docx', 'kasi', 422, 'format');
      const r = await api.get('/api/v1/registers/register_ektp');
      assert.equal(r.status, 401);
    });

    test('the CSV holds every row and reads back as written', async () => {
      const r = await api.get('/api/v1/registers/register_ektp?format=csv&per_page=1', token.kasi);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(r.headers.get('content-disposition'), `attachment; filename="register_ektp-CLU-${year}.csv"`);
      const records = parseCsv(r.text.replace(/^\uFEFF/, ''));
      assert.deepEqual(records[0], ['No.', 'Nomor', 'Tanggal', 'Nama', 'NIK', 'Desa/Kelurahan']);
      assert.equal(records.length, 5, 'every row, not one page');
      assert.deepEqual(records.slice(1).map((record) => record[3]), k_names);
      assert.deepEqual(records.slice(1).map((record) => record[4]), niks);
      assert.deepEqual(records[2], ['2', `0002/REG-EKTP/CLU/${year}`, h.witaDate(), 'Budiman Hakim', niks[1], 'Keladan']);
      assert.match(r.text, /"MA'RUF AMIN, S\.Pd\."/);
      assert.match(r.text, /"RAHMAT ""ACIL"" HIDAYAT"/);
      assert.ok(r.text.replace(/^\uFEFF/, '').startsWith('No.;Nomor;Tanggal;'), 'separated with ";" for Indonesian Excel');
      const comma = await api.get('/api/v1/registers/register_ektp?format=csv&pemisah=koma', token.kasi);
      assert.equal(comma.status, 200, comma.text);
      assert.deepEqual(parseCsv(comma.text.replace(/^\uFEFF/, ''), ','), records);
      const badSeparator = await api.get('/api/v1/registers/register_ektp?format=csv&pemisah=tab', token.kasi);
      assert.equal(badSeparator.status, 422);
      assert.deepEqual(badSeparator.body.errors.map((e) => e.field), ['pemisah']);

      const raw = await fetch(`${api.base}/api/v1/registers/register_ektp?format=csv`, { headers: { authorization: `Bearer ${token.kasi}` } });
      const bytes = Buffer.from(await raw.arrayBuffer());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte order mark for spreadsheet programs');

      const period = await api.get(`/api/v1/registers/register_ektp?format=csv&from=${h.witaDate()}&to=${h.witaDate()}&q=budi`, token.kasi);
      assert.equal(period.status, 200, period.text);
      assert.equal(period.headers.get('content-disposition'), `attachment; filename="register_ektp-CLU-${h.witaDate()}-sd-${h.witaDate()}.csv"`);
      assert.equal(parseCsv(period.text.replace(/^\uFEFF/, '')).length, 3);
    });

    test('the XLSX opens, with the names and the NIK as text', async () => {
      const response = await fetch(`${api.base}/api/v1/registers/register_ektp?format=xlsx`, { headers: { authorization: `Bearer ${token.kasi}` } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(response.headers.get('content-disposition'), `attachment; filename="register_ektp-CLU-${year}.xlsx"`);
      const dir = mkdtempSync(path.join(tmpdir(), 'sopir-xlsx-'));
      try {
        const file = path.join(dir, 'register.xlsx');
        writeFileSync(file, Buffer.from(await response.arrayBuffer()));
        const read = (member) => execFileSync('python3', ['-c', 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.read(sys.argv[2]).decode())', file, member], { encoding: 'utf8' });
        const strings = read('xl/sharedStrings.xml');
        for (const name of ['BUDI SANTOSO', 'Budiman Hakim', "MA'RUF AMIN, S.Pd.", 'Desa/Kelurahan', 'Margasari Hilir']) assert.ok(strings.includes(name), name);
        for (const nik of niks) assert.ok(strings.includes(`<t>${nik}</t>`), `NIK ${nik} as text`);
        const sheet = read('xl/worksheets/sheet1.xml');
        assert.match(sheet, /<pane [^>]*ySplit="1"[^>]*state="frozen"/, 'the header row stays in view');
        assert.match(sheet, /<col /, 'column widths are set');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
