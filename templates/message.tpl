{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p class="pesan">{{TEXT}}</p>
<p><a href="/">Kembali ke halaman awal</a></p>
