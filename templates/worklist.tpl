{{%AUTOESCAPE context="HTML"}}
<h1>Daftar kerja</h1>
<p class="keterangan">Permohonan yang menunggu pekerjaan Anda, yang paling lama menunggu di atas. Peran: {{ROLES}}.</p>
<form method="get" action="/kerja" class="saring">
<label for="layanan">Layanan</label>
<select id="layanan" name="layanan">
<option value="">Semua layanan</option>
{{#SERVICE_OPTION}}{{#ON}}<option value="{{VALUE}}" selected>{{LABEL}}</option>{{/ON}}{{#OFF}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OFF}}{{/SERVICE_OPTION}}
</select>
<label for="state">Tahap</label>
<select id="state" name="state">
<option value="">Semua tahap</option>
{{#STATE_OPTION}}{{#ON}}<option value="{{VALUE}}" selected>{{LABEL}}</option>{{/ON}}{{#OFF}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OFF}}{{/STATE_OPTION}}
</select>
<button type="submit">Saring</button>
</form>
{{#FINISHED}}<p class="berhasil" role="status">Tidak ada lagi berkas yang menunggu Anda.</p>{{/FINISHED}}
<nav class="tab" aria-label="Kelompok berkas"><ul>{{#TAB}}<li>{{#CURRENT}}<a href="{{HREF}}" aria-current="page"><strong>{{TAB_LABEL}} ({{TAB_COUNT}})</strong></a>{{/CURRENT}}{{#OTHER}}<a href="{{HREF}}">{{TAB_LABEL}} ({{TAB_COUNT}})</a>{{/OTHER}}</li>{{/TAB}}</ul></nav>
<p>{{#CAN_SUBMIT}}<a class="tombol" href="/permohonan/baru">Permohonan baru</a> {{/CAN_SUBMIT}}{{#NEXT}}<a class="tombol" href="/kerja/berikutnya" id="buka-berikutnya">Buka berkas berikutnya</a>{{/NEXT}}</p>
{{#EMPTY}}<p class="kosong">Tidak ada permohonan yang menunggu Anda.</p>{{/EMPTY}}
{{#HAS_ROWS}}
<div class="gulir"><table class="daftar" id="daftar-kerja">
<thead><tr><th>No. registrasi</th><th>Nama pemohon</th><th>NIK</th>{{#SERVICE_HEAD}}<th>Layanan</th>{{/SERVICE_HEAD}}<th>Tahap</th><th>Waktu tunggu / standar</th><th>Tindakan</th></tr></thead>
<tbody>
{{#ROW}}<tr class="{{ROW_CLASS}}" data-layanan="{{SERVICE_ID}}">
<td>{{REGISTRATION}}</td>
<td><a href="/permohonan/{{ID}}">{{NAME}}</a></td>
<td class="angka">{{NIK}}</td>
{{#SERVICE_CELL}}<td>{{SERVICE}}</td>{{/SERVICE_CELL}}
<td>{{STEP}}</td>
<td>{{WAITED}} / {{STANDARD}}{{#LATE}} <strong class="terlambat">TERLAMBAT</strong>{{/LATE}}{{#VERY_LATE}} <strong class="terlambat">SANGAT TERLAMBAT</strong>{{/VERY_LATE}}</td>
<td><a href="/permohonan/{{ID}}">Buka #{{ID}}</a></td>
</tr>
{{/ROW}}
</tbody>
</table></div>
{{/HAS_ROWS}}
{{#PRINTS_REGISTERS}}<section class="kartu" id="cetak-register">
<h2>Cetak buku register</h2>
{{#REGISTER}}<form method="get" action="/register/{{REGISTER_ID}}" class="saring" id="register-{{REGISTER_ID}}">
<strong>{{REGISTER_LABEL}}</strong>
<label for="dari-{{REGISTER_ID}}">dari</label> <input id="dari-{{REGISTER_ID}}" name="dari" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{FROM}}">
<label for="sampai-{{REGISTER_ID}}">sampai</label> <input id="sampai-{{REGISTER_ID}}" name="sampai" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{TO}}">
<button type="submit">Buka register periode ini</button>
</form>{{/REGISTER}}
</section>{{/PRINTS_REGISTERS}}
