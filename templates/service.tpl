{{%AUTOESCAPE context="HTML"}}
<h1>Standar Pelayanan: {{TITLE}}</h1>
<p class="keterangan">{{OFFICE}}. Disusun dari SOP <span id="nomor-sop">{{SOP_NUMBER}}</span>{{#EFFECTIVE}}, berlaku sejak <span id="tanggal-efektif">{{DATE}}</span>{{/EFFECTIVE}}{{#APPROVED}}, disahkan oleh <span id="disahkan-oleh">{{NAME}}</span>{{/APPROVED}}, menurut komponen standar pelayanan Permenpan RB Nomor 15 Tahun 2014.</p>
<section id="persyaratan">
<h2>1. Persyaratan</h2>
<ol>{{#DOCUMENT}}<li>{{LABEL}}</li>{{/DOCUMENT}}</ol>
{{#REQUIREMENTS}}<p>{{TEXT}}</p>{{/REQUIREMENTS}}
</section>
<section id="prosedur">
<h2>2. Sistem, mekanisme dan prosedur</h2>
<div class="gulir"><table class="daftar">
<thead><tr><th>No.</th><th>Kegiatan</th><th>Pelaksana</th><th>Waktu</th><th>Hasil</th></tr></thead>
<tbody>{{#STEP}}<tr><td>{{NUMBER}}</td><td><strong>{{STEP_TITLE}}</strong><br>{{DESCRIPTION}}</td><td>{{ROLES}}</td><td class="waktu">{{MINUTES}} menit</td><td>{{OUTPUT}}</td></tr>
{{/STEP}}</tbody>
<tfoot><tr><th colspan="3">Jumlah waktu</th><th id="jumlah-waktu" class="waktu">{{TOTAL}} menit</th><td></td></tr></tfoot>
</table></div>
<figure class="alur" id="bagan-alir">
<div class="gulir"><img src="{{FLOWCHART}}" alt="Bagan alir SOP {{TITLE}}: langkah, pelaksana dan waktu seperti tabel di atas."></div>
<figcaption>Bagan alir SOP. <a href="{{SOP_PDF}}" id="sop-cetak">Unduh SOP cetak (PDF)</a></figcaption>
</figure>
</section>
<section id="waktu">
<h2>3. Jangka waktu penyelesaian</h2>
<p>{{TOTAL}} menit sejak berkas lengkap diterima, di luar waktu gangguan jaringan atau alat.</p>
</section>
<section id="biaya">
<h2>4. Biaya/tarif</h2>
<p id="biaya-tarif">{{COST}}</p>
</section>
<section id="produk">
<h2>5. Produk pelayanan</h2>
<p>{{PRODUCT}}</p>
</section>
<section id="pengaduan">
<h2>6. Penanganan pengaduan, saran dan masukan</h2>
{{#CONTACT}}<p>{{OFFICE_NAME}}: {{ADDRESS}}{{#PHONE}}, telepon {{NUMBER}}{{/PHONE}}{{#EMAIL}}, surel {{ADDRESS}}{{/EMAIL}}.</p>{{/CONTACT}}
{{#NO_CONTACT}}<p>Sampaikan langsung di kantor kecamatan.</p>{{/NO_CONTACT}}
<p>{{COMPLAINTS}}</p>
</section>
<section id="dasar-hukum">
<h2>7. Dasar hukum</h2>
<ol>{{#LAW}}<li>{{TEXT}}</li>{{/LAW}}</ol>
</section>
<p><a class="tombol" href="/status">Cek status permohonan</a></p>
