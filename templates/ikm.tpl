{{%AUTOESCAPE context="HTML"}}
<h1>Indeks Kepuasan Masyarakat: {{SERVICE}}</h1>
<p class="keterangan">{{SCOPE_LABEL}}, {{PERIOD}}. Survei Kepuasan Masyarakat menurut Permenpan RB 14/2017: NRR tiap unsur = jumlah nilai ÷ jumlah responden yang menjawab; IKM = 25 × jumlah NRR ÷ 9, dibulatkan dua desimal sebelum ditentukan mutunya. Jawaban tanpa nama: laporan ini tidak menunjukkan permohonan mana yang memberi jawaban mana.</p>
<form method="get" action="/laporan/ikm" class="saring">
{{#OFFICE_PICKER}}<label for="kantor">Kantor</label> <select id="kantor" name="kantor">{{#OFFICE_OPTION}}<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/OFFICE_OPTION}}</select>
{{/OFFICE_PICKER}}<label for="layanan">Layanan</label> <select id="layanan" name="layanan"><option value="">Semua layanan</option>{{#SERVICE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SERVICE_OPTION}}</select>
<label for="dari">Dari</label> <input id="dari" name="dari" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{FROM_SHOWN}}">
<label for="sampai">sampai</label> <input id="sampai" name="sampai" type="text" class="tanggal" placeholder="HH-BB-TTTT" value="{{TO_SHOWN}}">
<button type="submit">Tampilkan</button>
</form>
<p class="unduh" id="unduh-ikm">Unduh laporan IKM periode ini: <a href="{{PDF_HREF}}">PDF</a> · <a href="{{XLSX_HREF}}">XLSX</a></p>
<section class="ringkasan" id="ikm-ringkasan">
<dl class="angka-besar">
<div><dt>Nilai IKM</dt><dd id="nilai-ikm">{{IKM}}</dd></div>
<div><dt>Mutu pelayanan</dt><dd id="mutu-ikm">{{GRADE}}</dd></div>
<div><dt>Responden</dt><dd id="jumlah-responden">{{RESPONDENTS}}</dd></div>
<div><dt>Pemohon pada periode</dt><dd id="jumlah-pemohon">{{APPLICANTS}} <small>(sampel minimal {{SAMPLE}})</small></dd></div>
</dl>
</section>
{{#NOTE}}<p class="kotak-info catatan-ikm">{{TEXT}}</p>{{/NOTE}}
<section class="kartu">
<h2>Nilai rata-rata per unsur (NRR)</h2>
<div class="gulir"><table class="daftar" id="tabel-nrr">
<thead><tr><th scope="col">Unsur</th><th scope="col">Uraian</th><th scope="col">Menjawab</th><th scope="col">NRR</th></tr></thead>
<tbody>{{#ELEMENT}}<tr id="nrr-{{KEY}}"><td>{{CODE}}</td><td>{{TITLE}}</td><td>{{ANSWERED}}</td><td>{{NRR}}</td></tr>{{/ELEMENT}}</tbody>
</table></div>
<p class="keterangan">Mutu: A (Sangat Baik) 88,31–100; B (Baik) 76,61–88,30; C (Kurang Baik) 65,00–76,60; D (Tidak Baik) 25,00–64,99.</p>
</section>
{{#PER_OFFICE}}<section class="kartu" id="ikm-per-kantor">
<h2>Per kantor</h2>
<div class="gulir"><table class="daftar">
<thead><tr><th scope="col">Kecamatan</th><th scope="col">Responden</th><th scope="col">IKM</th><th scope="col">Mutu</th></tr></thead>
<tbody>{{#OFFICE_ROW}}<tr id="ikm-kantor-{{CODE}}"><td><a href="/laporan/ikm?kantor={{CODE}}">{{NAME}}</a></td><td>{{RESPONDENTS}}</td><td>{{IKM}}</td><td>{{GRADE}}</td></tr>{{/OFFICE_ROW}}</tbody>
</table></div>
</section>{{/PER_OFFICE}}
<section class="kartu" id="saran-responden">
<h2>Saran dan komentar responden</h2>
{{#NO_COMMENTS}}<p class="kosong">Tidak ada saran pada periode ini.</p>{{/NO_COMMENTS}}
<ul>{{#COMMENT}}<li>{{TEXT}}</li>{{/COMMENT}}</ul>
</section>
