// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Buttons marked data-cetak print the page (CSP forbids inline handlers).
  function bindPrint() {
    var buttons = document.querySelectorAll('[data-cetak]');
    for (var i = 0; i < buttons.length; i++)
      buttons[i].addEventListener('click', function () { window.print(); });
  }

  // After a failed submit, focus goes to the list of what to fix; on a fresh
  // form marked data-fokus-awal, to its first field.
  function placeFocus() {
    var summary = document.querySelector('.ringkasan-galat, main .galat[role=alert]');
    if (summary) {
      if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
      summary.focus();
      return;
    }
    var form = document.querySelector('form[data-fokus-awal]');
    if (!form) return;
    var first = form.querySelector('input:not([type=hidden]):not([disabled]), select, textarea');
    if (first) first.focus();
  }

  // Enter in a field sends the form with its main button (data-utama), not
  // with the first button of the form ("Tambah baris").
  function bindEnter() {
    var forms = document.querySelectorAll('form');
    for (var i = 0; i < forms.length; i++) {
      var main = forms[i].querySelector('button[data-utama]');
      if (!main) continue;
      forms[i].addEventListener('keydown', (function (form, button) {
        return function (event) {
          var target = event.target;
          if (event.key !== 'Enter' || event.isComposing || !target || target.tagName !== 'INPUT' ||
              target.type === 'checkbox' || target.type === 'radio') return;
          event.preventDefault();
          if (form.requestSubmit) form.requestSubmit(button); else button.click();
        };
      }(forms[i], main)));
    }
  }

  function isoToDayFirst(value) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
    return parts ? parts[3] + '-' + parts[2] + '-' + parts[1] : value;
  }

  // The intake form: check the NIK as it is typed; fill what the NIK gives
  // (birth date, sex) and what an earlier case of the person recorded into
  // the fields still empty; the clerk may change any of them, and a
  // mismatch with the NIK is still shown.
  function bindNikCheck() {
    var nik = document.getElementById('f-applicant-nik');
    if (!nik || !window.fetch) return;
    var form = nik.form;
    var service = form && form.elements.service ? form.elements.service.value : '';
    var birth = document.getElementById('f-applicant-birth_date');
    var sex = document.getElementById('f-applicant-sex');
    var out = document.createElement('p');
    out.id = 'periksa-nik';
    out.className = 'periksa';
    out.setAttribute('aria-live', 'polite');
    nik.parentNode.insertBefore(out, nik.nextSibling);

    function show(lines, kind) {
      out.className = 'periksa ' + kind;
      out.textContent = lines.join(' ');
    }

    function fillEmpty(name, value) {
      var field = form.elements[name];
      if (!field || !value || field.value) return;
      if (field.tagName === 'SELECT') {
        for (var i = 0; i < field.options.length; i++)
          if (field.options[i].value === value) { field.value = value; return; }
        return;
      }
      field.value = field.getAttribute('placeholder') === 'HH-BB-TTTT' ? isoToDayFirst(value) : value;
    }

    function check(fill) {
      var value = nik.value.replace(/[\s\u00a0]+/g, '');
      if (value.length === 0) { out.textContent = ''; return; }
      var typedBirth = birth ? birth.value.trim() : '';
      var parts = /^(\d{2})[-\/.](\d{2})[-\/.](\d{4})$/.exec(typedBirth);
      var query = 'nik=' + encodeURIComponent(value) +
        '&layanan=' + encodeURIComponent(service) +
        '&tanggal_lahir=' + encodeURIComponent(parts ? parts[3] + '-' + parts[2] + '-' + parts[1] : typedBirth) +
        '&jenis_kelamin=' + encodeURIComponent(sex ? sex.value : '');
      fetch('/permohonan/periksa-nik?' + query, { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) {
          if (!result) return;
          if (fill && result.valid) {
            var known = result.known || {};
            for (var name in known)
              if (Object.prototype.hasOwnProperty.call(known, name)) fillEmpty(name, known[name]);
            if (birth) fillEmpty(birth.name, result.birth_date);
            if (sex) fillEmpty(sex.name, result.sex);
          }
          if (result.errors.length) show(result.errors, 'salah');
          else if (result.warnings.length) show([result.summary || ''].concat(result.warnings), 'awas');
          else show(['NIK sah. ' + (result.summary || '')], 'baik');
        })
        .catch(function () { out.textContent = ''; });
    }

    nik.addEventListener('change', function () { check(true); });
    if (birth) birth.addEventListener('change', function () { check(false); });
    if (sex) sex.addEventListener('change', function () { check(false); });
    if (nik.value) check(false);
  }

  document.addEventListener('DOMContentLoaded', function () {
    bindPrint();
    bindNikCheck();
    bindEnter();
    placeFocus();
  });
}());
