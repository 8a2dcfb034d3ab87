{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · {{SITE}}</title>
<link rel="stylesheet" href="/static/sopir.css">
<script src="/static/sopir.js" defer></script>
</head>
<body>
<a class="lewati" href="#isi">Langsung ke isi halaman</a>
<header class="kepala">
<a class="merek" href="/">{{SITE}}</a>
{{#SIGNED_IN}}
<nav class="navigasi">
{{#WORKLIST}}<a href="/kerja">Daftar kerja</a>{{/WORKLIST}}
{{#CAN_SUBMIT}}<a href="/permohonan/baru">Permohonan baru</a>{{/CAN_SUBMIT}}
{{#CAN_REPORT}}<a href="/dasbor">Dasbor kinerja</a> <a href="/laporan/ikm">IKM</a>{{/CAN_REPORT}}
{{#CAN_INITIAL}}<a href="/paraf">Paraf surat</a>{{/CAN_INITIAL}}
{{#CAN_SIGN}}<a href="/tandatangan">Tanda tangan surat</a>{{/CAN_SIGN}}
{{#READS_BOOKS}}<a href="/register">Buku register</a>
<a href="/gangguan">Gangguan</a>{{/READS_BOOKS}}
{{#CAN_ADMINISTER}}<a href="/admin">Administrasi</a>{{/CAN_ADMINISTER}}
{{#CAN_CONFIRM}}<a href="/admin/konfirmasi">Konfirmasi reset sandi</a>{{/CAN_CONFIRM}}
<a class="pengguna" href="/akun/sandi" title="Ganti kata sandi">{{USER_NAME}}</a>
<form method="post" action="/keluar" class="sebaris">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="tautan">Keluar</button>
</form>
</nav>
{{/SIGNED_IN}}
{{#PUBLIC}}
<nav class="navigasi">
<a href="/layanan">Standar pelayanan</a>
<a href="/status">Cek status permohonan</a>
<a href="/masuk">Masuk petugas</a>
</nav>
{{/PUBLIC}}
</header>
<main id="isi" tabindex="-1">
{{#PUBLIC_URL_NOTICE}}<p class="peringatan-alamat" role="status" id="peringatan-alamat-publik">{{NOTICE}}</p>{{/PUBLIC_URL_NOTICE}}
{{BODY:none}}
</main>
<footer class="kaki">{{SITE}}</footer>
</body>
</html>
