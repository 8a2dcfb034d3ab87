{{%AUTOESCAPE context="HTML"}}
<h1>Permohonan baru: {{SERVICE_TITLE}}</h1>
{{#SUMMARY}}<div class="ringkasan-galat" role="alert" id="ringkasan-galat" tabindex="-1">
<h2>{{COUNT}} isian perlu diperbaiki</h2>
<ul>{{#ITEM}}<li><a href="#{{ID}}">{{LABEL}}</a>: {{MESSAGE}}</li>{{/ITEM}}</ul>
</div>{{/SUMMARY}}
{{#FAILED}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/FAILED}}
<form method="post" action="/permohonan/baru" class="formulir dua-kolom" novalidate data-fokus-awal>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="service" value="{{SERVICE}}">
{{#GROUP}}<fieldset>
<legend>{{LEGEND}}</legend>
{{>FIELDS}}
{{#ADD_ROW}}<p><button type="submit" name="tambah_baris" value="{{GROUP_ID}}" class="tombol-kedua">Tambah baris</button></p>{{/ADD_ROW}}
</fieldset>
{{/GROUP}}
{{#CONFIRM_DUPLICATE}}<div class="isian" id="konfirmasi-ganda"><label><input type="checkbox" name="konfirmasi_ganda" value="ya"> Ya, ajukan permohonan kedua untuk NIK ini dengan sengaja (bukan salah input atau muat ulang halaman)</label></div>{{/CONFIRM_DUPLICATE}}
<p><button type="submit" data-utama>Simpan dan cetak tanda terima</button></p>
</form>
