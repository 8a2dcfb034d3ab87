{{%AUTOESCAPE context="HTML"}}
<section class="cetakan" id="surat-pengembalian">
<p class="kop">{{OFFICE_TITLE}}<br>{{OFFICE_ADDRESS}}</p>
<h1>Surat pengembalian berkas</h1>
<p class="sublayanan">{{SERVICE_TITLE}}</p>
<dl class="data">
<dt>Nomor permohonan</dt><dd>{{CASE_ID}}</dd>
<dt>Nama pemohon</dt><dd>{{NAME}}</dd>
<dt>NIK</dt><dd class="angka">{{NIK_MASKED}}</dd>
<dt>Dikembalikan</dt><dd>{{AT}}</dd>
</dl>
<p>Berkas permohonan belum dapat diproses karena:</p>
<ol class="alasan">{{#REASON}}<li>{{TEXT}}</li>{{/REASON}}</ol>
{{#NOTE}}<p>Catatan: {{TEXT}}</p>{{/NOTE}}
<p>Silakan lengkapi atau perbaiki berkas, lalu ajukan kembali di loket pelayanan dengan membawa surat ini.</p>
<p class="ttd">{{PLACE_DATE}}<br>Petugas,<br><br><br>{{OFFICER}}</p>
</section>
<p class="layar-saja"><button type="button" data-cetak>Cetak surat pengembalian</button> <a href="/permohonan/{{CASE_ID}}">Kembali ke permohonan</a></p>
