{{%AUTOESCAPE context="HTML"}}
<section class="cetakan" id="tanda-terima">
<p class="kop">{{OFFICE_TITLE}}<br>{{OFFICE_ADDRESS}}</p>
<h1>Tanda terima permohonan</h1>
<p class="sublayanan">{{SERVICE_TITLE}}</p>
<dl class="data">
<dt>Nomor permohonan</dt><dd id="nomor-permohonan">{{CASE_ID}}</dd>
<dt>Diterima</dt><dd>{{RECEIVED_AT}}</dd>
<dt>Nama pemohon</dt><dd>{{NAME}}</dd>
<dt>NIK</dt><dd class="angka">{{NIK_MASKED}}</dd>
</dl>
<h2>Dokumen yang diterima</h2>
<table class="daftar">
<thead><tr><th>Dokumen</th><th>Nomor</th><th>Tanggal</th></tr></thead>
<tbody>{{#DOCUMENT}}<tr><td>{{LABEL}}</td><td>{{NUMBER}}</td><td>{{DATE}}</td></tr>{{/DOCUMENT}}</tbody>
</table>
{{#HAS_WARNINGS}}<h2>Catatan petugas</h2>
<ul class="peringatan">{{#WARNING}}<li>{{MESSAGE}}</li>{{/WARNING}}</ul>{{/HAS_WARNINGS}}
<p>Nomor registrasi diberikan setelah berkas diverifikasi, bersama tanda terima bernomor yang memuat PIN untuk mengecek status permohonan di {{STATUS_URL}}. Simpan tanda terima ini.</p>
<p>Layanan ini tidak dipungut biaya (UU 24/2013 Pasal 79A).</p>
<p class="ttd">Petugas,<br><br><br>{{OFFICER}}</p>
</section>
<p class="layar-saja"><button type="button" data-cetak>Cetak tanda terima</button> <a href="/api/v1/cases/{{CASE_ID}}/receipt.pdf">Tanda terima (PDF)</a> · <a href="/permohonan/{{CASE_ID}}">Buka halaman permohonan</a> · <a href="/permohonan/baru">Permohonan baru lagi</a></p>
