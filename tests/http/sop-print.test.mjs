// The printed SOP on the public pages, on SQLite and on PostgreSQL:
// GET /layanan/{id}/sop.pdf (the identity sheet and the flowchart, under
// the office's kop, as that office states the SOP) and
// GET /layanan/{id}/alur.svg (the flowchart for a web page). No sign-in;
// an unknown service or office is a 404 page in Bahasa Indonesia.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

// The text of a PDF as pdftotext reads it, every space and line break
// taken out (a title wraps at the page's width).
function squeezedText(bytes) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sopir-sop-print-'));
  try {
    const file = path.join(dir, 'sop.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function get(base, url) {
  const response = await fetch(base + url, { redirect: 'manual' });
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

for (const backend of h.backends()) {
  describe(`printed SOP (${backend.name})`, { skip: backend.skip }, () => {
    const ctx = h.useSeededServer(backend, {
      signIn: [],
      prepare: (db) => {
        const stated = h.cli(db, ['office', 'sop', 'perekaman-ektp', '--code', h.officeCode, '--number', '800/77/CLU/SOP/2026',
          '--revised', '2026-01-05']);
        assert.equal(stated.status, 0, stated.stderr);
      },
    });

    test('GET /layanan/{id}/sop.pdf is the printed SOP, as the office states it, with no sign-in', async () => {
      const pdf = await get(ctx.server.base, '/layanan/perekaman-ektp/sop.pdf');
      assert.equal(pdf.status, 200);
      assert.equal(pdf.type, 'application/pdf');
      assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
      const text = squeezedText(pdf.bytes);
      assert.ok(text.includes('STANDAROPERASIONALPROSEDUR(SOP)PEREKAMANE-KTPUNTUKUMUM'), 'the title');
      assert.ok(text.includes('KANTORCAMATCANDILARASUTARA'), 'the office\'s kop');
      assert.ok(text.includes('800/77/CLU/SOP/2026'), 'the office\'s own Nomor SOP');
      assert.ok(text.includes('TanggalRevisi05Januari2026'), 'the office\'s revision date');
      assert.ok(text.includes('FLOWCHARTSOP'), 'the flowchart');
      assert.ok(text.includes('Jumlahwaktu29menit'), 'the total time');
    });

    test('GET /layanan/{id}/alur.svg is the flowchart as a picture', async () => {
      const svg = await get(ctx.server.base, '/layanan/perekaman-ektp/alur.svg');
      assert.equal(svg.status, 200);
      assert.equal(svg.type, 'image/svg+xml');
      assert.match(svg.bytes.toString(), /<svg[\s\S]*<path[\s\S]*<\/svg>/);
    });

    test("every service's public page embeds its flowchart and links its printed SOP, and /layanan lists them all", async () => {
      const services = (await (await fetch(`${ctx.server.base}/api/v1/services`)).json()).services;
      assert.ok(services.length >= 6, services.map((s) => s.id).join(', '));
      const list = (await get(ctx.server.base, '/layanan')).bytes.toString();
      for (const service of services) {
        assert.ok(list.includes(`href="/layanan/${service.id}`), `/layanan lists ${service.id}`);
        const page = await get(ctx.server.base, `/layanan/${service.id}`);
        assert.equal(page.status, 200, service.id);
        const html = page.bytes.toString();
        const picture = html.match(/<img src="([^"]+)" alt="Bagan alir SOP/)?.[1];
        const printed = html.match(/<a href="([^"]+)" id="sop-cetak">/)?.[1];
        assert.ok(picture && printed, `${service.id}: the flowchart and the printed SOP's link`);
        for (const section of ['persyaratan', 'prosedur', 'waktu', 'biaya', 'produk', 'pengaduan'])
          assert.ok(html.includes(`<section id="${section}">`), `${service.id}: the component ${section}`);
        const svg = await get(ctx.server.base, picture.replaceAll('&amp;', '&'));
        assert.equal(svg.status, 200, picture);
        assert.equal(svg.type, 'image/svg+xml');
        const pdf = await get(ctx.server.base, printed.replaceAll('&amp;', '&'));
        assert.equal(pdf.status, 200, printed);
        assert.ok(squeezedText(pdf.bytes).toLowerCase().includes(service.title.replace(/\s+/g, '').toLowerCase().slice(0, 20)), `${service.id}: its printed SOP`);
      }
    });

    test('an unknown service or office is a 404 page in Bahasa Indonesia', async () => {
      for (const url of ['/layanan/akta-kematian/sop.pdf', '/layanan/akta-kematian/alur.svg']) {
        const missing = await get(ctx.server.base, url);
        assert.equal(missing.status, 404, url);
        assert.match(missing.type, /^text\/html/);
        assert.match(missing.bytes.toString(), /Layanan tidak ditemukan/);
        assert.match(missing.bytes.toString(), /akta-kematian/);
      }
      const office = await get(ctx.server.base, '/layanan/perekaman-ektp/sop.pdf?kantor=63.99.99');
      assert.equal(office.status, 404);
      assert.match(office.bytes.toString(), /Kantor 63\.99\.99 tidak dikenal/);
    });
  });
}
