// The office's other services as sops/ defines them (Kartu Keluarga,
// Domisili, Surat Keterangan Pindah, Surat Pengantar Pembuatan Akta
// Kelahiran), through the real `sopir serve` on SQLite and on PostgreSQL:
// a case of each with realistic data is filed, sent back to the applicant,
// corrected and submitted again, walked through every step (and the wait on
// Disdukcapil) to its end, and its sealed letter is read back with the
// applicant's data and member rows. Wrong data gets 422 naming the field,
// with nothing stored.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

const k_sops = path.join(h.sourceDir, 'sops');

// A user key of tests/http/harness.mjs per role the definitions name.
const k_user_of_role = {
  pemohon: 'pemohon',
  petugas_pelayanan: 'pelayanan',
  pengadministrasi: 'arsip',
  kasi_pemerintahan: 'kasi',
  camat: 'camat',
};

const k_months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

function indonesianDate(iso) {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${k_months[month - 1]} ${year}`;
}

function pdfText(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-six-'));
  try {
    const file = path.join(dir, 'surat.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// NIKs of Candi Laras Utara (630506): day (women + 40), month, year, serial.
// Each application is a family of its own, as an office sees them.
function kartuKeluarga() {
  const kk = '6305062001150003';
  return {
    service: 'kartu-keluarga',
    applicant: {
      nik: '6305061203880001', kk, name: 'Ahmad Fauzy', birth_place: 'Margasari', birth_date: '1988-03-12', sex: 'L',
      address: 'Jl. Lintas Margasari No. 7', rt: '002', rw: '001', village_code: '63.05.06.2004', phone: '081234567890',
    },
    permohonan: { kind: 'perubahan', reason: 'Penambahan anggota keluarga karena kelahiran' },
    members: [
      { nik: '6305061203880001', name: 'Ahmad Fauzi', sex: 'L', birth_place: 'Margasari', birth_date: '1988-03-12', religion: 'Islam',
        education: 'SLTA/Sederajat', occupation: 'Petani/Pekebun', marital_status: 'Kawin', shdk: 'Kepala Keluarga' },
      { nik: '6305064507900002', name: 'Siti Rahmah', sex: 'P', birth_place: 'Kandangan', birth_date: '1990-07-05', religion: 'Islam',
        education: 'Tamat SD/Sederajat', occupation: 'Mengurus Rumah Tangga', marital_status: 'Kawin', shdk: 'Istri' },
      { nik: '6305060309240004', name: 'Muhammad Rizki', sex: 'L', birth_place: 'Rantau', birth_date: '2024-09-03', religion: 'Islam',
        education: 'Tidak/Belum Sekolah', occupation: 'Belum/Tidak Bekerja', marital_status: 'Belum Kawin', shdk: 'Anak' },
    ],
    documents: {
      surat_pengantar: { number: '470/31/KDS/2026', date: h.witaDate(-2) },
      formulir_f101: { date: h.witaDate(-2) },
      kk_lama: { number: kk },
      akta_kelahiran: { number: '6305-LT-03092024-0007' },
    },
  };
}

function domisili() {
  const kk = '6305061504120011';
  return {
    service: 'domisili',
    applicant: {
      nik: '6305064211950005', kk, name: 'Dewi Lestary', birth_place: 'Rantau', birth_date: '1995-11-02', sex: 'P', religion: 'Islam',
      marital_status: 'Belum Kawin', occupation: 'Karyawan Swasta', address: 'Jl. Keladan Raya No. 3', rt: '003', rw: '001',
      village_code: '63.05.06.2001', phone: '082155501234',
    },
    domisili: { since: '2019-06-01', purpose: 'Persyaratan pembukaan rekening bank', validity: '6_bulan' },
    documents: {
      surat_pengantar: { number: '470/08/KLD/2026', date: h.witaDate(-1) },
      ktp: { number: '6305064211950005' },
      kartu_keluarga: { number: kk },
    },
  };
}

function pindah() {
  const kk = '6305060302100009';
  return {
    service: 'surat-keterangan-pindah',
    applicant: {
      nik: '6305061708850006', kk, name: 'Hendra Saputro', birth_place: 'Margasari', birth_date: '1985-08-17', sex: 'L',
      address: 'Jl. Lintas Margasari No. 21', rt: '002', rw: '001', village_code: '63.05.06.2004', phone: '081349990001',
    },
    // Handil Bakti, Palaran, Kota Samarinda, Kalimantan Timur: another province.
    tujuan: { village_code: '64.72.01.1002', address: 'Jl. Padat Karya No. 12', rt: '004', rw: '002' },
    pindah: { reason: 'Pekerjaan', kind: 'Kepala Keluarga dan Seluruh Anggota Keluarga', planned_date: h.witaDate(14) },
    members: [
      { nik: '6305061708850006', name: 'Hendra Saputra', shdk: 'Kepala Keluarga' },
      { nik: '6305065002870007', name: 'Fitri Handayani', shdk: 'Istri' },
      { nik: '6305060909120008', name: 'Yusuf Mahendra', shdk: 'Anak' },
    ],
    documents: {
      surat_pengantar: { number: '470/15/MH/2026', date: h.witaDate(-3) },
      kartu_keluarga: { number: kk },
      ktp: { number: '6305061708850006' },
      formulir_f103: { date: h.witaDate(-3) },
    },
  };
}

function aktaKelahiran() {
  const kk = '6305062106180012';
  return {
    service: 'pengantar-akta-kelahiran',
    pelapor: {
      nik: '6305060404900010', kk, name: 'Rahmat Hidayat', birth_place: 'Rantau', birth_date: '1990-04-04', sex: 'L',
      relationship: 'ayah', address: 'Jl. Sungai Salai No. 5', rt: '001', rw: '001', village_code: '63.05.06.2002',
    },
    anak: {
      name: 'Nur Aisya', sex: 'P', birth_place: 'RSUD Datu Sanggul Rantau', place_kind: 'rs', birth_date: h.witaDate(-10),
      birth_time: '07:45', birth_order: '2', attendant: 'dokter',
    },
    ibu: { nik: '6305066412930011', name: 'Sri Wahyuni' },
    ayah: { nik: '6305060404900010', name: 'Rahmat Hidayat' },
    saksi: [
      { nik: '6305061111800013', name: 'Budi Santoso' },
      { nik: '6305065505820014', name: 'Rina Marlina' },
    ],
    documents: {
      surat_keterangan_lahir: { number: 'SKL/0123/RSUD-DS/2026' },
      surat_pengantar: { number: '470/22/SS/2026', date: h.witaDate(-2) },
      kartu_keluarga: { number: kk },
      buku_nikah: { number: '0123/045/VI/2018' },
      formulir_f201: { date: h.witaDate(-2) },
    },
  };
}

// Each service: its application with a typing error, the correction made
// when the file comes back, and what its sealed letter must say.
const k_services = [
  {
    id: 'kartu-keluarga',
    body: kartuKeluarga,
    correct: (b) => { b.applicant.name = 'Ahmad Fauzi'; },
    typo: 'Ahmad Fauzy',
    external: { kk_diterima: { new_kk_number: '6305062001150003' } },
    letter: (b) => ['SURAT PENGANTAR', 'PERMOHONAN KARTU KELUARGA', 'Kepala Dinas Kependudukan dan Pencatatan Sipil', 'Perubahan Data KK',
      'Ahmad Fauzi', b.applicant.nik, 'Margasari Hilir', ...b.members.flatMap((m) => [m.name, m.nik, m.shdk]),
      'Rantau', 'Kandangan'],
  },
  {
    id: 'domisili',
    body: domisili,
    correct: (b) => { b.applicant.name = 'Dewi Lestari'; },
    typo: 'Dewi Lestary',
    letter: (b) => ['SURAT KETERANGAN DOMISILI', 'Dewi Lestari', b.applicant.nik, 'Keladan', 'Karyawan Swasta', indonesianDate('2019-06-01'),
      'Persyaratan pembukaan rekening bank', '6 (enam) bulan', 'Jl. Keladan Raya No. 3'],
  },
  {
    id: 'surat-keterangan-pindah',
    body: pindah,
    correct: (b) => { b.applicant.name = 'Hendra Saputra'; },
    typo: 'Hendra Saputro',
    external: { skpwni_diterima: { skpwni_number: 'SKPWNI/6472/12/2026/000123' } },
    letter: (b) => ['SURAT PENGANTAR PINDAH', 'Hendra Saputra', b.applicant.nik, 'Jl. Padat Karya No. 12', 'Handil Bakti', 'Palaran',
      'Kota Samarinda', 'Kalimantan Timur', 'Antar Provinsi', 'Pekerjaan', 'Kepala Keluarga dan Seluruh Anggota Keluarga',
      indonesianDate(b.pindah.planned_date), ...b.members.flatMap((m) => [m.name, m.nik, m.shdk])],
  },
  {
    id: 'pengantar-akta-kelahiran',
    body: aktaKelahiran,
    correct: (b) => { b.anak.name = 'Nur Aisyah'; },
    typo: 'NUR AISYA ',
    letter: (b) => ['SURAT PENGANTAR', 'PEMBUATAN AKTA KELAHIRAN', 'NUR AISYAH', 'Perempuan', 'RSUD Datu Sanggul Rantau',
      indonesianDate(b.anak.birth_date), '07:45', 'Dokter', 'Sri Wahyuni', b.ibu.nik, 'Rahmat Hidayat', b.ayah.nik,
      ...b.saksi.flatMap((s) => [s.name, s.nik])],
  },
];

// Where a state is in a description: a step's index, or a state's kind.
function whereIs(description, state) {
  const index = description.steps.findIndex((s) => s.id === state);
  if (index >= 0) return { kind: 'step', index, node: description.steps[index] };
  const node = description.states.find((s) => s.id === state);
  return { kind: node?.kind, index: -1, node };
}

// Forward from a state: never back to the applicant, on hold, cancelled, or
// to an earlier step.
function forwardAction(description, state) {
  const here = whereIs(description, state);
  return here.node?.actions.find((action) => {
    if (['returned', 'held', 'cancelled'].includes(action.target_kind)) return false;
    if (here.kind === 'step' && action.target_kind === 'step') return whereIs(description, action.target).index > here.index;
    return true;
  });
}

function actionBody(action, extra = {}) {
  const body = { action: action.id, data: { ...(extra[action.id] ?? {}) } };
  for (const field of action.fields) {
    if (!field.required || field.name in body.data) continue;
    body.data[field.name] = field.name === 'received_by' ? 'Ahmad Fauzi' : 'Dicatat petugas';
  }
  if (action.note_required) body.note = 'Diperiksa.';
  if (action.password_required) body.data.password = h.password;
  return body;
}

function userFor(action) {
  const role = action.roles.find((r) => r !== 'pemohon') ?? action.roles[0];
  const user = k_user_of_role[role];
  assert.ok(user, `a test user holding ${action.roles}`);
  return user;
}

// The request's groups and documents without the service: a resubmission's corrections.
function corrections(body) {
  const { service, ...rest } = body;
  return rest;
}

for (const backend of h.backends()) {
  describe(`the office's other services on ${backend.name}`, { skip: backend.skip }, () => {
    const context = h.useSeededServer(backend, { serverOptions: { args: ['--sops', k_sops] } });
    const letterNumbers = [];
    const walked = {}; // Service id → case id.

    async function snapshot() {
      const list = await context.api.get('/api/v1/cases', context.token.pelayanan);
      assert.equal(list.status, 200, list.text);
      return { cases: list.body.cases.map((c) => [c.id, c.version]), counts: await h.caseCounts(context.api) };
    }

    test('the server offers every service of sops/', async () => {
      const r = await context.api.get('/api/v1/services');
      assert.equal(r.status, 200, r.text);
      const ids = r.body.services.map((s) => s.id);
      for (const { id } of k_services) assert.ok(ids.includes(id), `${id} in ${ids}`);
    });

    for (const service of k_services) {
      test(`${service.id}: filed, sent back, corrected, walked through every step to its end, its letter sealed with the applicant's data`, async () => {
        const { api, token } = context;
        const description = (await api.get(`/api/v1/services/${service.id}`, token.pelayanan)).body;
        const body = service.body();
        const created = await api.post('/api/v1/cases', body, token.pelayanan);
        assert.equal(created.status, 201, created.text);
        const id = created.body.id;
        let state = created.body.state;
        assert.equal(state, 'verifikasi');

        // The return path: the file goes back to the applicant with a
        // reason, is corrected and submitted again.
        const back = whereIs(description, state).node.actions.find((a) => a.target_kind === 'returned');
        const returned = await api.act(id, token[userFor(back)], back.id, { reasons: [back.reasons[0].id] });
        assert.equal(returned.status, 200, returned.text);
        state = returned.body.state;
        const resubmit = whereIs(description, state).node.actions.find((a) => a.target === 'verifikasi');
        service.correct(body);
        const again = await api.act(id, token.pelayanan, resubmit.id, { data: corrections(body) });
        assert.equal(again.status, 200, again.text);
        state = again.body.state;
        assert.equal(state, 'verifikasi');

        const seen = [];
        let sealed = false;
        let external = false;
        while (whereIs(description, state).kind !== 'end') {
          assert.ok(seen.length < 20, `no end after ${seen.join(' → ')}`);
          const action = forwardAction(description, state);
          assert.ok(action, `no way forward from ${state}`);
          const r = await api.act(id, token[userFor(action)], action.id, actionBody(action, service.external));
          assert.equal(r.status, 200, `${state}/${action.id}: ${r.text}`);
          sealed ||= action.letter === 'seal';
          external ||= whereIs(description, state).kind === 'external';
          seen.push(`${state}/${action.id}`);
          state = r.body.state;
        }
        assert.ok(sealed, `the walk sealed the letter: ${seen.join(' → ')}`);
        assert.equal(external, Boolean(service.external), `the wait on Disdukcapil: ${seen.join(' → ')}`);
        // Every step of the SOP was done.
        for (const step of description.steps) assert.ok(seen.some((s) => s.startsWith(`${step.id}/`)) || step.id === 'pengajuan', `${step.id} in ${seen}`);

        walked[service.id] = id;
        const item = await api.get(`/api/v1/cases/${id}`, token.pelayanan);
        assert.equal(item.status, 200, item.text);
        assert.ok(item.body.letter_number, item.text);
        letterNumbers.push(item.body.letter_number);

        const pdf = await fetch(`${api.base}/api/v1/cases/${id}/letter.pdf`, { headers: { authorization: `Bearer ${token.pelayanan}` } });
        assert.equal(pdf.status, 200, service.id);
        const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
        for (const words of service.letter(body))
          assert.ok(text.includes(words), `the letter says "${words}":\n${text}`);
        assert.ok(!text.includes(service.typo), `the corrected name, not "${service.typo}":\n${text}`);
        assert.ok(text.includes(item.body.letter_number), `the letter's number ${item.body.letter_number}:\n${text}`);
      });
    }

    test('one agenda book numbers the letters of every service', async () => {
      assert.equal(letterNumbers.length, k_services.length);
      const sequence = letterNumbers.map((n) => Number(n.match(/\/0*(\d+)\//)?.[1]));
      assert.deepEqual([...sequence].sort((a, b) => a - b), [1, 2, 3, 4], letterNumbers.join(', '));
    });

    test('the SKPWNI number is recorded when it comes back from Disdukcapil', async () => {
      const { api, token } = context;
      const moved = await api.get(`/api/v1/cases/${walked['surat-keterangan-pindah']}`, token.pelayanan);
      assert.equal(moved.status, 200, moved.text);
      const back = moved.body.history.find((h) => h.action === 'skpwni_diterima');
      assert.equal(back?.step, 'menunggu_skpwni', moved.text);
      assert.equal(back.data.skpwni_number, 'SKPWNI/6472/12/2026/000123', moved.text);
      // Its letter carries the letter's own default classification code.
      assert.match(moved.body.letter_number, /^400\.12\//, moved.text);
    });

    test('a birth reported more than 60 days later is filed with a warning', async () => {
      const body = aktaKelahiran();
      body.pelapor.nik = '6305061506910015';
      body.anak.birth_date = h.witaDate(-90);
      const r = await context.api.post('/api/v1/cases', body, context.token.pelayanan);
      assert.equal(r.status, 201, r.text);
      assert.ok(r.body.warnings.some((w) => w.field === 'anak.birth_date' && w.code === 'anak.late_report'), r.text);
    });

    test('wrong data gets 422 naming the field, and nothing is stored', async () => {
      const before = await snapshot();
      const wrong = [
        { what: 'two Kepala Keluarga rows', field: 'members', body: () => {
          const b = kartuKeluarga();
          b.members[1].shdk = 'Kepala Keluarga';
          return b;
        } },
        { what: 'a destination equal to the origin', field: 'tujuan.village_code', body: () => {
          const b = pindah();
          b.tujuan = { village_code: b.applicant.village_code, address: b.applicant.address, rt: b.applicant.rt, rw: b.applicant.rw };
          return b;
        } },
        { what: 'a child born tomorrow', field: 'anak.birth_date', body: () => {
          const b = aktaKelahiran();
          b.anak.birth_date = h.witaDate(1);
          return b;
        } },
        { what: "a parent's NIK with day 32", field: 'ayah.nik', body: () => {
          const b = aktaKelahiran();
          b.ayah.nik = '6305063204900010';
          return b;
        } },
        { what: "the mother's NIK with day 32 (72 for a woman)", field: 'ibu.nik', body: () => {
          const b = aktaKelahiran();
          b.ibu.nik = '6305067212930011';
          return b;
        } },
      ];
      for (const bad of wrong) {
        const r = await context.api.post('/api/v1/cases', bad.body(), context.token.pelayanan);
        assert.equal(r.status, 422, `${bad.what}: ${r.status} ${r.text}`);
        const fields = (r.body?.errors ?? []).map((e) => e.field);
        assert.ok(fields.includes(bad.field) || r.body?.error?.field === bad.field, `${bad.what}: ${bad.field} in ${r.text}`);
      }
      assert.deepEqual(await snapshot(), before);
    });
  });
}
