// GET /api/v1/services/{id}: the description a client needs to build a
// service's intake form and walk a case, on SQLite and on PostgreSQL. The
// intake_schema is checked with a real JSON Schema validator (ajv, draft
// 2020-12), and a client that reads nothing but the description fills the
// form from the schema's examples, submits it and walks the case to its end
// state, for every service the server loads: the real E-KTP and the made-up
// service of tests/fixtures/sops/, which no C++ knows.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Ajv2020Module from 'ajv/dist/2020.js';

import * as h from './harness.mjs';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;

const k_fixture_dir = path.join(h.sourceDir, 'tests/fixtures/sops');
const k_fixture = 'rekomendasi-keramaian-contoh';
// Every service the server loads from sops/ and tests/fixtures/sops/.
const k_services = [path.join(h.sourceDir, 'sops'), k_fixture_dir]
  .flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.toml')).map((name) => name.slice(0, -'.toml'.length)));
// Walks that cannot pass yet, with the reason.
const k_pending = {};

// The server's SOP directory: the real definitions and the fixtures.
function sopsDirectory() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-sops-'));
  for (const from of [path.join(h.sourceDir, 'sops'), k_fixture_dir])
    for (const file of readdirSync(from).filter((name) => name.endsWith('.toml')))
      copyFileSync(path.join(from, file), path.join(dir, file));
  return dir;
}

// A validator for the schema's own formats, as a client would write them.
function validator() {
  const ajv = new Ajv2020({ allErrors: true });
  const dotted = (groups) => new RegExp(`^${groups.map((n) => `[0-9]{${n}}`).join('\\.?')}$`);
  ajv.addFormat('nik', /^[0-9]{16}$/);
  ajv.addFormat('kk', /^[0-9]{16}$/);
  ajv.addFormat('date', (text) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
    && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text));
  ajv.addFormat('time', /^([01][0-9]|2[0-3]):[0-5][0-9]$/);
  ajv.addFormat('phone', /^\+?(0|62)[0-9 -]{7,20}$/);
  ajv.addFormat('village', dotted([2, 2, 2, 4]));
  ajv.addFormat('region', (text) => [[2], [2, 2], [2, 2, 2], [2, 2, 2, 4]].some((groups) => dotted(groups).test(text)));
  ajv.addKeyword({ keyword: 'x-sopir-input', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-sopir-level', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-sopir-minimum', schemaType: 'number' });
  ajv.addKeyword({ keyword: 'x-sopir-maximum', schemaType: 'number' });
  return ajv;
}

// The form as a client fills it from the schema alone: every group from its
// examples (a rows group's whole example, else one row of its fields'
// examples), every document the schema shows an example of.
function fillForm(schema) {
  const body = {};
  for (const [key, property] of Object.entries(schema.properties)) {
    if ('const' in property) body[key] = property.const;
    else if (property.type === 'array') body[key] = structuredClone(property.examples?.[0]) ?? [rowOf(property.items)];
    else if (key === 'documents') {
      body.documents = {};
      for (const [id, document] of Object.entries(property.properties))
        if (document.examples) body.documents[id] = structuredClone(document.examples[0]);
    } else if (property.type === 'object') body[key] = rowOf(property);
  }
  return body;
}

function rowOf(object) {
  return Object.fromEntries(Object.entries(object.properties).map(([name, field]) => [name, field.examples[0]]));
}

// A user of tests/http/harness.mjs holding `role`, an office role before an
// applicant's.
function userWithRole(roles, description) {
  const applicantRoles = new Set(description.roles.filter((r) => r.applicant).map((r) => r.id));
  const ordered = [...roles].sort((a, b) => applicantRoles.has(a) - applicantRoles.has(b));
  for (const role of ordered) {
    const key = Object.keys(h.users).find((k) => h.users[k].role === role);
    if (key) return key;
  }
  return undefined;
}

// Where a state is: its kind and, for a step, its place in the SOP's order.
function whereIs(description, state) {
  const index = description.steps.findIndex((s) => s.id === state);
  if (index >= 0) return { kind: 'step', index, node: description.steps[index] };
  const node = description.states.find((s) => s.id === state);
  return { kind: node?.kind, index: -1, node };
}

// The way forward from a state: not back to the applicant, not on hold, not
// cancelled, and from a step never to an earlier step.
function forwardAction(description, state) {
  const here = whereIs(description, state);
  return here.node?.actions.find((action) => {
    if (['returned', 'held', 'cancelled'].includes(action.target_kind)) return false;
    if (here.kind === 'step' && action.target_kind === 'step') return whereIs(description, action.target).index > here.index;
    return true;
  });
}

// The body of an action as the description asks for it.
function actionBody(action) {
  const body = { action: action.id, data: {} };
  for (const field of action.fields) {
    if (!field.required && !field.all_required) continue;
    body.data[field.name] = {
      text: 'Contoh isian',
      long_text: 'Telah ditelaah; tidak ada catatan.',
      date: h.witaDate(),
      number: '1',
      bool: true,
      enum: field.options[0]?.id,
      checklist: field.options.map((o) => o.id),
    }[field.type];
  }
  if (action.reasons_required) {
    const reason = action.reasons[0];
    body.reasons = [reason.id];
    if (reason.note_required) body.note = 'Alasan lain.';
  }
  if (action.note_required) body.note = 'Catatan untuk langkah ini.';
  if (action.password_required) body.data.password = h.password;
  return body;
}

function pdfText(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-pdf-'));
  try {
    const file = path.join(dir, 'x.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const oneLine = (text) => text.replace(/\s+/g, ' ');

for (const backend of h.backends()) {
  describe(`services described by the API on ${backend.name}`, { skip: backend.skip }, () => {
    const sops = sopsDirectory();
    const context = h.useSeededServer(backend, { serverOptions: { args: ['--sops', sops] } });
    const ajv = validator();
    let services = [];

    test('GET /api/v1/services lists every service the server loads, the fixture too', async () => {
      const r = await context.api.get('/api/v1/services');
      assert.equal(r.status, 200, r.text);
      services = r.body.services.map((s) => s.id);
      assert.deepEqual([...services].sort(), [...k_services].sort(), r.text);
      const unknown = await context.api.get('/api/v1/services/layanan-tak-ada', context.token.pelayanan);
      assert.equal(unknown.status, 404, unknown.text);
      assert.equal(unknown.body.error.message, 'Layanan tidak dikenal.');
    });

    test('every intake_schema is a draft 2020-12 schema, and its examples validate against it', async () => {
      for (const id of services) {
        const r = await context.api.get(`/api/v1/services/${id}`, context.token.pelayanan);
        assert.equal(r.status, 200, r.text);
        const schema = r.body.intake_schema;
        assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', id);
        assert.ok(ajv.validateSchema(schema), `${id}: ${ajv.errorsText(ajv.errors)}`);
        const validate = ajv.compile(schema);
        assert.ok(validate(schema.examples[0]), `${id} examples: ${ajv.errorsText(validate.errors)}`);
        const filled = fillForm(schema);
        assert.ok(validate(filled), `${id} from the fields' examples: ${ajv.errorsText(validate.errors)}`);
        // The schema can refuse: a NIK of 15 digits, a group left out.
        const subject = Object.entries(schema.properties).find(([, p]) => p.properties?.nik)?.[0];
        const bad = structuredClone(filled);
        bad[subject].nik = bad[subject].nik.slice(1);
        assert.equal(validate(bad), false, `${id}: a short NIK`);
        delete bad[subject];
        assert.equal(validate(bad), false, `${id}: no subject`);
      }
    });

    test("the fixture's schema says its formats, labels, options, rows limits and documents", async () => {
      const schema = (await context.api.get(`/api/v1/services/${k_fixture}`, context.token.pelayanan)).body.intake_schema;
      const { penyelenggara, acara, panitia, documents } = schema.properties;
      assert.equal(penyelenggara.properties.nik.format, 'nik');
      assert.equal(penyelenggara.properties.kk.format, 'kk');
      assert.equal(penyelenggara.properties.phone.format, 'phone');
      assert.equal(penyelenggara.properties.village_code.format, 'village');
      // The office's own villages, by name.
      assert.ok(penyelenggara.properties.village_code.oneOf.some((v) => v.const === '63.05.06.2004' && /Margasari/i.test(v.title)));
      assert.equal(acara.properties.tanggal.format, 'date');
      assert.equal(acara.properties.jam_mulai.format, 'time');
      assert.equal(acara.properties.asal_hiburan.format, 'region');
      assert.equal(acara.properties.asal_hiburan['x-sopir-level'], 'regency');
      assert.equal(acara.properties.asal_hiburan.title, 'Kabupaten/kota asal rombongan hiburan');
      assert.match(acara.properties.asal_hiburan.description, /madihin/);
      assert.deepEqual(acara.properties.jenis.oneOf, [
        { const: 'pernikahan', title: 'Resepsi pernikahan' }, { const: 'khitanan', title: 'Khitanan' }, { const: 'panen', title: 'Syukuran panen' },
      ]);
      assert.ok(penyelenggara.properties.occupation.oneOf.length > 5, 'the vocabulary of occupations');
      assert.deepEqual(acara.properties.nama_acara.examples, ['Pesta Panen Raya Desa Keladan']);
      assert.equal(acara.properties.jumlah_tamu['x-sopir-minimum'], 50);
      assert.equal(acara.properties.jumlah_tamu['x-sopir-maximum'], 2000);
      assert.equal(panitia.type, 'array');
      assert.equal(panitia.minItems, 2);
      assert.equal(panitia.maxItems, 5);
      assert.deepEqual(panitia.items.required, ['nik', 'name', 'jabatan']);
      assert.equal(penyelenggara.title, 'Penyelenggara');
      assert.ok(schema.required.includes('penyelenggara') && schema.required.includes('panitia'));
      assert.deepEqual(documents.required, ['surat_pengantar', 'kartu_keluarga']);
      assert.deepEqual(documents.allOf, [{ anyOf: [{ required: ['persetujuan_tetangga'] }, { required: ['pernyataan_rt'] }] }]);
      assert.deepEqual(documents.properties.surat_pengantar.required, ['number', 'date']);
      const validate = ajv.compile(schema);
      const six = fillForm(schema);
      six.panitia = [...six.panitia, ...six.panitia, ...six.panitia].slice(0, 6);
      assert.equal(validate(six), false, 'six committee members');
      const noNeighbours = fillForm(schema);
      delete noNeighbours.documents.persetujuan_tetangga;
      assert.equal(validate(noNeighbours), false, 'neither the document nor its alternative');
      noNeighbours.documents.pernyataan_rt = { number: '01/RT.003/2026' };
      assert.ok(validate(noNeighbours), ajv.errorsText(validate.errors));
    });

    test("the fixture's steps and states carry kinds, roles and every action's needs", async () => {
      const d = (await context.api.get(`/api/v1/services/${k_fixture}`)).body;
      assert.deepEqual(d.steps.map((s) => [s.id, s.kind]), [
        ['pengajuan', 'step'], ['verifikasi', 'step'], ['telaah', 'step'], ['penandatanganan', 'step'], ['penomoran', 'step'], ['penyerahan', 'step'],
      ]);
      assert.deepEqual(d.states.map((s) => [s.id, s.kind]), [['tembusan_polsek', 'external'], ['dikembalikan', 'returned'], ['selesai', 'end']]);
      const action = (state, id) => whereIs(d, state).node.actions.find((a) => a.id === id);
      const terima = action('verifikasi', 'terima');
      assert.deepEqual([terima.target, terima.target_kind, terima.roles, terima.takes_number], ['telaah', 'step', ['petugas_pelayanan'], 'register_keramaian']);
      assert.deepEqual(terima.fields, [{ name: 'lokasi_aman', label: 'Lokasi acara tidak menutup jalan umum', help: '', type: 'bool', required: true, all_required: false, options: [] }]);
      const kembalikan = action('verifikasi', 'kembalikan');
      assert.equal(kembalikan.target_kind, 'returned');
      assert.equal(kembalikan.reasons_required, true);
      assert.deepEqual(kembalikan.reasons[1], { id: 'lainnya', label: 'Lainnya', note_required: true });
      assert.equal(action('telaah', 'perbaiki').note_required, true);
      const sign = action('penandatanganan', 'tandatangani');
      assert.deepEqual([sign.letter, sign.password_required, sign.roles], ['sign', true, ['camat']]);
      const seal = action('penomoran', 'beri_nomor');
      assert.deepEqual([seal.letter, seal.password_required, seal.target_kind, seal.takes_number], ['seal', false, 'external', 'agenda']);
      assert.equal(action('telaah', 'paraf').letter, null);
      assert.deepEqual(action('tembusan_polsek', 'tembusan_kembali').roles, ['pengadministrasi']);
      assert.deepEqual(action('dikembalikan', 'ajukan_ulang').roles, ['pemohon', 'petugas_pelayanan']);
      assert.equal(d.standard.cost, 'Tidak dipungut biaya');
      assert.deepEqual(d.registers.map((r) => r.id), ['register_keramaian', 'agenda']);
    });

    // One walk per service the server loads; the first test checks that
    // this list is every one of them.
    for (const id of k_services) {
      test(`a client that reads only the description files, submits and walks a case of ${id} to its end`, { skip: k_pending[id] }, async () => {
        const description = (await context.api.get(`/api/v1/services/${id}`, context.token.pelayanan)).body;
        const body = fillForm(description.intake_schema);
        const first = description.steps.find((s) => s.id === description.initial_step);
        const clerk = userWithRole(first.roles, description);
        const created = await context.api.post('/api/v1/cases', body, context.token[clerk]);
        assert.equal(created.status, 201, `${id}: ${created.text}`);
        let state = created.body.state;
        const seen = [];
        let sealed = false;
        while (whereIs(description, state).kind !== 'end') {
          assert.ok(seen.length < 30, `${id}: no end after ${seen.join(' → ')}`);
          const action = forwardAction(description, state);
          assert.ok(action, `${id}: no way forward from ${state}`);
          const who = userWithRole(action.roles, description);
          assert.ok(who, `${id}: nobody holds ${action.roles}`);
          const r = await context.api.request('POST', `/api/v1/cases/${created.body.id}/actions`, { token: context.token[who], body: actionBody(action) });
          assert.equal(r.status, 200, `${id} ${state}/${action.id} by ${who}: ${r.text}`);
          assert.equal(r.body.state, action.target);
          sealed ||= action.letter === 'seal';
          seen.push(`${state}/${action.id}`);
          state = r.body.state;
        }
        assert.ok(sealed, `${id}: the walk sealed the letter`);
        // A service whose output is marks prints a mark on each copy, not a
        // letter about the subject.
        if (description.letter?.output === 'marks') {
          const marks = await fetch(`${context.api.base}/api/v1/cases/${created.body.id}/marks.pdf`, { headers: { authorization: `Bearer ${context.token.arsip}` } });
          assert.equal(marks.status, 200, id);
          assert.match(oneLine(pdfText(Buffer.from(await marks.arrayBuffer()))), /Salinan ke-1 dari/, id);
          return;
        }
        const pdf = await fetch(`${context.api.base}/api/v1/cases/${created.body.id}/letter.pdf`, { headers: { authorization: `Bearer ${context.token.pelayanan}` } });
        assert.equal(pdf.status, 200, id);
        const text = oneLine(pdfText(Buffer.from(await pdf.arrayBuffer())));
        assert.ok(text.includes(body[Object.keys(body).find((k) => body[k]?.nik)].nik), `${id}: the subject's NIK in the letter`);
        if (id !== k_fixture) return;
        // The fixture's own words, and the values the client sent.
        assert.ok(text.includes(body.penyelenggara.name.toUpperCase()), `the name in capitals:\n${text}`);
        const village = description.intake_schema.properties.penyelenggara.properties.village_code.oneOf
          .find((v) => v.const === body.penyelenggara.village_code).title;
        for (const words of ['SURAT REKOMENDASI', 'IZIN KERAMAIAN', 'Pesta Panen Raya Desa Keladan', body.penyelenggara.name.toUpperCase(),
          body.penyelenggara.nik, village, body.panitia[0].name, body.panitia[1].name, body.panitia[1].nik,
          `${body.acara.jumlah_tamu} (lima puluh)`, 'Rombongan hiburan dari Kabupaten Tapin',
          'Penyelenggara menjaga ketertiban dan kebersihan', 'Demikian rekomendasi ini diberikan'])
          assert.ok(text.toLowerCase().includes(words.toLowerCase()), `the letter says "${words}":\n${text}`);
      });
    }

    after(() => rmSync(sops, { recursive: true, force: true }));
  });
}
