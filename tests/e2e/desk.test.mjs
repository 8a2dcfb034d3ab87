// The desk as the office works it, in a real Chromium on the demo office:
// an E-KTP intake typed with the keyboard alone (the NIK gives the birth
// date and sex, the Nomor KK is typed once), its receipt, the success
// message and the next file, and every page read by axe-core, at 200 % zoom
// (683 px) and for what axe does not check: errors tied to their fields,
// focus on the error summary, 16-px controls. Run by ctest (e2e.desk) with
// SOPIR_BINARY set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { apiAs, demoAccounts, ektpCaseAt, launchBrowser, startServer, stopServer } from './support.mjs';

const binary = process.env.SOPIR_BINARY;
assert.ok(binary, 'SOPIR_BINARY must name the sopir binary');

const workDir = mkdtempSync(path.join(tmpdir(), 'sopir-e2e-meja-'));
const db = `sqlite://${path.join(workDir, 'sopir.db')}`;
const accounts = {}; // username → { password, role }
let server;
let baseUrl;
let browser;
let atParaf; // A case waiting for the Kasi's paraf, through the API.
let atSigning; // A case waiting for the Camat's signature.

// DD-MM-YYYY in WITA, `days` from today.
function dayFirst(days = 0) {
  const iso = new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

before(async () => {
  Object.assign(accounts, demoAccounts(binary, db));
  ({ server, baseUrl } = await startServer(binary, db, workDir));
  const api = apiAs(baseUrl);
  for (const [name, username] of [['pelayanan', 'pelayanan'], ['operator', 'operator_ektp'], ['kasi', 'kasi']])
    await api.signIn(name, username, accounts[username].password);
  atParaf = await ektpCaseAt(api, 1, 'pemeriksaan');
  atSigning = await ektpCaseAt(api, 2, 'penandatanganan');
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  rmSync(workDir, { recursive: true, force: true });
});

async function signIn(username, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/masuk`);
  await page.fill('#username', username);
  await page.fill('#password', accounts[username].password);
  await Promise.all([page.waitForURL(/\/(kerja|dasbor)$/), page.click('button[type=submit]')]);
  return { context, page };
}

async function workRows(page) {
  await page.goto(`${baseUrl}/kerja`);
  return page.locator('#daftar-kerja tbody tr').count();
}

// The focused control's name (or id).
const focused = (page) => page.evaluate(() => document.activeElement?.name || document.activeElement?.id || '');

let filedCase;

test('an E-KTP intake typed with the keyboard alone, ten typed fields at most', async () => {
  const { context, page } = await signIn('pelayanan');
  const before = await workRows(page);
  await page.goto(`${baseUrl}/permohonan/baru?layanan=perekaman-ektp`);
  assert.equal(await focused(page), 'applicant.nik', 'focus starts on the first field');

  // A man born 12 May 1990, first registered in Candi Laras Utara; his
  // Surat Pengantar is 100 days old, which intake only warns about.
  const typed = {
    'applicant.nik': '\u00a06305061205900001',
    'applicant.kk': '6305060101150002',
    'applicant.name': 'Budi Santoso',
    'applicant.birth_place': 'Margasari',
    'applicant.address': 'Jalan Gusti Libi No. 5',
    'applicant.rt': '3',
    'applicant.rw': '1',
    'documents.surat_pengantar.number': '470/12/MH/2026',
    'documents.surat_pengantar.date': dayFirst(-100),
    'documents.akta_kelahiran.number': '6305-LT-12051990-0001',
  };
  const chosen = { 'applicant.religion': 'i', 'applicant.marital_status': 'k', 'applicant.village_code': 'ArrowDown' };
  const filledByNik = { 'applicant.birth_date': '12-05-1990', 'applicant.sex': 'L' };
  let typedFields = 0;
  const visited = [];
  for (let guard = 0; guard < 40; ++guard) {
    const name = await focused(page);
    visited.push(name);
    if (name in typed) {
      await page.keyboard.type(typed[name]);
      ++typedFields;
    } else if (name in chosen) {
      await page.keyboard.press(chosen[name]);
      assert.notEqual(await page.inputValue(`[name="${name}"]`), '', `${name} chosen with the keyboard`);
    } else if (name in filledByNik) {
      await page.waitForFunction((n) => document.querySelector(`[name="${n}"]`).value !== '', name);
      assert.equal(await page.inputValue(`[name="${name}"]`), filledByNik[name], `${name} filled from the NIK`);
    } else if (name === 'documents.kartu_keluarga.number') {
      await page.keyboard.press('Space'); // The Kartu Keluarga handed in: its number is the Nomor KK.
      await page.keyboard.press('Shift+Tab');
      break;
    }
    await page.keyboard.press('Tab');
  }
  assert.ok(visited.includes('documents.kartu_keluarga.number'), `tab order: ${visited.join(', ')}`);
  assert.ok(typedFields <= 10, `${typedFields} typed fields`);
  // Enter in the last typed field sends the form.
  await Promise.all([page.waitForURL(/\/permohonan\/\d+\/tanda-terima$/), page.keyboard.press('Enter')]);
  filedCase = (await page.textContent('#nomor-permohonan')).trim();
  assert.match(await page.textContent('#pesan-berhasil'), /tersimpan/);
  assert.match(await page.textContent('#catatan-petugas'), /surat pengantar/i, 'the warning is for the officer');

  // A reload of the result page files nothing again.
  await page.reload();
  await page.reload();
  assert.equal(await workRows(page), before + 1);

  // The receipt as printed: the nomor permohonan and a PIN, the status QR
  // address, what happens next; the officer's notes stay off it.
  await page.goto(`${baseUrl}/permohonan/${filedCase}/tanda-terima`);
  const href = await page.locator('#cetak-tanda-terima').evaluate((a) => a.href);
  const pdf = await page.request.get(href);
  assert.equal(pdf.status(), 200);
  const pdfFile = path.join(workDir, 'tanda-terima.pdf');
  writeFileSync(pdfFile, await pdf.body());
  const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
  assert.match(text, new RegExp(`Nomor Permohonan\\s*:\\s*${filedCase}\\b`));
  assert.match(text, /PIN \d{6}/);
  assert.match(text, /Langkah berikutnya/);
  assert.match(text, /Petugas Penerima/);
  assert.ok(!/pengantar paling lama|sudah \d+ hari/.test(text), 'no officer\'s note on the receipt');
  const pin = text.match(/PIN (\d{6})/)[1];
  // The applicant follows the file with the number and the PIN.
  const citizen = await browser.newPage();
  await citizen.goto(`${baseUrl}/status?nomor=${filedCase}`);
  assert.equal(await citizen.inputValue('#nomor'), filedCase);
  await citizen.fill('#pin', pin);
  await Promise.all([citizen.waitForLoadState('load'), citizen.click('form[action="/status"] button[type=submit]')]);
  assert.match(await citizen.textContent('#status-label'), /Verifikasi/i);
  await citizen.close();
  await context.close();
});

test('after an action: a success message and the next file of the worklist', async () => {
  assert.ok(filedCase, 'the intake test filed a case');
  const { context, page } = await signIn('pelayanan');
  await page.goto(`${baseUrl}/permohonan/${filedCase}`);
  const accept = page.locator('#aksi-terima');
  for (const box of await accept.locator('input[type=checkbox]').all()) await box.check();
  await Promise.all([page.waitForNavigation(), accept.locator('button[type=submit]').click()]);
  assert.equal(page.url(), `${baseUrl}/permohonan/${filedCase}`, (await page.locator('.galat, .galat-isian').allTextContents()).join(' / '));
  assert.match(await page.textContent('#pesan-berhasil'), /berhasil/);
  await page.reload();
  assert.equal(await page.locator('#pesan-berhasil').count(), 0, 'said once, not on every reload');
  // Returned files have a tab of their own.
  await page.goto(`${baseUrl}/kerja?tab=dikembalikan`);
  assert.equal(await page.locator('nav.tab a[aria-current=page]').count(), 1);
  await page.goto(`${baseUrl}/kerja`);
  if ((await page.locator('#buka-berikutnya').count()) > 0) {
    await Promise.all([page.waitForURL(/\/permohonan\/\d+$/), page.click('#buka-berikutnya')]);
  }
  await context.close();
});

// The pages each kind of visitor reads, for axe and the 683-px check: the
// front desk's, the Kasi's and the Camat's (each case page at their step,
// with the draft letter), the Camat's administration, the kabupaten
// supervisor's picks of an office, and a register with rows.
const k_office = '63.05.06';
const k_staff = ['pelayanan', 'kasi', 'camat', 'pengawas'];

async function pagesOf(username) {
  if (!username) return ['/', '/layanan', '/layanan/perekaman-ektp', '/status', '/verifikasi', '/masuk'];
  if (username === 'kasi') return ['/kerja', '/paraf', `/permohonan/${atParaf}`, '/register/register_ektp'];
  if (username === 'camat') {
    return ['/kerja', '/tandatangan', `/permohonan/${atSigning}`, '/dasbor', '/dasbor?layanan=perekaman-ektp', '/admin', '/admin/konfirmasi',
      '/akun/sandi'];
  }
  if (username === 'pengawas') {
    return ['/dasbor', `/dasbor?kantor=${k_office}`, '/register', `/register/register_ektp?kantor=${k_office}`, `/gangguan?kantor=${k_office}`];
  }
  return ['/kerja', '/kerja?tab=dikembalikan', '/kerja?tab=ditunda', '/permohonan/baru', '/permohonan/baru?layanan=perekaman-ektp',
    `/permohonan/${filedCase}`, `/permohonan/${filedCase}/tanda-terima`, '/register', '/register/register_ektp', '/gangguan', '/akun/sandi'];
}

async function checkPage(page, url, problems) {
  const response = await page.goto(`${baseUrl}${url}`);
  assert.ok(response.status() < 400, `${url}: ${response.status()}`);
  const result = await new AxeBuilder({ page }).analyze();
  for (const violation of result.violations)
    problems.push(`${url}: axe ${violation.id} (${violation.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  const small = await page.$$eval('input:not([type=hidden]), select, textarea, button', (controls) =>
    controls.filter((c) => parseFloat(getComputedStyle(c).fontSize) < 16).map((c) => c.name || c.id || c.textContent.trim()));
  if (small.length) problems.push(`${url}: controls under 16 px: ${small.join(', ')}`);
  // Dates and times are typed day first and 24-hour, whatever the browser's
  // language: no input whose format the browser picks.
  const localeBound = await page.$$eval('input[type=date], input[type=datetime-local], input[type=time], input[type=month]', (inputs) => inputs.map((i) => i.name));
  if (localeBound.length) problems.push(`${url}: inputs in the browser's date format: ${localeBound.join(', ')}`);
  return problems;
}

test('axe finds nothing on any page, and every control reads at 16 px or more', async () => {
  const problems = [];
  const visitor = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  for (const url of await pagesOf()) await checkPage(await visitor.newPage(), url, problems);
  await visitor.close();
  for (const username of k_staff) {
    const { context, page } = await signIn(username);
    for (const url of await pagesOf(username)) await checkPage(page, url, problems);
    await context.close();
  }
  assert.deepEqual(problems, []);
});

test('a refused intake: focus on the summary, each wrong field tied to its message', async () => {
  const { context, page } = await signIn('pelayanan');
  await page.goto(`${baseUrl}/permohonan/baru?layanan=perekaman-ektp`);
  await page.fill('#f-applicant-nik', '12345');
  await page.fill('#f-applicant-birth_date', '31-02-1990');
  await Promise.all([page.waitForLoadState('load'), page.click('button[data-utama]')]);
  await page.waitForFunction(() => document.activeElement?.id === 'ringkasan-galat');
  const fields = await page.$$eval('.isian.salah', (wrong) => wrong.map((field) => {
    const controls = [...field.querySelectorAll('input:not([type=hidden]), select, textarea')];
    const message = field.querySelector('.galat-isian');
    return {
      name: controls[0]?.name,
      invalid: controls.every((c) => c.getAttribute('aria-invalid') === 'true'),
      described: controls.every((c) => (c.getAttribute('aria-describedby') || '').split(' ').includes(message?.id)),
      kept: controls[0]?.value,
    };
  }));
  assert.ok(fields.length >= 3, JSON.stringify(fields));
  for (const field of fields) {
    assert.ok(field.invalid, `${field.name}: aria-invalid`);
    assert.ok(field.described, `${field.name}: aria-describedby names its message`);
  }
  assert.equal(fields.find((f) => f.name === 'applicant.birth_date')?.kept, '31-02-1990', 'the form keeps what was typed');
  assert.deepEqual(await checkPage(page, '/permohonan/baru?layanan=perekaman-ektp', []), []);
  await context.close();
});

test('at 683 px (1366 at 200 % zoom) no staff page scrolls sideways as a whole', async () => {
  const wide = [];
  for (const username of k_staff) {
    const { context, page } = await signIn(username, { width: 683, height: 384 });
    for (const url of await pagesOf(username)) {
      await page.goto(`${baseUrl}${url}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 683) wide.push(`${url} as ${username}: ${width} px`);
      // A register is measured with its rows in it (the cases filed above).
      if (url.startsWith('/register/') && (await page.locator('table tbody tr').count()) === 0) wide.push(`${url} as ${username}: no rows`);
    }
    await context.close();
  }
  assert.deepEqual(wide, []);
});
