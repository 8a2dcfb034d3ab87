{{%AUTOESCAPE context="HTML"}}
<h1>Dasbor kinerja: {{SERVICE}}</h1>
<p class="keterangan">{{SCOPE_LABEL}}, {{PERIOD}}. Waktu kerja tidak termasuk waktu berkas di tangan pemohon (dikembalikan) dan waktu tertunda karena gangguan.</p>
<form method="get" action="/dasbor" class="saring">
{{#OFFICE_PICKER}}<label for="kantor">Kantor</label> <select id="kantor" name="kantor">{{#OFFICE_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/OFFICE_OPTION}}</select>
{{/OFFICE_PICKER}}<label for="layanan">Layanan</label> <select id="layanan" name="layanan"><option value="">Semua layanan</option>{{#SERVICE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SERVICE_OPTION}}</select>
<label for="dari">Dari</label> <input id="dari" name="dari" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{FROM_SHOWN}}">
<label for="sampai">sampai</label> <input id="sampai" name="sampai" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{TO_SHOWN}}">
<button type="submit">Tampilkan</button>
</form>
<p class="unduh" id="unduh-laporan">Unduh laporan periode ini: <a href="/api/v1/reports/recap.pdf?office={{EXPORT_OFFICE}}&amp;from={{FROM}}&amp;to={{TO}}{{EXPORT_SERVICE}}">rekap PDF</a> · <a href="/api/v1/reports/summary?format=xlsx&amp;office={{EXPORT_OFFICE}}&amp;from={{FROM}}&amp;to={{TO}}{{EXPORT_SERVICE}}">XLSX</a> · <a href="/api/v1/reports/summary?format=csv&amp;office={{EXPORT_OFFICE}}&amp;from={{FROM}}&amp;to={{TO}}{{EXPORT_SERVICE}}">CSV</a></p>
<section class="ringkasan" id="ringkasan">
<dl class="angka-besar">
<div><dt>Diterima</dt><dd id="jumlah-diterima">{{RECEIVED}}</dd></div>
<div><dt>Selesai</dt><dd id="jumlah-selesai">{{FINISHED}}</dd></div>
<div><dt>Dikembalikan</dt><dd id="jumlah-dikembalikan">{{RETURNED}}</dd></div>
<div><dt>Tertunda gangguan</dt><dd id="jumlah-tertunda">{{HELD}}</dd></div>
<div><dt>Masih berjalan</dt><dd id="jumlah-berjalan">{{IN_PROGRESS}}</dd></div>
<div><dt>Terlambat sekarang</dt><dd id="jumlah-terlambat">{{LATE_NOW}} <small>({{VERY_LATE_NOW}} sangat terlambat)</small></dd></div>
</dl>
</section>
<section class="kartu" id="ikm-periode">
<h2>Indeks Kepuasan Masyarakat periode ini</h2>
<p><span id="ikm-dasbor">{{IKM_SENTENCE}}</span> <a href="{{IKM_HREF}}">Laporan IKM</a></p>
</section>
{{#PER_OFFICE}}<section class="kartu" id="per-kantor">
<h2>Per kantor</h2>
<div class="gulir"><table class="daftar" id="tabel-kantor">
<thead><tr><th>Kecamatan</th><th>Diterima</th><th>Selesai</th><th>Dikembalikan</th><th>Masih berjalan</th><th>Terlambat sekarang</th><th>Median waktu kerja</th><th>Tepat waktu</th></tr></thead>
<tbody>{{/PER_OFFICE}}{{#OFFICE_ROW}}<tr id="kantor-{{CODE}}"><td><a href="/dasbor?kantor={{CODE}}">{{NAME}}</a></td><td>{{RECEIVED}}</td><td>{{FINISHED}}</td><td>{{RETURNED}}</td><td>{{IN_PROGRESS}}</td><td>{{LATE_NOW}}</td><td>{{MEDIAN}}</td><td>{{ON_TIME}}</td></tr>{{/OFFICE_ROW}}{{#PER_OFFICE}}</tbody>
</table></div>
</section>{{/PER_OFFICE}}
<section class="kartu" id="waktu-total">
<h2>Waktu total, pengajuan sampai penyerahan</h2>
<p>{{TOTAL_CASES}} permohonan selesai. Median waktu kerja <strong id="median-total">{{TOTAL_MEDIAN}}</strong>, persentil ke-90 {{TOTAL_P90}}, terhadap standar {{TOTAL_STANDARD}} menit: <strong id="tepat-waktu-total">{{TOTAL_ON_TIME}}</strong> tepat waktu. Median waktu tempuh (termasuk dikembalikan dan tertunda) {{TOTAL_ELAPSED}}.</p>
<p>Gangguan tercatat: {{OUTAGES}}, lamanya {{OUTAGE_TIME}}; waktu berkas tertunda {{HELD_TIME}}.</p>
</section>
<section class="kartu">
<h2>Waktu per langkah terhadap standar</h2>
<svg class="grafik" id="grafik-langkah" role="img" aria-labelledby="grafik-judul" width="{{CHART_WIDTH}}" height="{{CHART_HEIGHT}}" viewBox="0 0 {{CHART_WIDTH}} {{CHART_HEIGHT}}">
<title id="grafik-judul">Median dan persentil ke-90 waktu tiap langkah, dengan garis standar</title>
<defs><pattern id="arsir" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="6" fill="#555"></rect></pattern></defs>
{{#BAR}}<g>
<text x="0" y="{{TEXT_Y}}" font-size="13">{{TITLE}}</text>
<rect x="{{X}}" y="{{BAR_Y}}" width="{{P90_WIDTH}}" height="20" fill="url(#arsir)" stroke="#555"></rect>
<rect x="{{X}}" y="{{MEDIAN_Y}}" width="{{MEDIAN_WIDTH}}" height="12" fill="#1f4e79"></rect>
<line x1="{{STANDARD_X}}" y1="{{Y}}" x2="{{STANDARD_X}}" y2="{{STANDARD_BOTTOM}}" stroke="#b00" stroke-width="2" stroke-dasharray="4 2"></line>
<text x="{{VALUE_X}}" y="{{TEXT_Y}}" font-size="12">{{VALUE}}</text>
</g>{{/BAR}}
</svg>
<p class="keterangan">Batang penuh: median. Batang berarsir: persentil ke-90. Garis putus-putus: waktu standar.</p>
<div class="gulir"><table class="daftar" id="tabel-langkah">
<thead><tr><th>Langkah</th><th>Standar</th><th>Kunjungan</th><th>Median</th><th>Persentil 90</th><th>Tepat waktu</th><th>Menunggu sekarang</th><th>Terlambat sekarang</th></tr></thead>
<tbody>{{#STEP}}<tr class="{{ROW_CLASS}}" id="langkah-{{ID}}"><td>{{TITLE}}</td><td>{{STANDARD}} mnt</td><td>{{VISITS}}</td><td>{{MEDIAN}}</td><td>{{P90}}</td><td>{{ON_TIME}}</td><td>{{WAITING}}</td><td>{{LATE_NOW}}</td></tr>{{/STEP}}</tbody>
</table></div>
</section>
<section class="kartu" id="alasan-pengembalian">
<h2>Berkas dikembalikan, menurut alasan</h2>
{{#NO_REASONS}}<p class="kosong">Tidak ada berkas yang dikembalikan pada periode ini.</p>{{/NO_REASONS}}
<ul>{{#REASON}}<li>{{LABEL}}: <strong>{{COUNT}}</strong></li>{{/REASON}}</ul>
</section>
<section class="kartu">
<h2>Per petugas</h2>
<div class="gulir"><table class="daftar" id="tabel-petugas">
<thead><tr><th>Petugas</th><th>Tindakan</th><th>Langkah diselesaikan</th><th>Median waktu langkah</th></tr></thead>
<tbody>{{#OFFICER}}<tr><td>{{NAME}}</td><td>{{ACTIONS}}</td><td>{{VISITS}}</td><td>{{MEDIAN}}</td></tr>{{/OFFICER}}</tbody>
</table></div>
</section>
