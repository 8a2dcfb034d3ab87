// What the e2e suites need: `sopir serve` on a database, on a free port,
// Debian's Chromium, headless with a fresh profile, the demo office's
// accounts, and E-KTP cases brought to a step through the JSON API.
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';

// Starts the server; resolves to { server, baseUrl } once it listens. It runs
// as a demo (--demo): letters are signed although their QR codes point at
// 127.0.0.1. `args` are more serve options; `wrap(command, args)` may return
// another [command, args] to run it under (faketime).
export async function startServer(binary, db, workDir, { args = [], wrap = (command, list) => [command, list] } = {}) {
  const [command, commandArgs] = wrap(binary, ['--db', db, 'serve', '--listen', '127.0.0.1:0', '--demo', '--seal-secret', path.join(workDir, 'segel.key'), ...args]);
  const server = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${seen}`)), 30000);
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/sopir melayani di (http:\/\/[^/\s]+)\//);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${seen}`)));
  });
  return { server, baseUrl };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export async function stopServer(server) {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

// `sopir demo` on the database: the demo office with one account per role
// of every service. Resolves to { username: { password, role } }.
export function demoAccounts(binary, db) {
  const out = execFileSync(binary, ['--db', db, 'demo'], { encoding: 'utf8' });
  const accounts = {};
  for (const match of out.matchAll(/^ {2}(\S+) {2}(\S+) {2}\(([a-z_]+)/gm)) accounts[match[1]] = { password: match[2], role: match[3] };
  if (!accounts.pelayanan || !accounts.camat) throw new Error(`sopir demo made no accounts: ${out}`);
  return accounts;
}

// The JSON API as named people: `signIn(name, username, password)` keeps a
// token under `name`; `call(method, url, name, body)` answers the JSON body
// and throws on any status other than 2xx; `file(url, name)` is the raw
// response of a GET.
export function apiAs(baseUrl) {
  const token = {};
  return {
    async signIn(name, username, password) {
      const response = await fetch(`${baseUrl}/api/v1/sessions`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
      });
      if (response.status !== 201) throw new Error(`sign-in of ${username}: ${response.status} ${await response.text()}`);
      token[name] = (await response.json()).token;
    },
    // The raw response of a GET, for files (PDFs).
    file: (url, name) => fetch(baseUrl + url, { headers: { authorization: `Bearer ${token[name]}` } }),
    async call(method, url, name, body) {
      const response = await fetch(baseUrl + url, {
        method,
        headers: { authorization: `Bearer ${token[name]}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${url} as ${name}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
  };
}

// YYYY-MM-DD in WITA, `days` from today.
export function witaToday(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

// An E-KTP application of a man born 15 May 2000 in Candi Laras Utara;
// `serial` makes the NIK (and the name) his own.
const k_names = ['Ahmad', 'Budi', 'Citra', 'Dewi', 'Eka', 'Fajar', 'Gusti', 'Hadi', 'Intan', 'Joko', 'Kurnia', 'Lestari'];

export function ektpApplication(serial) {
  const kk = '6305062001150003';
  return {
    service: 'perekaman-ektp',
    applicant: {
      nik: `630506150500${String(serial).padStart(4, '0')}`, kk, name: `${k_names[serial % k_names.length]} ${k_names[(serial * 5) % k_names.length]} Warga`, birth_place: 'Margasari',
      birth_date: '2000-05-15', sex: 'L', religion: 'Islam', marital_status: 'Belum Kawin', occupation: 'Petani',
      address: 'Jl. Lintas Margasari No. 7', rt: '002', rw: '001', village_code: '63.05.06.2004',
    },
    documents: {
      surat_pengantar: { number: '470/12/MH/2026', date: witaToday(-2) },
      akta_kelahiran: { number: '6305-LT-15052000-0001' },
      kartu_keluarga: { number: kk },
    },
  };
}

// An E-KTP case filed through `api` and taken to `state` (pemeriksaan: the
// Kasi's paraf; penandatanganan: the Camat's signature); its id. The API's
// people are named pelayanan, operator and kasi.
export async function ektpCaseAt(api, serial, state) {
  const created = await api.call('POST', '/api/v1/cases', 'pelayanan', ektpApplication(serial));
  await api.call('POST', `/api/v1/cases/${created.id}/actions`, 'pelayanan', { action: 'terima' });
  await api.call('POST', `/api/v1/cases/${created.id}/actions`, 'operator', { action: 'rekam' });
  if (state === 'penandatanganan') await api.call('POST', `/api/v1/cases/${created.id}/actions`, 'kasi', { action: 'paraf' });
  return created.id;
}
