// The outage log in a real Chromium: the operator records a network outage
// on /gangguan and, in the same form, holds the two cases waiting in
// perekaman; ending it with the ticked "Lanjutkan" resumes them. Run by
// ctest (e2e.outages) with SOPIR_BINARY set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoAccounts, launchBrowser, startServer, stopServer } from './support.mjs';

const binary = process.env.SOPIR_BINARY;
assert.ok(binary, 'SOPIR_BINARY must name the sopir binary');

const workDir = mkdtempSync(path.join(tmpdir(), 'sopir-e2e-gangguan-'));
const db = `sqlite://${path.join(workDir, 'sopir.db')}`;
const accounts = {};
let server;
let baseUrl;
let browser;

const wita = (days = 0) => new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);

async function api(method, url, token, body) {
  const response = await fetch(baseUrl + url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

// A case of the counter, accepted: waiting in perekaman.
async function waitingInPerekaman(token, serial) {
  const kk = '6305062001150003';
  let r = await api('POST', '/api/v1/cases', token, {
    service: 'perekaman-ektp',
    applicant: { nik: `63050615050090${String(serial).padStart(2, '0')}`, kk, name: 'Ahmad Fauzi', birth_place: 'Margasari', birth_date: '2000-05-15',
      sex: 'L', religion: 'Islam', marital_status: 'Belum Kawin', occupation: 'Petani', address: 'Jl. Lintas Margasari No. 7', rt: '002', rw: '001',
      village_code: '63.05.06.2004', phone: '081234567890' },
    documents: { surat_pengantar: { number: '470/12/MH/2026', date: wita(-2) }, akta_kelahiran: { number: '6305-LT-15052000-0001' },
      kartu_keluarga: { number: kk } },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  r = await api('POST', `/api/v1/cases/${id}/actions`, token, { action: 'terima' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return id;
}

before(async () => {
  Object.assign(accounts, demoAccounts(binary, db));
  ({ server, baseUrl } = await startServer(binary, db, workDir));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  rmSync(workDir, { recursive: true, force: true });
});

test('an outage holds the waiting recordings in one go and resumes them when it ends', async () => {
  const session = await api('POST', '/api/v1/sessions', null, { username: 'pelayanan', password: accounts.pelayanan.password });
  assert.equal(session.status, 201);
  const cases = [await waitingInPerekaman(session.body.token, 1), await waitingInPerekaman(session.body.token, 2)];
  const stateOf = async (id) => (await api('GET', `/api/v1/cases/${id}`, session.body.token)).body.state;

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/masuk`);
  await page.fill('#username', 'operator_ektp');
  await page.fill('#password', accounts.operator_ektp.password);
  await Promise.all([page.waitForURL(`${baseUrl}/kerja`), page.click('button[type=submit]')]);

  await page.goto(`${baseUrl}/gangguan`);
  const step = page.locator('input[name=tunda][value="perekaman-ektp:perekaman"]');
  const label = await page.locator(`label[for="${await step.getAttribute('id')}"]`).innerText();
  const waiting = Number(label.match(/\((\d+) berkas menunggu\)/)[1]);
  assert.ok(waiting >= 2, label);
  await page.selectOption('#g-jenis', 'jaringan');
  await page.fill('#g-catatan', 'Jaringan SIAK putus');
  await step.check();
  await Promise.all([page.waitForURL(/\/gangguan/), page.click('#form-gangguan button[type=submit]')]);
  for (const id of cases) assert.equal(await stateOf(id), 'tertunda');
  const row = page.locator('#tabel-gangguan tr.berlangsung');
  assert.match(await row.locator('.berkas-ditunda').innerText(), new RegExp(`^${waiting} ditunda, 0 dilanjutkan`));
  assert.equal(await row.locator('input[name=lanjutkan]').isChecked(), true, 'ending offers to resume them');

  await Promise.all([page.waitForURL(/\/gangguan/), row.locator('button', { hasText: 'Akhiri gangguan' }).click()]);
  for (const id of cases) assert.equal(await stateOf(id), 'perekaman');
  assert.match(await page.locator('#tabel-gangguan .berkas-ditunda').first().innerText(), new RegExp(`${waiting} ditunda, ${waiting} dilanjutkan`));
  await context.close();
});
