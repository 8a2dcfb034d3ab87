{{%AUTOESCAPE context="HTML"}}
<h1>Cek status permohonan</h1>
<p class="keterangan">Masukkan nomor registrasi dari petugas dan tanggal lahir pemohon. Halaman ini hanya menampilkan nama, NIK yang disamarkan dan keadaan permohonan.</p>
{{#ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/status" class="formulir sempit">
<div class="isian"><label for="nomor">Nomor registrasi</label>
<input id="nomor" name="nomor" value="{{NUMBER}}"></div>
<div class="isian"><label for="tanggal_lahir">Tanggal lahir</label>
<input id="tanggal_lahir" name="tanggal_lahir" type="date" value="{{BIRTH_DATE}}"></div>
<p><button type="submit">Cek status</button></p>
</form>
{{#RESULT}}<section class="kartu" id="hasil-status">
<h2>Status permohonan {{REGISTRATION}}</h2>
<dl class="data">
<dt>Nama</dt><dd>{{NAME}}</dd>
<dt>NIK</dt><dd class="angka" id="nik-tersamar">{{NIK_MASKED}}</dd>
<dt>Status</dt><dd id="status-label"><strong>{{STATE_LABEL}}</strong></dd>
<dt>Diajukan</dt><dd>{{SUBMITTED}}</dd>
<dt>Diperbarui</dt><dd>{{UPDATED}}</dd>
</dl>
</section>{{/RESULT}}
