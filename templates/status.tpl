{{%AUTOESCAPE context="HTML"}}
<h1>Cek status permohonan</h1>
<p class="keterangan">Masukkan nomor registrasi (atau nomor permohonan) dan PIN yang tercetak pada tanda terima. Halaman ini hanya menampilkan layanan dan keadaan permohonan, tanpa nama dan NIK. Tanda terima lama tanpa PIN: mintalah petugas mencetak ulang tanda terima.</p>
{{#ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/status" class="formulir sempit" autocomplete="off" novalidate>
<div class="isian"><label for="nomor">Nomor registrasi atau nomor permohonan</label>
<input id="nomor" name="nomor" value="{{NUMBER}}" required></div>
<div class="isian"><label for="pin">PIN</label>
<input id="pin" name="pin" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off" required></div>
<p><button type="submit">Cek status</button></p>
</form>
{{#RESULT}}<section class="kartu" id="hasil-status">
<h2>Status permohonan {{REGISTRATION}}</h2>
<dl class="data">
<dt>Layanan</dt><dd>{{SERVICE}}</dd>
<dt>Status</dt><dd id="status-label"><strong>{{STATE_LABEL}}</strong></dd>
<dt>Diajukan</dt><dd>{{SUBMITTED}}</dd>
<dt>Diperbarui</dt><dd>{{UPDATED}}</dd>
</dl>
</section>{{/RESULT}}
