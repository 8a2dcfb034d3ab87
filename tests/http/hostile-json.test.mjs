// Hostile JSON against the real `sopir serve`, on SQLite and on PostgreSQL:
// bodies nested 100,000 deep on every JSON route (the server must answer
// and stay up), members of the wrong JSON type, NUL characters in text, %00
// in a path, and what a refusal of bad JSON says.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './harness.mjs';

const k_depth = 100_000;
const deepArray = '['.repeat(k_depth) + ']'.repeat(k_depth);
const deepObject = '{"a":'.repeat(k_depth) + '1' + '}'.repeat(k_depth);

function fieldsOf(r) {
  return (r.body?.errors ?? []).map((e) => e.field);
}

// A refusal in the API's shape, naming exactly `field` among its errors.
function assertNames(r, status, field, what) {
  assert.equal(r.status, status, `${what}: ${r.status} ${r.text}`);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/, what);
  assert.equal(typeof r.body?.error?.code, 'string', `${what}: ${r.text}`);
  assert.equal(typeof r.body?.error?.message, 'string', `${what}: ${r.text}`);
  assert.ok(fieldsOf(r).includes(field), `${what}: expected the field ${field} in ${r.text}`);
}

for (const backend of h.backends()) {
  describe(`hostile JSON on ${backend.name}`, { skip: backend.skip }, () => {
    let db;
    let server;
    let api;
    const token = {}; // By key of h.users.
    let caseId; // A case in verifikasi.
    let outageId; // An open outage.

    before(async () => {
      db = h.freshDatabase(backend);
      h.seed(db.url);
      server = await h.startServer(db.url);
      api = h.client(server.base);
      for (const key of ['pelayanan', 'operator', 'kasi', 'arsip']) token[key] = await api.signIn(h.users[key].username);
      const created = await api.post('/api/v1/cases', h.application(), token.pelayanan);
      assert.equal(created.status, 201, created.text);
      caseId = created.body.id;
      const outage = await api.post('/api/v1/outages', { kind: 'listrik', note: 'PLN padam' }, token.operator);
      assert.equal(outage.status, 201, outage.text);
      outageId = outage.body.id;
    });

    after(async () => {
      if (server) await server.stop();
      db?.drop();
    });

    async function healthy(what) {
      let r;
      try {
        r = await api.get('/healthz');
      } catch (e) {
        assert.fail(`${what}: the server no longer answers /healthz (${e.cause?.code ?? e.message})\n${server.stderr().slice(-2000)}`);
      }
      assert.equal(r.status, 200, `${what}: /healthz ${r.status}`);
    }

    async function caseVersion(id) {
      const r = await api.get(`/api/v1/cases/${id}`, token.kasi);
      assert.equal(r.status, 200, r.text);
      return r.body.version;
    }

    test('nesting within the bound is still read (32 levels), one more is not', async () => {
      const nested = (levels) => '['.repeat(levels) + ']'.repeat(levels);
      // data.x of 31 arrays is 33 levels deep with the body and data.
      const ok = await api.request('POST', `/api/v1/cases/${caseId}/actions`, {
        token: token.pelayanan, raw: true, body: `{"action":"tidak_ada","data":{"x":${nested(30)}}}`,
      });
      assert.notEqual(ok.body?.error?.code, 'bad_json', ok.text);
      const deep = await api.request('POST', `/api/v1/cases/${caseId}/actions`, {
        token: token.pelayanan, raw: true, body: `{"action":"tidak_ada","data":{"x":${nested(31)}}}`,
      });
      assert.equal(deep.status, 400, deep.text);
      assert.equal(deep.body?.error?.code, 'bad_json');
    });

    test('"version" must be a JSON integer: a string is 422 naming it, not a skipped check', async () => {
      const created = await api.post('/api/v1/cases', h.application(), token.pelayanan);
      assert.equal(created.status, 201, created.text);
      const id = created.body.id;
      const stale = created.body.version - 1;
      // The stale version as a string once slipped past the check (200).
      assertNames(await api.act(id, token.pelayanan, 'terima', { version: String(stale) }), 422, 'version', 'string version');
      assertNames(await api.act(id, token.pelayanan, 'terima', { version: String(created.body.version) }), 422, 'version', 'current version as a string');
      assertNames(await api.act(id, token.pelayanan, 'terima', { version: created.body.version + 0.5 }), 422, 'version', 'fractional version');
      assertNames(await api.act(id, token.pelayanan, 'terima', { version: [created.body.version] }), 422, 'version', 'version in an array');
      assert.equal(await caseVersion(id), created.body.version, 'nothing happened to the case');
      // The integer still does what it always did.
      const staleInt = await api.act(id, token.pelayanan, 'terima', { version: stale });
      assert.equal(staleInt.status, 409, staleInt.text);
      const fresh = await api.act(id, token.pelayanan, 'terima', { version: created.body.version });
      assert.equal(fresh.status, 200, fresh.text);
    });

    test('every member of the wrong JSON type is 422 naming it', async () => {
      const created = await api.post('/api/v1/cases', h.application(), token.pelayanan);
      assert.equal(created.status, 201, created.text);
      const id = created.body.id;
      const base = h.application();
      const cases = [
        ['sessions: username a number', '/api/v1/sessions', null, { username: 123, password: h.password }, 'username'],
        ['sessions: password an array', '/api/v1/sessions', null, { username: 'kasi', password: [h.password] }, 'password'],
        ['password: current an object', '/api/v1/me/password', 'arsip', { current: { a: 1 }, new: 'sandi-baru-yang-panjang' }, 'current'],
        ['password: new a number', '/api/v1/me/password', 'arsip', { current: h.password, new: 12345678901 }, 'new'],
        ['cases: service a number', '/api/v1/cases', 'pelayanan', { ...base, service: 5 }, 'service'],
        ['cases: applicant an array', '/api/v1/cases', 'pelayanan', { ...base, applicant: [base.applicant] }, 'applicant'],
        ['cases: applicant.name an object', '/api/v1/cases', 'pelayanan', { ...base, applicant: { ...base.applicant, name: { first: 'Ahmad' } } }, 'applicant.name'],
        ['cases: applicant.nik a number', '/api/v1/cases', 'pelayanan', { ...base, applicant: { ...base.applicant, nik: Number(base.applicant.nik) } }, 'applicant.nik'],
        ['cases: applicant.rt a number', '/api/v1/cases', 'pelayanan', { ...base, applicant: { ...base.applicant, rt: 2 } }, 'applicant.rt'],
        ['cases: documents an array', '/api/v1/cases', 'pelayanan', { ...base, documents: [] }, 'documents'],
        ['cases: a document a string', '/api/v1/cases', 'pelayanan', { ...base, documents: { ...base.documents, akta_kelahiran: 'AL-1' } }, 'documents.akta_kelahiran'],
        ['cases: a document number a number', '/api/v1/cases', 'pelayanan', { ...base, documents: { ...base.documents, akta_kelahiran: { number: 7 } } }, 'documents.akta_kelahiran.number'],
        ['actions: action a number', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 5 }, 'action'],
        ['actions: note a number', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', note: 123 }, 'note'],
        ['actions: note an object', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', note: { text: 'x' } }, 'note'],
        ['actions: reasons a string', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'kembalikan', reasons: 'tanpa_kartu_keluarga' }, 'reasons'],
        ['actions: reasons of numbers', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'kembalikan', reasons: [1] }, 'reasons'],
        ['actions: data an array', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', data: [] }, 'data'],
        ['actions: data member an object', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', data: { kelengkapan: { a: 1 } } }, 'data.kelengkapan'],
        ['actions: checklist of numbers', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', data: { kelengkapan: [1, 2] } }, 'data.kelengkapan'],
        ['actions: data.password a number', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', data: { password: 1234 } }, 'data.password'],
        ['actions: data.applicant a string', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', data: { applicant: 'Ahmad' } }, 'applicant'],
        ['actions: data.applicant.name an array', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', data: { applicant: { name: ['Ahmad'] } } }, 'applicant.name'],
        ['outages: note an object', '/api/v1/outages', 'operator', { kind: 'peralatan', note: { text: 'rusak' } }, 'note'],
        ['outages: kind an array', '/api/v1/outages', 'operator', { kind: ['peralatan'], note: 'rusak' }, 'kind'],
        ['outages: started_at a string', '/api/v1/outages', 'operator', { kind: 'peralatan', note: 'rusak', started_at: String(Math.floor(Date.now() / 1000) - 60) }, 'started_at'],
        ['outages: ended_at a string', `/api/v1/outages/${outageId}/end`, 'operator', { ended_at: String(Math.floor(Date.now() / 1000)) }, 'ended_at'],
      ];
      for (const [what, url, who, body, field] of cases) {
        const r = await api.request('POST', url, { token: who && token[who], body });
        assertNames(r, 422, field, what);
        assert.match(r.body.errors.find((e) => e.field === field).message, /harus berupa/, what);
      }
      // Several wrong members at once are all named.
      const several = await api.act(id, token.pelayanan, 'terima', { note: 1, reasons: {}, version: 'x' });
      assert.equal(several.status, 422, several.text);
      assert.deepEqual(fieldsOf(several).sort(), ['note', 'reasons', 'version']);
      // None of it did anything.
      assert.equal((await api.get(`/api/v1/cases/${id}`, token.kasi)).body.state, 'verifikasi');
      const outages = await api.get('/api/v1/outages', token.operator);
      assert.deepEqual(outages.body.outages.filter((o) => o.kind === 'peralatan'), []);
      assert.equal(outages.body.outages.find((o) => o.id === outageId)?.ended_at, null);
    });

    test('null stands for an absent member', async () => {
      const r = await api.post('/api/v1/cases', { ...h.application(), confirm_duplicate: null }, token.pelayanan);
      assert.equal(r.status, 201, r.text);
      assert.equal(r.body.service, 'perekaman-ektp');
      // A null service is no service: with several services loaded (sops/
      // holds more than the E-KTP), 422 naming it, as when it is left out.
      const none = await api.post('/api/v1/cases', { ...h.application(), service: null }, token.pelayanan);
      assert.equal(none.status, 422, none.text);
      assert.ok(none.body.errors.some((e) => e.field === 'service'), none.text);
    });

    test('a NUL character in any text is 422 naming the member', async () => {
      const created = await api.post('/api/v1/cases', h.application(), token.pelayanan);
      const id = created.body.id;
      const base = h.application();
      const cases = [
        ['sessions: username', '/api/v1/sessions', null, { username: 'kasi\u0000', password: h.password }, 'username'],
        ['password: new', '/api/v1/me/password', 'arsip', { current: h.password, new: 'sandi-baru-\u0000-panjang' }, 'new'],
        ['cases: applicant.name', '/api/v1/cases', 'pelayanan', { ...base, applicant: { ...base.applicant, name: 'Ahmad\u0000Fauzi' } }, 'applicant.name'],
        ['cases: a document number', '/api/v1/cases', 'pelayanan', { ...base, documents: { ...base.documents, akta_kelahiran: { number: 'AL\u0000' } } }, 'documents.akta_kelahiran.number'],
        ['actions: note', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', note: 'catatan\u0000' }, 'note'],
        ['actions: data member', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', data: { catatan_petugas: '\u0000' } }, 'data.catatan_petugas'],
        ['actions: checklist item', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'terima', data: { kelengkapan: ['surat_pengantar\u0000'] } }, 'data.kelengkapan'],
        ['actions: reasons', `/api/v1/cases/${id}/actions`, 'pelayanan', { action: 'kembalikan', reasons: ['tanpa_kartu_keluarga\u0000'] }, 'reasons'],
        ['outages: note', '/api/v1/outages', 'operator', { kind: 'peralatan', note: 'printer\u0000rusak' }, 'note'],
      ];
      for (const [what, url, who, body, field] of cases) {
        const r = await api.request('POST', url, { token: who && token[who], body });
        assertNames(r, 422, field, what);
        assert.match(r.body.errors.find((e) => e.field === field).code, /nul/, what);
      }
      // Nothing with a NUL was stored.
      assert.equal((await api.get(`/api/v1/cases/${id}`, token.kasi)).body.state, 'verifikasi');
      const list = await api.get('/api/v1/cases', token.pelayanan);
      assert.ok(!list.text.includes('\\u0000'), 'a stored NUL');
    });

    test('%00 in a path is 404, never the resource before it', async () => {
      for (const url of [`/api/v1/cases/${caseId}%00`, `/api/v1/cases/${caseId}%00.json`, `/api/v1/cases/${caseId}%00/receipt.pdf`,
        '/api/v1/services/perekaman-ektp%00', `/api/v1/cases/%00${caseId}`, `/api/v1/cases/${caseId}%2500`]) {
        const r = await api.get(url, token.kasi);
        assert.equal(r.status, 404, `${url}: ${r.status} ${r.text.slice(0, 200)}`);
        assert.equal(r.body?.error?.code, 'not_found', url);
      }
      const act = await api.request('POST', `/api/v1/cases/${caseId}%00/actions`, { token: token.pelayanan, body: { action: 'terima' } });
      assert.equal(act.status, 404, act.text);
      assert.equal((await api.get(`/api/v1/cases/${caseId}`, token.kasi)).body.state, 'verifikasi');
      // The escape that is no NUL still reads as before.
      const digits = String(caseId);
      const escaped = await api.get(`/api/v1/cases/%3${digits[0]}${digits.slice(1)}`, token.kasi);
      assert.equal(escaped.status, 200, escaped.text);
    });

    test('bad JSON is refused in plain Bahasa Indonesia, without the parser\'s words', async () => {
      const bodies = ['{bukan json', '{"username": "kasi",', '[1, 2]', '"kasi"', '{"a": 1} tambahan', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])];
      for (const body of bodies) {
        for (const [url, who] of [['/api/v1/sessions', null], ['/api/v1/cases', 'pelayanan']]) {
          const r = await api.request('POST', url, { token: who && token[who], body, raw: true });
          const what = `${url} ${JSON.stringify(String(body))}`;
          assert.equal(r.status, 400, `${what}: ${r.status} ${r.text}`);
          assert.equal(r.body?.error?.code, 'bad_json', what);
          assert.match(r.body.error.message, /^Badan permintaan /, what);
          assert.doesNotMatch(r.body.error.message, /json\.exception|parse error|syntax error|unexpected|line \d|column|byte|UTF-8|\[/i, what);
        }
      }
    });

    // Last: on a server that crashes, it takes the others down with it.
    test('a body nested 100,000 deep is refused on every JSON route, and the server stays up', async () => {
      // Every POST route of api_routes.cpp that reads a JSON body, with the
      // member the deep value hides in; `wrap` puts it there.
      const routes = [
        { url: '/api/v1/sessions', wrap: (deep) => `{"username":${deep},"password":"x"}` },
        { url: '/api/v1/me/password', who: 'arsip', wrap: (deep) => `{"current":${deep},"new":"sandi-baru-yang-panjang"}` },
        { url: '/api/v1/cases', who: 'pelayanan', wrap: (deep) => `{"service":"perekaman-ektp","applicant":{"name":${deep}}}` },
        { url: () => `/api/v1/cases/${caseId}/actions`, who: 'pelayanan', wrap: (deep) => `{"action":"terima","data":${deep}}` },
        { url: '/api/v1/outages', who: 'operator', wrap: (deep) => `{"kind":"jaringan","note":${deep}}` },
        { url: () => `/api/v1/outages/${outageId}/end`, who: 'operator', wrap: (deep) => `{"ended_at":${deep}}` },
      ];
      for (const route of routes) {
        const url = typeof route.url === 'function' ? route.url() : route.url;
        for (const [shape, deep] of [['arrays', deepArray], ['objects', deepObject]]) {
          for (const [where, body] of [['as the body', deep], ['in a member', route.wrap(deep)]]) {
            const what = `${url}, ${k_depth} nested ${shape} ${where}`;
            let r;
            try {
              r = await api.request('POST', url, { token: route.who && token[route.who], body, raw: true });
            } catch (e) {
              assert.fail(`${what}: no answer (${e.cause?.code ?? e.message})\n${server.stderr().slice(-2000)}`);
            }
            assert.ok(r.status === 400 || r.status === 422, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
            assert.equal(r.body?.error?.code, 'bad_json', `${what}: ${r.text.slice(0, 300)}`);
            await healthy(what);
          }
        }
      }
      // Nothing was done on the way: the case is still where it was.
      const c = await api.get(`/api/v1/cases/${caseId}`, token.kasi);
      assert.equal(c.body.state, 'verifikasi');
    });
  });
}
