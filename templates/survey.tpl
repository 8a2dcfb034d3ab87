{{%AUTOESCAPE context="HTML"}}
<h1>Survei kepuasan masyarakat</h1>
<p class="sublayanan">{{SERVICE}} · {{OFFICE}}</p>
{{#CLOSED}}<p class="kotak-info" role="status" id="survei-tertutup">{{MESSAGE}}</p>{{/CLOSED}}
{{#THANKS}}<p class="berhasil" role="status" id="survei-terima-kasih">Terima kasih. Penilaian Saudara tersimpan tanpa nama.</p>
{{#BACK}}<p class="layar-saja"><a href="{{HREF}}">Kembali ke halaman permohonan</a></p>{{/BACK}}{{/THANKS}}
{{#FORM}}<p class="keterangan">Penilaian ini tanpa nama: petugas tidak dapat melihat jawaban Saudara. Pilih satu jawaban untuk setiap pertanyaan; pertanyaan yang tidak ingin Saudara jawab boleh dilewati.</p>
{{#ERROR}}<div class="ringkasan-galat" role="alert" id="galat-survei"><h2>Periksa isian</h2><p>{{MESSAGE}}</p></div>{{/ERROR}}
<form method="post" action="{{ACTION}}" class="formulir survei" novalidate>
{{#CSRF_FIELD}}<input type="hidden" name="csrf" value="{{CSRF}}">{{/CSRF_FIELD}}
{{#ELEMENT}}<fieldset id="unsur-{{KEY}}"{{#INVALID}} class="salah" aria-describedby="{{KEY}}-galat"{{/INVALID}}>
<legend>{{CODE}}. {{QUESTION}}</legend>
{{#ANSWER}}<label class="centang" for="{{ID}}"><input type="radio" id="{{ID}}" name="{{NAME}}" value="{{VALUE}}"{{#ON}} checked{{/ON}}> {{LABEL}}</label>
{{/ANSWER}}{{#FIELD_ERROR}}<p class="galat-isian" id="{{KEY}}-galat"><strong>Perlu diperbaiki:</strong> {{MESSAGE}}</p>{{/FIELD_ERROR}}</fieldset>
{{/ELEMENT}}<fieldset>
<legend>Tentang Saudara (boleh dilewati)</legend>
{{#PROFILE}}<div class="isian"><label for="{{NAME}}">{{LABEL}}</label>
<select id="{{NAME}}" name="{{NAME}}"><option value="">— tidak disebutkan —</option>{{#OPTION}}<option value="{{VALUE}}"{{#ON}} selected{{/ON}}>{{OPTION_LABEL}}</option>{{/OPTION}}</select>
{{#FIELD_ERROR}}<p class="galat-isian"><strong>Perlu diperbaiki:</strong> {{MESSAGE}}</p>{{/FIELD_ERROR}}</div>
{{/PROFILE}}</fieldset>
<div class="isian"><label for="saran">Saran atau komentar (boleh dilewati)</label>
<textarea id="saran" name="saran" rows="3" maxlength="{{COMMENT_MAX}}" aria-describedby="saran-bantuan">{{COMMENT}}</textarea>
<p class="bantuan" id="saran-bantuan">Paling banyak {{COMMENT_MAX}} karakter. Jangan tuliskan nama, NIK atau nomor telepon.</p>
{{#COMMENT_ERROR}}<p class="galat-isian"><strong>Perlu diperbaiki:</strong> {{MESSAGE}}</p>{{/COMMENT_ERROR}}</div>
<p><button type="submit" id="kirim-survei">Kirim penilaian</button></p>
</form>{{/FORM}}
