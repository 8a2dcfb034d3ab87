{{%AUTOESCAPE context="HTML"}}
<h1>Administrasi kantor</h1>
<p class="keterangan">Kantor Camat {{OFFICE}}: pengguna, peran, penugasan Plt./Plh. dan pengaturan kantor. Setiap perubahan tercatat pada rantai audit.</p>
{{#NOTICE}}<p class="berhasil" role="status" id="pesan-admin">{{MESSAGE}}</p>{{/NOTICE}}
{{#PAGE_ERROR}}<p class="galat" role="alert" id="galat-admin">{{MESSAGE}}</p>{{/PAGE_ERROR}}
{{#CODE}}<section class="kartu" id="kode-sekali-pakai">
<h2>Kode sekali pakai untuk {{USERNAME}}</h2>
<p>Serahkan kode ini langsung kepada orangnya (jangan lewat pesan). Ia masuk dengan nama pengguna <strong>{{USERNAME}}</strong> dan kode ini, lalu wajib memilih kata sandi baru. Kode ini tidak ditampilkan lagi.</p>
<p class="kode-sekali" id="kode">{{CODE_TEXT}}</p>
{{#WAITS}}<p class="peringatan-alamat" id="menunggu-konfirmasi">{{USERNAME}} menandatangani surat: kode ini baru berlaku setelah dikonfirmasi orang kedua (Camat atau pengawas kabupaten). Kunci tanda tangannya lalu diganti; surat yang sudah ditandatangani tetap sah.</p>{{/WAITS}}
</section>{{/CODE}}
{{#WAITING}}<section class="kartu" id="reset-menunggu">
<h2>Reset kata sandi menunggu konfirmasi</h2>
<table class="daftar">
<thead><tr><th>Pengguna</th><th>Diminta oleh</th><th>Waktu</th><th>Tindakan</th></tr></thead>
<tbody>
{{#RESET}}<tr id="reset-{{ID}}"><td>{{USER_NAME}} ({{USERNAME}})</td><td>{{REQUESTED_BY}}</td><td class="waktu">{{AT}}</td>
<td>{{#CONFIRM}}<form method="post" action="/admin/reset/{{ID}}/konfirmasi" class="sebaris"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Konfirmasi reset {{USERNAME}}</button></form>{{/CONFIRM}}{{#NO_CONFIRM}}menunggu konfirmasi orang kedua{{/NO_CONFIRM}}</td></tr>
{{/RESET}}
</tbody>
</table>
</section>{{/WAITING}}
{{#ADMIN}}
<section class="kartu" id="pengguna">
<h2>Pengguna</h2>
<table class="daftar" id="tabel-pengguna">
<thead><tr><th>Nama pengguna</th><th>Nama</th><th>Peran</th><th>Status</th><th>Tindakan</th></tr></thead>
<tbody>
{{#USER}}<tr id="pengguna-{{USERNAME}}">
<td>{{USERNAME}}</td>
<td>{{NAME}}</td>
<td><ul class="peran">{{#ROLE}}<li>{{LABEL}}{{#REMOVABLE}} <form method="post" action="/admin/peran/{{ASSIGNMENT_ID}}/cabut" class="sebaris"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="tautan" aria-label="Cabut peran {{LABEL}} dari {{USERNAME}}">cabut</button></form>{{/REMOVABLE}}</li>{{/ROLE}}</ul></td>
<td>{{STATUS}}</td>
<td>{{#ACTIONS}}<form method="post" action="/admin/pengguna/{{ID}}/reset-sandi" class="sebaris"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Reset sandi</button></form>
{{#ACTIVE}}<form method="post" action="/admin/pengguna/{{ID}}/nonaktifkan" class="sebaris"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Nonaktifkan</button></form>{{/ACTIVE}}
{{#INACTIVE}}<form method="post" action="/admin/pengguna/{{ID}}/aktifkan" class="sebaris"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Aktifkan</button></form>{{/INACTIVE}}{{/ACTIONS}}{{#SELF}}akun Anda{{/SELF}}</td>
</tr>
{{/USER}}
</tbody>
</table>
</section>
<section class="kartu" id="tambah-pengguna">
<h2>Tambah pengguna</h2>
<form method="post" action="/admin/pengguna" class="formulir {{ADD_CLASS}}" id="form-tambah-pengguna" novalidate>
{{#ADD_ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/ADD_ERROR}}
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>ADD_FIELDS}}
<p><button type="submit">Tambah pengguna</button></p>
</form>
</section>
<section class="kartu" id="beri-peran">
<h2>Beri peran atau tugaskan Plt./Plh.</h2>
<p class="bantuan">Plt. mengisi jabatan yang kosong; Plh. menggantikan sementara pejabat yang berhalangan. Keduanya berlaku hanya pada periodenya dan menyebut nomor Surat Perintah Bupati.</p>
<form method="post" action="/admin/peran" class="formulir {{ROLE_CLASS}}" id="form-beri-peran" novalidate>
{{#ROLE_ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/ROLE_ERROR}}
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>ROLE_FIELDS}}
<p><button type="submit">Simpan peran</button></p>
</form>
</section>
<section class="kartu" id="pengaturan-kantor">
<h2>Pengaturan kantor</h2>
<form method="post" action="/admin/pengaturan" class="formulir {{SETTINGS_CLASS}}" id="form-pengaturan" novalidate>
{{#SETTINGS_ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/SETTINGS_ERROR}}
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>SETTINGS_FIELDS}}
<p><button type="submit">Simpan pengaturan</button></p>
</form>
<form method="post" action="/admin/logo" enctype="multipart/form-data" class="formulir" id="form-logo">
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="isian"><label for="logo">Logo kop surat (PNG, paling besar 2 MB)</label>
<input id="logo" name="logo" type="file" accept="image/png"></div>
<p><button type="submit">Pasang logo</button></p>
</form>
</section>
{{/ADMIN}}
