// The satisfaction survey (Permenpan RB 14/2017) through the real `sopir
// serve`, on both databases: once per case after handover, by the receipt's
// link without a sign-in or on the counter's tablet; the IKM over several
// respondents against a value worked out by hand; and what officers can
// never read: which case gave which answers. The formula's edges are in
// tests/unit/survey_test.cpp.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

const k_forward = {
  verifikasi: ['pelayanan', 'terima', {}],
  perekaman: ['operator', 'rekam', { data: { siak_reference: 'SIAK-SURVEI-1' } }],
  pemeriksaan: ['kasi', 'paraf', {}],
  penandatanganan: ['camat', 'tandatangani', { data: { password: h.password } }],
  pengarsipan: ['arsip', 'arsipkan', {}],
  penyerahan: ['arsip', 'serahkan', { data: { received_by: 'Ahmad Fauzi' } }],
};

const all = (score) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`u${i}`, score]));

// The three respondents of the unit test: NRR U1 = (4+3+2)/3 = 3, U9 over
// the two who answered it = 3.5; Σ NRR = 27 + 3.5 = 30.5; IKM = 25 × 30.5 / 9
// = 84.722… → 84.72, grade B.
const k_first = all(4);
const k_second = all(3);
const k_third = { u1: 2, u2: 3, u3: 4, u4: 4, u5: 3, u6: 2, u7: 4, u8: 3 };
const k_comment = 'Antrean di loket perlu kursi tambahan (uji-saran-7f3c)';

function pdfText(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-ikm-'));
  try {
    const file = path.join(dir, 'ikm.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function download(base, url, token) {
  const response = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

// A form POST without any cookie: the citizen's phone.
async function postPublicForm(base, url, fields) {
  const response = await fetch(base + url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, text: await response.text() };
}

for (const backend of h.backends()) {
  describe(`survey on ${backend.name}`, { skip: backend.skip }, () => {
    const ctx = h.useSeededServer(backend);
    const today = h.witaDate(0);
    const handedOver = [];
    let waiting;

    async function newCase() {
      const r = await ctx.api.post('/api/v1/cases', h.application(), ctx.token.pelayanan);
      assert.equal(r.status, 201, r.text);
      return r.body.id;
    }

    async function walkTo(id, state) {
      let current = (await ctx.api.get(`/api/v1/cases/${id}`, ctx.token.kasi)).body.state;
      while (current !== state) {
        const [who, action, extra] = k_forward[current];
        const r = await ctx.api.act(id, ctx.token[who], action, extra);
        assert.equal(r.status, 200, `${action}: ${r.text}`);
        current = r.body.state;
      }
    }

    async function link(id) {
      const r = await ctx.api.get(`/api/v1/cases/${id}/survey-link`, ctx.token.pelayanan);
      assert.equal(r.status, 200, r.text);
      return r.body;
    }

    test('a survey before penyerahan is refused, by the link and at the counter', async () => {
      waiting = await newCase();
      const before = await link(waiting);
      assert.equal(before.open, false);
      assert.match(before.url, new RegExp(`^http://sopir\\.test/survei/[0-9a-f]{32}$`));
      assert.equal((await link(waiting)).token, before.token, 'one token per case, the same on every printing');
      const byToken = await ctx.api.post('/api/v1/surveys', { case_token: before.token, answers: all(4) });
      assert.equal(byToken.status, 409, byToken.text);
      assert.equal(byToken.body.error.code, 'survey.not_open');
      const byId = await ctx.api.post('/api/v1/surveys', { case_id: waiting, answers: all(4) }, ctx.token.pelayanan);
      assert.equal(byId.status, 409, byId.text);
      const page = await fetch(`${ctx.api.base}/survei/${before.token}`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /setelah hasil layanan diserahkan/);
    });

    test('the receipt\'s token works without sign-in, once: a second survey for the case is 409', async () => {
      for (let i = 0; i < 3; i++) {
        const id = await newCase();
        await walkTo(id, 'penyerahan');
        handedOver.push(id);
      }
      // One of them fully handed over: the survey stays open after serahkan.
      await walkTo(handedOver[2], 'selesai');
      const { token, open } = await link(handedOver[0]);
      assert.equal(open, true);
      const first = await ctx.api.post('/api/v1/surveys', { case_token: token, answers: k_first,
        respondent: { age_band: '26-35', sex: 'P', education: 'sma', occupation: 'wirausaha' }, comment: k_comment });
      assert.equal(first.status, 201, first.text);
      assert.deepEqual(first.body, { recorded: true }, 'nothing that names the answers');
      const again = await ctx.api.post('/api/v1/surveys', { case_token: token, answers: k_second });
      assert.equal(again.status, 409, again.text);
      const atCounter = await ctx.api.post('/api/v1/surveys', { case_id: handedOver[0], answers: k_second }, ctx.token.pelayanan);
      assert.equal(atCounter.status, 409, atCounter.text);
      const page = await fetch(`${ctx.api.base}/survei/${token}`);
      assert.match(await page.text(), /sudah diisi/);
      assert.equal((await link(handedOver[0])).answered, true);
    });

    test('bad answers are refused naming the field, and nothing is stored', async () => {
      const { token } = await link(handedOver[1]);
      const cases = [
        [{ case_token: token, answers: { ...all(4), u3: 5 } }, 422, 'answers.u3'],
        [{ case_token: token, answers: { ...all(4), u3: '3' } }, 422, 'answers.u3'],
        [{ case_token: token, answers: { ...all(4), u3: 2.5 } }, 422, 'answers.u3'],
        [{ case_token: token, answers: { ...all(4), U1: 4 } }, 422, 'answers.U1'],
        [{ case_token: token, answers: all(4), nama: 'Budi' }, 422, 'nama'],
        [{ case_token: token, answers: all(4), respondent: { sex: 'X' } }, 422, 'respondent.sex'],
        [{ case_token: token, answers: all(4), respondent: { umur: 30 } }, 422, 'respondent.umur'],
        [{ case_token: token, answers: all(4), comment: 'x'.repeat(1001) }, 422, 'comment'],
        [{ case_token: token, answers: {} }, 422, 'answers'],
        [{ answers: all(4) }, 422, 'case_token'],
        [{ case_token: token, case_id: handedOver[1], answers: all(4) }, 422, 'case_token'],
        [{ case_token: 'f'.repeat(32), answers: all(4) }, 404, undefined],
      ];
      for (const [body, status, field] of cases) {
        const r = await ctx.api.post('/api/v1/surveys', body);
        assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
        if (field) assert.ok([r.body.error.field, ...(r.body.errors ?? []).map((e) => e.field)].includes(field), `${field}: ${r.text}`);
      }
      const deep = await ctx.api.request('POST', '/api/v1/surveys', { body: '{"answers":' + '['.repeat(100000) + ']'.repeat(100000) + '}', raw: true });
      assert.equal(deep.status, 400, deep.text);
      assert.equal((await link(handedOver[1])).answered, false, 'no refused survey was stored');
    });

    test('the IKM over the respondents is the hand-worked 84.72 (B), with the sample check', async () => {
      // The second at the counter's tablet (case_id, a staff member signed in) …
      const tablet = await ctx.api.post('/api/v1/surveys', { case_id: handedOver[1], answers: k_second }, ctx.token.pelayanan);
      assert.equal(tablet.status, 201, tablet.text);
      // … the third on the phone's form, U9 left out.
      const { token } = await link(handedOver[2]);
      const form = await postPublicForm(ctx.api.base, `/survei/${token}`, { ...Object.fromEntries(Object.entries(k_third).map(([k, v]) => [k, String(v)])), usia: '17-25' });
      assert.equal(form.status, 200, form.text);
      assert.match(form.text, /Terima kasih/);

      const r = await ctx.api.get(`/api/v1/reports/ikm?from=${today}&to=${today}&service=perekaman-ektp`, ctx.token.camat);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.respondents, 3);
      assert.equal(r.body.ikm, 84.72);
      assert.equal(r.body.grade, 'B');
      assert.equal(r.body.nrr.u1, 3);
      assert.equal(r.body.nrr.u9, 3.5);
      assert.equal(r.body.answered.u9, 2);
      assert.ok(Math.abs(r.body.nrr.u2 - 10 / 3) < 1e-9);
      // Four cases filed today: the table surveys a population of 10 or
      // fewer whole, so three respondents are too few.
      assert.equal(r.body.applicants, 4);
      assert.equal(r.body.sample_required, 4);
      assert.equal(r.body.sample_short, true);
      assert.deepEqual(r.body.comments, [k_comment]);

      const refused = await ctx.api.get(`/api/v1/reports/ikm?from=${today}&to=${today}`, ctx.token.pelayanan);
      assert.equal(refused.status, 403, 'the front desk reads no report');
      const before = await ctx.api.get(`/api/v1/reports/ikm?from=2020-01-01&to=2020-01-31`, ctx.token.camat);
      assert.equal(before.body.respondents, 0);
      assert.equal(before.body.ikm, null);
    });

    test('the report page, PDF and XLSX, the dashboard and the monthly recap show the period\'s IKM', async () => {
      const camat = await h.staffBrowser(ctx.api.base, h.users.camat.username);
      const page = await camat.get(`/laporan/ikm?dari=${today}&sampai=${today}`);
      assert.equal(page.status, 200, page.text);
      assert.match(page.text, /id="nilai-ikm">84,72</);
      assert.match(page.text, /id="mutu-ikm">B \(Baik\)</);
      assert.match(page.text, /kurang dari sampel minimal 4/);
      const dashboard = await camat.get(`/dasbor?dari=${today}&sampai=${today}`);
      assert.match(dashboard.text, /IKM 84,72, mutu B \(Baik\), dari 3 responden/);
      const pdf = await download(ctx.api.base, `/api/v1/reports/ikm.pdf?from=${today}&to=${today}`, ctx.token.camat);
      assert.equal(pdf.status, 200);
      assert.match(pdfText(pdf.bytes), /84,72/);
      const xlsx = await download(ctx.api.base, `/api/v1/reports/ikm?format=xlsx&from=${today}&to=${today}`, ctx.token.camat);
      assert.equal(xlsx.status, 200);
      assert.match(xlsx.type, /spreadsheetml/);
      assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
      const recap = await download(ctx.api.base, `/api/v1/reports/recap.pdf?from=${today}&to=${today}&service=perekaman-ektp`, ctx.token.camat);
      assert.equal(recap.status, 200);
      assert.match(pdfText(recap.bytes), /IKM 84,72, mutu B \(Baik\), dari 3/);
    });

    test('an officer cannot read which case gave which answers', async () => {
      for (const who of ['pelayanan', 'kasi', 'camat']) {
        const view = await ctx.api.get(`/api/v1/cases/${handedOver[0]}`, ctx.token[who]);
        assert.equal(view.status, 200);
        assert.doesNotMatch(view.text, /uji-saran-7f3c|"u1"|"answers"|"respondent"|wirausaha/, `${who}: the case shows no answer`);
      }
      const desk = await h.staffBrowser(ctx.api.base, h.users.pelayanan.username);
      const tablet = await desk.get(`/permohonan/${handedOver[0]}/survei`);
      assert.equal(tablet.status, 200);
      assert.match(tablet.text, /sudah diisi/);
      assert.doesNotMatch(tablet.text, /uji-saran-7f3c|checked/);
      const casePage = await desk.get(`/permohonan/${handedOver[0]}`);
      assert.doesNotMatch(casePage.text, /uji-saran-7f3c/);
      // The report names no case: the comment stands alone.
      const report = await ctx.api.get(`/api/v1/reports/ikm?from=${today}&to=${today}`, ctx.token.camat);
      assert.doesNotMatch(report.text, new RegExp(`"case|${handedOver.map((id) => `"id":${id}`).join('|')}`));
    });

    test('the counter\'s tablet: staff open it after handover, the citizen answers, CSRF guards it', async () => {
      const id = await newCase();
      const desk = await h.staffBrowser(ctx.api.base, h.users.pelayanan.username);
      const early = await desk.get(`/permohonan/${id}/survei`);
      assert.match(early.text, /setelah hasil layanan diserahkan/);
      await walkTo(id, 'penyerahan');
      const page = await desk.get(`/permohonan/${id}/survei`);
      assert.equal(page.status, 200);
      assert.equal((page.text.match(/<fieldset id="unsur-u\d">\s*<legend>/g) ?? []).length, 9, 'nine radio groups, each a fieldset with a legend');
      const forged = await fetch(`${ctx.api.base}/permohonan/${id}/survei`, { method: 'POST', redirect: 'manual',
        headers: { cookie: desk.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'u1=4' });
      assert.equal(forged.status, 403, 'a form without the CSRF token');
      const wrong = await desk.postForm(`/permohonan/${id}/survei`, { u1: '9', saran: 'tetap ada' });
      assert.equal(wrong.status, 422);
      assert.match(wrong.text, /U1: jawaban harus/);
      assert.match(wrong.text, /tetap ada/, 'the form keeps what was typed');
      const done = await desk.postForm(`/permohonan/${id}/survei`, { ...Object.fromEntries(Object.entries(all(4)).map(([k, v]) => [k, String(v)])), jenis_kelamin: 'L' });
      assert.equal(done.status, 200, done.text);
      assert.match(done.text, /Terima kasih/);
      assert.doesNotMatch(done.text, /checked/, 'the answers are not shown back');
    });
  });
}
