{{%AUTOESCAPE context="HTML"}}
<div class="{{CLASS}}">
{{#INPUT}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <abbr title="wajib diisi">*</abbr>{{/REQUIRED}}</label>
<input id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}"{{#INPUTMODE}} inputmode="{{MODE}}"{{/INPUTMODE}}{{#PLACEHOLDER}} placeholder="{{HINT}}"{{/PLACEHOLDER}}{{#REQUIRED_ATTR}} required{{/REQUIRED_ATTR}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>{{/INPUT}}
{{#TEXTAREA}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <abbr title="wajib diisi">*</abbr>{{/REQUIRED}}</label>
<textarea id="{{ID}}" name="{{NAME}}" rows="3"{{#REQUIRED_ATTR}} required{{/REQUIRED_ATTR}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>{{VALUE}}</textarea>{{/TEXTAREA}}
{{#SELECT}}<label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <abbr title="wajib diisi">*</abbr>{{/REQUIRED}}</label>
<select id="{{ID}}" name="{{NAME}}"{{#REQUIRED_ATTR}} required{{/REQUIRED_ATTR}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}>
<option value="">— pilih —</option>
{{#OPTION}}{{#ON}}<option value="{{VALUE}}" selected>{{OPTION_LABEL}}</option>{{/ON}}{{#OFF}}<option value="{{VALUE}}">{{OPTION_LABEL}}</option>{{/OFF}}{{/OPTION}}
</select>{{/SELECT}}
{{#CHECKS}}<fieldset class="pilihan" id="{{ID}}">
<legend>{{LABEL}}{{#REQUIRED}} <abbr title="wajib diisi">*</abbr>{{/REQUIRED}}</legend>
{{#MARKER}}<input type="hidden" name="{{NAME}}" value="">{{/MARKER}}
{{#CHOICE}}<label class="centang" for="{{CHOICE_ID}}"><input type="checkbox" id="{{CHOICE_ID}}" name="{{NAME}}" value="{{VALUE}}"{{#ON}} checked{{/ON}}{{#INVALID}} aria-invalid="true"{{/INVALID}}{{#DESCRIBED}} aria-describedby="{{DESCRIBED_BY}}"{{/DESCRIBED}}> {{OPTION_LABEL}}</label>
{{/CHOICE}}</fieldset>{{/CHECKS}}
{{#ERROR}}<p class="galat-isian" id="{{ID}}-galat"><strong>Perlu diperbaiki:</strong> {{MESSAGE}}</p>{{/ERROR}}
{{#HELP}}<p class="bantuan" id="{{ID}}-bantuan">{{HELP_TEXT}}</p>{{/HELP}}
</div>
