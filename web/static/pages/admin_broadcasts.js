/* /app/admin/broadcasts: a form for a new broadcast and the latest ones, each with a progress
   bar (sent, failed, blocked of the total) refreshed every few seconds while any is running, and
   a stop button asking to confirm first. Non-admins see a refusal instead of the form. */
(function () {
  'use strict';

  var FG = window.FG;
  var FGB = window.FGB;  // pages/seller_forms.js: api in the page's language, el, dateTime
  var el = FGB.el;
  var api = FGB.api;
  var REFRESH_MS = 3000;
  var COUNTS = ['sent', 'queued', 'failed', 'blocked', 'canceled'];
  var timer = null;
  var canceling = {};  // broadcast id -> true while its cancel is asked or under way

  function byId(id) { return document.getElementById(id); }

  function settled(b) {
    var p = b.progress;
    return p.sent + p.failed + p.blocked + p.canceled;
  }

  function state(b) {
    if (b.status === 'canceled') return 'canceled';
    return b.done ? 'done' : 'sending';
  }

  // Telegram's own confirm where the client has it, the browser's elsewhere.
  function askToCancel(yes, no) {
    var question = FG.t('page-broadcasts-cancel-confirm');
    var tg = FG.tg;
    if (tg && tg.showConfirm && (!tg.isVersionAtLeast || tg.isVersionAtLeast('6.2'))) {
      try {
        tg.showConfirm(question, function (ok) { if (ok) yes(); else no(); });
      } catch (e) {
        no();  // another popup is open
      }
    } else if (window.confirm(question)) {
      yes();
    } else {
      no();
    }
  }

  function cancel(b, button) {
    canceling[b.id] = true;
    button.disabled = true;
    function again() {
      delete canceling[b.id];
      button.disabled = false;
    }
    askToCancel(function () {
      api('/admin/broadcasts/' + b.id + '/cancel', { method: 'POST' }).then(function () {
        delete canceling[b.id];
        FG.hideError();
        return load();
      }, function (error) {
        again();
        FG.showError(error);
      });
    }, again);
  }

  function row(b) {
    var item = el('li', 'fg-card');
    item.dataset.broadcast = b.id;
    item.appendChild(el('div', 'fg-name bc-text'));
    item.appendChild(el('p', 'fg-hint bc-about'));
    var badge = el('span', 'fg-badge bc-state');
    item.appendChild(badge);
    var bar = el('progress', 'bc-progress');
    item.appendChild(bar);
    var counts = el('p', 'fg-hint bc-counts');
    COUNTS.forEach(function (name, index) {
      if (index) counts.appendChild(document.createTextNode(' · '));
      var count = el('span');
      count.dataset.count = name;
      counts.appendChild(count);
    });
    item.appendChild(counts);
    var stop = el('button', 'fg-button fg-button-secondary bc-cancel', FG.t('page-broadcasts-cancel'));
    stop.type = 'button';
    stop.dataset.action = 'cancel';
    item.appendChild(stop);
    return item;
  }

  // Fill a row in place, so a refresh neither flickers nor swallows a tap on its button.
  function fill(item, b) {
    var now = state(b);
    item.dataset.status = b.status;
    item.dataset.state = now;
    item.querySelector('.bc-text').textContent = b.text;
    item.querySelector('.bc-about').textContent = [
      FG.t('page-broadcasts-audience-' + b.audience),
      FG.t('page-broadcasts-bot-' + b.bot),
      FGB.dateTime(b.created_at),  // in the admin's own time zone
    ].join(' · ');
    var badge = item.querySelector('.bc-state');
    badge.dataset.status = now;
    badge.textContent = FG.t('page-broadcasts-state-' + now);
    var bar = item.querySelector('.bc-progress');
    bar.max = Math.max(b.total, 1);
    bar.value = settled(b);
    COUNTS.forEach(function (name) {
      item.querySelector('[data-count="' + name + '"]').textContent =
        FG.t('page-broadcasts-' + name) + ': ' + b.progress[name];
    });
    var stop = item.querySelector('.bc-cancel');
    stop.hidden = b.done;
    stop.disabled = !!canceling[b.id];
    stop.onclick = function () { cancel(b, stop); };
  }

  function show(broadcasts) {
    byId('fg-loading').hidden = true;
    byId('broadcast-form').hidden = false;
    byId('broadcasts-empty').hidden = broadcasts.length > 0;
    var list = byId('broadcasts');
    var old = {};
    Array.prototype.forEach.call(list.children, function (item) { old[item.dataset.broadcast] = item; });
    broadcasts.forEach(function (b, index) {
      var item = old[b.id] || row(b);
      delete old[b.id];
      fill(item, b);
      if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
    });
    Object.keys(old).forEach(function (id) { list.removeChild(old[id]); });
    list.dataset.loaded = '1';
    clearTimeout(timer);
    timer = null;
    if (broadcasts.some(function (b) { return !b.done; })) timer = setTimeout(load, REFRESH_MS);
  }

  function refused(error) {
    byId('fg-loading').hidden = true;
    if (error.status === 401 || error.status === 403) {
      byId('broadcast-form').hidden = true;
      byId('broadcasts-section').hidden = true;
      if (error.status === 403) {
        FG.showError({ code: 'page_broadcasts_not_allowed', message: FG.t('page-broadcasts-not-allowed') });
      } else {
        FG.showError(error);
      }
      return;
    }
    FG.showError(error, error.status === 0 || error.status >= 500 ? load : null);
  }

  function load() {
    return api('/admin/broadcasts').then(function (body) { show(body.broadcasts); }, refused);
  }

  function audienceChanged() {
    var audience = byId('broadcast-audience').value;
    byId('broadcast-shop-field').hidden = audience !== 'shop';
    byId('broadcast-ids-field').hidden = audience !== 'ids';
  }

  function recipientIds() {
    var words = byId('broadcast-ids').value.split(/[\s,;]+/).filter(Boolean);
    if (words.some(function (word) { return !/^\d{1,15}$/.test(word); })) return null;
    return words.map(Number);
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
      body.recipient_ids = recipientIds();
      if (body.recipient_ids === null) {
        FG.showError({ code: 'page_broadcasts_bad_ids', message: FG.t('page-broadcasts-bad-ids') });
        return;
      }
    }
    var send = byId('broadcast-send');
    send.disabled = true;
    api('/admin/broadcasts', { method: 'POST', body: body }).then(function () {
      byId('broadcast-text').value = '';
      FG.hideError();
      return load();
    }, function (error) {
      if (error.status === 403) refused(error); else FG.showError(error);
    }).then(function () { send.disabled = false; });
  }

  FG.start(function () {
    byId('broadcast-audience').addEventListener('change', audienceChanged);
    byId('broadcast-form').addEventListener('submit', submit);
    audienceChanged();
    load();
  });
})();
