{{%AUTOESCAPE context="HTML"}}
<div class="{{CLASS}}">
{{#INPUT}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <abbr title="wajib diisi">*</abbr>{{/REQUIRED}}</label>
<input id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}">{{/INPUT}}
{{#TEXTAREA}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <abbr title="wajib diisi">*</abbr>{{/REQUIRED}}</label>
<textarea id="{{ID}}" name="{{NAME}}" rows="3">{{VALUE}}</textarea>{{/TEXTAREA}}
{{#SELECT}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <abbr title="wajib diisi">*</abbr>{{/REQUIRED}}</label>
<select id="{{ID}}" name="{{NAME}}">
<option value="">— pilih —</option>
{{#OPTION}}{{#ON}}<option value="{{VALUE}}" selected>{{OPTION_LABEL}}</option>{{/ON}}{{#OFF}}<option value="{{VALUE}}">{{OPTION_LABEL}}</option>{{/OFF}}{{/OPTION}}
</select>{{/SELECT}}
{{#CHECKS}}<fieldset class="pilihan" id="{{ID}}">
<legend>{{LABEL}}{{#REQUIRED}} <abbr title="wajib diisi">*</abbr>{{/REQUIRED}}</legend>
{{#MARKER}}<input type="hidden" name="{{NAME}}" value="">{{/MARKER}}
{{#CHOICE}}<label class="centang" for="{{CHOICE_ID}}">{{#ON}}<input type="checkbox" id="{{CHOICE_ID}}" name="{{NAME}}" value="{{VALUE}}" checked>{{/ON}}{{#OFF}}<input type="checkbox" id="{{CHOICE_ID}}" name="{{NAME}}" value="{{VALUE}}">{{/OFF}} {{OPTION_LABEL}}</label>
{{/CHOICE}}</fieldset>{{/CHECKS}}
{{#ERROR}}<p class="galat-isian" id="{{ID}}-galat"><strong>Perlu diperbaiki:</strong> {{MESSAGE}}</p>{{/ERROR}}
{{#HELP}}<p class="bantuan">{{HELP_TEXT}}</p>{{/HELP}}
</div>
