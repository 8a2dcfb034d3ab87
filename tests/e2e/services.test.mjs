// Two of the office's other services in a real Chromium, filed at the
// counter and finished through every step by the demo office's staff: a
// Kartu Keluarga with three member rows (the form grows with "Tambah
// baris") and a Surat Keterangan Pindah to another province. The way
// through each service comes from its description (GET /api/v1/services/{id});
// each step is done on the case page by an account holding the step's role.
// Then every public service page on a 360-px phone. Run by ctest
// (e2e.services) with SOPIR_BINARY set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoAccounts, launchBrowser, startServer, stopServer } from './support.mjs';

const binary = process.env.SOPIR_BINARY;
assert.ok(binary, 'SOPIR_BINARY must name the sopir binary');

const workDir = mkdtempSync(path.join(tmpdir(), 'sopir-e2e-layanan-'));
const db = `sqlite://${path.join(workDir, 'sopir.db')}`;
const accounts = {}; // username → { password, role }
let server;
let baseUrl;
let browser;

const wita = (days = 0) => new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10);

before(async () => {
  // The demo office: one account per role of every service in sops/.
  Object.assign(accounts, demoAccounts(binary, db));
  ({ server, baseUrl } = await startServer(binary, db, workDir));
  browser = await launchBrowser();
});

after(async () => {
  if (browser) await browser.close();
  await stopServer(server);
  rmSync(workDir, { recursive: true, force: true });
});

async function signIn(username) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/masuk`);
  await page.fill('#username', username);
  await page.fill('#password', accounts[username].password);
  await Promise.all([page.waitForURL(`${baseUrl}/kerja`), page.click('button[type=submit]')]);
  return { context, page };
}

// Types each value into the input named by its path ("members.2.nik").
async function fillFields(page, values) {
  for (const [name, value] of Object.entries(values)) {
    const input = page.locator(`[name="${name}"]`);
    const kind = await input.evaluate((node) => (node.tagName === 'INPUT' ? node.type : node.tagName));
    if (kind === 'SELECT') await input.selectOption(value);
    // A document whose number is a field's is ticked, not typed again.
    else if (kind === 'checkbox') await input.check();
    else await input.fill(value);
  }
}

// A group of the form as input paths: {group.field: value}, rows numbered.
function paths(group, values, row) {
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [row === undefined ? `${group}.${field}` : `${group}.${row}.${field}`, value]));
}

// Files an application at the counter: the groups, then each row after
// asking for it with "Tambah baris", then the documents. Returns the case id.
async function fileAtCounter(service, groups, rows, documents) {
  const desk = await signIn('pelayanan');
  const { page } = desk;
  await page.goto(`${baseUrl}/permohonan/baru`);
  await page.click(`a[href$="/permohonan/baru?layanan=${service}"]`);
  await page.waitForURL(`${baseUrl}/permohonan/baru?layanan=${service}`);
  for (const [group, values] of Object.entries(groups)) await fillFields(page, paths(group, values));
  for (const [group, list] of Object.entries(rows)) {
    for (let row = 0; row < list.length; ++row) {
      if ((await page.locator(`[name="${group}.${row}.nik"]`).count()) === 0) {
        await Promise.all([page.waitForLoadState('load'), page.click(`button[name="tambah_baris"][value="${group}"]`)]);
        await page.waitForSelector(`[name="${group}.${row}.nik"]`);
      }
      await fillFields(page, paths(group, list[row], row));
    }
  }
  for (const [document, parts] of Object.entries(documents)) await fillFields(page, paths(`documents.${document}`, parts));
  await page.click('text=Simpan dan cetak tanda terima');
  await page.waitForSelector('#nomor-permohonan', { timeout: 10000 }).catch(async () => {
    throw new Error(`intake refused: ${await page.textContent('#ringkasan-galat').catch(() => page.content())}`);
  });
  const caseId = (await page.textContent('#nomor-permohonan')).trim();
  await desk.context.close();
  return caseId;
}

// The way forward from a state, as the API client in tests/http does it.
function forward(description, state) {
  const steps = description.steps.map((s) => s.id);
  const node = description.steps.find((s) => s.id === state) ?? description.states.find((s) => s.id === state);
  return node?.actions.find((action) => {
    if (['returned', 'held', 'cancelled'].includes(action.target_kind)) return false;
    if (steps.includes(state) && action.target_kind === 'step') return steps.indexOf(action.target) > steps.indexOf(state);
    return true;
  });
}

// Walks the case to its end on its page, each action by an account of its
// role, filling what the action's form requires.
async function finish(service, caseId) {
  const description = await (await fetch(`${baseUrl}/api/v1/services/${service}`)).json();
  const api = await (await fetch(`${baseUrl}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'pelayanan', password: accounts.pelayanan.password }) })).json();
  const stateOf = async () => (await (await fetch(`${baseUrl}/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${api.token}` } })).json()).state;
  const done = [];
  for (let state = await stateOf(); !description.states.some((s) => s.id === state && s.kind === 'end'); state = await stateOf()) {
    assert.ok(done.length < 20, `${service}: no end after ${done.join(' → ')}`);
    const action = forward(description, state);
    assert.ok(action, `${service}: no way forward from ${state}`);
    const username = Object.keys(accounts).find((name) => action.roles.includes(accounts[name].role));
    const { context, page } = await signIn(username);
    await page.goto(`${baseUrl}/permohonan/${caseId}`);
    const form = page.locator(`#aksi-${action.id}`);
    for (const box of await form.locator('input[type=checkbox]').all()) await box.check();
    for (const secret of await form.locator('input[type=password]').all()) await secret.fill(accounts[username].password);
    // Every input of the action's form gets a value (the optional ones too).
    for (const input of await form.locator('input[name^="data."], textarea[name^="data."], select[name^="data."]').all()) {
      const type = await input.evaluate((node) => (node.tagName === 'SELECT' ? 'select' : node.type));
      if (type === 'checkbox' || type === 'hidden' || type === 'password') continue;
      if (type === 'select') await input.selectOption({ index: 1 });
      else if (type === 'password') await input.fill(accounts[username].password);
      else if (type === 'date') await input.fill(wita());
      else if (type === 'number') await input.fill('1');
      else if ((await input.inputValue()) === '') await input.fill(/kk/i.test(await input.getAttribute('name')) ? '6305062001150099' : 'Contoh isian');
    }
    await Promise.all([page.waitForURL(`${baseUrl}/permohonan/${caseId}`), form.locator('button[type=submit]').click()]);
    assert.equal(await page.locator(`#aksi-${action.id}`).count(), 0,
      `${service}: ${state}/${action.id} by ${username}: ${(await page.locator('.galat, .galat-isian').allTextContents()).join(' / ')}`);
    done.push(`${state}/${action.id}`);
    await context.close();
  }
  return done;
}

test('a Kartu Keluarga of three members, filed and finished in the staff pages', async () => {
  const kk = '6305062001150003';
  const caseId = await fileAtCounter('kartu-keluarga', {
    applicant: { nik: '6305061203880001', kk, name: 'Ahmad Fauzi', birth_place: 'Margasari', birth_date: '1988-03-12', sex: 'L',
      address: 'Jl. Lintas Margasari No. 7', rt: '2', rw: '1', village_code: '63.05.06.2004' },
    permohonan: { kind: 'perubahan', reason: 'Penambahan anggota keluarga karena kelahiran' },
  }, {
    members: [
      { nik: '6305061203880001', name: 'Ahmad Fauzi', sex: 'L', birth_place: 'Margasari', birth_date: '1988-03-12', religion: 'Islam',
        education: 'SLTA/Sederajat', occupation: 'Petani/Pekebun', marital_status: 'Kawin', shdk: 'Kepala Keluarga' },
      { nik: '6305064507900002', name: 'Siti Rahmah', sex: 'P', birth_place: 'Kandangan', birth_date: '1990-07-05', religion: 'Islam',
        education: 'Tamat SD/Sederajat', occupation: 'Mengurus Rumah Tangga', marital_status: 'Kawin', shdk: 'Istri' },
      { nik: '6305060309240004', name: 'Muhammad Rizki', sex: 'L', birth_place: 'Rantau', birth_date: '2024-09-03', religion: 'Islam',
        education: 'Tidak/Belum Sekolah', occupation: 'Belum/Tidak Bekerja', marital_status: 'Belum Kawin', shdk: 'Anak' },
    ],
  }, {
    surat_pengantar: { number: '470/31/KDS/2026', date: wita(-2) },
    formulir_f101: { date: wita(-2) },
    kk_lama: { number: kk },
  });
  const walked = await finish('kartu-keluarga', caseId);
  assert.ok(walked.length >= 6, walked.join(' → '));

  const { context, page } = await signIn('kasi');
  await page.goto(`${baseUrl}/permohonan/${caseId}`);
  const members = await page.locator('table.daftar tbody tr').allTextContents();
  for (const name of ['Ahmad Fauzi', 'Siti Rahmah', 'Muhammad Rizki'])
    assert.ok(members.some((row) => row.includes(name)), `${name} in the members table`);
  assert.ok(members.some((row) => row.includes('Kepala Keluarga')), 'the SHDK in words');
  await context.close();
});

test('a Surat Keterangan Pindah to another province, filed and finished in the staff pages', async () => {
  const kk = '6305060302100009';
  const caseId = await fileAtCounter('surat-keterangan-pindah', {
    applicant: { nik: '6305061708850006', kk, name: 'Hendra Saputra', birth_place: 'Margasari', birth_date: '1985-08-17', sex: 'L',
      address: 'Jl. Lintas Margasari No. 21', rt: '2', rw: '1', village_code: '63.05.06.2004' },
    // Handil Bakti, Palaran, Kota Samarinda, Kalimantan Timur.
    tujuan: { village_code: '64.72.01.1002', address: 'Jl. Padat Karya No. 12', rt: '4', rw: '2' },
    pindah: { reason: 'Pekerjaan', kind: 'Kepala Keluarga dan Seluruh Anggota Keluarga', planned_date: wita(14) },
  }, {
    members: [
      { nik: '6305061708850006', name: 'Hendra Saputra', shdk: 'Kepala Keluarga' },
      { nik: '6305065002870007', name: 'Fitri Handayani', shdk: 'Istri' },
    ],
  }, {
    surat_pengantar: { number: '470/15/MH/2026', date: wita(-3) },
    kartu_keluarga: { number: kk },
    ktp: { number: '6305061708850006' },
    formulir_f103: { date: wita(-3) },
  });
  const { context, page } = await signIn('kasi');
  await page.goto(`${baseUrl}/permohonan/${caseId}`);
  const shown = await page.textContent('main');
  assert.match(shown, /Handil Bakti/, 'the destination by name');
  assert.match(shown, /antar provinsi/i, 'the class of the move, derived');
  await context.close();
  const walked = await finish('surat-keterangan-pindah', caseId);
  assert.ok(walked.some((step) => /skpwni|disdukcapil|kembali/i.test(step)) || walked.length >= 7, walked.join(' → '));
});

test('every service page of /layanan reads on a 360-px phone: no sideways scrolling of the page', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/layanan`);
  const links = await page.$$eval('#daftar-layanan a', (anchors) => anchors.map((a) => a.getAttribute('href')));
  assert.ok(links.length >= 6, links.join(', '));
  for (const link of links) {
    await page.goto(`${baseUrl}${link}`);
    assert.ok(await page.isVisible('#bagan-alir img'), `${link}: the flowchart`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${link}: the page is ${width} px wide`);
  }
  await context.close();
});
