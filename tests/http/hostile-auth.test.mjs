// tests/http/hostile-auth.test.mjs: sign-in throttling, CSRF and revocation
// as a hostile visitor would try them, on SQLite and PostgreSQL.
//
// Throttling slows the guesser, never the rightful user: failures count per
// person and address and per address; the Camat signs in from another
// address and signs although someone guessed at the Camat's password; one
// account's success resets nothing for another; X-Forwarded-For is read only
// from a --trusted-proxy. CSRF: cookie writes to the API need X-CSRF-Token
// and JSON, bearer tokens neither, a foreign Origin is refused, /masuk has a
// token. Revocation: DELETE /api/v1/sessions, a password change ends every
// other session and token, sessions end after --session-lifetime.
//
// Other client addresses are real ones: Linux answers all of 127.0.0.0/8 on
// loopback, so a request can come from 127.0.0.2 to a server on 127.0.0.1.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';

// One request over node:http, from a chosen local address, with any headers:
// { status, headers, text, body }.
function raw(base, method, path, { from = '127.0.0.1', headers = {}, body } = {}) {
  const url = new URL(base + path);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: from }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => {
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: response.statusCode, headers: response.headers, text, body: json });
      });
    });
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

const json = (value) => ({ 'content-type': 'application/json', body: JSON.stringify(value) });

function signIn(base, username, pass, { from, forwardedFor } = {}) {
  const { body, ...type } = json({ username, password: pass });
  const headers = { ...type };
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  return raw(base, 'POST', '/api/v1/sessions', { from, headers, body });
}

function cookieOf(response, name) {
  for (const line of response.headers['set-cookie'] ?? []) {
    const found = line.match(new RegExp(`^${name}=([^;]*)`));
    if (found) return found[1];
  }
  return undefined;
}

// Signs in through the staff's form as a browser does: the form's token
// and its cookie, then the session cookie and its CSRF token (GET /api/v1/me).
async function browserSignIn(base, username, pass = h.password) {
  // (The login-CSRF test checks the form's token; here it is only used.)
  const form = await raw(base, 'GET', '/masuk');
  assert.equal(form.status, 200);
  const signinCookie = cookieOf(form, 'sopir_masuk');
  const token = form.text.match(/name="csrf" value="([0-9a-f]+)"/)?.[1] ?? '';
  const posted = await raw(base, 'POST', '/masuk', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signinCookie ? { cookie: `sopir_masuk=${signinCookie}` } : {}) },
    body: new URLSearchParams({ csrf: token, username, password: pass }).toString(),
  });
  assert.equal(posted.status, 303, posted.text);
  const session = cookieOf(posted, 'sopir_sesi');
  assert.ok(session, 'a session cookie');
  const cookie = `sopir_sesi=${session}`;
  const me = await raw(base, 'GET', '/api/v1/me', { headers: { cookie } });
  return { cookie, csrf: me.body?.csrf_token ?? '' };
}

const bearer = (token) => ({ authorization: `Bearer ${token}` });

const k_forward = {
  verifikasi: ['pelayanan', 'terima', {}],
  perekaman: ['operator', 'rekam', { data: { siak_reference: 'SIAK-HOSTILE-1' } }],
  pemeriksaan: ['kasi', 'paraf', {}],
};

for (const backend of h.backends()) {
  describe(`hostile sign-in, CSRF and revocation on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let server;
    let api;
    const token = {};

    before(async () => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
      for (const username of ['berganti', 'keluar']) {
        const r = h.cli(db.url, ['user', 'add', '--office', h.officeCode, '--username', username, '--name', `Petugas ${username}`, '--role', 'petugas_pelayanan', '--password-stdin'], `${h.password}\n`);
        assert.equal(r.status, 0, r.stderr);
      }
      server = await h.startServer(db.url);
      api = h.client(server.base);
      for (const key of ['pelayanan', 'operator', 'kasi', 'camat']) token[key] = await api.signIn(h.users[key].username);
    });

    after(async () => {
      if (server) await server.stop();
      db?.drop();
    });

    async function caseAt(state) {
      const created = await api.post('/api/v1/cases', h.application(), token.pelayanan);
      assert.equal(created.status, 201, created.text);
      let current = created.body;
      while (current.state !== state) {
        const [who, action, extra] = k_forward[current.state];
        const r = await api.act(current.id, token[who], action, extra);
        assert.equal(r.status, 200, `${action}: ${r.text}`);
        current = r.body;
      }
      return current;
    }

    test('many wrong passwords for camat from one address: the Camat signs in from another address and signs', async () => {
      const letter = await caseAt('penandatanganan');
      const statuses = [];
      for (let i = 0; i < 12; ++i) statuses.push((await signIn(server.base, 'camat', `tebakan-${i}`, { from: '127.0.0.2' })).status);
      assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
      assert.deepEqual(statuses.slice(5), Array(7).fill(429), 'the guesser is held back after five');
      assert.equal((await signIn(server.base, 'camat', h.password, { from: '127.0.0.2' })).status, 429, 'the guessing address stays held back');

      // A session made before the guessing still signs: only its own wrong
      // passwords could refuse it.
      const signedBefore = await api.act(letter.id, token.camat, 'tandatangani', { data: { password: h.password } });
      assert.equal(signedBefore.status, 200, signedBefore.text);
      assert.equal(signedBefore.body.state, 'pengarsipan');

      // From the Camat's own desk, the right password gets in, and signs.
      const fresh = await signIn(server.base, 'camat', h.password, { from: '127.0.0.3' });
      assert.equal(fresh.status, 201, fresh.text);
      const second = await caseAt('penandatanganan');
      const signed = await api.act(second.id, fresh.body.token, 'tandatangani', { data: { password: h.password } });
      assert.equal(signed.status, 200, signed.text);
      assert.equal(signed.body.state, 'pengarsipan');

      // The Camat's success elsewhere resets nothing for the guessing address.
      assert.equal((await signIn(server.base, 'camat', 'tebakan-lagi', { from: '127.0.0.2' })).status, 429);
    });

    test('an address that guessed too often holds back newcomers only; a success there resets nothing for another account', async () => {
      // The Kasi works behind this address (an office NAT).
      assert.equal((await signIn(server.base, 'kasi', h.password, { from: '127.0.0.4' })).status, 201);
      for (let i = 0; i < 20; ++i) {
        const r = await signIn(server.base, `tamu${i}`, 'tebakan', { from: '127.0.0.4' });
        assert.equal(r.status, 401, `guess ${i + 1}: ${r.text}`);
      }
      assert.equal((await signIn(server.base, 'tamu99', 'tebakan', { from: '127.0.0.4' })).status, 429, 'the address is held back');
      assert.equal((await signIn(server.base, 'operator', h.password, { from: '127.0.0.4' })).status, 429, 'for someone new to it too');
      const kasi = await signIn(server.base, 'kasi', h.password, { from: '127.0.0.4' });
      assert.equal(kasi.status, 201, `the Kasi, who signed in from it before, is not locked out: ${kasi.text}`);
      assert.equal((await signIn(server.base, 'tamu100', 'tebakan', { from: '127.0.0.4' })).status, 429, "the Kasi's success resets nothing");
      assert.equal((await signIn(server.base, 'operator', h.password, { from: '127.0.0.5' })).status, 201, 'another address is not held back');
    });

    test('X-Forwarded-For is ignored from an untrusted peer', async () => {
      for (let i = 0; i < 5; ++i)
        assert.equal((await signIn(server.base, 'arsip', `tebakan-${i}`, { from: '127.0.0.6', forwardedFor: `10.1.1.${i}` })).status, 401);
      const r = await signIn(server.base, 'arsip', h.password, { from: '127.0.0.6', forwardedFor: '10.2.2.2' });
      assert.equal(r.status, 429, 'a header the client wrote does not make a new address');
    });

    test('cookie writes to the API need X-CSRF-Token, JSON and our Origin; bearer tokens need neither', async () => {
      const pelayanan = await browserSignIn(server.base, 'pelayanan');
      const item = await caseAt('verifikasi');
      const path = `/api/v1/cases/${item.id}/actions`;
      const returnIt = JSON.stringify({ action: 'kembalikan', reasons: ['data_tidak_sesuai'] });
      const state = async () => (await api.get(`/api/v1/cases/${item.id}`, token.pelayanan)).body.state;

      const tries = [
        { what: 'text/plain from evil.example', status: 403, headers: { 'content-type': 'text/plain', origin: 'http://evil.example' } },
        { what: 'text/plain, no Origin, no token', status: 403, headers: { 'content-type': 'text/plain' } },
        { what: 'JSON without the token', status: 403, headers: { 'content-type': 'application/json' } },
        { what: 'JSON with a wrong token', status: 403, headers: { 'content-type': 'application/json', 'x-csrf-token': 'f'.repeat(64) } },
        { what: 'the token with text/plain', status: 415, headers: { 'content-type': 'text/plain', 'x-csrf-token': pelayanan.csrf } },
        { what: 'the token and JSON from evil.example', status: 403, headers: { 'content-type': 'application/json', 'x-csrf-token': pelayanan.csrf, origin: 'http://evil.example' } },
        { what: 'Origin null', status: 403, headers: { 'content-type': 'application/json', 'x-csrf-token': pelayanan.csrf, origin: 'null' } },
      ];
      for (const attempt of tries) {
        const r = await raw(server.base, 'POST', path, { headers: { cookie: pelayanan.cookie, ...attempt.headers }, body: returnIt });
        assert.equal(r.status, attempt.status, `${attempt.what}: ${r.text}`);
        assert.match(r.body.error.code, /^csrf\./, attempt.what);
        assert.equal(await state(), 'verifikasi', `${attempt.what}: nothing done`);
      }
      assert.match(pelayanan.csrf, /^[0-9a-f]{64}$/, 'GET /api/v1/me gives a cookie session its CSRF token');
      const ours = await raw(server.base, 'POST', path, {
        headers: { cookie: pelayanan.cookie, 'content-type': 'application/json; charset=utf-8', 'x-csrf-token': pelayanan.csrf, origin: server.base },
        body: returnIt,
      });
      assert.equal(ours.status, 200, ours.text);
      assert.equal(ours.body.state, 'dikembalikan');

      // A bearer token needs neither the header nor JSON's content type.
      const other = await caseAt('verifikasi');
      const byToken = await raw(server.base, 'POST', `/api/v1/cases/${other.id}/actions`, {
        headers: { ...bearer(token.pelayanan), 'content-type': 'text/plain' }, body: returnIt,
      });
      assert.equal(byToken.status, 200, byToken.text);
      const me = await raw(server.base, 'GET', '/api/v1/me', { headers: bearer(token.pelayanan) });
      assert.equal(me.body.csrf_token, undefined, 'no CSRF token for a bearer token');
    });

    test('the sign-in form needs its token and our Origin (login CSRF)', async () => {
      const form = new URLSearchParams({ username: 'kasi', password: h.password });
      const bare = await raw(server.base, 'POST', '/masuk', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      assert.equal(bare.status, 403, 'no token');
      assert.equal(cookieOf(bare, 'sopir_sesi'), undefined, 'no session made');

      const page = await raw(server.base, 'GET', '/masuk');
      const cookie = `sopir_masuk=${cookieOf(page, 'sopir_masuk')}`;
      const csrf = page.text.match(/name="csrf" value="([0-9a-f]+)"/)[1];
      const withToken = new URLSearchParams({ csrf, username: 'kasi', password: h.password }).toString();
      const wrong = await raw(server.base, 'POST', '/masuk', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'sopir_masuk=' + 'a'.repeat(64) }, body: withToken,
      });
      assert.equal(wrong.status, 403, 'a token not matching the cookie');
      const foreign = await raw(server.base, 'POST', '/masuk', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: 'http://evil.example' }, body: withToken,
      });
      assert.equal(foreign.status, 403, 'from another site');
      assert.equal(cookieOf(foreign, 'sopir_sesi'), undefined);
      const ours = await raw(server.base, 'POST', '/masuk', { headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body: withToken });
      assert.equal(ours.status, 303, ours.text);
      assert.ok(cookieOf(ours, 'sopir_sesi'));
    });

    test('DELETE /api/v1/sessions signs the token or the session out', async () => {
      const signedIn = await signIn(server.base, 'keluar', h.password);
      assert.equal(signedIn.status, 201);
      const mine = bearer(signedIn.body.token);
      assert.equal((await raw(server.base, 'GET', '/api/v1/cases', { headers: mine })).status, 200);
      const out = await raw(server.base, 'DELETE', '/api/v1/sessions', { headers: mine });
      assert.equal(out.status, 204, out.text);
      assert.equal((await raw(server.base, 'GET', '/api/v1/cases', { headers: mine })).status, 401, 'the token is dead');
      assert.equal((await raw(server.base, 'DELETE', '/api/v1/sessions', { headers: mine })).status, 401);

      const browser = await browserSignIn(server.base, 'keluar');
      const noToken = await raw(server.base, 'DELETE', '/api/v1/sessions', { headers: { cookie: browser.cookie } });
      assert.equal(noToken.status, 403, 'a cookie sign-out needs the CSRF token');
      const signedOut = await raw(server.base, 'DELETE', '/api/v1/sessions', { headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf } });
      assert.equal(signedOut.status, 204, signedOut.text);
      assert.match(signedOut.headers['set-cookie'].join('\n'), /sopir_sesi=;.*Max-Age=0/);
      assert.equal((await raw(server.base, 'GET', '/api/v1/me', { headers: { cookie: browser.cookie } })).status, 401);
    });

    test('a password change ends every other session and token of the person, and keeps the one it came through', async () => {
      const first = (await signIn(server.base, 'berganti', h.password)).body.token;
      const second = (await signIn(server.base, 'berganti', h.password)).body.token;
      const browser = await browserSignIn(server.base, 'berganti');
      const bystander = token.kasi;
      const newPassword = 'sandi-baru-berganti-1';
      const changed = await raw(server.base, 'POST', '/api/v1/me/password', { headers: { ...bearer(first), 'content-type': 'application/json' }, body: JSON.stringify({ current: h.password, new: newPassword }) });
      assert.equal(changed.status, 204, changed.text);
      assert.equal((await raw(server.base, 'GET', '/api/v1/me', { headers: bearer(first) })).status, 200, 'the token used is kept');
      assert.equal((await raw(server.base, 'GET', '/api/v1/me', { headers: bearer(second) })).status, 401, 'another token ends');
      assert.equal((await raw(server.base, 'GET', '/api/v1/me', { headers: { cookie: browser.cookie } })).status, 401, 'the browser session ends');
      assert.equal((await raw(server.base, 'GET', '/api/v1/me', { headers: bearer(bystander) })).status, 200, "another person's token stays");

      // Through the staff's form: that session stays, the others end.
      const desk = await browserSignIn(server.base, 'berganti', newPassword);
      const other = await browserSignIn(server.base, 'berganti', newPassword);
      const page = await raw(server.base, 'POST', '/akun/sandi', {
        headers: { cookie: desk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: desk.csrf, password_current: newPassword, password_new: 'sandi-ketiga-berganti' }).toString(),
      });
      assert.equal(page.status, 200, page.text);
      assert.equal((await raw(server.base, 'GET', '/api/v1/me', { headers: { cookie: desk.cookie } })).status, 200);
      assert.equal((await raw(server.base, 'GET', '/api/v1/me', { headers: { cookie: other.cookie } })).status, 401);
      assert.equal((await raw(server.base, 'GET', '/api/v1/me', { headers: bearer(first) })).status, 401);
    });
  });

  describe(`sessions' lifetime and trusted proxies on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let server;

    before(async () => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
      server = await h.startServer(db.url, { args: ['--session-lifetime', '5', '--trusted-proxy', '127.0.0.7/32', '--trusted-proxy', '::1/128'] });
    });

    after(async () => {
      if (server) await server.stop();
      db?.drop();
    });

    test('a session and a token end after --session-lifetime, used or not', async () => {
      const signedIn = await signIn(server.base, 'operator', h.password);
      assert.equal(signedIn.status, 201);
      const browser = await browserSignIn(server.base, 'kasi');
      const made = Date.now(); // Both were made before this.
      const me = () => raw(server.base, 'GET', '/api/v1/me', { headers: { cookie: browser.cookie } });
      const cases = () => raw(server.base, 'GET', '/api/v1/cases', { headers: bearer(signedIn.body.token) });
      assert.equal((await me()).status, 200);
      assert.equal((await cases()).status, 200);
      // Used all along, they still end when their lifetime is over.
      while (Date.now() < made + 6000) {
        await me();
        await cases();
        await new Promise((done) => setTimeout(done, 500));
      }
      assert.equal((await me()).status, 401, 'the session ended');
      assert.equal((await cases()).status, 401, 'the token ended');
    });

    test('X-Forwarded-For from a --trusted-proxy names the client: its rightmost untrusted hop', async () => {
      const viaProxy = (pass, forwardedFor) => signIn(server.base, 'camat', pass, { from: '127.0.0.7', forwardedFor });
      for (let i = 0; i < 5; ++i) assert.equal((await viaProxy(`tebakan-${i}`, '10.1.1.1')).status, 401);
      assert.equal((await viaProxy(h.password, '10.1.1.1')).status, 429, 'the guessing client is held back');
      assert.equal((await viaProxy(h.password, '10.2.2.2, 10.1.1.1')).status, 429, 'a hop the client wrote on the left changes nothing');
      assert.equal((await viaProxy(h.password, '10.2.2.2')).status, 201, 'another client behind the proxy gets in');
      assert.equal((await viaProxy(h.password, '10.1.1.1, 127.0.0.7')).status, 429, 'trusted hops are skipped');
      // A peer that is no trusted proxy is itself the client, whatever it claims.
      for (let i = 0; i < 5; ++i) assert.equal((await signIn(server.base, 'kasi', `tebakan-${i}`, { from: '127.0.0.8', forwardedFor: '10.3.3.3' })).status, 401);
      assert.equal((await signIn(server.base, 'kasi', h.password, { from: '127.0.0.8', forwardedFor: '10.4.4.4' })).status, 429);
    });
  });
}
