// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';

  // Buttons marked data-cetak print the page (CSP forbids inline handlers).
  function bindPrint() {
    var buttons = document.querySelectorAll('[data-cetak]');
    for (var i = 0; i < buttons.length; i++)
      buttons[i].addEventListener('click', function () { window.print(); });
  }

  // The intake form: check the NIK against the birth date and sex as they
  // are typed, so the officer sees a mismatch before sending the form.
  function bindNikCheck() {
    var nik = document.getElementById('f-applicant-nik');
    if (!nik || !window.fetch) return;
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

    function check() {
      var value = nik.value.replace(/\s+/g, '');
      if (value.length === 0) { out.textContent = ''; return; }
      var query = 'nik=' + encodeURIComponent(value) +
        '&tanggal_lahir=' + encodeURIComponent(birth ? birth.value : '') +
        '&jenis_kelamin=' + encodeURIComponent(sex ? sex.value : '');
      fetch('/permohonan/periksa-nik?' + query, { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (result) {
          if (!result) return;
          if (result.errors.length) show(result.errors, 'salah');
          else if (result.warnings.length) show([result.summary || ''].concat(result.warnings), 'awas');
          else show(['NIK sah. ' + (result.summary || '')], 'baik');
        })
        .catch(function () { out.textContent = ''; });
    }

    nik.addEventListener('change', check);
    if (birth) birth.addEventListener('change', check);
    if (sex) sex.addEventListener('change', check);
    if (nik.value) check();
  }

  // The batch pages: "Pilih semua" ticks every letter of the list (or
  // none), and follows the boxes ticked by hand. Without this file each
  // letter is ticked on its own.
  function bindSelectAll() {
    var all = document.querySelector('[data-pilih-semua]');
    if (!all) return;
    var boxes = document.querySelectorAll('input[type=checkbox][name="' + all.getAttribute('data-pilih-semua') + '"]');
    function follow() {
      var ticked = 0;
      for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) ticked++;
      all.checked = ticked === boxes.length && ticked > 0;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    all.addEventListener('change', function () {
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = all.checked;
    });
    for (var i = 0; i < boxes.length; i++) boxes[i].addEventListener('change', follow);
    var wrapper = all.closest('[hidden]');
    if (wrapper) wrapper.removeAttribute('hidden');
    follow();
  }

  document.addEventListener('DOMContentLoaded', function () {
    bindPrint();
    bindNikCheck();
    bindSelectAll();
  });
}());
