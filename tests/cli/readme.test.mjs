// tests/cli/readme.test.mjs: every sopir command line the README prints
// works as printed. The command lines are read from the README (its code
// blocks and its `sopir …` code spans); each must have a concrete run
// below, with the README's placeholders filled in and its options in the
// README's order (so `sopir serve --db URL …` passes --db after the command).
// A command line added to the README without a run here fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';

const binary = process.env.SOPIR_BINARY ?? path.resolve('build/sopir');
const sourceDir = process.env.SOPIR_SOURCE_DIR ?? path.resolve('.');
const readme = readFileSync(path.join(sourceDir, 'README.md'), 'utf8');

// A command line as compared: no comment, no `printf … |` in front, no line
// continuations, single spaces.
function normalize(line) {
  return line
    .replace(/\s#\s.*$/gm, '')
    .replace(/\s\\(\s|$)/g, ' ')
    .replace(/^.*\|\s*(?=sopir )/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function commandLines() {
  const found = new Set();
  const blocks = [...readme.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)];
  for (const [, body] of blocks) {
    // A line that does not start a command continues the one before it.
    let current = null;
    for (const line of body.split('\n')) {
      if (/(^|\|\s*)sopir /.test(line) && !/^\s+\[/.test(line)) {
        if (current) found.add(normalize(current));
        current = line.replace(/\s#\s.*$/, '');
      } else if (current && /^\s+(\[|--)/.test(line)) {
        current += ' ' + line.replace(/\s#\s.*$/, '');
      } else {
        if (current) found.add(normalize(current));
        current = null;
      }
    }
    if (current) found.add(normalize(current));
  }
  const prose = readme.replace(/^```[a-z]*\n[\s\S]*?^```/gm, '');
  for (const [, span] of prose.matchAll(/`(sopir [^`]+)`/g)) found.add(normalize(span));
  return [...found];
}

const dir = mkdtempSync(path.join(tmpdir(), 'sopir-readme-'));
const db = `sqlite://${path.join(dir, 'sopir.db')}`;
const png = path.join(sourceDir, 'docs', 'img', 'surat-keterangan.png');
const password = 'kata-sandi-uji-readme';
const today = new Date().toISOString().slice(0, 10);
// The server's seal secret, from which the audit keys derive (0600, as
// sopir demands of it).
const secret = path.join(dir, 'rahasia-segel.key');
writeFileSync(secret, randomBytes(32), { mode: 0o600 });
const heads = path.join(dir, 'ujung-rantai.json');

// README line → how it is run: args (as printed, placeholders filled in),
// stdin, the database (SOPIR_DB) and the exit statuses that mean "worked".
// Runs happen in this order, on one database unless `db` says otherwise.
const runs = [
  ['sopir nik NIK [--json] [--today YYYY-MM-DD] [--birth-date YYYY-MM-DD] [--sex L|P]',
    { args: ['nik', '6305061505000001', '--json', '--today', today, '--birth-date', '2000-05-15', '--sex', 'L'] }],
  ['sopir nik --json', { args: ['nik', '--json', '6305061505000001'] }],
  ['sopir kk NOMOR [--json] [--today YYYY-MM-DD]', { args: ['kk', '6305062001150003', '--json', '--today', today] }],
  ['sopir region KODE|NAMA [--json] [--level provinsi|kabupaten|kecamatan|desa] [--limit N]',
    { args: ['region', 'Candi Laras', '--json', '--level', 'kecamatan', '--limit', '5'] }],
  ['sopir sop show ID', { args: ['sop', 'show', 'perekaman-ektp'] }],
  ['sopir sop print ID [--out FILE.pdf] [--paper A4|F4]', { db: 'none', args: ['sop', 'print', 'perekaman-ektp', '--out', path.join(dir, 'sop.pdf'), '--paper', 'F4'] }],
  ['sopir sop print', { same: true }],
  ['sopir sop print ID', { db: 'none', args: ['sop', 'print', 'perekaman-ektp', '--out', path.join(dir, 'sop-2.pdf')] }],
  ['sopir sop check FILE', { args: ['sop', 'check', path.join(sourceDir, 'sops', 'perekaman-ektp.toml')] }],
  ['sopir sop list', { args: ['sop', 'list'] }],
  ['sopir db migrate', { args: ['db', 'migrate'] }],
  ['sopir db version', { args: ['db', 'version'] }],
  ['sopir office add --code 63.05.06 [--place Margasari] [--address …] [--postal-code …] [--paper A4|F4] [--min-age 17|16] [--unit CLU] [--klasifikasi 400.12.2.1] [--letter-pattern …] [--registration-pattern …] [--whatsapp 62…]',
    { args: ['office', 'add', '--code', '63.05.06', '--place', 'Margasari', '--address', 'Jl. Pendidikan No. 1', '--postal-code', '71162',
      '--paper', 'F4', '--min-age', '17', '--unit', 'CLU', '--klasifikasi', '400.12.2.1',
      '--letter-pattern', '{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}', '--registration-pattern', '{nomor}/REG-EKTP/{unit}/{tahun}',
      '--whatsapp', '6281234567890'] }],
  ['sopir office add --code 63.05.06 --place Margasari', { db: 'fresh', args: ['office', 'add', '--code', '63.05.06', '--place', 'Margasari'] }],
  ['sopir office add --code 63.05.05', { args: ['office', 'add', '--code', '63.05.05'] }],
  ['sopir office list', { args: ['office', 'list'] }],
  ['sopir office logo --code 63.05.06 FILE.png', { args: ['office', 'logo', '--code', '63.05.06', png] }],
  ['sopir office sop SERVICE --code 63.05.06 [--number …] [--revised DATE] [--effective DATE] [--approved-by …] [--minutes STEP=N]…',
    { args: ['office', 'sop', 'perekaman-ektp', '--code', '63.05.06', '--number', '800/12/CLU/SOP/2026', '--revised', '2026-01-05',
      '--effective', '2026-02-01', '--approved-by', 'Camat Candi Laras Utara', '--minutes', 'verifikasi=7'] }],
  ['sopir office sop perekaman-ektp --code 63.05.06 --number 800/12/CLU/SOP/2026 --effective 2026-02-01 --minutes verifikasi=7', { same: true }],
  ['sopir office hours --code 63.05.06 --set "Sen-Jum 08:00-16:00"', { args: ['office', 'hours', '--code', '63.05.06', '--set', 'Sen-Jum 08:00-16:00'] }],
  ['sopir holiday add --office 63.05.06 2026-12-31 "Hari jadi Kabupaten"', { args: ['holiday', 'add', '--office', '63.05.06', '2026-12-31', 'Hari jadi Kabupaten'] }],
  ['sopir holiday list --office 63.05.06', { args: ['holiday', 'list', '--office', '63.05.06'] }],
  ['sopir sop show ID --office 63.05.06', { args: ['sop', 'show', 'perekaman-ektp', '--office', '63.05.06'] }],
  ['sopir sop print ID --office 63.05.06', { args: ['sop', 'print', 'perekaman-ektp', '--office', '63.05.06', '--out', path.join(dir, 'sop-kantor.pdf')] }],
  ['sopir sop check FILE --open-cases', { args: ['sop', 'check', path.join(sourceDir, 'sops', 'perekaman-ektp.toml'), '--open-cases'] }],
  ['sopir user add --office 63.05.06 --username U --name "NAMA, S.Pd" [--nip …] [--pangkat …] --role ROLE[,ROLE] [--acting plt|plh --from DATE --until DATE --surat-perintah …] --password-stdin',
    { args: ['user', 'add', '--office', '63.05.06', '--username', 'plt', '--name', 'RAHMAT, S.Pd', '--nip', '196903121992111002', '--pangkat', 'Penata (III/c)',
      '--role', 'camat,kasi_pemerintahan', '--acting', 'plt', '--from', today, '--until', '2099-12-31', '--surat-perintah', '800/12/BKPSDM/2026', '--password-stdin'], input: `${password}\n` }],
  ['sopir user disable --username U', { args: ['user', 'disable', '--username', 'plt'] }],
  ['sopir user enable --username U', { args: ['user', 'enable', '--username', 'plt'] }],
  ['sopir user add --office 63.05.06 --username camat --name "ALAMSYAH, S.Pd" --nip 196903121992111001 --role camat --password-stdin',
    { args: ['user', 'add', '--office', '63.05.06', '--username', 'camat', '--name', 'ALAMSYAH, S.Pd', '--nip', '196903121992111001', '--role', 'camat', '--password-stdin'], input: `${password}\n` }],
  ['sopir user add --kabupaten 63.05 --username U --name "NAMA" --password-stdin',
    { args: ['user', 'add', '--kabupaten', '63.05', '--username', 'pengawas', '--name', 'NAMA', '--password-stdin'], input: `${password}\n` }],
  ['sopir user add --kabupaten 63.05 …', { same: true }],
  ['sopir demo [--cases N --days D --seed S]', { db: 'demo', args: ['demo', '--cases', '20', '--days', '5', '--seed', '7'] }],
  ['sopir demo --cases N --days D', { same: true }],
  ['sopir audit verify', { db: 'demo', args: ['audit', 'verify'] }],
  ['sopir backup FILE', { db: 'demo', args: ['backup', path.join(dir, 'cadangan.db')] }],
  ['sopir backup /backup/sopir-2026-11-25.db', { same: true }],
  ['sopir restore FILE', { db: 'restored', args: ['restore', path.join(dir, 'cadangan.db')] }],
  ['sopir --db sqlite:///var/lib/sopir/sopir.db restore FILE', { db: 'none', args: ['--db', `sqlite://${path.join(dir, 'restored-2.db')}`, 'restore', path.join(dir, 'cadangan.db')] }],
  // The demo's cases have no sealed letter: the command is accepted and
  // refuses for that reason (exit 1), not for its syntax.
  ['sopir letter revoke --case ID --reason "…"', { db: 'demo', args: ['letter', 'revoke', '--case', '1', '--reason', 'Salah ketik nama'], status: [0, 1, 2], noLetter: true }],
  ['sopir letter preview SERVICE [--out FILE.pdf]', { db: 'none', args: ['letter', 'preview', 'perekaman-ektp', '--out', path.join(dir, 'konsep.pdf')] }],
  ['sopir letter preview legalisasi-surat [--corner kanan-bawah]', { db: 'none', args: ['letter', 'preview', 'legalisasi-surat', '--corner', 'kanan-bawah', '--out', path.join(dir, 'tanda.pdf')] }],
  ['sopir letter preview legalisasi-surat --corner kanan-bawah', { same: true }],
  ['sopir letter preview SERVICE --out FILE.pdf', { db: 'none', args: ['letter', 'preview', 'perekaman-ektp', '--out', path.join(dir, 'konsep-2.pdf')] }],
  ['sopir audit export-heads [--out FILE]', { db: 'demo', args: ['audit', 'export-heads', '--out', heads], secret: true }],
  ['sopir audit export-heads', { db: 'demo', args: ['audit', 'export-heads'], secret: true }],
  ['sopir audit verify --heads FILE', { db: 'demo', args: ['audit', 'verify', '--heads', heads], secret: true }],
  ['sopir audit verify [--heads FILE]', { same: true }],
  ['sopir serve --db URL --listen HOST:PORT [--threads 8] [--pool 8] [--secure-cookies] [--public-url https://…] [--demo] [--seal-secret var/segel.key] [--very-late-percent 200] [--max-connections 1024] [--max-connections-per-address 128] [--connection-timeout 10] [--header-timeout 30] [--trusted-proxy CIDR]… [--session-idle 7200] [--session-lifetime 43200]',
    { serve: ['serve', '--db', `sqlite://${path.join(dir, 'sopir.db')}`, '--listen', '127.0.0.1:0', '--threads', '8', '--pool', '8', '--secure-cookies',
      '--public-url', 'https://sopir.example', '--demo', '--seal-secret', path.join(dir, 'segel.key'), '--very-late-percent', '200',
      '--max-connections', '1024', '--max-connections-per-address', '128', '--connection-timeout', '10', '--header-timeout', '30',
      '--trusted-proxy', '10.0.0.0/8', '--trusted-proxy', '127.0.0.1/32', '--session-idle', '7200', '--session-lifetime', '43200'] }],
  // Behind nginx (README, Deployment): the port is any free one here.
  ['sopir serve --listen 127.0.0.1:8080 --trusted-proxy 127.0.0.1/32 --secure-cookies --public-url https://sopir.tapinkab.go.id',
    { serve: ['serve', '--listen', '127.0.0.1:0', '--trusted-proxy', '127.0.0.1/32', '--secure-cookies', '--public-url', 'https://sopir.tapinkab.go.id'], secret: true }],
  ['sopir serve', { same: true }],
];

const databases = {
  main: db,
  fresh: `sqlite://${path.join(dir, 'fresh.db')}`,
  demo: `sqlite://${path.join(dir, 'demo.db')}`,
  restored: `sqlite://${path.join(dir, 'restored.db')}`,
};

function environment({ db: which = 'main', secret: withSecret = false } = {}) {
  const env = { ...process.env };
  delete env.SOPIR_DB;
  delete env.SOPIR_SEAL_SECRET;
  if (which !== 'none') env.SOPIR_DB = databases[which];
  if (withSecret) env.SOPIR_SEAL_SECRET = secret;
  return env;
}

function run(args, how = {}) {
  return spawnSync(binary, args, { input: how.input ?? '', encoding: 'utf8', env: environment(how), timeout: 120_000 });
}

test('every sopir command line of the README has a run here', () => {
  const known = new Set(runs.map(([line]) => normalize(line)));
  const missing = commandLines().filter((line) => !known.has(line));
  assert.deepEqual(missing, [], 'README command lines without a run in tests/cli/readme.test.mjs');
});

test('every sopir command line of the README works as printed', { timeout: 240_000 }, async (t) => {
  try {
    for (const [line, how] of runs) {
      if (how.same) continue;
      if (how.serve) {
        await t.test(line, () => serve(how.serve, environment(how)));
        continue;
      }
      await t.test(line, () => {
        const r = run(how.args, how);
        const statuses = how.status ?? [0];
        assert.ok(statuses.includes(r.status), `${line}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
        assert.doesNotMatch(r.stderr, /not expected|Run with --help|is required|could not be matched/, 'the command line is accepted');
        if (how.noLetter && r.status !== 0) assert.match(r.stderr, /surat|segel|terbit/i);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A `sopir serve` line with every option as printed: started, asked
// /healthz, stopped with SIGTERM (exit 0).
async function serve(args, env) {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => { err += chunk; });
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start\n${out}\n${err}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/sopir melayani di (http:\/\/\S+?)\/?\s/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1].replace(/\/$/, ''));
      }
    });
    exited.then(({ code }) => reject(new Error(`serve exited ${code}\n${out}\n${err}`)));
  });
  const health = await fetch(`${base}/healthz`);
  assert.equal(health.status, 200);
  child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
}
