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
