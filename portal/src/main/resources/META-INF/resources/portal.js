// The portal's only script: a copy button, and handing a key just created to the playground within this tab.
// Pages work without it.
(function () {
  'use strict';
  var STORE = 'tikneuron.playground-key';
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-copy]').forEach(function (button) {
      button.addEventListener('click', function () {
        var field = document.getElementById(button.getAttribute('data-copy'));
        var status = document.getElementById('copy-status');
        var done = function () { if (status) { status.textContent = 'Copied.'; } };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
        } else {
          field.select();
          if (document.execCommand('copy')) { done(); }
        }
      });
    });
    var created = document.querySelector('[data-remember-key]');
    if (created) {
      try { sessionStorage.setItem(STORE, created.value); } catch (e) { /* storage disabled: paste it instead */ }
    }
    var recall = document.querySelector('[data-recall-key]');
    if (recall && !recall.value) {
      try { recall.value = sessionStorage.getItem(STORE) || ''; } catch (e) { /* nothing kept */ }
    }
  });
}());
