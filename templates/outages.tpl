{{%AUTOESCAPE context="HTML"}}
<h1>Log gangguan</h1>
{{#CHOOSE_OFFICE}}<p class="keterangan" id="pilih-kantor-dulu">Log gangguan dibaca per kantor: pilih kantornya.</p>
<ul id="pilih-kantor">{{#OFFICE}}<li><a href="/gangguan?kantor={{CODE}}">Kantor Camat {{NAME}} ({{CODE}})</a></li>{{/OFFICE}}</ul>{{/CHOOSE_OFFICE}}
{{#READING}}<p class="keterangan">Gangguan jaringan, peralatan atau listrik yang menghentikan pelayanan di Kantor Camat {{OFFICE}}. Catat saat gangguan mulai dan akhiri saat pulih: waktu berkas tertunda karena gangguan tidak dihitung sebagai waktu kerja. Berkas yang menunggu di tahap yang terdampak dapat ditunda sekaligus saat mencatat gangguan, dan dilanjutkan sekaligus saat mengakhirinya.</p>
{{#NOTICE}}<p class="galat" role="alert" id="galat-gangguan">{{MESSAGE}}</p>{{/NOTICE}}
<section class="kartu" id="daftar-gangguan">
<h2>Gangguan {{PERIOD}}</h2>
<form method="get" action="/gangguan" class="saring">
{{#KANTOR_FIELD}}<input type="hidden" name="kantor" value="{{KANTOR}}">{{/KANTOR_FIELD}}
<label for="dari">Dari</label> <input id="dari" name="dari" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{FROM}}">
<label for="sampai">sampai</label> <input id="sampai" name="sampai" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{TO}}">
<button type="submit">Tampilkan</button>
</form>
{{#PERIOD_ERROR}}<p class="galat" role="alert" id="galat-periode">{{MESSAGE}}</p>{{/PERIOD_ERROR}}
<p>Sedang berlangsung: <strong id="jumlah-berlangsung">{{OPEN_COUNT}}</strong>.</p>
{{#EMPTY}}<p class="kosong">Tidak ada gangguan tercatat pada periode ini.</p>{{/EMPTY}}
{{#HAS_ROWS}}
<table class="daftar" id="tabel-gangguan">
<thead><tr><th>Jenis</th><th>Mulai</th><th>Selesai</th><th>Lamanya</th><th>Catatan</th><th>Dicatat oleh</th><th>Berkas</th><th>Tindakan</th></tr></thead>
<tbody>
{{#ROW}}<tr id="gangguan-{{ID}}" class="{{ROW_CLASS}}">
<td>{{KIND}}</td>
<td class="waktu">{{STARTED}}</td>
<td class="waktu">{{ENDED}}</td>
<td class="lamanya">{{DURATION}}</td>
<td>{{NOTE}}</td>
<td>{{RECORDED_BY}}{{#ENDED_BY}}<br><small>diakhiri oleh {{NAME}}</small>{{/ENDED_BY}}</td>
<td class="berkas-ditunda">{{HELD}}</td>
<td>{{#OPEN}}<form method="post" action="/gangguan/{{ID}}/akhiri" class="sebaris akhiri">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#RESUME_TOO}}<label class="centang"><input type="checkbox" name="lanjutkan" value="1" checked> {{LABEL}}</label>{{/RESUME_TOO}}
<button type="submit">Akhiri gangguan</button>
</form>{{/OPEN}}{{#RESUME}}<form method="post" action="/gangguan/{{ID}}/lanjutkan" class="sebaris lanjutkan">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">{{LABEL}}</button>
</form>{{/RESUME}}</td>
</tr>
{{/ROW}}
</tbody>
</table>
{{/HAS_ROWS}}
</section>
{{#CAN_RECORD}}<section class="kartu" id="catat-gangguan">
<h2>Catat gangguan baru</h2>
<form method="post" action="/gangguan" class="formulir {{FORM_CLASS}}" id="form-gangguan" novalidate>
{{#FORM_ERROR}}<p class="galat" role="alert" id="galat-catat">{{MESSAGE}}</p>{{/FORM_ERROR}}
<input type="hidden" name="csrf" value="{{CSRF}}">
{{>FIELDS}}
<p><button type="submit">Catat gangguan</button></p>
</form>
</section>{{/CAN_RECORD}}
{{/READING}}
