// The staff pages in a real Chromium: one Perekaman E-KTP case through all
// seven steps, each signed in as the role the SOP names, then the public
// status check. Run by ctest (e2e.staff) with SOPIR_BINARY set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, startServer, stopServer } from './support.mjs';

const binary = process.env.SOPIR_BINARY;
assert.ok(binary, 'SOPIR_BINARY must name the sopir binary');

const workDir = mkdtempSync(path.join(tmpdir(), 'sopir-e2e-'));
const db = `sqlite://${path.join(workDir, 'sopir.db')}`;
const office = '63.05.06';
const password = 'rahasia-e2e-123';
const staff = {
  pelayanan: { name: 'RINA MARLIANA', role: 'petugas_pelayanan' },
  operator: { name: 'AHMAD FAUZI, A.Md', role: 'operator_ektp' },
  kasi: { name: 'SITI RAHMAH, S.Sos', role: 'kasi_pemerintahan' },
  camat: { name: 'ALAMSYAH, S.Pd', role: 'camat' },
  arsip: { name: 'MUHAMMAD RIDHA', role: 'pengadministrasi' },
};

// A man born 12 May 1990, first registered in Candi Laras Utara.
const applicant = {
  nik: '6305061205900001',
  nikMasked: '630506******0001',
  kk: '6305060101150002',
  name: 'Budi Santoso',
  birthPlace: 'Margasari',
  birthDate: '1990-05-12',
  sex: 'L',
};

let server;
let baseUrl;
let browser;

function sopir(args, input) {
  return execFileSync(binary, ['--db', db, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

function today() {
  const now = new Date(Date.now() + 8 * 3600 * 1000); // WITA
  return now.toISOString().slice(0, 10);
}

before(async () => {
  sopir(['office', 'add', '--code', office]);
  for (const [username, { name, role }] of Object.entries(staff))
    sopir(['user', 'add', '--office', office, '--username', username, '--name', name, '--role', role, '--password-stdin'], `${password}\n`);
  sopir(['user', 'add', '--kabupaten', '63.05', '--username', 'pengawas', '--name', 'Pengawas Kabupaten', '--password-stdin'], `${password}\n`);
  ({ server, baseUrl } = await startServer(binary, db, workDir));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  rmSync(workDir, { recursive: true, force: true });
});

// A fresh browser context per person: their own cookies.
async function signIn(username, secret = password) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/masuk`);
  await page.fill('#username', username);
  await page.fill('#password', secret);
  await Promise.all([page.waitForURL(`${baseUrl}/kerja`), page.click('button[type=submit]')]);
  assert.match(await page.textContent('.pengguna'), new RegExp(staff[username].name.split(',')[0]));
  return { context, page };
}

async function signOut({ context, page }) {
  await Promise.all([page.waitForURL(`${baseUrl}/masuk`), page.click('form[action="/keluar"] button')]);
  await context.close();
}

async function worklistIds(page) {
  await page.goto(`${baseUrl}/kerja`);
  return page.$$eval('#daftar-kerja tbody tr td:last-child a', (links) => links.map((a) => a.getAttribute('href')));
}

// Signs in as `username`, checks the case waits in their worklist, performs
// `action` on the case page (after `fill`), and signs out.
async function act(username, caseId, action, fill = async () => {}) {
  const session = await signIn(username);
  const { page } = session;
  assert.ok((await worklistIds(page)).includes(`/permohonan/${caseId}`), `${username} should see case ${caseId} in the worklist`);
  await page.goto(`${baseUrl}/permohonan/${caseId}`);
  const form = page.locator(`#aksi-${action}`);
  await fill(form, page);
  await Promise.all([page.waitForURL(`${baseUrl}/permohonan/${caseId}`), form.locator('button[type=submit]').click()]);
  assert.equal(await page.locator(`#aksi-${action}`).count(), 0, `${action} should be done`);
  return session;
}

async function fillIntake(page, person) {
  await page.fill('#f-applicant-nik', person.nik);
  await page.fill('#f-applicant-kk', person.kk);
  await page.fill('#f-applicant-name', person.name);
  await page.fill('#f-applicant-birth_place', person.birthPlace);
  await page.fill('#f-applicant-birth_date', person.birthDate);
  await page.selectOption('#f-applicant-sex', person.sex);
  await page.selectOption('#f-applicant-religion', 'Islam');
  await page.selectOption('#f-applicant-marital_status', 'Kawin');
  await page.fill('#f-applicant-occupation', 'Petani');
  await page.fill('#f-applicant-address', 'Jalan Gusti Libi No. 5');
  await page.fill('#f-applicant-rt', '3');
  await page.fill('#f-applicant-rw', '1');
  await page.selectOption('#f-applicant-village_code', { index: 1 });
  await page.fill('#f-documents-surat_pengantar-number', '470/12/MH/2026');
  await page.fill('#f-documents-surat_pengantar-date', today());
  await page.fill('#f-documents-akta_kelahiran-number', '6305-LT-12051990-0001');
  await page.check('#f-documents-kartu_keluarga-number-0');
}

test('a case through the seven steps in the staff pages', async () => {
  // 1. Pengajuan at the counter: a form with errors first, then the receipt.
  const desk = await signIn('pelayanan');
  let page = desk.page;
  await page.click('text=Permohonan baru >> nth=0');
  // sops/ holds several services: intake starts by choosing one.
  await page.waitForURL(`${baseUrl}/permohonan/baru`);
  await page.click('a[href$="/permohonan/baru?layanan=perekaman-ektp"]');
  await page.waitForURL(`${baseUrl}/permohonan/baru?layanan=perekaman-ektp`);
  const refused = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('text=Simpan dan cetak tanda terima')]);
  assert.equal(refused[0].status(), 422);
  assert.ok(await page.isVisible('#ringkasan-galat'));
  assert.ok(await page.isVisible('#f-applicant-nik-galat'));

  await fillIntake(page, applicant);
  // static/sopir.js checks the NIK against the birth date and sex as typed.
  await page.waitForSelector('#periksa-nik.baik');
  assert.match(await page.textContent('#periksa-nik'), /NIK sah/);
  await page.click('text=Simpan dan cetak tanda terima');
  await page.waitForSelector('#tanda-terima');
  const receipt = await page.textContent('#tanda-terima');
  assert.match(receipt, /Tanda terima permohonan/i);
  assert.ok(receipt.includes(applicant.name));
  assert.ok(receipt.includes(applicant.nikMasked));
  assert.ok(!receipt.includes(applicant.nik), 'the receipt masks the NIK');
  assert.ok(receipt.includes('Surat Pengantar dari Kepala Desa'));
  const caseId = (await page.textContent('#nomor-permohonan')).trim();
  assert.match(caseId, /^\d+$/);

  // 2. Verifikasi: the checklist of the three documents, then accept.
  assert.ok((await worklistIds(page)).includes(`/permohonan/${caseId}`));
  await page.screenshot({ path: '/tmp/sopir-worklist.png', fullPage: true });
  await page.goto(`${baseUrl}/permohonan/${caseId}`);
  const accept = page.locator('#aksi-terima');
  // Accepting without ticking the documents is refused beside the checklist.
  await Promise.all([page.waitForURL(`${baseUrl}/permohonan/${caseId}/aksi`), accept.locator('button[type=submit]').click()]);
  assert.ok(await page.isVisible('#aksi-terima .galat-isian'));
  for (const box of await page.locator('#aksi-terima input[type=checkbox]').all())
    await box.check();
  await Promise.all([page.waitForURL(`${baseUrl}/permohonan/${caseId}`), page.locator('#aksi-terima button[type=submit]').click()]);
  const registration = (await page.textContent('#nomor-registrasi')).trim();
  assert.notEqual(registration, '—');
  assert.equal((await page.textContent('#tahap-sekarang')).trim(), 'Perekaman data');
  // The status check's PIN, as a printing of the receipt issues it.
  const session = await page.request.post(`${baseUrl}/api/v1/sessions`, { data: { username: 'pelayanan', password } });
  const { token } = await session.json();
  const issued = await page.request.post(`${baseUrl}/api/v1/cases/${caseId}/status-pin`, { headers: { authorization: `Bearer ${token}` } });
  const { status_pin: statusPin } = await issued.json();
  await signOut(desk);

  // The case is not in the Camat's worklist before it reaches them.
  const early = await signIn('camat');
  assert.ok(!(await worklistIds(early.page)).includes(`/permohonan/${caseId}`));
  await signOut(early);

  // 3.–7.
  await signOut(await act('operator', caseId, 'rekam', (form) => form.locator('input[name="data.siak_reference"]').fill('SIAK-2026-0001')));
  await signOut(await act('kasi', caseId, 'paraf'));
  // The Camat types the password again to sign electronically.
  await signOut(await act('camat', caseId, 'tandatangani', (form) => form.locator('input[name="data.password"]').fill(password)));
  await signOut(await act('arsip', caseId, 'arsipkan'));
  const last = await act('arsip', caseId, 'serahkan', (form) => form.locator('input[name="data.received_by"]').fill(applicant.name));
  page = last.page;
  assert.equal((await page.textContent('#tahap-sekarang')).trim(), 'Selesai');
  assert.notEqual((await page.textContent('#nomor-surat')).trim(), '—');
  const history = await page.textContent('#riwayat');
  for (const label of ['Ajukan permohonan', 'Terima berkas', 'Selesai merekam', 'Paraf', 'Tanda tangani', 'Beri nomor dan arsipkan', 'Serahkan surat'])
    assert.ok(history.includes(label), `history lists ${label}`);
  for (const name of Object.values(staff).map((s) => s.name))
    assert.ok(history.includes(name), `history names ${name}`);
  assert.ok(history.includes('SIAK-2026-0001'));
  assert.equal(await page.locator('#waktu tbody tr').count(), 7);
  await page.screenshot({ path: '/tmp/sopir-case.png', fullPage: true });

  // The letter: downloaded from the case page as the office prints it, read
  // back, and its verification QR code followed by a citizen's browser.
  const download = await page.request.get(await page.locator('#unduh-surat').evaluate((a) => a.href));
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  const pdf = await download.body();
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pdfFile = path.join(workDir, 'surat.pdf');
  writeFileSync(pdfFile, pdf);
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  assert.ok(text.includes(applicant.nik), 'the letter carries the full NIK');
  assert.ok(text.includes((await page.textContent('#nomor-surat')).trim()), 'the letter carries its number');
  assert.match(text, /CAMAT CANDI LARAS UTARA/);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdfFile, path.join(workDir, 'surat')]);
  const codes = execFileSync('zbarimg', ['--quiet', '--raw', path.join(workDir, 'surat-1.png')], { encoding: 'utf8' })
    .split('\n').filter(Boolean);
  const verification = codes.find((code) => code.includes('/verifikasi/'));
  assert.ok(verification, `a verification QR code among ${codes}`);
  assert.ok(verification.startsWith(baseUrl), `${verification} points at this server`);
  await signOut(last);

  // On the citizen's phone (360 × 740), where the letter's QR code lands.
  const citizen = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const checker = await citizen.newPage();
  await checker.goto(verification);
  assert.match(await checker.textContent('#status-verifikasi'), /SAH/);
  for (const url of [verification, `${baseUrl}/status`, `${baseUrl}/layanan`]) {
    await checker.goto(url);
    const width = await checker.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${url} is ${width} px wide on a 360-px phone`);
    assert.ok(!(await checker.textContent('body')).includes('sopir'), `${url} names the office, not the software`);
  }
  await checker.goto(verification);
  assert.equal((await checker.textContent('#nik-tersamar')).trim(), applicant.nikMasked);
  assert.ok(!(await checker.content()).includes(applicant.nik), 'the verification page masks the NIK');
  // The same PDF uploaded on the verification page matches the archive.
  await checker.goto(`${baseUrl}/verifikasi`);
  await checker.setInputFiles('#pdf', pdfFile);
  await Promise.all([checker.waitForNavigation(), checker.click('#unggah-pdf button[type=submit]')]);
  assert.match(await checker.textContent('#status-verifikasi'), /SAH/);
  await citizen.close();

  // The Camat's dashboard finds the day's case among its figures.
  const boss = await signIn('camat');
  // sops/ holds several services: the steps are a single service's.
  await boss.page.goto(`${baseUrl}/dasbor?layanan=perekaman-ektp`);
  assert.equal((await boss.page.textContent('#jumlah-selesai')).trim(), '1');
  assert.ok(Number((await boss.page.textContent('#jumlah-diterima')).trim()) >= 1);
  assert.match(await boss.page.textContent('#langkah-perekaman'), /Perekaman/);
  assert.equal(await boss.page.locator('#grafik-langkah g').count(), 7, 'one bar group per step');
  assert.match(await boss.page.textContent('#tepat-waktu-total'), /^\d+%$/);
  assert.ok((await boss.page.textContent('#tabel-petugas')).includes(staff.operator.name), 'the operator is listed');
  await boss.page.screenshot({ path: '/tmp/sopir-dasbor.png', fullPage: true });
  // The same figures as the printed recap, through the session cookie.
  const recapHref = await boss.page.getAttribute('#unduh-laporan a:has-text("rekap PDF")', 'href');
  const recap = await boss.page.request.get(`${baseUrl}${recapHref}`);
  assert.equal(recap.status(), 200);
  assert.equal(recap.headers()['content-type'], 'application/pdf');
  const sheet = await boss.page.request.get(`${baseUrl}${await boss.page.getAttribute('#unduh-laporan a:has-text("XLSX")', 'href')}`);
  assert.equal(sheet.status(), 200);
  assert.match(sheet.headers()['content-disposition'], /rekap-kinerja-CLU-.*\.xlsx/);
  await signOut(boss);

  // The kabupaten's supervisor lands on the dashboard of every office of
  // Kabupaten Tapin, and can narrow it to this one.
  const watcherContext = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const watcher = await watcherContext.newPage();
  await watcher.goto(`${baseUrl}/masuk`);
  await watcher.fill('#username', 'pengawas');
  await watcher.fill('#password', password);
  await Promise.all([watcher.waitForURL(`${baseUrl}/dasbor`), watcher.click('button[type=submit]')]);
  // The offices' table is of one service; sops/ holds several.
  await watcher.goto(`${baseUrl}/dasbor?layanan=perekaman-ektp`);
  assert.match(await watcher.textContent('.keterangan'), /Kabupaten Tapin/);
  assert.ok((await watcher.textContent('#tabel-kantor')).includes('Candi Laras Utara'), 'a row per office');
  assert.equal((await watcher.textContent('#jumlah-selesai')).trim(), '1');
  await watcher.selectOption('#kantor', office);
  await Promise.all([watcher.waitForURL(/kantor=63\.05\.06/), watcher.click('form.saring button[type=submit]')]);
  assert.match(await watcher.textContent('.keterangan'), /Kantor Camat Candi Laras Utara/);
  assert.equal(await watcher.locator('#tabel-kantor').count(), 0);
  await watcherContext.close();

  // The public status check: the number and the receipt's PIN; no name
  // and no NIK digit.
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(`${baseUrl}/status`);
  await visitor.fill('#nomor', registration);
  await visitor.fill('#pin', statusPin);
  await visitor.click('text=Cek status >> nth=-1');
  await visitor.waitForSelector('#hasil-status');
  assert.equal((await visitor.textContent('#status-label')).trim(), 'Selesai');
  assert.ok(!(await visitor.content()).includes(applicant.nikMasked));
  assert.ok(!(await visitor.content()).includes(applicant.nik));
  // A wrong PIN gets the same answer as an unknown number.
  await visitor.fill('#pin', statusPin === '000000' ? '000001' : '000000');
  await visitor.click('text=Cek status >> nth=-1');
  await visitor.waitForSelector('.galat');
  assert.equal(await visitor.locator('#hasil-status').count(), 0);
  await context.close();
});

test('the public service standard is generated from the SOP', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${baseUrl}/layanan/perekaman-ektp`);
  assert.equal(response.status(), 200);
  assert.equal((await page.textContent('#jumlah-waktu')).trim(), '29 menit');
  assert.match(await page.textContent('#biaya'), /Gratis/);
  assert.equal(await page.locator('#prosedur tbody tr').count(), 7);
  await context.close();
});

test('a returned file prints its reasons and comes back corrected', async () => {
  // A woman born 12 May 2000: her NIK's day is 12 + 40.
  const person = { nik: '6305065205000003', kk: '6305060101150002', name: 'Siti Aminah', birthPlace: 'Margasari',
    birthDate: '2000-05-12', sex: 'P' };
  const desk = await signIn('pelayanan');
  const { page } = desk;
  await page.goto(`${baseUrl}/permohonan/baru?layanan=perekaman-ektp`);
  await fillIntake(page, person);
  await page.fill('#f-documents-akta_kelahiran-number', 'SALAH');
  await page.click('text=Simpan dan cetak tanda terima');
  await page.waitForSelector('#tanda-terima');
  const caseId = (await page.textContent('#nomor-permohonan')).trim();
  await page.goto(`${baseUrl}/permohonan/${caseId}`);
  const form = page.locator('#aksi-kembalikan');
  await form.locator('input[value=data_tidak_sesuai]').check();
  await Promise.all([page.waitForURL(`${baseUrl}/permohonan/${caseId}`), form.locator('button[type=submit]').click()]);
  assert.equal((await page.textContent('#tahap-sekarang')).trim(), 'Dikembalikan kepada pemohon');
  await page.click('text=Cetak surat pengembalian');
  await page.waitForSelector('#surat-pengembalian');
  assert.match(await page.textContent('#surat-pengembalian'), /Data pada dokumen tidak sesuai/);

  // Resubmitted with the corrected document number.
  await page.goto(`${baseUrl}/permohonan/${caseId}`);
  const again = page.locator('#aksi-ajukan_ulang');
  assert.equal(await again.locator('input[name="applicant.nik"]').inputValue(), person.nik);
  await again.locator('input[name="documents.akta_kelahiran.number"]').fill('6305-LT-12052000-0003');
  await Promise.all([page.waitForURL(`${baseUrl}/permohonan/${caseId}`), again.locator('button[type=submit]').click()]);
  assert.equal((await page.textContent('#tahap-sekarang')).trim(), 'Verifikasi berkas');
  assert.ok((await page.textContent('main')).includes('6305-LT-12052000-0003'));

  // A form without its CSRF token is refused.
  const status = await page.evaluate(async (url) => (await fetch(url, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=terima' })).status,
  `${baseUrl}/permohonan/${caseId}/aksi`);
  assert.equal(status, 403);
  await signOut(desk);
});

test('a person changes their own password from the header', async () => {
  const session = await signIn('kasi');
  const { page } = session;
  await Promise.all([page.waitForURL(`${baseUrl}/akun/sandi`), page.click('a.pengguna')]);
  await page.fill('#password_current', 'bukan-sandinya');
  await page.fill('#password_new', 'sandi-baru-kasi-2026');
  await page.click('form[action="/akun/sandi"] button');
  assert.match(await page.textContent('.galat'), /sekarang salah/);
  await page.fill('#password_current', password);
  await page.fill('#password_new', 'sandi-baru-kasi-2026');
  await page.click('form[action="/akun/sandi"] button');
  assert.match(await page.textContent('.berhasil'), /sudah diganti/);
  await signOut(session);
  await signOut(await signIn('kasi', 'sandi-baru-kasi-2026'));
});

// "2026-11-25T08:30" in the office's time (WITA), `minutes` from now.
function officeDateTime(minutes) {
  return new Date(Date.now() + (8 * 60 + minutes) * 60 * 1000).toISOString().slice(0, 16);
}

test('an operator records an outage, sees it open, and ends it', async () => {
  const session = await signIn('operator');
  const { page } = session;
  await Promise.all([page.waitForURL(`${baseUrl}/gangguan`), page.click('nav.navigasi >> text=Gangguan')]);
  assert.equal((await page.textContent('#jumlah-berlangsung')).trim(), '0');

  // No kind chosen: refused beside the select, the note kept as typed.
  const note = 'Jaringan SIAK putus sejak pagi';
  await page.fill('#g-catatan', note);
  let [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#form-gangguan button[type=submit]')]);
  assert.equal(response.status(), 422);
  assert.match(await page.textContent('#g-jenis-galat'), /Jenis gangguan/);
  assert.equal(await page.inputValue('#g-catatan'), note);

  // A start in the future: refused beside "Mulai", the note and kind kept.
  await page.selectOption('#g-jenis', 'jaringan');
  await page.fill('#g-mulai', officeDateTime(24 * 60));
  [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#form-gangguan button[type=submit]')]);
  assert.equal(response.status(), 422);
  assert.match(await page.textContent('#g-mulai-galat'), /Waktu mulai gangguan tidak boleh di masa depan/);
  assert.equal(await page.inputValue('#g-catatan'), note);
  assert.equal(await page.inputValue('#g-jenis'), 'jaringan');

  // Started 90 minutes ago: open, first in the list, with who recorded it.
  await page.fill('#g-mulai', officeDateTime(-90));
  await Promise.all([page.waitForURL(/\/gangguan(#gangguan-\d+)?$/), page.click('#form-gangguan button[type=submit]')]);
  assert.equal((await page.textContent('#jumlah-berlangsung')).trim(), '1');
  const open = page.locator('#tabel-gangguan tbody tr').first();
  assert.match(await open.getAttribute('class'), /berlangsung/);
  const row = await open.textContent();
  assert.ok(row.includes('Jaringan/internet'), row);
  assert.ok(row.includes('masih berlangsung'), row);
  assert.ok(row.includes(note), row);
  assert.ok(row.includes(staff.operator.name), 'the row names who recorded it');
  const rowId = await open.getAttribute('id');

  // A second network outage while this one is open is refused in words.
  await page.selectOption('#g-jenis', 'jaringan');
  [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#form-gangguan button[type=submit]')]);
  assert.equal(response.status(), 409);
  assert.match(await page.textContent('#galat-catat'), /masih tercatat berlangsung/);

  // A form without its CSRF token is refused.
  const forged = await page.evaluate(async (url) => (await fetch(url, { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'jenis=listrik' })).status, `${baseUrl}/gangguan`);
  assert.equal(forged, 403);

  // Ended: no longer open, lasted about an hour and a half.
  await page.goto(`${baseUrl}/gangguan`);
  await Promise.all([page.waitForURL(/\/gangguan(#gangguan-\d+)?$/), page.locator(`#${rowId} button`).click()]);
  assert.equal((await page.textContent('#jumlah-berlangsung')).trim(), '0');
  const ended = page.locator(`#${rowId}`);
  assert.doesNotMatch(await ended.getAttribute('class'), /berlangsung/);
  assert.equal(await ended.locator('button').count(), 0, 'an ended outage has no end button');
  assert.match((await ended.locator('.lamanya').textContent()).trim(), /^1 jam (29|30|31) mnt$/);
  await page.screenshot({ path: '/tmp/sopir-gangguan.png', fullPage: true });
  await signOut(session);
});

test('the Register E-KTP page finds a case by name prefix and by NIK, and downloads it', async () => {
  const session = await signIn('pelayanan');
  const { page } = session;
  // The menu opens the first service's register; sops/ holds several.
  await Promise.all([page.waitForURL(/\/register\//), page.click('nav.navigasi >> text=Buku register')]);
  await page.goto(`${baseUrl}/register/register_ektp`);
  assert.ok(Number((await page.textContent('#jumlah-baris')).trim()) >= 1);

  // The beginning of the name, in any case.
  await page.fill('#q', 'budi s');
  await Promise.all([page.waitForURL(/q=budi/), page.click('#cari-register button[type=submit]')]);
  assert.equal((await page.textContent('#jumlah-baris')).trim(), '1');
  let rows = page.locator('#tabel-register tbody tr');
  assert.equal(await rows.count(), 1);
  assert.ok((await rows.first().textContent()).includes(applicant.name));
  // Office staff see the whole NIK here, as on the printed register.
  assert.ok((await rows.first().textContent()).includes(applicant.nik));

  // The NIK.
  await page.fill('#q', applicant.nik);
  await Promise.all([page.waitForURL(new RegExp(`q=${applicant.nik}`)), page.click('#cari-register button[type=submit]')]);
  rows = page.locator('#tabel-register tbody tr');
  assert.equal(await rows.count(), 1);
  assert.ok((await rows.first().textContent()).includes(applicant.name));

  // The downloads carry the same search; the CSV answers with the row.
  const csvHref = await page.locator('#unduh-csv').evaluate((a) => a.href);
  assert.match(csvHref, new RegExp(`/api/v1/registers/register_ektp\\?format=csv&q=${applicant.nik}`));
  const csv = await page.request.get(csvHref);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  const csvText = await csv.text();
  assert.ok(csvText.includes(applicant.nik) && csvText.includes(applicant.name), csvText);
  assert.equal(csvText.trim().split('\r\n').length, 2, 'the heading and the one row');
  assert.match(await page.locator('#unduh-xlsx').getAttribute('href'), /format=xlsx/);
  const pdf = await page.request.get(await page.locator('#unduh-pdf').evaluate((a) => a.href));
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');

  // A name that is not there, and a bad year named in words.
  await page.fill('#q', 'Zulkarnain');
  await Promise.all([page.waitForURL(/q=Zulkarnain/), page.click('#cari-register button[type=submit]')]);
  assert.equal(await page.locator('#tabel-register').count(), 0);
  assert.equal((await page.textContent('#jumlah-baris')).trim(), '0');
  const bad = await page.goto(`${baseUrl}/register/register_ektp?tahun=dua`);
  assert.equal(bad.status(), 422);
  assert.match(await page.textContent('#galat-cari'), /Tahun/);

  // The agenda book lists the sealed letter under its number.
  await page.goto(`${baseUrl}/register/register_ektp`);
  await Promise.all([page.waitForURL(`${baseUrl}/register/agenda`), page.click('text=Agenda')]);
  await page.fill('#q', applicant.nik);
  await Promise.all([page.waitForURL(/q=/), page.click('#cari-register button[type=submit]')]);
  assert.equal(await page.locator('#tabel-register tbody tr').count(), 1);
  await page.screenshot({ path: '/tmp/sopir-register.png', fullPage: true });
  await signOut(session);
});
