// The satisfaction survey in a real Chromium on the demo office: after
// handover the citizen opens the receipt's survey link on a 360-px phone,
// answers with the keyboard alone, and the Camat's IKM report shows the
// result. Both pages read by axe-core. Run by ctest (e2e.survey) with
// SOPIR_BINARY set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { demoAccounts, launchBrowser, startServer, stopServer } from './support.mjs';

const binary = process.env.SOPIR_BINARY;
assert.ok(binary, 'SOPIR_BINARY must name the sopir binary');

const workDir = mkdtempSync(path.join(tmpdir(), 'sopir-e2e-survei-'));
const db = `sqlite://${path.join(workDir, 'sopir.db')}`;
let accounts = {};
let server;
let baseUrl;
let browser;

function witaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);
}

before(async () => {
  accounts = demoAccounts(binary, db);
  ({ server, baseUrl } = await startServer(binary, db, workDir));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  rmSync(workDir, { recursive: true, force: true });
});

async function api(method, url, token, body) {
  const response = await fetch(baseUrl + url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : undefined, text };
}

async function token(username) {
  const r = await api('POST', '/api/v1/sessions', null, { username, password: accounts[username].password });
  assert.equal(r.status, 201, `${username}: ${r.text}`);
  return r.body.token;
}

// A new E-KTP case, taken by the API to penyerahan (handover).
async function handedOverCase() {
  const kk = '6305062001150003';
  const created = await api('POST', '/api/v1/cases', await token('pelayanan'), {
    service: 'perekaman-ektp',
    applicant: { nik: '6305061505000071', kk, name: 'Warga Survei', birth_place: 'Margasari', birth_date: '2000-05-15', sex: 'L',
      religion: 'Islam', marital_status: 'Belum Kawin', occupation: 'Petani', address: 'Jl. Lintas Margasari No. 7', rt: '002', rw: '001',
      village_code: '63.05.06.2004', phone: '081234567890' },
    documents: { surat_pengantar: { number: '470/12/MH/2026', date: witaDate(-2) }, akta_kelahiran: { number: '6305-LT-15052000-0001' },
      kartu_keluarga: { number: kk } },
  });
  assert.equal(created.status, 201, created.text);
  const steps = {
    verifikasi: ['pelayanan', 'terima', {}],
    perekaman: ['operator_ektp', 'rekam', {}],
    pemeriksaan: ['kasi', 'paraf', {}],
    penandatanganan: ['camat', 'tandatangani', { data: { password: accounts.camat.password } }],
    pengarsipan: ['pengadministrasi', 'arsipkan', {}],
  };
  let current = created.body.state;
  while (current !== 'penyerahan') {
    const [who, action, extra] = steps[current];
    const r = await api('POST', `/api/v1/cases/${created.body.id}/actions`, await token(who), { action, ...extra });
    assert.equal(r.status, 200, `${action} by ${who}: ${r.text}`);
    current = r.body.state;
  }
  return created.body.id;
}

async function axeProblems(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${page.url()}: axe ${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

test('after handover the citizen answers on a 360-px phone through the link, and the IKM report shows it', async () => {
  const id = await handedOverCase();
  const link = await api('GET', `/api/v1/cases/${id}/survey-link`, await token('pelayanan'));
  assert.equal(link.status, 200, link.text);
  assert.equal(link.body.open, true);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  await page.goto(`${baseUrl}/survei/${link.body.token}`);
  assert.deepEqual(await axeProblems(page), []);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'the page fits 360 px');
  assert.equal(await page.locator('fieldset:has(> legend) input[type=radio]').count(), 36, 'nine fieldsets of four radios, each with its legend');
  // The keyboard alone: Tab into each group, arrow to the answer.
  await page.focus('#u1-1');
  for (let group = 1; group <= 9; group++) {
    await page.keyboard.press('ArrowDown'); // 1 → 2
    await page.keyboard.press('ArrowDown'); // 2 → 3
    await page.keyboard.press('ArrowDown'); // 3 → 4
    if (group < 9) await page.keyboard.press('Tab');
  }
  assert.equal(await page.locator('input[type=radio]:checked').count(), 9);
  assert.ok(await page.locator('#u9-4').isChecked());
  await page.selectOption('#jenis_kelamin', 'P');
  await page.fill('#saran', 'Pelayanan cepat dan ramah.');
  await Promise.all([page.waitForLoadState('load'), page.click('#kirim-survei')]);
  await page.locator('#survei-terima-kasih').waitFor();
  assert.deepEqual(await axeProblems(page), []);
  await phone.close();

  const office = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const camat = await office.newPage();
  await camat.goto(`${baseUrl}/masuk`);
  await camat.fill('#username', 'camat');
  await camat.fill('#password', accounts.camat.password);
  await Promise.all([camat.waitForURL(/\/(kerja|dasbor)$/), camat.click('button[type=submit]')]);
  await camat.goto(`${baseUrl}/laporan/ikm?dari=${witaDate(0)}&sampai=${witaDate(0)}&layanan=perekaman-ektp`);
  // One respondent, every answer 4: IKM 100,00, grade A.
  assert.equal((await camat.textContent('#nilai-ikm')).trim(), '100,00');
  assert.match(await camat.textContent('#mutu-ikm'), /A \(Sangat Baik\)/);
  assert.equal((await camat.textContent('#jumlah-responden')).trim(), '1');
  assert.match(await camat.textContent('#saran-responden'), /Pelayanan cepat dan ramah/);
  assert.deepEqual(await axeProblems(camat), []);
  await office.close();
});
