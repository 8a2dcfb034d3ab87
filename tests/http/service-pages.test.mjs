// The staff's pages of any service, from its definition alone: the intake
// form grows a rows group one row at a time ("Tambah baris") keeping what
// was typed and saving nothing, a case's page shows every group of the
// application in words, rows as a table, and the worklist names the service. Driven with the made-up service of
// tests/fixtures/sops/, which no C++ knows, on SQLite and PostgreSQL.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

const k_fixture = 'rekomendasi-keramaian-contoh';

function sopsDirectory() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-sops-'));
  for (const from of [path.join(h.sourceDir, 'sops'), path.join(h.sourceDir, 'tests/fixtures/sops')])
    for (const file of readdirSync(from).filter((name) => name.endsWith('.toml')))
      copyFileSync(path.join(from, file), path.join(dir, file));
  return dir;
}

const rowInputs = (html, group) => new Set([...html.matchAll(new RegExp(`name="${group}\\.(\\d+)\\.nik"`, 'g'))].map((m) => m[1]));

for (const backend of h.backends()) {
  describe(`staff pages of a service known only from its file, on ${backend.name}`, { skip: backend.skip }, () => {
    const sops = sopsDirectory();
    const context = h.useSeededServer(backend, { serverOptions: { args: ['--sops', sops] } });
    after(() => rmSync(sops, { recursive: true, force: true }));

    test('"Tambah baris" shows one more committee row, keeps what was typed and saves nothing', async () => {
      const desk = await h.staffBrowser(context.server.base, h.users.pelayanan.username);
      const blank = await desk.get(`/permohonan/baru?layanan=${k_fixture}`);
      assert.equal(blank.status, 200, blank.text);
      assert.deepEqual([...rowInputs(blank.text, 'panitia')], ['0', '1'], 'the minimum of two rows');
      assert.match(blank.text, /name="tambah_baris" value="panitia"/);

      const before = await h.caseCounts(context.api);
      const typed = { service: k_fixture, 'penyelenggara.name': 'Budi Santoso', 'panitia.0.name': 'Ahmad Ketua', 'panitia.1.name': 'Siti Bendahara' };
      const grown = await desk.postForm('/permohonan/baru', { ...typed, 'panitia.0.nik': '', 'panitia.1.nik': '', tambah_baris: 'panitia' });
      assert.equal(grown.status, 200, grown.text);
      assert.deepEqual([...rowInputs(grown.text, 'panitia')], ['0', '1', '2']);
      for (const value of ['Budi Santoso', 'Ahmad Ketua', 'Siti Bendahara']) assert.ok(grown.text.includes(`value="${value}"`), value);
      assert.doesNotMatch(grown.text, /isian perlu diperbaiki/, 'asking for a row is not sending the form');
      assert.deepEqual(await h.caseCounts(context.api), before, 'nothing saved');

      // Up to the group's maximum of five, and then no button.
      let page = grown;
      for (let rows = 3; rows < 5; ++rows) {
        const fields = { service: k_fixture, tambah_baris: 'panitia' };
        for (const row of rowInputs(page.text, 'panitia')) fields[`panitia.${row}.nik`] = '';
        page = await desk.postForm('/permohonan/baru', fields);
      }
      assert.equal(rowInputs(page.text, 'panitia').size, 5);
      assert.doesNotMatch(page.text, /name="tambah_baris"/);
    });

    test("a case's page shows each group of the application in words, the committee as a table", async () => {
      const description = (await context.api.get(`/api/v1/services/${k_fixture}`, context.token.pelayanan)).body;
      const body = { service: k_fixture, ...structuredClone(description.intake_schema.examples[0]) };
      body.panitia = [
        { ...body.panitia[0], name: 'Ahmad Ketua Panitia', jabatan: 'ketua' },
        { ...body.panitia[1] ?? body.panitia[0], name: 'Siti Anggota Panitia', jabatan: 'anggota' },
      ];
      body.acara.jenis = 'panen';
      const created = await context.api.post('/api/v1/cases', body, context.token.pelayanan);
      assert.equal(created.status, 201, created.text);

      const desk = await h.staffBrowser(context.server.base, h.users.pelayanan.username);
      const page = await desk.get(`/permohonan/${created.body.id}`);
      assert.equal(page.status, 200, page.text);
      for (const group of description.intake_schema.required.filter((g) => !['documents', 'service'].includes(g)))
        assert.ok(page.text.includes(`<h2>${description.intake_schema.properties[group].title}</h2>`), `the group ${group}'s heading`);
      assert.ok(page.text.includes(body.penyelenggara.nik), 'the whole NIK for staff');
      assert.ok(page.text.includes('Syukuran panen'), "an option's label, not its id");
      const table = page.text.slice(page.text.indexOf('<h2>Susunan panitia</h2>'));
      assert.match(table, /<th>Jabatan[^<]*<\/th>/i);
      assert.match(table, /<td>1<\/td><td>[0-9]{16}<\/td><td>Ahmad Ketua Panitia<\/td>/i);
      assert.ok(table.indexOf('Siti Anggota Panitia') > table.indexOf('Ahmad Ketua Panitia'));

      // The worklist names each case's service when several are loaded.
      const work = await desk.get('/kerja');
      assert.equal(work.status, 200, work.text);
      assert.match(work.text, /<th>Layanan<\/th>/);
      const row = work.text.slice(work.text.indexOf(`href="/permohonan/${created.body.id}"`));
      assert.match(row.slice(0, row.indexOf('</tr>')), /<td>Rekomendasi Izin Keramaian \(Contoh Uji\)<\/td>/);
    });
  });
}
