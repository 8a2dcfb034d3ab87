// Logging an outage holds every case waiting in the affected step in one
// action, and ending it resumes them: each hold and resumption an action on
// the case's own chain, linked to the outage (the case's history names it,
// the outage log and the report count it). The JSON API and the /gangguan
// page, on both databases.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import * as h from './harness.mjs';

for (const backend of h.backends()) {
  describe(`outage holds on ${backend.name}`, { skip: backend.skip }, () => {
    const ctx = h.useSeededServer(backend, { serverOptions: { args: h.sopsOnly(['perekaman-ektp']) } });

    // A case waiting in perekaman (or in verifikasi when `accept` is false).
    async function waitingCase(accept = true) {
      let r = await ctx.api.post('/api/v1/cases', h.application(), ctx.token.pelayanan);
      assert.equal(r.status, 201, r.text);
      const id = r.body.id;
      if (accept) {
        r = await ctx.api.act(id, ctx.token.pelayanan, 'terima');
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.state, 'perekaman');
      }
      return id;
    }

    const stateOf = async (id) => (await ctx.api.get(`/api/v1/cases/${id}`, ctx.token.kasi)).body.state;

    test('the API holds a step\'s cases for an outage in one request and resumes them when it ends', async () => {
      const recording = [await waitingCase(), await waitingCase(), await waitingCase()];
      const atFrontDesk = await waitingCase(false);

      let r = await ctx.api.post('/api/v1/outages', { kind: 'jaringan', note: 'Jaringan SIAK putus' }, ctx.token.operator);
      assert.equal(r.status, 201, r.text);
      const outage = r.body.id;

      // The front desk may not hold a recording: each case refused, none held.
      r = await ctx.api.post(`/api/v1/outages/${outage}/holds`, { service: 'perekaman-ektp', step: 'perekaman' }, ctx.token.pelayanan);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.held.length, 3);
      assert.ok(r.body.held.every((one) => !one.done && one.error.code === 'workflow.role'), r.text);
      r = await ctx.api.post(`/api/v1/outages/${outage}/holds`, { service: 'perekaman-ektp', step: 'langit' }, ctx.token.operator);
      assert.equal(r.status, 422, r.text);
      r = await ctx.api.post(`/api/v1/outages/${outage}/holds`, {}, ctx.token.operator);
      assert.equal(r.status, 422);
      assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['service', 'step']);

      // The operator holds all three at once.
      r = await ctx.api.post(`/api/v1/outages/${outage}/holds`, { service: 'perekaman-ektp', step: 'perekaman' }, ctx.token.operator);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.held.map((one) => [one.case, one.done, one.action, one.state]).sort(),
        recording.map((id) => [id, true, 'tunda', 'tertunda']).sort());
      for (const id of recording) assert.equal(await stateOf(id), 'tertunda');
      assert.equal(await stateOf(atFrontDesk), 'verifikasi', 'another step is not touched');

      // The history of each names the outage, with its kind as the reason.
      const held = (await ctx.api.get(`/api/v1/cases/${recording[0]}`, ctx.token.operator)).body;
      const hold = held.history.find((entry) => entry.action === 'tunda');
      assert.equal(hold.data.gangguan, String(outage));
      assert.deepEqual(hold.reasons, ['gangguan_jaringan']);
      assert.match(hold.note, new RegExp(`log gangguan no. ${outage}.*Jaringan SIAK putus`));

      r = await ctx.api.get('/api/v1/outages', ctx.token.kasi);
      let logged = r.body.outages.find((o) => o.id === outage);
      assert.deepEqual([logged.held_cases, logged.resumed_cases], [3, 0]);

      // One is resumed by hand before the outage ends: it is no longer the
      // outage's to resume.
      r = await ctx.api.act(recording[2], ctx.token.operator, 'lanjutkan');
      assert.equal(r.status, 200, r.text);

      r = await ctx.api.post(`/api/v1/outages/${outage}/end`, { resume: true }, ctx.token.operator);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.body.ended_at);
      assert.deepEqual(r.body.resumed.map((one) => [one.case, one.done, one.action, one.state]).sort(),
        recording.slice(0, 2).map((id) => [id, true, 'lanjutkan', 'perekaman']).sort());
      for (const id of recording) assert.equal(await stateOf(id), 'perekaman');
      const resumed = (await ctx.api.get(`/api/v1/cases/${recording[0]}`, ctx.token.operator)).body;
      assert.equal(resumed.history.at(-1).action, 'lanjutkan');
      assert.equal(resumed.history.at(-1).data.gangguan, String(outage));

      r = await ctx.api.get('/api/v1/outages', ctx.token.kasi);
      logged = r.body.outages.find((o) => o.id === outage);
      assert.deepEqual([logged.held_cases, logged.resumed_cases], [3, 2]);
      // Nothing is left for it to hold or resume.
      r = await ctx.api.post(`/api/v1/outages/${outage}/resumptions`, {}, ctx.token.operator);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body.resumed, []);
      r = await ctx.api.post(`/api/v1/outages/${outage}/holds`, { service: 'perekaman-ektp', step: 'perekaman' }, ctx.token.operator);
      assert.equal(r.status, 409, 'an ended outage holds nothing');

      // The report counts the holds, by the outage's reason; the log's
      // download counts them under the outage.
      r = await ctx.api.get(`/api/v1/reports/summary?service=perekaman-ektp&from=${h.witaDate(-1)}`, ctx.token.kasi);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.holds, 3);
      assert.equal(r.body.held_cases, 3);
      assert.deepEqual(r.body.held_by_reason, { gangguan_jaringan: 3 });
      const csv = await ctx.api.get(`/api/v1/outages?format=csv&from=${h.witaDate(-1)}&to=${h.witaDate()}`, ctx.token.kasi);
      assert.equal(csv.status, 200);
      const [heading, row] = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.match(heading, /;Berkas ditunda;Berkas dilanjutkan$/);
      assert.match(row, /;3;2$/);

      // Recorded: out of perekaman, so that the next test finds its own cases there.
      for (const id of recording) {
        r = await ctx.api.act(id, ctx.token.operator, 'rekam');
        assert.equal(r.status, 200, r.text);
      }
    });

    test('the /gangguan page holds the ticked step with the outage and offers to resume when ending it', async () => {
      const recording = [await waitingCase(), await waitingCase()];
      const browser = await h.staffBrowser(ctx.server.base, h.users.operator.username);
      let page = await browser.get('/gangguan');
      assert.equal(page.status, 200);
      assert.match(page.text, /name="tunda" value="perekaman-ektp:perekaman"/);
      assert.match(page.text, /Perekaman E-KTP[^<]* — [^<(]+\(2 berkas menunggu\)/);

      let r = await browser.postForm('/gangguan', { jenis: 'peralatan', catatan: 'Kamera rusak', mulai: '', tunda: 'perekaman-ektp:perekaman' });
      assert.equal(r.status, 303, r.text);
      const outage = Number(r.headers.get('location').match(/gangguan-(\d+)/)[1]);
      for (const id of recording) assert.equal(await stateOf(id), 'tertunda');
      const held = (await ctx.api.get(`/api/v1/cases/${recording[0]}`, ctx.token.operator)).body;
      assert.deepEqual(held.history.at(-1).reasons, ['kerusakan_alat']);

      // The case page's history names the outage.
      const casePage = await browser.get(`/permohonan/${recording[0]}`);
      assert.match(casePage.text, new RegExp(`Karena gangguan: log gangguan no. ${outage}`));

      page = await browser.get('/gangguan');
      const row = page.text.match(new RegExp(`<tr id="gangguan-${outage}"[\\s\\S]*?</tr>`))[0];
      assert.match(row, /2 ditunda, 0 dilanjutkan/);
      assert.match(row, /name="lanjutkan" value="1" checked/);
      assert.match(row, /Lanjutkan 2 berkas yang masih ditunda/);

      // Ending it without resuming leaves them held, and the log offers a button.
      r = await browser.postForm(`/gangguan/${outage}/akhiri`, {});
      assert.equal(r.status, 303, r.text);
      for (const id of recording) assert.equal(await stateOf(id), 'tertunda');
      page = await browser.get('/gangguan');
      assert.match(page.text, new RegExp(`action="/gangguan/${outage}/lanjutkan"`));
      r = await browser.postForm(`/gangguan/${outage}/lanjutkan`, {});
      assert.equal(r.status, 303, r.text);
      for (const id of recording) assert.equal(await stateOf(id), 'perekaman');
      page = await browser.get('/gangguan');
      assert.doesNotMatch(page.text, new RegExp(`action="/gangguan/${outage}/lanjutkan"`));
      assert.match(page.text, /2 ditunda, 2 dilanjutkan/);

      // Without the CSRF token nothing is held.
      const forged = await fetch(`${ctx.server.base}/gangguan/${outage}/lanjutkan`, {
        method: 'POST', redirect: 'manual', headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '',
      });
      assert.equal(forged.status, 403);
    });

    test('every hold and resumption is on the audit chain', () => {
      const r = h.cli(ctx.db.url, ['audit', 'verify']);
      assert.equal(r.status, 0, `audit verify: ${r.stdout}\n${r.stderr}`);
    });
  });
}
