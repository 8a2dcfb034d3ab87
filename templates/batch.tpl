{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="keterangan">{{INTRO}}</p>
{{#RESULTS}}<section class="kotak-info" id="hasil" aria-labelledby="hasil-judul">
<h2 id="hasil-judul">Hasil</h2>
<p role="status" id="hasil-ringkas">{{SUMMARY}}</p>
<table class="daftar" id="hasil-per-surat">
<thead><tr><th>Permohonan</th><th>Nama pemohon</th><th>Hasil</th><th>Keterangan</th></tr></thead>
<tbody>{{#RESULT}}<tr class="{{ROW_CLASS}}" data-hasil="{{CODE}}" data-permohonan="{{ID}}"><td><a href="/permohonan/{{ID}}">#{{ID}}</a></td><td>{{NAME}}</td><td><strong>{{OUTCOME}}</strong></td><td>{{MESSAGE}}</td></tr>
{{/RESULT}}</tbody>
</table>
</section>{{/RESULTS}}
{{#ERROR}}<p class="galat" role="alert" id="galat-batch">{{MESSAGE}}</p>{{/ERROR}}
{{#EMPTY}}<p class="kosong" id="tidak-ada">{{EMPTY_TEXT}}</p>{{/EMPTY}}
{{#HAS_ROWS}}<form method="post" action="{{ACTION}}" class="formulir" id="form-batch">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p class="bantuan">Paling banyak {{LIMIT}} surat sekali proses.</p>
<p class="pilih-semua" hidden><label class="centang" for="pilih-semua"><input type="checkbox" id="pilih-semua" data-pilih-semua="cases"> Pilih semua</label></p>
<div class="gulir"><table class="daftar" id="daftar-surat">
<thead><tr><th>Pilih</th><th>No. registrasi</th><th>Nama pemohon</th><th>NIK</th><th>Layanan</th><th>Menunggu</th><th>Konsep</th></tr></thead>
<tbody>{{#ROW}}<tr>
<td><input type="checkbox" name="cases" value="{{ID}}" id="pilih-{{ID}}" aria-label="Pilih permohonan #{{ID}}, {{NAME}}"{{#CHECKED}} checked{{/CHECKED}}></td>
<td>{{REGISTRATION}}</td>
<td><label for="pilih-{{ID}}">{{NAME}}</label></td>
<td class="angka">{{NIK}}</td>
<td>{{SERVICE}}</td>
<td>{{WAITED}}</td>
<td><a href="/permohonan/{{ID}}">Buka #{{ID}}</a></td>
</tr>
{{/ROW}}</tbody>
</table></div>
{{#PASSWORD}}<div class="isian">
<label for="kata-sandi">Kata sandi Anda <abbr title="wajib diisi">*</abbr></label>
<input id="kata-sandi" name="password" type="password" autocomplete="current-password" required aria-describedby="kata-sandi-bantuan">
<p class="bantuan" id="kata-sandi-bantuan">Ketik sekali untuk semua surat yang dipilih: kata sandi membuka kunci tanda tangan elektronik Anda.</p>
</div>{{/PASSWORD}}
<p><button type="submit">{{BUTTON}}</button></p>
</form>{{/HAS_ROWS}}
