// The letter in view and batch signing in a real Chromium: the Kasi's and
// the Camat's case pages show the draft letter beside their buttons; the
// Camat signs twenty letters on /tandatangan with the password typed once;
// each letter, once sealed, verifies through the QR code it prints. The
// cases are brought to the signing step through the JSON API first. Run by
// ctest (e2e.signing) with SOPIR_BINARY set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiAs, ektpCaseAt, launchBrowser, startServer, stopServer } from './support.mjs';

const binary = process.env.SOPIR_BINARY;
assert.ok(binary, 'SOPIR_BINARY must name the sopir binary');

const workDir = mkdtempSync(path.join(tmpdir(), 'sopir-e2e-ttd-'));
const db = `sqlite://${path.join(workDir, 'sopir.db')}`;
const office = '63.05.06';
const password = 'rahasia-e2e-ttd-123';
const staff = {
  pelayanan: { name: 'RINA MARLIANA', role: 'petugas_pelayanan' },
  operator: { name: 'AHMAD FAUZI, A.Md', role: 'operator_ektp' },
  kasi: { name: 'SITI RAHMAH, S.Sos', role: 'kasi_pemerintahan' },
  camat: { name: 'ALAMSYAH, S.Pd', role: 'camat' },
  arsip: { name: 'MUHAMMAD RIDHA', role: 'pengadministrasi' },
};
const k_batch = 20;
const k_png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let server;
let baseUrl;
let browser;
let api; // The JSON API as each of `staff`.
const signing = []; // The twenty cases waiting for the Camat.
let atParaf; // A case waiting for the Kasi.

function sopir(args, input) {
  return execFileSync(binary, ['--db', db, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

before(async () => {
  sopir(['office', 'add', '--code', office]);
  for (const [username, { name, role }] of Object.entries(staff))
    sopir(['user', 'add', '--office', office, '--username', username, '--name', name, '--role', role, '--password-stdin'], `${password}\n`);
  ({ server, baseUrl } = await startServer(binary, db, workDir));
  api = apiAs(baseUrl);
  for (const username of Object.keys(staff)) await api.signIn(username, username, password);
  for (let serial = 1; serial <= k_batch; serial++) signing.push(await ektpCaseAt(api, serial, 'penandatanganan'));
  atParaf = await ektpCaseAt(api, k_batch + 1, 'pemeriksaan');
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  rmSync(workDir, { recursive: true, force: true });
});

async function signIn(username) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/masuk`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(`${baseUrl}/kerja`), page.click('button[type=submit]')]);
  return { context, page };
}

// The case page's draft: a picture that loaded, whose bytes are a PNG of a
// page, beside the form of `action`.
async function assertDraftShown(page, caseId, action) {
  await page.goto(`${baseUrl}/permohonan/${caseId}`);
  const image = page.locator('#konsep-surat img');
  await image.waitFor();
  const src = await image.getAttribute('src');
  assert.equal(src, `/permohonan/${caseId}/konsep.png`);
  const response = await page.request.get(baseUrl + src);
  assert.equal(response.status(), 200);
  const bytes = await response.body();
  assert.ok(bytes.subarray(0, 8).equals(k_png), 'a PNG picture');
  assert.ok(bytes.length > 20_000, `not empty (${bytes.length} bytes)`);
  const shown = await image.evaluate((img) => ({ complete: img.complete, width: img.naturalWidth, box: img.getBoundingClientRect().width }));
  assert.ok(shown.complete && shown.width > 800, `the picture loaded: ${JSON.stringify(shown)}`);
  assert.ok(shown.box > 300, 'shown large enough to read');
  // The button stands beside the draft at 1366 px, not below it.
  const form = page.locator(`#aksi-${action}`);
  assert.ok(await form.isVisible());
  const formBox = await form.boundingBox();
  const imageBox = await image.boundingBox();
  assert.ok(formBox.x > imageBox.x + imageBox.width - 1, 'the action form is to the right of the draft');
  assert.ok(formBox.y < imageBox.y + imageBox.height, 'and level with it');
  const pdf = await page.request.get(`${baseUrl}/permohonan/${caseId}/konsep.pdf`);
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
}

test('the Kasi sees the draft letter beside the paraf button', async () => {
  const kasi = await signIn('kasi');
  await assertDraftShown(kasi.page, atParaf, 'paraf');
  await kasi.context.close();
});

test('the Camat sees the draft, signs twenty letters with one password, and each verifies through its QR code', async () => {
  const camat = await signIn('camat');
  const { page } = camat;
  await assertDraftShown(page, signing[0], 'tandatangani');

  await page.goto(`${baseUrl}/kerja`);
  await Promise.all([page.waitForURL(`${baseUrl}/tandatangan`), page.click('nav a[href="/tandatangan"]')]);
  assert.equal(await page.locator('input[name=cases]').count(), k_batch);
  // Each letter opens its case page with the draft.
  for (const id of signing) assert.equal(await page.locator(`#daftar-surat a[href="/permohonan/${id}"]`).count(), 1);
  await page.check('#pilih-semua');
  assert.equal(await page.locator('input[name=cases]:checked').count(), k_batch);
  await page.fill('#kata-sandi', password);
  await Promise.all([page.waitForLoadState('load'), page.waitForURL(`${baseUrl}/tandatangan`), page.click('#form-batch button[type=submit]')]);
  await page.locator('#hasil-ringkas').waitFor();
  assert.equal((await page.textContent('#hasil-ringkas')).trim(), `${k_batch} dari ${k_batch} surat ditandatangani.`);
  assert.equal(await page.locator('#hasil-per-surat tr[data-hasil="signed"]').count(), k_batch);
  assert.equal(await page.locator('input[name=cases]').count(), 0, 'nothing left to sign');
  await camat.context.close();

  // The Pengadministrasi numbers and seals each; each letter's QR code
  // opens its verification page, which says it is valid.
  const urls = new Set();
  for (const id of signing) {
    const c = await api.call('GET', `/api/v1/cases/${id}`, 'arsip');
    assert.equal(c.state, 'pengarsipan');
    assert.equal(c.history.at(-1).action, 'tandatangani');
    await api.call('POST', `/api/v1/cases/${id}/actions`, 'arsip', { action: 'arsipkan' });
    const letter = await api.file(`/api/v1/cases/${id}/letter.pdf`, 'arsip');
    assert.equal(letter.status, 200);
    const url = verificationQr(Buffer.from(await letter.arrayBuffer()));
    assert.ok(url.startsWith(`${baseUrl}/verifikasi/`), url);
    urls.add(url);
    const verdict = await fetch(url);
    assert.equal(verdict.status, 200, url);
    assert.match(await verdict.text(), /Surat ini SAH/, url);
  }
  assert.equal(urls.size, k_batch, 'each letter its own address');
});

// The verification address the letter's QR code carries, read from a
// picture of page 1 as a phone would read it.
function verificationQr(pdf) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-qr-'));
  try {
    writeFileSync(path.join(dir, 'surat.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', path.join(dir, 'surat.pdf'), path.join(dir, 'halaman')]);
    const picture = readdirSync(dir).find((f) => f.endsWith('.png'));
    const codes = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, picture)], { encoding: 'utf8' }).split('\n');
    const url = codes.find((c) => c.includes('/verifikasi/'));
    assert.ok(url, `a verification QR code among ${codes.join(', ')}`);
    return url.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
