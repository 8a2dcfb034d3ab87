// Office administration in a real Chromium, on the demo office (`sopir
// demo`: its Camat also holds the admin role), at 1366x768:
// - the kabupaten supervisor reads the register of an office it picks, and
//   that office's outage log;
// - resetting the Camat's password needs a second person's confirmation
//   (the supervisor's), retires the Camat's signing key, and a letter signed
//   before still verifies;
// - the admin appoints a Plh. Camat for tomorrow; on a server started a day
//   ahead (Debian's faketime, on the same database) the letter the Plh.
//   signs prints "Plh. CAMAT".
// SQLite always, PostgreSQL too when SOPIR_TEST_PG_URL names a test server.
// Run by ctest (e2e.admin) with SOPIR_BINARY set.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer, stopServer } from './support.mjs';

const binary = process.env.SOPIR_BINARY;
assert.ok(binary, 'SOPIR_BINARY must name the sopir binary');

const viewport = { width: 1366, height: 768 };

// SQLite always; PostgreSQL when the test server is there (scripts/pg-test).
const backends = [{ name: 'sqlite' }];
if (process.env.SOPIR_TEST_PG_URL) backends.push({ name: 'postgresql', serverUrl: process.env.SOPIR_TEST_PG_URL });

let workDir;
let db;
let sql; // A query's single value, as text.
let dropDatabase = () => {};
let accounts = {}; // username → password, as `sopir demo` printed them.
let server;
let baseUrl;
let browser;
let serial = 0;

function useDatabase(backend) {
  workDir = mkdtempSync(path.join(tmpdir(), 'sopir-e2e-admin-'));
  accounts = {};
  serial = 0;
  if (backend.name === 'sqlite') {
    const file = path.join(workDir, 'sopir.db');
    db = `sqlite://${file}`;
    sql = (query) => execFileSync('sqlite3', [file, query], { encoding: 'utf8' }).trim();
    dropDatabase = () => {};
    return;
  }
  const name = `sopir_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const psql = (url, query) => execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qtA', '-c', query], { encoding: 'utf8' }).trim();
  psql(backend.serverUrl, `CREATE DATABASE ${name}`);
  db = backend.serverUrl.replace(/\/[^/?]*(\?.*)?$/, (_, query) => `/${name}${query ?? ''}`);
  sql = (query) => psql(db, query);
  dropDatabase = () => psql(backend.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

function sopir(args, input) {
  return execFileSync(binary, ['--db', db, '--seal-secret', path.join(workDir, 'segel.key'), ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

// Today in WITA shifted by `days`, as YYYY-MM-DD.
function witaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

// The same, typed day first as the pages ask: DD-MM-YYYY.
function typedDate(days = 0) {
  return witaDate(days).split('-').reverse().join('-');
}

function pdfText(bytes) {
  const file = path.join(workDir, `surat-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function start(options = {}) {
  ({ server, baseUrl } = await startServer(binary, db, workDir, options));
}

async function setUp(backend) {
  useDatabase(backend);
  // `sopir demo` prints "  USERNAME  PASSWORD  (ROLE…)" per account.
  const out = sopir(['demo']);
  for (const match of out.matchAll(/^ {2}(\S+) {2}(\S+) {2}\(/gm)) accounts[match[1]] = match[2];
  assert.ok(accounts.camat && accounts.pengawas && accounts.kasi, out);
  await start();
  browser ??= await launchBrowser();
}

async function tearDown() {
  if (browser) await browser.close();
  browser = undefined;
  await stopServer(server);
  dropDatabase();
  rmSync(workDir, { recursive: true, force: true });
}

// The JSON API, as a script at the counter would use it.
async function api(method, url, token, body) {
  const response = await fetch(baseUrl + url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, body: json, text, bytes: Buffer.from(text, 'latin1') };
}

async function token(username, password = accounts[username]) {
  const r = await api('POST', '/api/v1/sessions', null, { username, password });
  assert.equal(r.status, 201, `${username}: ${r.text}`);
  return r.body.token;
}

// A new E-KTP case, taken by the API to `state`.
async function caseAt(state, signer = { username: 'camat' }) {
  serial += 1;
  const kk = '6305062001150003';
  const created = await api('POST', '/api/v1/cases', await token('pelayanan'), {
    service: 'perekaman-ektp',
    applicant: { nik: `630506150500${String(serial + 40).padStart(4, '0')}`, kk, name: `Warga Uji ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[serial]}`, birth_place: 'Margasari',
      birth_date: '2000-05-15', sex: 'L', religion: 'Islam', marital_status: 'Belum Kawin', occupation: 'Petani',
      address: 'Jl. Lintas Margasari No. 7', rt: '002', rw: '001', village_code: '63.05.06.2004', phone: '081234567890' },
    documents: { surat_pengantar: { number: '470/12/MH/2026', date: witaDate(-2) }, akta_kelahiran: { number: '6305-LT-15052000-0001' },
      kartu_keluarga: { number: kk } },
  });
  assert.equal(created.status, 201, created.text);
  const steps = {
    verifikasi: ['pelayanan', 'terima', {}],
    perekaman: ['operator_ektp', 'rekam', { data: { siak_reference: `SIAK-E2E-${serial}` } }],
    pemeriksaan: ['kasi', 'paraf', {}],
    penandatanganan: [signer.username, 'tandatangani', { data: { password: signer.password ?? accounts[signer.username] } }],
    pengarsipan: ['pengadministrasi', 'arsipkan', {}],
  };
  let current = created.body.state;
  while (current !== state) {
    const [who, action, extra] = steps[current];
    const r = await api('POST', `/api/v1/cases/${created.body.id}/actions`, await token(who, who === signer.username ? signer.password : undefined), { action, ...extra });
    assert.equal(r.status, 200, `${action} by ${who}: ${r.text}`);
    current = r.body.state;
  }
  return created.body.id;
}

async function letterOf(caseId) {
  const response = await fetch(`${baseUrl}/api/v1/cases/${caseId}/letter.pdf`, { headers: { authorization: `Bearer ${await token('kasi')}` } });
  assert.equal(response.status, 200);
  return pdfText(Buffer.from(await response.arrayBuffer()));
}

async function signIn(username, password = accounts[username]) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/masuk`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return { context, page };
}

for (const backend of backends) {
  describe(`administration in the browser on ${backend.name}`, () => {
    before(() => setUp(backend));
    after(() => tearDown());

    test('the supervisor reads the register of an office it picks, and its outage log', async () => {
      await caseAt('perekaman');
      const outage = await api('POST', '/api/v1/outages', await token('pelayanan'), { kind: 'jaringan', note: 'Jaringan SIAK putus' });
      assert.equal(outage.status, 201, outage.text);

      const { context, page } = await signIn('pengawas');
      await Promise.all([page.waitForNavigation(), page.click('nav >> text=Buku register')]);
      await page.goto(`${baseUrl}/register/register_ektp`);
      await page.waitForSelector('#pilih-kantor');
      await page.selectOption('#kantor', '63.05.06');
      await Promise.all([page.waitForNavigation(), page.click('#pilih-kantor button')]);
      assert.match(page.url(), /kantor=63\.05\.06/);
      assert.equal(await page.textContent('#jumlah-baris'), '1');
      assert.equal(await page.locator('#tabel-register tbody tr').count(), 1);
      const csv = await page.getAttribute('#unduh-csv', 'href');
      const download = await page.request.get(baseUrl + csv);
      assert.equal(download.status(), 200);
      assert.doesNotMatch(download.headers()['content-type'], /json/);

      await page.click('nav >> text=Gangguan');
      await Promise.all([page.waitForNavigation(), page.click('#pilih-kantor a[href="/gangguan?kantor=63.05.06"]')]);
      assert.match(await page.textContent('#tabel-gangguan'), /Jaringan SIAK putus/);
      assert.equal(await page.locator('#form-gangguan').count(), 0, 'the supervisor records nothing');
      await context.close();
    });

    test("resetting the Camat's password needs a second person and retires the signing key; an old letter still verifies", async () => {
      const before = await caseAt('penyerahan');
      const oldLetter = await letterOf(before);
      const verification = oldLetter.match(/http:\/\/127\.0\.0\.1:\d+\/verifikasi\/\S+/)[0].replace(/^http:\/\/[^/]+/, baseUrl);
      const camatId = sql("SELECT id FROM users WHERE username = 'camat'");
      assert.equal(sql(`SELECT COUNT(*) FROM signer_keys WHERE user_id = ${camatId} AND retired_at IS NULL`), '1');

      // The Camat (admin) makes the Kasi an admin too: nobody resets their own password.
      const camat = await signIn('camat');
      await camat.page.click('nav >> text=Administrasi');
      const kasiOption = await camat.page.$eval('#pr-user', (select) => [...select.options].find((o) => o.text.endsWith('(kasi)')).value);
      await camat.page.selectOption('#pr-user', kasiOption);
      await camat.page.selectOption('#pr-role', 'admin');
      await Promise.all([camat.page.waitForNavigation(), camat.page.click('#form-beri-peran button[type=submit]')]);
      assert.match(await camat.page.textContent('#pesan-admin'), /Peran disimpan/);
      assert.equal(await camat.page.locator('#pengguna-camat form[action$="/reset-sandi"]').count(), 0, 'no reset of oneself');
      await camat.context.close();

      const kasi = await signIn('kasi');
      await kasi.page.goto(`${baseUrl}/admin`);
      await Promise.all([kasi.page.waitForNavigation(), kasi.page.click('#pengguna-camat form[action$="/reset-sandi"] button')]);
      const code = (await kasi.page.textContent('#kode')).trim();
      assert.ok(await kasi.page.isVisible('#menunggu-konfirmasi'), 'a signer\'s reset waits for a second person');
      // Not in effect yet: the old password still works, the code does not.
      assert.ok(await token('camat'));
      assert.ok([401, 403].includes((await api('POST', '/api/v1/sessions', null, { username: 'camat', password: code })).status), 'the code waits');
      // The one who asked cannot confirm.
      assert.equal(await kasi.page.locator('#reset-menunggu button').count(), 0);
      await kasi.context.close();

      const supervisor = await signIn('pengawas');
      await supervisor.page.click('nav >> text=Konfirmasi reset sandi');
      await Promise.all([supervisor.page.waitForNavigation(), supervisor.page.click('#reset-menunggu button:has-text("camat")')]);
      assert.match(await supervisor.page.textContent('#pesan-admin'), /dikonfirmasi/);
      await supervisor.context.close();

      assert.ok([401, 403].includes((await api('POST', '/api/v1/sessions', null, { username: 'camat', password: accounts.camat })).status), 'the old password is gone');
      assert.equal(sql(`SELECT COUNT(*) FROM signer_keys WHERE user_id = ${camatId} AND retired_at IS NULL`), '0', 'the signing key is retired');

      // The Camat signs in with the code and must choose a new password first.
      const again = await signIn('camat', code);
      assert.match(again.page.url(), /\/akun\/sandi$/);
      await again.page.fill('#password_current', code);
      await again.page.fill('#password_new', 'sandi-baru-camat-2026');
      await Promise.all([again.page.waitForNavigation(), again.page.click('form[action="/akun/sandi"] button')]);
      await again.page.goto(verification);
      assert.match(await again.page.textContent('main'), /Surat ini SAH/);
      await again.context.close();

      // A new letter is signed with a new key; the old letter still verifies.
      accounts.camat = 'sandi-baru-camat-2026';
      await caseAt('pengarsipan');
      assert.equal(sql(`SELECT COUNT(*) FROM signer_keys WHERE user_id = ${camatId}`), '2');
      const check = await fetch(verification);
      assert.equal(check.status, 200);
      assert.match(await check.text(), /Surat ini SAH/);
    });

    test('an admin appoints a Plh. Camat for tomorrow; the letter signed tomorrow prints "Plh. CAMAT"', async () => {
      const camat = await signIn('camat');
      await camat.page.goto(`${baseUrl}/admin`);
      // A new account first: the Sekretaris Camat, with a one-time code.
      await camat.page.fill('#tp-username', 'sekcam');
      await camat.page.fill('#tp-full_name', 'H. RAHMAN HIDAYAT, S.Sos');
      await camat.page.check('#tp-roles input[value="pengadministrasi"]');
      await Promise.all([camat.page.waitForNavigation(), camat.page.click('#form-tambah-pengguna button[type=submit]')]);
      const code = (await camat.page.textContent('#kode')).trim();

      const sekcam = await camat.page.$eval('#pr-user', (select) => [...select.options].find((o) => o.text.endsWith('(sekcam)')).value);
      await camat.page.selectOption('#pr-user', sekcam);
      await camat.page.selectOption('#pr-role', 'camat');
      await camat.page.selectOption('#pr-acting', 'plh');
      await camat.page.fill('#pr-valid_from', typedDate(1));
      await camat.page.fill('#pr-valid_until', typedDate(3));
      await camat.page.fill('#pr-surat_perintah', '800/57/BKPSDM/2026');
      await Promise.all([camat.page.waitForNavigation(), camat.page.click('#form-beri-peran button[type=submit]')]);
      assert.match(await camat.page.textContent('#pengguna-sekcam'), /Plh\. Camat.*800\/57\/BKPSDM\/2026/is);
      await camat.context.close();

      const first = await signIn('sekcam', code);
      assert.match(first.page.url(), /\/akun\/sandi$/, await first.page.content());
      await first.page.fill('#password_current', code);
      await first.page.fill('#password_new', 'sandi-sekcam-2026');
      await Promise.all([first.page.waitForNavigation(), first.page.click('form[action="/akun/sandi"] button')]);
      await first.context.close();

      // Today the Plh. may not sign yet: the case waits for tomorrow.
      const waiting = await caseAt('penandatanganan');
      const today = await api('POST', `/api/v1/cases/${waiting}/actions`, await token('sekcam', 'sandi-sekcam-2026'),
        { action: 'tandatangani', data: { password: 'sandi-sekcam-2026' } });
      assert.ok([403, 409].includes(today.status), today.text);

      // Tomorrow: the same database, a server a day ahead.
      await stopServer(server);
      // libfaketime preloaded through env, which execs (the faketime
      // program forks and does not pass SIGTERM on to the server).
      await start({ wrap: (command, args) => ['env', ['LD_PRELOAD=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', 'FAKETIME=+1d', command, ...args]] });
      const signed = await api('POST', `/api/v1/cases/${waiting}/actions`, await token('sekcam', 'sandi-sekcam-2026'),
        { action: 'tandatangani', data: { password: 'sandi-sekcam-2026' } });
      assert.equal(signed.status, 200, signed.text);
      const archived = await api('POST', `/api/v1/cases/${waiting}/actions`, await token('pengadministrasi'), { action: 'arsipkan' });
      assert.equal(archived.status, 200, archived.text);
      const letter = await letterOf(waiting);
      assert.match(letter, /Plh\. CAMAT CANDI LARAS UTARA/);
      assert.match(letter, /H\. RAHMAN HIDAYAT, S\.Sos/);
    });
  });
}
