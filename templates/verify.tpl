{{%AUTOESCAPE context="HTML"}}
<h1>Verifikasi surat</h1>
<p class="keterangan">Surat yang diterbitkan kantor ini ditandatangani secara elektronik. Pindai kode QR pada surat, atau unggah berkas PDF-nya di sini, untuk memastikan surat itu asli dan tidak diubah.</p>
{{#ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/ERROR}}
{{#VERDICT}}<section class="kartu hasil-{{STATUS}}" id="hasil-verifikasi">
<h2 id="status-verifikasi">{{STATUS_TEXT}}</h2>
<dl class="data">
<dt>Perihal</dt><dd>{{SUBJECT}}</dd>
{{#MARK}}<dt>Salinan</dt><dd id="salinan">{{COPY}}</dd>
{{#DETAIL}}<dt>{{LABEL}}</dt><dd class="dokumen-dilegalisir">{{VALUE}}</dd>
{{/DETAIL}}{{/MARK}}
<dt>Nomor surat</dt><dd class="angka" id="nomor-surat">{{NUMBER}}</dd>
<dt>Tanggal surat</dt><dd>{{DATE}}</dd>
<dt>Nama</dt><dd id="nama">{{NAME}}</dd>
<dt>NIK</dt><dd class="angka" id="nik-tersamar">{{NIK_MASKED}}</dd>
<dt>Ditandatangani oleh</dt><dd>{{SIGNED_BY}}, {{SIGNED_ROLE}}</dd>
<dt>Waktu tanda tangan</dt><dd>{{SIGNED_AT}}</dd>
<dt>Waktu segel kantor</dt><dd>{{SEALED_AT}}</dd>
<dt>Sidik SHA-256 berkas</dt><dd class="angka sidik">{{SHA256}}</dd>
</dl>
</section>{{/VERDICT}}
<section class="kartu">
<h2>Periksa berkas PDF</h2>
<p>Berkas yang diunggah dibandingkan byte demi byte (melalui sidik SHA-256) dengan arsip kantor. Berkas tidak disimpan.</p>
<form method="post" action="/verifikasi" enctype="multipart/form-data" class="formulir sempit" id="unggah-pdf">
<div class="isian"><label for="pdf">Berkas PDF surat</label>
<input id="pdf" name="pdf" type="file" accept="application/pdf,.pdf" required></div>
<p><button type="submit">Periksa berkas</button></p>
</form>
</section>
