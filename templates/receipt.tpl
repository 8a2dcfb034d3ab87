{{%AUTOESCAPE context="HTML"}}
<p class="berhasil" role="status" id="pesan-berhasil">Permohonan nomor <strong>{{CASE_ID}}</strong> tersimpan.</p>
<section id="tanda-terima">
<h1>Tanda terima permohonan</h1>
<p class="sublayanan">{{SERVICE_TITLE}}</p>
<p>Cetak tanda terima untuk pemohon: memuat nomor permohonan, PIN cek status, kode QR ke halaman status dan langkah berikutnya. Setiap cetakan memberi PIN baru; PIN pada cetakan terakhir yang berlaku.</p>
<p class="tindakan"><a class="tombol" id="cetak-tanda-terima" href="/api/v1/cases/{{CASE_ID}}/receipt.pdf" target="_blank" rel="noopener">Cetak tanda terima (PDF)</a></p>
{{#HAS_WARNINGS}}<section class="kotak-info" id="catatan-petugas">
<h2>Untuk petugas: periksa dengan dokumen pemohon</h2>
<p>Catatan ini tidak tercetak pada tanda terima.</p>
<ul class="peringatan">{{#WARNING}}<li>{{MESSAGE}}</li>{{/WARNING}}</ul>
</section>{{/HAS_WARNINGS}}
<h2>Ringkasan</h2>
<dl class="data">
<dt>Nomor permohonan</dt><dd id="nomor-permohonan">{{CASE_ID}}</dd>
<dt>Diterima</dt><dd>{{RECEIVED_AT}}</dd>
<dt>Nama pemohon</dt><dd>{{NAME}}</dd>
<dt>NIK</dt><dd class="angka">{{NIK_MASKED}}</dd>
</dl>
<div class="gulir"><table class="daftar">
<caption>Dokumen yang diterima</caption>
<thead><tr><th scope="col">Dokumen</th><th scope="col">Nomor</th><th scope="col">Tanggal</th></tr></thead>
<tbody>{{#DOCUMENT}}<tr><td>{{LABEL}}</td><td>{{NUMBER}}</td><td>{{DATE}}</td></tr>{{/DOCUMENT}}</tbody>
</table></div>
</section>
<p class="layar-saja"><a href="/permohonan/{{CASE_ID}}">Buka halaman permohonan</a> · <a href="/permohonan/baru">Permohonan baru lagi</a> · <a href="/kerja">Daftar kerja</a></p>
