/* /app/seller/orders: the shop's order board in three tabs (new; accepted and assembling;
   ready) with their counts. It asks the API again every few seconds while the page is shown and
   at once when it is shown again; an order that appears meanwhile is marked new (and the phone
   buzzes). A card opens the order's page; ?order=<id> highlights that card. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var C = window.FGC;
  var O = window.FGO;
  var COLUMNS = ['new', 'assembling', 'ready'];

  var mine = null;
  var timer = null;
  var seen = null; // ids shown by the previous answer; null before the first one
  var fresh = {}; // ids that appeared after the first answer, marked until opened
  var loading = false;

  function byId(id) { return document.getElementById(id); }

  function pollMs() {
    var seconds = parseInt(byId('ord-board').dataset.pollSeconds, 10);
    return (seconds > 0 ? seconds : 10) * 1000;
  }

  function choose(tab) {
    COLUMNS.forEach(function (name) {
      byId('ord-tab-' + name).setAttribute('aria-selected', String(name === tab));
      byId('ord-column-' + name).hidden = name !== tab;
    });
  }

  function card(order, timeZone, shopId) {
    var item = B.el('li');
    var link = B.el('a', 'ord-card');
    link.href = O.orderUrl(order.id, shopId);
    link.dataset.order = order.id;
    link.dataset.status = order.status;
    if (fresh[order.id]) link.dataset.new = 'true';
    if (order.id === C.query('order')) link.dataset.highlight = 'true';

    var head = B.el('div', 'ord-card-head');
    head.appendChild(B.el('span', 'ord-number', '№' + order.number));
    if (fresh[order.id]) head.appendChild(B.el('span', 'ord-badge ord-badge-new', FG.t('page-orders-new')));
    head.appendChild(B.el('span', 'ord-badge', order.status_text));
    link.appendChild(head);

    link.appendChild(B.el('div', 'ord-when', O.when(order, timeZone)));
    var line = B.el('div', 'fg-line');
    line.appendChild(B.el('span', 'fg-hint', FG.t('page-orders-lines') + ' ' + order.line_count +
      (order.customer_name ? ' · ' + order.customer_name : '')));
    line.appendChild(B.el('span', 'ord-card-total', O.total(order)));
    link.appendChild(line);
    if (order.comment) link.appendChild(B.el('div', 'fg-hint ord-card-comment', '💬 ' + order.comment));
    item.appendChild(link);
    return item;
  }

  function render(board) {
    var timeZone = board.shop.timezone;
    var lists = {};
    var counts = {};
    COLUMNS.forEach(function (name) {
      lists[name] = byId('ord-column-' + name).querySelector('.ord-cards');
      lists[name].textContent = '';
      counts[name] = 0;
    });
    var now = {};
    var arrived = false;
    board.orders.forEach(function (order) {
      now[order.id] = true;
      if (seen !== null && !seen[order.id] && order.status === 'placed') {
        fresh[order.id] = true;
        arrived = true;
      }
      var tab = O.tabOf(order.status);
      if (!tab) return;
      counts[tab] += 1;
      lists[tab].appendChild(card(order, timeZone, board.shop.id));
    });
    COLUMNS.forEach(function (name) {
      var column = byId('ord-column-' + name);
      column.querySelector('.ord-empty').hidden = counts[name] > 0;
      var badge = document.querySelector('[data-count-for="' + name + '"]');
      badge.textContent = String(counts[name]);
      badge.dataset.some = String(counts[name] > 0);
    });
    seen = now;
    if (arrived && FG.tg && FG.tg.HapticFeedback) {
      try { FG.tg.HapticFeedback.notificationOccurred('warning'); } catch (e) { /* older clients */ }
    }
    var updated = byId('ord-updated');
    updated.hidden = false;
    updated.textContent = FG.t('page-orders-updated') + ' ' + B.time(new Date().toISOString(), timeZone);
    byId('ord-board').dataset.loaded = String((parseInt(byId('ord-board').dataset.loaded || '0', 10)) + 1);
  }

  function load() {
    if (loading) return;
    loading = true;
    B.api('/shops/' + encodeURIComponent(mine.shop.id) + '/orders').then(function (board) {
      loading = false;
      FG.hideError();
      render(board);
    }, function (error) {
      loading = false;
      // A passing failure is retried by the next poll; say so only for lasting ones.
      FG.showError(error, error.status === 0 || error.status >= 500 ? load : null);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (!document.hidden) load();
      schedule();
    }, pollMs());
  }

  function show(chosen) {
    mine = chosen;
    byId('ord-board').hidden = false;
    byId('ord-shop-name').textContent = mine.shop.name;
    var wanted = C.query('order');
    load();
    schedule();
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) { load(); schedule(); }
    });
    if (wanted) {
      // Open the column of the order the alert was about, once it is shown.
      B.api('/orders/' + encodeURIComponent(wanted)).then(function (order) {
        var tab = O.tabOf(order.status);
        if (tab) choose(tab);
      }, function () { /* the board still works without it */ });
    }
  }

  FG.start(function () {
    COLUMNS.forEach(function (name) {
      byId('ord-tab-' + name).addEventListener('click', function () { choose(name); });
    });
    document.addEventListener('click', function (event) {
      var link = event.target.closest && event.target.closest('a.ord-card');
      if (link) delete fresh[link.dataset.order];
    });
    C.chooseShop(show);
  });
})();
