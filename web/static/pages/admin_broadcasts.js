/* /app/admin/broadcasts: a form for a new broadcast and the latest ones, each with a progress
   bar (sent, failed, blocked of the total) refreshed every few seconds while any is running, and
   a cancel button. Non-admins see the API's refusal. */
(function () {
  'use strict';

  var FG = window.FG;
  var REFRESH_MS = 3000;
  var timer = null;

  function byId(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function settled(b) {
    var p = b.progress;
    return p.sent + p.failed + p.blocked + p.canceled;
  }

  function summary(b) {
    var p = b.progress;
    return [
      FG.t('page-broadcasts-sent') + ': ' + p.sent,
      FG.t('page-broadcasts-queued') + ': ' + p.queued,
      FG.t('page-broadcasts-failed') + ': ' + p.failed,
      FG.t('page-broadcasts-blocked') + ': ' + p.blocked,
      FG.t('page-broadcasts-canceled') + ': ' + p.canceled,
    ].join(' · ');
  }

  function row(b) {
    var item = el('li', 'fg-card');
    item.dataset.broadcast = b.id;
    item.dataset.status = b.status;
    item.appendChild(el('div', 'fg-name', b.text));
    var bar = el('progress', 'fg-progress');
    bar.max = Math.max(b.total, 1);
    bar.value = settled(b);
    item.appendChild(bar);
    item.appendChild(el('p', 'fg-hint', summary(b)));
    if (!b.done) {
      var cancel = el('button', 'fg-button fg-secondary', FG.t('page-broadcasts-cancel'));
      cancel.type = 'button';
      cancel.dataset.action = 'cancel';
      cancel.addEventListener('click', function () {
        cancel.disabled = true;
        FG.api('/admin/broadcasts/' + b.id + '/cancel', { method: 'POST' })
          .then(load, function (error) { cancel.disabled = false; FG.showError(error); });
      });
      item.appendChild(cancel);
    }
    return item;
  }

  function show(broadcasts) {
    byId('fg-loading').hidden = true;
    byId('broadcasts-empty').hidden = broadcasts.length > 0;
    var list = byId('broadcasts');
    list.textContent = '';
    broadcasts.forEach(function (b) { list.appendChild(row(b)); });
    clearTimeout(timer);
    if (broadcasts.some(function (b) { return !b.done; })) timer = setTimeout(load, REFRESH_MS);
  }

  function load() {
    return FG.api('/admin/broadcasts').then(function (body) { show(body.broadcasts); },
      function (error) { byId('fg-loading').hidden = true; FG.showError(error, load); });
  }

  function audienceChanged() {
    var audience = byId('broadcast-audience').value;
    byId('broadcast-shop-field').hidden = audience !== 'shop';
    byId('broadcast-ids-field').hidden = audience !== 'ids';
  }

  function submit(event) {
    event.preventDefault();
    var audience = byId('broadcast-audience').value;
    var body = {
      text: byId('broadcast-text').value,
      bot: byId('broadcast-bot').value,
      audience: audience,
    };
    if (audience === 'shop') body.shop_id = byId('broadcast-shop').value.trim() || null;
    if (audience === 'ids') {
      body.recipient_ids = byId('broadcast-ids').value.split(/[\s,;]+/)
        .filter(Boolean).map(Number);
    }
    var send = byId('broadcast-send');
    send.disabled = true;
    FG.api('/admin/broadcasts', { method: 'POST', body: body }).then(function () {
      byId('broadcast-text').value = '';
      FG.hideError();
      return load();
    }, FG.showError).then(function () { send.disabled = false; });
  }

  FG.start(function () {
    byId('broadcast-audience').addEventListener('change', audienceChanged);
    byId('broadcast-form').addEventListener('submit', submit);
    audienceChanged();
    load();
  });
})();
