// The seal does not trust the database alone: verification checks the seal
// key against the one the server's seal secret derives (not any key row on
// record), the seal covers the PDFs' SHA-256, and the seal secret file is
// refused when others may read it, when it is a symbolic link, or when it
// is missing while the database has seals. On SQLite and PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as h from './harness.mjs';

// Runs SQL on the test database as someone with its password would.
function sql(dbUrl, query) {
  if (dbUrl.startsWith('sqlite://')) return execFileSync('sqlite3', [dbUrl.slice('sqlite://'.length), query], { encoding: 'utf8' }).trim();
  return execFileSync('psql', [dbUrl, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', query], { encoding: 'utf8' }).trim();
}

// A server start that must fail: its exit status and what it said.
function serveRefused(dbUrl, secretFile) {
  const r = spawnSync(h.binary, ['--db', dbUrl, 'serve', '--listen', '127.0.0.1:0', '--seal-secret', secretFile], { encoding: 'utf8', timeout: 15_000 });
  return { status: r.status, signal: r.signal, output: `${r.stdout}${r.stderr}` };
}

// signing_message of src/letters/signing.cpp: "<length>:<bytes>," fields.
function fields(...values) {
  return values.map((v) => `${Buffer.byteLength(String(v))}:${v},`).join('');
}

const k_forward = {
  verifikasi: ['pelayanan', 'terima', {}],
  perekaman: ['operator', 'rekam', { data: { siak_reference: 'SIAK-AUDIT-1' } }],
  pemeriksaan: ['kasi', 'paraf', {}],
  penandatanganan: ['camat', 'tandatangani', { data: { password: h.password } }],
  pengarsipan: ['arsip', 'arsipkan', {}],
};

for (const backend of h.backends()) {
  describe(`audit and seal against the database on ${backend.name}`, { skip: backend.skip }, () => {
    const ctx = h.useSeededServer(backend);

    // A case walked to its sealed letter; returns the letter's row.
    async function sealedLetter() {
      const r = await ctx.api.post('/api/v1/cases', h.application(), ctx.token.pelayanan);
      assert.equal(r.status, 201, r.text);
      let state = r.body.state;
      while (state !== 'penyerahan') {
        const [who, action, extra] = k_forward[state];
        const acted = await ctx.api.act(r.body.id, ctx.token[who], action, extra);
        assert.equal(acted.status, 200, `${action}: ${acted.text}`);
        state = acted.body.state;
      }
      const [id, verification, contentSha, sealedAt] = sql(ctx.db.url,
        `SELECT id, verification_token, content_sha256, sealed_at FROM letters WHERE case_id = ${r.body.id}`).split('|');
      const verdict = await ctx.api.get(`/api/v1/verify/${verification}`);
      assert.equal(verdict.body.status, 'valid', verdict.text);
      return { id, caseId: r.body.id, verification, contentSha, sealedAt: Number(sealedAt) };
    }

    test('the seal names the PDFs\' SHA-256: a PDF swapped in the database with its hash is TIDAK SAH', async () => {
      const letter = await sealedLetter();
      const signatures = JSON.parse(sql(ctx.db.url, `SELECT signatures FROM letters WHERE id = ${letter.id}`));
      const seal = signatures.find((s) => s.purpose === 'segel');
      assert.match(seal.pdf_sha256 ?? '', /^[0-9a-f]{64}$/, 'the seal carries the PDF hash');
      const forged = Buffer.concat([Buffer.from('%PDF-1.5\n% surat palsu\n'), randomBytes(64)]);
      const forgedSha = createHash('sha256').update(forged).digest('hex');
      sql(ctx.db.url, `UPDATE letters SET pdf = '${forged.toString('base64')}', pdf_sha256 = '${forgedSha}' WHERE id = ${letter.id}`);
      const verdict = await ctx.api.get(`/api/v1/verify/${letter.verification}`);
      assert.equal(verdict.status, 200, verdict.text);
      assert.equal(verdict.body.status, 'invalid', verdict.text);
      // The swapped PDF uploaded for verification is found, and refused.
      const uploaded = await fetch(`${ctx.server.base}/api/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: forged });
      assert.equal((await uploaded.json()).status, 'invalid');
    });

    test('a seal by a key added to office_seals (not the one the seal secret derives) is TIDAK SAH', async () => {
      const letter = await sealedLetter();
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const publicB64 = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url').toString('base64');
      sql(ctx.db.url, `INSERT INTO office_seals (office_id, public_key, created_at, retired_at) VALUES `
        + `((SELECT id FROM offices WHERE code = '${h.officeCode}'), '${publicB64}', 0, 1)`);
      // A content-only (v1) seal, as the attacker's own key can make.
      const message = fields('sopir.letter.v1', letter.contentSha, letter.sealedAt, 'segel');
      const signatures = JSON.parse(sql(ctx.db.url, `SELECT signatures FROM letters WHERE id = ${letter.id}`));
      const seal = signatures.find((s) => s.purpose === 'segel');
      delete seal.pdf_sha256;
      delete seal.archive_pdf_sha256;
      seal.public_key = publicB64;
      seal.signature = sign(null, Buffer.from(message), privateKey).toString('base64');
      sql(ctx.db.url, `UPDATE letters SET signatures = '${JSON.stringify(signatures)}' WHERE id = ${letter.id}`);
      const verdict = await ctx.api.get(`/api/v1/verify/${letter.verification}`);
      assert.equal(verdict.status, 200, verdict.text);
      assert.equal(verdict.body.status, 'invalid', verdict.text);
    });

    test('the seal secret file: refused when others may read it or when it is a symbolic link', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sopir-segel-'));
      try {
        const copy = path.join(dir, 'segel.key');
        copyFileSync(h.sealSecretFile(ctx.db.url), copy);
        chmodSync(copy, 0o644);
        const readable = serveRefused(ctx.db.url, copy);
        assert.equal(readable.status, 2, readable.output);
        assert.match(readable.output, /dapat dibaca oleh grup atau pengguna lain \(mode 0644\)/);
        assert.match(readable.output, /chmod 600/);

        chmodSync(copy, 0o600);
        const link = path.join(dir, 'tautan.key');
        symlinkSync(copy, link);
        const linked = serveRefused(ctx.db.url, link);
        assert.equal(linked.status, 2, linked.output);
        assert.match(linked.output, /tautan simbolik/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a missing seal secret with seals on record stops the start; a fresh database gets one made 0600', async () => {
      await sealedLetter();
      const dir = mkdtempSync(path.join(tmpdir(), 'sopir-segel-'));
      try {
        const missing = path.join(dir, 'hilang.key');
        const refused = serveRefused(ctx.db.url, missing);
        assert.equal(refused.status, 2, refused.output);
        assert.match(refused.output, /tidak ada, padahal basis data ini sudah memakai segel kantor/);
        assert.throws(() => statSync(missing), 'no new secret was made');

        const fresh = h.freshDatabase(backend);
        try {
          h.seed(fresh.url);
          const made = path.join(dir, 'baru.key');
          // It starts (and is stopped by the timeout's SIGTERM).
          const child = spawnSync(h.binary, ['--db', fresh.url, 'serve', '--listen', '127.0.0.1:0', '--seal-secret', made], { timeout: 5_000, encoding: 'utf8' });
          assert.match(child.stdout, /sopir melayani di/, `${child.stdout}${child.stderr}`);
          const stat = statSync(made);
          assert.equal(stat.mode & 0o777, 0o600);
          assert.equal(stat.size, 32);
        } finally {
          fresh.drop();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
