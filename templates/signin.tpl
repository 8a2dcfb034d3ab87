{{%AUTOESCAPE context="HTML"}}
<section class="kartu sempit">
<h1>Masuk petugas</h1>
{{#ERROR}}<p class="galat" role="alert">{{MESSAGE}}</p>{{/ERROR}}
<form method="post" action="/masuk">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label for="username">Nama pengguna</label>
<input id="username" name="username" value="{{USERNAME}}" autocomplete="username" required autofocus></p>
<p><label for="password">Kata sandi</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Masuk</button></p>
</form>
</section>
