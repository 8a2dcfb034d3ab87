// tests/http: the real binary, started as `sopir serve` on a fresh database
// (SQLite, and PostgreSQL when the test server is there), seeded through the
// CLI as an office would seed it, and spoken to over HTTP only.
//
// Environment (set by tests/CMakeLists.txt and scripts/test):
//   SOPIR_BINARY       the sopir executable
//   SOPIR_SOURCE_DIR   the source tree (sops/ and the region data default to it)
//   SOPIR_TEST_PG_URL  a PostgreSQL server to create databases on (scripts/pg-test)
//   SOPIR_REQUIRE_PG   when set, a missing SOPIR_TEST_PG_URL is a failure, not a skip
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

export const binary = process.env.SOPIR_BINARY ?? path.resolve('build/sopir');
export const sourceDir = process.env.SOPIR_SOURCE_DIR ?? path.resolve('.');
export const officeCode = '63.05.06';
export const password = 'kata-sandi-uji-http';

// One account per role of the SOP (sops/perekaman-ektp.toml).
export const users = {
  pemohon: { username: 'pemohon', name: 'Siti Pemohon', role: 'pemohon' },
  pelayanan: { username: 'pelayanan', name: 'Rina Pelayanan', role: 'petugas_pelayanan' },
  operator: { username: 'operator', name: 'Budi Operator', role: 'operator_ektp' },
  kasi: { username: 'kasi', name: 'Hasan Kasi', role: 'kasi_pemerintahan' },
  camat: { username: 'camat', name: 'Alamsyah Camat', role: 'camat' },
  arsip: { username: 'arsip', name: 'Dewi Arsip', role: 'pengadministrasi' },
};

// Someone holding two roles whose actions the SOP keeps apart (paraf and
// tandatangani): a Plt. Camat who is also the Kasi Pemerintahan.
export const actingCamat = { username: 'plt_camat', name: 'Rahmat Plt Camat', role: 'camat,kasi_pemerintahan' };

// The backends to run on. PostgreSQL is skipped (with the reason) only when
// no server is given and none is required.
export function backends() {
  const pgUrl = process.env.SOPIR_TEST_PG_URL;
  const list = [{ name: 'sqlite' }];
  if (pgUrl) list.push({ name: 'postgresql', serverUrl: pgUrl });
  else if (process.env.SOPIR_REQUIRE_PG) list.push({ name: 'postgresql', missing: true });
  else list.push({ name: 'postgresql', skip: 'SOPIR_TEST_PG_URL is not set (scripts/pg-test start)' });
  return list;
}

// CLI runs use the database's seal secret (once a server has made it), as
// an operator's would, so that the rows they write carry the audit MAC.
function cliEnv(dbUrl) {
  return { ...process.env, SOPIR_SEAL_SECRET: sealSecretFile(dbUrl) };
}

function sopir(dbUrl, args, input) {
  return execFileSync(binary, ['--db', dbUrl, ...args], {
    env: cliEnv(dbUrl),
    input: input ?? '',
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 60_000,
  });
}

function psql(serverUrl, sql) {
  execFileSync('psql', [serverUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

// A fresh, empty database: a temporary SQLite file, or a new PostgreSQL
// database on the test server. `drop()` removes it.
export function freshDatabase(backend) {
  if (backend.missing) throw new Error('SOPIR_REQUIRE_PG is set but SOPIR_TEST_PG_URL is not');
  if (backend.name === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'sopir-http-'));
    const url = `sqlite://${path.join(dir, 'sopir.db')}`;
    return { url, drop: () => { rmSync(dir, { recursive: true, force: true }); rmSync(sealSecretFile(url), { force: true }); } };
  }
  const name = `sopir_http_${process.pid}_${randomBytes(4).toString('hex')}`;
  psql(backend.serverUrl, `CREATE DATABASE ${name}`);
  const url = backend.serverUrl.replace(/\/[^/?]*(\?.*)?$/, (_, query) => `/${name}${query ?? ''}`);
  return { url, drop: () => { psql(backend.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); rmSync(sealSecretFile(url), { force: true }); } };
}

// The office of Candi Laras Utara and one user per role, through the CLI.
export function seed(dbUrl) {
  sopir(dbUrl, ['office', 'add', '--code', officeCode]);
  for (const user of [...Object.values(users), actingCamat])
    sopir(dbUrl, ['user', 'add', '--office', officeCode, '--username', user.username, '--name', user.name, '--role', user.role, '--password-stdin'], `${password}\n`);
}

// Another office with one front-desk account, and a kabupaten supervisor
// (pengawas): the reports across offices.
export function addOffice(dbUrl, code, username) {
  sopir(dbUrl, ['office', 'add', '--code', code]);
  sopir(dbUrl, ['user', 'add', '--office', code, '--username', username, '--name', `Petugas ${code}`, '--role', 'petugas_pelayanan', '--password-stdin'], `${password}\n`);
}

export function addSupervisor(dbUrl, username, kabupaten) {
  sopir(dbUrl, ['user', 'add', '--kabupaten', kabupaten, '--username', username, '--name', 'Pengawas Kabupaten', '--password-stdin'], `${password}\n`);
}

// The seal secret of a database's servers: one file per database, so that
// two servers on one database seal alike, as in a real deployment.
export function sealSecretFile(dbUrl) {
  return path.join(tmpdir(), `sopir-segel-${createHash('sha256').update(dbUrl).digest('hex').slice(0, 16)}.key`);
}

// `--sops DIR` for a server that loads only these services of sops/: for
// tests of one service's own figures (a report's steps, its recap), which
// an office with several services shows per service.
export function sopsOnly(ids) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-sops-'));
  for (const id of ids) copyFileSync(path.join(sourceDir, 'sops', `${id}.toml`), path.join(dir, `${id}.toml`));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return ['--sops', dir];
}

// `sopir serve` on a free port; resolves once it prints where it listens.
// Letters print the address the server gives as --public-url (the port is
// only known once it listens, so tests give a fixed stand-in unless told).
// `args` are more serve options; `wrap(command, args)` may return another
// [command, args] to run it under (a namespace, a limit).
export function startServer(dbUrl, { publicUrl = 'http://sopir.test', args = [], wrap = (command, args) => [command, args] } = {}) {
  return new Promise((resolve, reject) => {
    const [command, commandArgs] = wrap(binary, ['--db', dbUrl, 'serve', '--listen', '127.0.0.1:0', '--public-url', publicUrl, '--seal-secret', sealSecretFile(dbUrl), ...args]);
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sopir serve did not start in time\nstdout: ${out}\nstderr: ${err}`));
    }, 30_000);
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/sopir melayani di (http:\/\/\S+?\/)/);
      if (found && timer) {
        clearTimeout(timer);
        resolve({
          base: found[1].replace(/\/$/, ''),
          child,
          stdout: () => out,
          stderr: () => err,
          // SIGTERM, then the exit status: graceful shutdown ends with 0.
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
            const result = await exited;
            clearTimeout(killer);
            return result;
          },
        });
      }
    });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`sopir serve exited (${code ?? signal}) before listening\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

// A small client for one server: JSON in, { status, body, headers } out.
export function client(base) {
  async function request(method, url, { token, body, raw, headers: extra } = {}) {
    const headers = { ...(extra ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(base + url, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, body: json, text, headers: response.headers };
  }
  return {
    base,
    request,
    get: (url, token) => request('GET', url, { token }),
    post: (url, body, token) => request('POST', url, { token, body }),
    async signIn(username, pass = password) {
      const r = await request('POST', '/api/v1/sessions', { body: { username, password: pass } });
      if (r.status !== 201) throw new Error(`sign-in of ${username}: ${r.status} ${r.text}`);
      return r.body.token;
    },
    act: (id, token, action, extra = {}) => request('POST', `/api/v1/cases/${id}/actions`, { token, body: { action, ...extra } }),
  };
}

// Today in the office's time zone (WITA, UTC+8), as YYYY-MM-DD, shifted by `days`.
export function witaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

let serial = 0;

// A valid application; each call a new NIK (serial), so that no "NIK
// already has a case" warnings pile up between tests.
export function application(overrides = {}) {
  serial += 1;
  const kk = '6305062001150003';
  const body = {
    service: 'perekaman-ektp',
    applicant: {
      // 630506 (Candi Laras Utara), born 15-05-2000 (male), serial.
      nik: `630506150500${String(serial).padStart(4, '0')}`,
      kk,
      name: 'Ahmad Fauzi',
      birth_place: 'Margasari',
      birth_date: '2000-05-15',
      sex: 'L',
      religion: 'Islam',
      marital_status: 'Belum Kawin',
      occupation: 'Petani',
      address: 'Jl. Lintas Margasari No. 7',
      rt: '002',
      rw: '001',
      village_code: '63.05.06.2004',
      phone: '081234567890',
    },
    documents: {
      surat_pengantar: { number: '470/12/MH/2026', date: witaDate(-2) },
      akta_kelahiran: { number: '6305-LT-15052000-0001' },
      kartu_keluarga: { number: kk },
    },
  };
  return {
    ...body,
    ...overrides,
    applicant: { ...body.applicant, ...(overrides.applicant ?? {}) },
    documents: { ...body.documents, ...(overrides.documents ?? {}) },
  };
}

// The number of cases per state, from /metrics.
export async function caseCounts(api) {
  const r = await api.get('/metrics');
  const counts = {};
  for (const match of r.text.matchAll(/^sopir_cases\{state="([^"]+)"\} (\d+)$/gm)) counts[match[1]] = Number(match[2]);
  return counts;
}

import { spawnSync } from 'node:child_process';

// `sopir --db <url> ...` without throwing: { status, stdout, stderr }, so
// that a test can assert on a refusal's exit status.
export function cli(dbUrl, args, input) {
  const r = spawnSync(binary, ['--db', dbUrl, ...args], { env: cliEnv(dbUrl), input: input ?? '', encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Within a describe(): a fresh, seeded database and a server on it for the
// block's tests, stopped and dropped after them. `prepare(dbUrl)` runs
// before the server starts; `signIn` lists the users (keys of `users`) to
// sign in, into `token`. The returned object is filled in by then.
export function useSeededServer(backend, { prepare = () => {}, signIn = Object.keys(users), serverOptions = {} } = {}) {
  const context = { db: null, server: null, api: null, token: {} };
  before(async () => {
    context.db = freshDatabase(backend);
    seed(context.db.url);
    await prepare(context.db.url);
    context.server = await startServer(context.db.url, serverOptions);
    context.api = client(context.server.base);
    for (const key of signIn) context.token[key] = await context.api.signIn(users[key].username);
  });
  after(async () => {
    if (context.server) await context.server.stop();
    context.db?.drop();
  });
  return context;
}

// A staff member's browser: signed in through /masuk, with the session
// cookie and the CSRF token of its forms. get(path) and postForm(path,
// fields) send the cookie (and the token with the form) and follow nothing.
export async function staffBrowser(base, username, pass = password) {
  const cookiesOf = (response) => (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const send = async (method, url, { cookie, form } = {}) => {
    const response = await fetch(base + url, {
      method,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    return { status: response.status, text: await response.text(), headers: response.headers, cookies: cookiesOf(response) };
  };
  const signin = await send('GET', '/masuk');
  const token = signin.text.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';
  const posted = await send('POST', '/masuk', { cookie: signin.cookies, form: { csrf: token, username, password: pass } });
  if (posted.status !== 303) throw new Error(`browser sign-in of ${username}: ${posted.status} ${posted.text}`);
  const cookie = posted.cookies;
  const page = await send('GET', '/permohonan/baru', { cookie });
  const csrf = page.text.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';
  return {
    cookie,
    csrf,
    get: (url) => send('GET', url, { cookie }),
    postForm: (url, fields) => send('POST', url, { cookie, form: { csrf, ...fields } }),
  };
}
