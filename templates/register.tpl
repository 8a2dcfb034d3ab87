{{%AUTOESCAPE context="HTML"}}
<h1>{{TITLE}}</h1>
{{#OFFICE_PICKER}}<form method="get" action="/register/{{REGISTER_ID}}" class="saring" id="pilih-kantor">
<label for="kantor">Kantor</label>
<select id="kantor" name="kantor">
<option value="">— pilih kantor —</option>
{{#CHOICE}}{{#ON}}<option value="{{CODE}}" selected>{{NAME}} ({{CODE}})</option>{{/ON}}{{#OFF}}<option value="{{CODE}}">{{NAME}} ({{CODE}})</option>{{/OFF}}{{/CHOICE}}
</select>
<button type="submit">Buka</button>
</form>{{/OFFICE_PICKER}}
{{#CHOOSE_OFFICE}}<p class="keterangan" id="pilih-kantor-dulu">Buku register dibaca per kantor: pilih kantornya.</p>{{/CHOOSE_OFFICE}}
{{#READING}}<p class="keterangan">Kantor Camat {{OFFICE}}. Cari menurut nomor, awal nama atau NIK (16 digit); tanpa tanggal, yang ditampilkan tahun ini.</p>
<nav class="saring" aria-label="Buku register">{{#BOOK}}{{#ON}}<strong>{{LABEL}}</strong>{{/ON}}{{#OFF}}<a href="/register/{{ID}}{{KANTOR_SUFFIX}}">{{LABEL}}</a>{{/OFF}} {{/BOOK}}</nav>
<form method="get" action="/register/{{REGISTER_ID}}" class="saring" id="cari-register">
{{#KANTOR_FIELD}}<input type="hidden" name="kantor" value="{{KANTOR}}">{{/KANTOR_FIELD}}
<label for="q">Cari</label> <input id="q" name="q" type="search" value="{{Q}}" placeholder="nomor, nama, atau NIK">
<label for="tahun">Tahun</label> <input id="tahun" name="tahun" type="number" min="1900" max="9999" value="{{TAHUN}}" placeholder="{{THIS_YEAR}}">
<label for="dari">dari</label> <input id="dari" name="dari" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{DARI}}">
<label for="sampai">sampai</label> <input id="sampai" name="sampai" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{SAMPAI}}">
<label for="desa">Desa/Kelurahan</label>
<select id="desa" name="desa">
<option value="">Semua desa</option>
{{#VILLAGE}}{{#ON}}<option value="{{CODE}}" selected>{{NAME}}</option>{{/ON}}{{#OFF}}<option value="{{CODE}}">{{NAME}}</option>{{/OFF}}{{/VILLAGE}}
</select>
<button type="submit">Cari</button>
</form>
{{#SEARCH_ERROR}}<p class="galat" role="alert" id="galat-cari">{{MESSAGE}}</p>{{/SEARCH_ERROR}}
{{#DOWNLOADS}}<p class="unduh tindakan">Unduh hasil ini:
<a class="tombol" id="unduh-csv" href="{{CSV_HREF}}">CSV</a>
<a class="tombol" id="unduh-xlsx" href="{{XLSX_HREF}}">XLSX</a>
<a class="tombol" id="unduh-pdf" href="{{PDF_HREF}}">PDF (cetak {{PDF_PERIOD}})</a>
</p>
<p class="bantuan">CSV dan XLSX memuat semua baris hasil pencarian ini; PDF adalah buku cetak untuk seluruh periode itu.</p>
<p><strong id="jumlah-baris">{{TOTAL}}</strong> baris ditemukan, {{SCOPE}}.</p>{{/DOWNLOADS}}
{{#EMPTY}}<p class="kosong">Tidak ada baris yang cocok.</p>{{/EMPTY}}
{{#HAS_ROWS}}
<div class="gulir" role="region" aria-label="Tabel register" tabindex="0"><table class="daftar" id="tabel-register">
<thead><tr><th>No.</th><th>{{NUMBER_HEADING}}</th><th>Tanggal</th><th>Nama</th><th>NIK</th><th>Desa/Kelurahan</th></tr></thead>
<tbody>
{{#ROW}}<tr>
<td>{{ORDINAL}}</td>
<td class="angka">{{NUMBER}}</td>
<td class="waktu">{{DATE}}</td>
<td>{{#CASE_LINK}}<a href="/permohonan/{{CASE_ID}}">{{NAME}}</a>{{/CASE_LINK}}{{#NAME_ONLY}}{{NAME}}{{/NAME_ONLY}}</td>
<td class="angka">{{NIK}}</td>
<td>{{VILLAGE}}</td>
</tr>
{{/ROW}}
</tbody>
</table></div>
{{/HAS_ROWS}}
{{#PAGING}}<nav class="halaman" aria-label="Halaman" id="halaman">
<span>{{SUMMARY}}:</span>
{{#PREVIOUS}}<a href="{{HREF}}" rel="prev">« Sebelumnya</a>{{/PREVIOUS}}
{{#LINK}}{{#GAP}}<span>…</span>{{/GAP}}{{#HERE}}<strong aria-current="page">{{NUMBER}}</strong>{{/HERE}}{{#OTHER}}<a href="{{HREF}}">{{NUMBER}}</a>{{/OTHER}}{{/LINK}}
{{#NEXT}}<a href="{{HREF}}" rel="next">Berikutnya »</a>{{/NEXT}}
</nav>{{/PAGING}}
{{/READING}}
