{{%AUTOESCAPE context="HTML"}}
{{#DONE}}<div class="berhasil" role="status" id="pesan-berhasil"><p><strong>{{DONE_LABEL}}</strong> berhasil. Tahap sekarang: {{STATE_LABEL}}.</p>
<p><a class="tombol" href="/kerja/berikutnya?setelah={{CASE_ID}}" id="berkas-berikutnya">Berkas berikutnya</a> <a href="/kerja">Kembali ke daftar kerja</a></p></div>{{/DONE}}
<h1>Permohonan #{{CASE_ID}}: {{NAME}}</h1>
<dl class="ringkas">
<dt>Layanan</dt><dd>{{SERVICE_TITLE}}</dd>
<dt>Tahap sekarang</dt><dd id="tahap-sekarang"><strong>{{STATE_LABEL}}</strong></dd>
<dt>Nomor registrasi</dt><dd id="nomor-registrasi">{{REGISTRATION}}</dd>
<dt>Nomor surat</dt><dd id="nomor-surat">{{LETTER_NUMBER}}</dd>
<dt>Cetakan</dt><dd><a href="/api/v1/cases/{{CASE_ID}}/receipt.pdf" id="tanda-terima-pdf">Tanda terima (PDF)</a> · <a href="/permohonan/{{CASE_ID}}/survei" id="survei-tablet">Survei kepuasan (tablet loket)</a></dd>
<dt>Waktu kerja / standar</dt><dd>{{WORKING}} / {{STANDARD}}{{#LATE}} <strong class="terlambat">TERLAMBAT</strong>{{/LATE}}</dd>
</dl>
{{#RETURNED}}<div class="kotak-info">
<p>Berkas dikembalikan kepada pemohon. <a href="/permohonan/{{CASE_ID}}/slip">Cetak surat pengembalian</a> · <a href="/api/v1/cases/{{CASE_ID}}/return-slip.pdf" id="slip-pdf">Slip pengembalian (PDF)</a></p>
{{#WHATSAPP}}<p><a href="{{WA_HREF}}" target="_blank" rel="noopener" id="kabari-wa">Kabari pemohon lewat WhatsApp</a> (pesan sudah terisi; periksa sebelum mengirim)</p>{{/WHATSAPP}}
</div>{{/RETURNED}}
{{#LETTER}}<div class="kotak-info" id="surat">
<p>Surat telah ditandatangani, diberi nomor dan disegel. <a href="/api/v1/cases/{{CASE_ID}}/letter.pdf" id="unduh-surat">Cetak surat (PDF)</a> · <a href="/api/v1/cases/{{CASE_ID}}/letter.pdf?copy=archive">Salinan ARSIP</a></p>
{{#WHATSAPP}}<p><a href="{{WA_HREF}}" target="_blank" rel="noopener" id="kabari-wa">Kabari pemohon lewat WhatsApp bahwa surat siap diambil</a> (pesan sudah terisi; periksa sebelum mengirim)</p>{{/WHATSAPP}}
</div>{{/LETTER}}
{{#MARKS}}<div class="kotak-info" id="tanda-legalisasi">
<p>Legalisasi telah ditandatangani, diberi nomor dan disegel. Cetak tandanya pada setiap fotokopi (masukkan fotokopi ke pencetak) atau pada label.</p>
<form method="get" action="/api/v1/cases/{{CASE_ID}}/marks.pdf" class="formulir sempit" id="cetak-tanda">
<div class="isian"><label for="tata-letak">Cetak pada</label>
<select id="tata-letak" name="layout"><option value="corner">Pojok fotokopi (satu tanda per lembar)</option><option value="labels">Lembar label</option></select></div>
<div class="isian"><label for="pojok">Pojok</label>
<select id="pojok" name="corner"><option value="bottom-right">Kanan bawah</option><option value="bottom-left">Kiri bawah</option><option value="top-right">Kanan atas</option><option value="top-left">Kiri atas</option></select></div>
<div class="isian"><label for="kertas">Kertas</label>
<select id="kertas" name="paper"><option value="">Kertas kantor</option><option value="A4">A4</option><option value="F4">F4</option></select></div>
<p><button type="submit">Cetak tanda legalisasi (PDF)</button> · <a href="/api/v1/cases/{{CASE_ID}}/letter.pdf?copy=archive">Salinan ARSIP</a></p>
</form>
</div>{{/MARKS}}
{{#NOTICE}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/NOTICE}}
<div class="konsep-dan-tindakan{{#DRAFT}} ada-konsep{{/DRAFT}}">
{{#DRAFT}}<figure class="konsep" id="konsep-surat">
<img src="/permohonan/{{CASE_ID}}/konsep.png" alt="Konsep {{SUBJECT}} untuk {{NAME}}, bertanda KONSEP, sebagaimana akan dicetak" width="893" height="1263">
<figcaption>Konsep surat sebagaimana akan dicetak: belum bernomor dan belum ditandatangani. <a href="/permohonan/{{CASE_ID}}/konsep.pdf" id="konsep-pdf">Buka konsep (PDF)</a></figcaption>
</figure>{{/DRAFT}}
{{#HAS_ACTIONS}}<section class="tindakan" id="tindakan">
<h2>Tindakan</h2>
{{#ACTION}}<form method="post" action="/permohonan/{{CASE_ID}}/aksi" class="{{FORM_CLASS}}" id="aksi-{{ACTION_ID}}">
<h3>{{ACTION_LABEL}}</h3>
{{#ACTION_ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/ACTION_ERROR}}
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="version" value="{{VERSION}}">
<input type="hidden" name="action" value="{{ACTION_ID}}">
{{>ACTION_FIELDS}}
<p><button type="submit" name="kirim" value="{{ACTION_ID}}">{{ACTION_LABEL}}</button></p>
</form>
{{/ACTION}}
</section>{{/HAS_ACTIONS}}
</div>
<section>
{{#GROUP}}<h2>{{LABEL}}</h2>
{{#FIELDS}}<dl class="data">
{{#FIELD}}<dt>{{LABEL}}</dt><dd>{{VALUE}}</dd>
{{/FIELD}}</dl>{{/FIELDS}}
{{#ROWS}}<div class="gulir"><table class="daftar">
<thead><tr><th>No</th>{{#COLUMN}}<th>{{LABEL}}</th>{{/COLUMN}}</tr></thead>
<tbody>{{#ROW}}<tr><td>{{NUMBER}}</td>{{#CELL}}<td>{{VALUE}}</td>{{/CELL}}</tr>{{/ROW}}</tbody>
</table></div>{{/ROWS}}
{{/GROUP}}
<h2>Dokumen</h2>
<div class="gulir"><table class="daftar">
<thead><tr><th>Dokumen</th><th>Nomor</th><th>Tanggal</th></tr></thead>
<tbody>{{#DOCUMENT}}<tr><td>{{LABEL}}</td><td>{{NUMBER}}</td><td>{{DATE}}</td></tr>{{/DOCUMENT}}</tbody>
</table></div>
</section>
<section>
<h2>Waktu per tahap</h2>
<div class="gulir"><table class="daftar" id="waktu">
<thead><tr><th>Tahap</th><th>Pelaksana</th><th>Waktu</th><th>Standar</th><th>Keadaan</th></tr></thead>
<tbody>{{#STEP}}<tr class="{{ROW_CLASS}}"><td>{{TITLE}}</td><td>{{ROLE}}</td><td>{{SPENT}}</td><td>{{STANDARD}}</td><td>{{STATUS}}</td></tr>
{{/STEP}}</tbody>
</table></div>
{{#HAS_SPECIAL}}<ul>{{#SPECIAL}}<li>{{LABEL}}: {{SPENT}}</li>{{/SPECIAL}}</ul>{{/HAS_SPECIAL}}
</section>
<section>
<h2>Riwayat</h2>
<div class="gulir"><table class="daftar" id="riwayat">
<thead><tr><th>Waktu</th><th>Tahap</th><th>Tindakan</th><th>Oleh</th><th>Keterangan</th></tr></thead>
<tbody>{{#HISTORY}}<tr>
<td>{{AT}}</td><td>{{STEP}}</td><td>{{ACTION}}</td><td>{{ACTOR}}</td>
<td>{{#NOTE}}<p>Catatan: {{TEXT}}</p>{{/NOTE}}{{#REASONS}}<p>Alasan:</p><ul>{{#REASON}}<li>{{TEXT}}</li>{{/REASON}}</ul>{{/REASONS}}{{#DATA}}<p>{{LABEL}}: {{TEXT}}</p>{{/DATA}}</td>
</tr>
{{/HISTORY}}</tbody>
</table></div>
</section>
