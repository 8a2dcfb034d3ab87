{{%AUTOESCAPE context="HTML"}}
<h1>{{HEADING}}</h1>
<p>{{INTRO}}</p>
<ul class="daftar-layanan" id="daftar-layanan">
{{#SERVICE}}<li><a href="{{HREF}}">{{TITLE}}</a></li>
{{/SERVICE}}</ul>
