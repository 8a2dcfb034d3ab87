{{%AUTOESCAPE context="HTML"}}
<section class="kartu sempit">
<h1>Ganti kata sandi</h1>
{{#MUST_CHANGE}}<p class="peringatan-alamat" role="status" id="wajib-ganti-sandi">Anda masuk dengan kode sekali pakai dari admin kantor. Pilih kata sandi baru sebelum bekerja: ketik kode itu sebagai kata sandi sekarang.</p>{{/MUST_CHANGE}}
{{#DONE}}<p class="berhasil" role="status">Kata sandi sudah diganti. <a href="/kerja">Lanjut ke daftar kerja</a></p>{{/DONE}}
{{#ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/akun/sandi">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label for="password_current">Kata sandi sekarang{{#MUST_CHANGE}} (kode sekali pakai){{/MUST_CHANGE}}</label>
<input id="password_current" name="password_current" type="password" autocomplete="current-password" required></p>
<p><label for="password_new">Kata sandi baru (minimal 10 karakter)</label>
<input id="password_new" name="password_new" type="password" autocomplete="new-password" minlength="10" required></p>
<p><button type="submit">Ganti kata sandi</button></p>
</form>
</section>
