// Office administration, the public URL's warning and the roles' own
// pages, through the real `sopir serve` on SQLite and on PostgreSQL:
// - a loopback --public-url (or none) is said at start and on every staff
//   page, and signing a letter is refused with an Indonesian message unless
//   the server runs as a demo (--demo); a LAN one is warned of;
// - the kabupaten supervisor reads a chosen office's register (its downloads
//   answer files, not JSON 422) and outage log, and records nothing;
// - the pemohon sees no register printing that would answer raw JSON;
// - an admin resets a password with a one-time code that must be changed at
//   sign-in, disables an account, and never acts on their own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './harness.mjs';

const k_admin = { username: 'admin_kantor', name: 'Admin Kantor', role: 'admin' };
const k_desk_app = { username: 'loket_aplikasi', name: 'Loket Aplikasi', role: 'petugas_pelayanan' };

function addUser(dbUrl, user) {
  const r = h.cli(dbUrl, ['user', 'add', '--office', h.officeCode, '--username', user.username, '--name', user.name, '--role', user.role, '--password-stdin'], `${h.password}\n`);
  assert.equal(r.status, 0, `user add ${user.username}: ${r.stderr}`);
}

const k_forward = {
  verifikasi: ['pelayanan', 'terima', {}],
  perekaman: ['operator', 'rekam', { data: { siak_reference: 'SIAK-ADMIN-1' } }],
  pemeriksaan: ['kasi', 'paraf', {}],
};

// A new case taken to penandatanganan (the Camat's signature).
async function caseAwaitingSignature(api, token) {
  const created = await api.post('/api/v1/cases', h.application(), token.pelayanan);
  assert.equal(created.status, 201, created.text);
  let state = created.body.state;
  while (state !== 'penandatanganan') {
    const [who, action, extra] = k_forward[state];
    const r = await api.act(created.body.id, token[who], action, extra);
    assert.equal(r.status, 200, `${action}: ${r.text}`);
    state = r.body.state;
  }
  return created.body.id;
}

async function signInAll(api, keys) {
  const token = {};
  for (const key of keys) token[key] = await api.signIn(h.users[key].username);
  return token;
}

for (const backend of h.backends()) {
  describe(`public URL on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    before(() => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
    });
    after(() => db?.drop());

    test('a loopback public URL is warned of at start and on staff pages, and signing is refused unless a demo', async () => {
      let server = await h.startServer(db.url, { publicUrl: 'http://127.0.0.1:9' });
      let caseId;
      try {
        assert.match(server.stdout(), /Peringatan \(kantor 63\.05\.06\): Alamat publik http:\/\/127\.0\.0\.1:9 hanya dapat dibuka dari komputer server ini/);
        const api = h.client(server.base);
        const token = await signInAll(api, ['pelayanan', 'operator', 'kasi', 'camat']);
        const browser = await h.staffBrowser(server.base, 'pelayanan');
        const page = await browser.get('/kerja');
        assert.equal(page.status, 200);
        assert.match(page.text, /id="peringatan-alamat-publik"[^>]*>[^<]*127\.0\.0\.1:9[^<]*tidak dapat ditandatangani/);

        caseId = await caseAwaitingSignature(api, token);
        const refused = await api.act(caseId, token.camat, 'tandatangani', { data: { password: h.password } });
        assert.equal(refused.status, 403, refused.text);
        assert.equal(refused.body.error.code, 'letter.public_url');
        assert.match(refused.body.error.message, /^Surat tidak dapat ditandatangani atau disegel: alamat publik layanan \(http:\/\/127\.0\.0\.1:9\)/);
        assert.equal((await api.get(`/api/v1/cases/${caseId}`, token.kasi)).body.state, 'penandatanganan');

        // On the case page the refusal is the form's message, not JSON.
        const camat = await h.staffBrowser(server.base, 'camat');
        const form = await camat.postForm(`/permohonan/${caseId}/aksi`, { action: 'tandatangani', 'data.password': h.password });
        assert.equal(form.status, 403);
        assert.match(form.headers.get('content-type'), /^text\/html/);
        assert.match(form.text, /hanya dapat dibuka dari komputer server ini/);
      } finally {
        await server.stop();
      }

      // The same database served as a demo signs.
      server = await h.startServer(db.url, { publicUrl: 'http://127.0.0.1:9', args: ['--demo'] });
      try {
        assert.match(server.stdout(), /Mode demo/);
        const api = h.client(server.base);
        const camat = await api.signIn('camat');
        const signed = await api.act(caseId, camat, 'tandatangani', { data: { password: h.password } });
        assert.equal(signed.status, 200, signed.text);
        assert.equal(signed.body.state, 'pengarsipan');
      } finally {
        await server.stop();
      }
    });

    test('a private-network public URL is warned of; a public one is not', async () => {
      let server = await h.startServer(db.url, { publicUrl: 'http://192.168.1.20:8080' });
      try {
        assert.match(server.stdout(), /Alamat publik http:\/\/192\.168\.1\.20:8080 hanya dapat dibuka dari jaringan kantor/);
        const page = await (await h.staffBrowser(server.base, 'kasi')).get('/kerja');
        assert.match(page.text, /id="peringatan-alamat-publik"[^>]*>[^<]*jaringan kantor/);
        assert.doesNotMatch(page.text, /tidak dapat ditandatangani sampai/);
      } finally {
        await server.stop();
      }
      server = await h.startServer(db.url, { publicUrl: 'http://sopir.test' });
      try {
        assert.doesNotMatch(server.stdout(), /Peringatan/);
        const page = await (await h.staffBrowser(server.base, 'kasi')).get('/kerja');
        assert.doesNotMatch(page.text, /peringatan-alamat-publik/);
      } finally {
        await server.stop();
      }
    });
  });

  describe(`roles' own pages on ${backend.name}`, { skip: backend.skip }, () => {
    const ctx = h.useSeededServer(backend, {
      prepare: (dbUrl) => {
        h.addSupervisor(dbUrl, 'pengawas', '63.05');
        h.addOffice(dbUrl, '63.05.05', 'petugas_lain');
      },
      signIn: ['pelayanan', 'operator', 'kasi', 'camat', 'arsip'],
    });

    test('the supervisor picks an office on the register page; its downloads are files', async () => {
      const { api, token } = ctx;
      await caseAwaitingSignature(api, token);
      const supervisor = await h.staffBrowser(ctx.server.base, 'pengawas');
      const bare = await supervisor.get('/register/register_ektp');
      assert.equal(bare.status, 200);
      assert.match(bare.text, /action="\/register\/register_ektp" class="saring" id="pilih-kantor"/);
      assert.match(bare.text, /<option value="63\.05\.06">/);
      assert.doesNotMatch(bare.text, /id="unduh-csv"/, 'no download before an office is chosen');

      const chosen = await supervisor.get('/register/register_ektp?kantor=63.05.06');
      assert.equal(chosen.status, 200, chosen.text);
      assert.match(chosen.text, /<strong id="jumlah-baris">1<\/strong>/);
      assert.doesNotMatch(chosen.text, /href="\/permohonan\/\d+"/, 'no link to a case page the supervisor cannot open');
      for (const id of ['unduh-csv', 'unduh-xlsx', 'unduh-pdf']) {
        const href = chosen.text.match(new RegExp(`id="${id}" href="([^"]+)"`))[1].replaceAll('&amp;', '&');
        assert.match(href, /office=63\.05\.06/);
        const download = await supervisor.get(href);
        assert.equal(download.status, 200, `${id}: ${download.status} ${download.text.slice(0, 200)}`);
        assert.doesNotMatch(download.headers.get('content-type'), /json/);
      }
      const other = await supervisor.get('/register/register_ektp?kantor=64.01.01');
      assert.equal(other.status, 403);
      assert.match(other.headers.get('content-type'), /^text\/html/);
    });

    test('the supervisor reads the outage log of a chosen office and records nothing', async () => {
      const pelayanan = await h.staffBrowser(ctx.server.base, 'pelayanan');
      const started = await pelayanan.postForm('/gangguan', { jenis: 'listrik', catatan: 'PLN padam', mulai: '' });
      assert.equal(started.status, 303, started.text);
      const supervisor = await h.staffBrowser(ctx.server.base, 'pengawas');
      const nav = await supervisor.get('/dasbor');
      assert.match(nav.text, /href="\/gangguan"/);
      assert.match(nav.text, /href="\/register"/);
      assert.doesNotMatch(nav.text, /href="\/kerja"/, 'no worklist link for the supervisor');
      const bare = await supervisor.get('/gangguan');
      assert.equal(bare.status, 200, bare.text);
      assert.match(bare.text, /href="\/gangguan\?kantor=63\.05\.06"/);
      const log = await supervisor.get('/gangguan?kantor=63.05.06');
      assert.equal(log.status, 200, log.text);
      assert.match(log.text, /PLN padam/);
      assert.doesNotMatch(log.text, /id="form-gangguan"/);
      assert.doesNotMatch(log.text, /Akhiri gangguan/);
    });

    test('the pemohon sees no register printing; office staff do', async () => {
      const pemohon = await h.staffBrowser(ctx.server.base, 'pemohon');
      const page = await pemohon.get('/kerja');
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /Cetak buku register/);
      assert.doesNotMatch(page.text, /href="\/register"/);
      assert.doesNotMatch(page.text, /\/api\/v1\/registers/);
      const staff = await (await h.staffBrowser(ctx.server.base, 'arsip')).get('/kerja');
      assert.match(staff.text, /Cetak buku register/);
    });
  });

  describe(`administration on ${backend.name}`, { skip: backend.skip }, () => {
    const ctx = h.useSeededServer(backend, {
      prepare: (dbUrl) => {
        addUser(dbUrl, k_admin);
        addUser(dbUrl, k_desk_app);
      },
      signIn: ['pelayanan'],
    });

    test('only an admin opens /admin; the admin changes nothing of their own account', async () => {
      const kasi = await h.staffBrowser(ctx.server.base, 'kasi');
      const refused = await kasi.get('/admin');
      assert.equal(refused.status, 403);
      assert.doesNotMatch((await kasi.get('/kerja')).text, /href="\/admin"/);
      const admin = await h.staffBrowser(ctx.server.base, k_admin.username);
      const page = await admin.get('/admin');
      assert.equal(page.status, 200, page.text);
      assert.match(page.text, /id="pengguna-camat"/);
      const self = page.text.match(/id="pengguna-admin_kantor"[\s\S]*?<\/tr>/)[0];
      assert.doesNotMatch(self, /reset-sandi/);
      const csrfless = await admin.postForm('/admin/peran', { csrf: 'salah', user: '1', role: 'camat' });
      assert.equal(csrfless.status, 403);
    });

    test('a reset gives a one-time code that must be changed at sign-in; disabling ends sign-in', async () => {
      const admin = await h.staffBrowser(ctx.server.base, k_admin.username);
      const page = await admin.get('/admin');
      const resetPath = page.text.match(/id="pengguna-operator"[\s\S]*?action="(\/admin\/pengguna\/\d+\/reset-sandi)"/)[1];
      const reset = await admin.postForm(resetPath, {});
      assert.equal(reset.status, 200, reset.text);
      const code = reset.text.match(/id="kode">([a-z0-9-]+)</)[1];
      assert.match(code, /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
      assert.doesNotMatch(reset.text, /menunggu-konfirmasi/, 'the operator signs nothing: the reset takes effect at once');

      await assert.rejects(ctx.api.signIn('operator'), /401|403/);
      const operator = await h.staffBrowser(ctx.server.base, 'operator', code).catch(() => null);
      assert.ok(operator, 'signs in with the code');
      const work = await operator.get('/kerja');
      assert.equal(work.status, 303);
      assert.equal(work.headers.get('location'), '/akun/sandi');
      const form = await operator.get('/akun/sandi');
      assert.match(form.text, /id="wajib-ganti-sandi"/);
      const csrf = form.text.match(/name="csrf" value="([^"]+)"/)[1];
      const changed = await operator.postForm('/akun/sandi', { csrf, password_current: code, password_new: 'sandi-baru-operator-1' });
      assert.equal(changed.status, 200, changed.text);
      assert.equal((await operator.get('/kerja')).status, 200);

      const disable = page.text.match(/id="pengguna-operator"[\s\S]*?action="(\/admin\/pengguna\/\d+\/nonaktifkan)"/)[1];
      assert.equal((await admin.postForm(disable, {})).status, 303);
      assert.equal((await operator.get('/kerja')).status, 303, 'the session ended');
      await assert.rejects(ctx.api.signIn('operator', 'sandi-baru-operator-1'), /401|403/);
      const cli = h.cli(ctx.db.url, ['user', 'enable', '--username', 'operator']);
      assert.equal(cli.status, 0, cli.stderr);
      assert.ok(await ctx.api.signIn('operator', 'sandi-baru-operator-1'));
      const audit = h.cli(ctx.db.url, ['audit', 'verify']);
      assert.equal(audit.status, 0, audit.stdout + audit.stderr);
    });

    test('through the API too, a one-time code opens nothing but the change of password', async () => {
      const admin = await h.staffBrowser(ctx.server.base, k_admin.username);
      const page = await admin.get('/admin');
      const resetPath = page.text.match(new RegExp(`id="pengguna-${k_desk_app.username}"[\\s\\S]*?action="(/admin/pengguna/\\d+/reset-sandi)"`))[1];
      const reset = await admin.postForm(resetPath, {});
      assert.equal(reset.status, 200, reset.text);
      const code = reset.text.match(/id="kode">([a-z0-9-]+)</)[1];

      const session = await ctx.api.request('POST', '/api/v1/sessions', { body: { username: k_desk_app.username, password: code } });
      assert.equal(session.status, 201, session.text);
      assert.equal(session.body.must_change_password, true);
      const token = session.body.token;
      assert.equal((await ctx.api.get('/api/v1/me', token)).body.must_change_password, true);
      for (const [method, path, body] of [['GET', '/api/v1/cases'], ['POST', '/api/v1/cases', h.application()], ['GET', '/api/v1/outages'], ['POST', '/api/v1/signatures', { cases: [1], password: code }]]) {
        const refused = await ctx.api.request(method, path, { token, body });
        assert.equal(refused.status, 403, `${method} ${path}: ${refused.text}`);
        assert.equal(refused.body.error.code, 'password.must_change', `${method} ${path}`);
        assert.match(refused.body.error.message, /Kata sandi sementara harus diganti/);
      }
      const changed = await ctx.api.request('POST', '/api/v1/me/password', { token, body: { current: code, new: 'sandi-baru-loket-1' } });
      assert.equal(changed.status, 204, changed.text);
      const cases = await ctx.api.get('/api/v1/cases', token);
      assert.equal(cases.status, 200, cases.text);
      assert.equal((await ctx.api.get('/api/v1/me', token)).body.must_change_password, undefined);
    });

    test('bad settings are refused naming the field, the form keeps what was typed', async () => {
      const admin = await h.staffBrowser(ctx.server.base, k_admin.username);
      const r = await admin.postForm('/admin/pengaturan', { public_url: 'layanan kantor', whatsapp: '0812-3456-7890', letter_pattern: '{nomor}/{tahun}',
        registration_pattern: '{nomor}/{register}/{tahun}', paper: 'F4', min_age: '15' });
      assert.equal(r.status, 422, r.text);
      assert.match(r.text, /Alamat publik harus alamat web lengkap/);
      assert.match(r.text, /Umur minimal wajib KTP harus 17/);
      assert.match(r.text, /value="layanan kantor"/);
      const ok = await admin.postForm('/admin/pengaturan', { public_url: 'https://layanan.tapinkab.go.id/', whatsapp: '0812-3456-7890',
        letter_pattern: '{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}', registration_pattern: '{nomor}/{register}/{unit}/{tahun}', paper: 'F4', min_age: '16' });
      assert.equal(ok.status, 303, ok.text);
      const page = await admin.get('/admin');
      assert.match(page.text, /value="https:\/\/layanan\.tapinkab\.go\.id"/);
      assert.match(page.text, /value="6281234567890"/);
    });
  });
}
