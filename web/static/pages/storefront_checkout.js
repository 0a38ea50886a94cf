/*
 * Checkout and "my orders" on the storefront page (/app/shop). Loaded before storefront.js,
 * which makes the controller with FGCheckout(store) (see its store: Telegram's buttons, the
 * cart sheet, reloading the cart).
 *
 * Checkout (GET /me/checkout/{shop}): the address, as soon as possible or a slot, payment, what
 * to do when a product is missing, a comment and the honest total; Confirm (POST /me/orders)
 * sends an idempotency key made once per checkout attempt and kept until an order comes back,
 * so a double tap or a retry after a lost answer gives one order. Then the order's number and
 * status, and my orders: a list, one order in full, cancel while allowed, order again.
 * Telegram.WebApp.close() is never called: the person leaves when they want.
 */
(function () {
  'use strict';

  var ORDERS_PAGE = 20;

  function $(id) { return document.getElementById(id); }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function lang() { return '?lang=' + encodeURIComponent(FG.config.lang); }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    // Pages outside a secure context have no randomUUID: a version 4 UUID by hand.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) { return part.join(''); }).join('-');
  }

  // A moment as day and time in the shop's time zone (slots are labelled in it too).
  function when(iso, timeZone) {
    var options = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
    if (timeZone) options.timeZone = timeZone;
    return new Date(iso).toLocaleString(FG.config.lang, options);
  }

  function showIn(id, error) {
    var box = $(id);
    box.textContent = (error && error.message) || FG.t('error-generic');
    box.dataset.code = (error && error.code) || 'internal';
    box.hidden = false;
  }

  function option(value, text, selected) {
    var node = make('option', null, text);
    node.value = value;
    node.selected = Boolean(selected);
    return node;
  }

  window.FGCheckout = function (store) {
    var co = {
      shopId: null,
      data: null,
      keys: {},           // shop id -> the idempotency key of the attempt under way
      when: 'asap',
      slot: null,         // the chosen slot's start
      payment: null,
      substitution: null,
      sending: false,
      open: false,
      generation: 0,
    };
    var mo = { open: false, view: null, from: null, nextOffset: 0, loading: false, order: null };

    // -- checkout -----------------------------------------------------------------------------

    function openCheckout(shopId) {
      store.take();
      if (co.shopId !== shopId) {
        co.shopId = shopId;
        co.data = null;
        co.when = 'asap';
        co.slot = null;
        $('co-comment').value = '';
      }
      if (!co.keys[shopId]) co.keys[shopId] = newKey();
      co.open = true;
      $('co-sheet').hidden = false;
      $('co-error').hidden = true;
      $('co-form').hidden = !co.data;
      $('co-loading').hidden = Boolean(co.data);
      store.setBack(backToCart);
      loadCheckout(co.data ? co.data.address_id : null);
    }

    function closeCheckout() {
      co.open = false;
      $('co-sheet').hidden = true;
      store.setMain(null);
    }

    function backToCart() {
      if (co.sending) return;
      closeCheckout();
      store.release();
      store.openCart();
    }

    function loadCheckout(addressId) {
      var generation = ++co.generation;
      var path = '/me/checkout/' + co.shopId + lang() +
        (addressId ? '&address_id=' + encodeURIComponent(addressId) : '');
      return FG.api(path).then(function (data) {
        if (generation !== co.generation || !co.open) return;
        drawCheckout(data);
      }, function (error) {
        if (generation !== co.generation) return;
        $('co-loading').hidden = true;
        showIn('co-error', error);
      });
    }

    function pressed(box, value) {
      Array.prototype.forEach.call(box.children, function (button) {
        button.setAttribute('aria-pressed', button.dataset.value === value ? 'true' : 'false');
      });
    }

    function drawAddresses(data) {
      var select = $('co-address');
      select.textContent = '';
      data.addresses.forEach(function (address) {
        var text = address.title + (address.deliverable ? '' : ' — ' + FG.t('page-checkout-not-delivered'));
        select.appendChild(option(address.id, text, address.id === data.address_id));
      });
      select.disabled = data.addresses.length === 0;
      var chosen = data.addresses.filter(function (a) { return a.id === data.address_id; })[0];
      $('co-address-details').textContent = (chosen && chosen.details) || '';
      $('co-address-details').hidden = !(chosen && chosen.details);
    }

    function drawWhen(data) {
      var hasSlots = data.slots.length > 0;
      if (!data.asap_available && hasSlots) co.when = 'slot';
      if (!hasSlots) co.when = 'asap';
      $('co-asap').disabled = !data.asap_available;
      $('co-at-time').disabled = !hasSlots;
      $('co-eta').textContent = data.eta_minutes
        ? '≈\u00a0' + data.eta_minutes + '\u00a0' + FG.t('page-checkout-minutes') : '';
      $('co-asap').setAttribute('aria-pressed', co.when === 'asap' ? 'true' : 'false');
      $('co-at-time').setAttribute('aria-pressed', co.when === 'slot' ? 'true' : 'false');
      var select = $('co-slot');
      select.textContent = '';
      var known = data.slots.some(function (slot) { return slot.start === co.slot; });
      if (!known) co.slot = hasSlots ? data.slots[0].start : null;
      data.slots.forEach(function (slot) {
        select.appendChild(option(slot.start, slot.label, slot.start === co.slot));
      });
      select.hidden = co.when !== 'slot';
      $('co-no-slots').hidden = hasSlots || data.asap_available;
    }

    function drawChoices(data) {
      var methods = data.payment_methods.map(function (m) { return m.value; });
      if (methods.indexOf(co.payment) < 0) co.payment = methods[0];
      var payment = $('co-payment');
      payment.textContent = '';
      data.payment_methods.forEach(function (method) {
        var button = make('button', null, method.title);
        button.type = 'button';
        button.dataset.value = method.value;
        button.addEventListener('click', function () {
          co.payment = method.value;
          pressed(payment, co.payment);
        });
        payment.appendChild(button);
      });
      pressed(payment, co.payment);
      var substitution = $('co-substitution');
      substitution.textContent = '';
      co.substitution = co.substitution || data.default_substitution;
      data.substitutions.forEach(function (choice) {
        substitution.appendChild(option(choice.value, choice.title, choice.value === co.substitution));
      });
    }

    function confirmText(data) {
      return FG.t('page-checkout-confirm') + ' · ' + (data.estimated ? '≈\u00a0' : '') + data.total.text;
    }

    function drawCheckout(data) {
      co.data = data;
      $('co-loading').hidden = true;
      $('co-form').hidden = false;
      $('co-shop').textContent = data.shop.name;
      drawAddresses(data);
      drawWhen(data);
      drawChoices(data);
      $('co-subtotal').textContent = (data.estimated ? '≈\u00a0' : '') + data.subtotal.text;
      $('co-delivery').textContent = data.delivery_fee.text;
      $('co-total').textContent = data.total_text;
      $('co-weighing').hidden = !data.estimated;
      var blockers = $('co-blockers');
      blockers.textContent = '';
      data.blockers.forEach(function (blocker) {
        var note = make('li', 'sf-issue', blocker.message);
        note.dataset.blocker = blocker.code;
        blockers.appendChild(note);
      });
      $('co-form').dataset.ready = String(data.ready);
      drawConfirm();
    }

    function drawConfirm() {
      var data = co.data;
      var ready = Boolean(data && data.ready);
      $('co-confirm').disabled = !ready || co.sending;
      $('co-confirm').textContent = FG.t(co.sending ? 'page-checkout-sending' : 'page-checkout-confirm');
      if (!co.open) return;
      store.setMain(ready ? confirmText(data) : null, confirm);
      if (FG.tg && FG.tg.MainButton && ready) {
        if (co.sending) FG.tg.MainButton.showProgress(false);
        else FG.tg.MainButton.hideProgress();
      }
    }

    function form() {
      var data = co.data;
      var slot = null;
      if (co.when === 'slot') {
        slot = data.slots.filter(function (s) { return s.start === co.slot; })[0] || null;
      }
      var substitution = $('co-substitution').value || data.default_substitution;
      return {
        shop_id: co.shopId,
        address_id: data.address_id,
        idempotency_key: co.keys[co.shopId],
        slot: slot ? { start: slot.start, end: slot.end } : null,
        payment_method: co.payment,
        comment: $('co-comment').value.trim() || null,
        default_substitution: substitution,
      };
    }

    function confirm() {
      if (co.sending || !co.data || !co.data.ready) return;
      co.sending = true;
      $('co-error').hidden = true;
      drawConfirm();
      var shopId = co.shopId;
      FG.api('/me/orders' + lang(), { method: 'POST', body: form() }).then(function (order) {
        co.sending = false;
        delete co.keys[shopId];  // the next checkout is another attempt
        co.data = null;
        closeCheckout();
        store.reloadCart();
        showPlaced(order);
      }, function (error) {
        co.sending = false;
        drawConfirm();
        showIn('co-error', error);
        // A lost answer: the same key again cannot make a second order.
        if (error.status === 0) return;
        // Prices, stock, hours or slots moved: show checkout as it is now.
        loadCheckout(co.data ? co.data.address_id : null);
      });
    }

    function wireCheckout() {
      $('co-close').addEventListener('click', backToCart);
      $('co-sheet').addEventListener('click', function (event) {
        if (event.target === $('co-sheet')) backToCart();
      });
      $('co-address').addEventListener('change', function () {
        loadCheckout($('co-address').value);
      });
      $('co-asap').addEventListener('click', function () {
        co.when = 'asap';
        if (co.data) drawWhen(co.data);
      });
      $('co-at-time').addEventListener('click', function () {
        co.when = 'slot';
        if (co.data) drawWhen(co.data);
      });
      $('co-slot').addEventListener('change', function () { co.slot = $('co-slot').value; });
      $('co-substitution').addEventListener('change', function () {
        co.substitution = $('co-substitution').value;
      });
      $('co-form').addEventListener('submit', function (event) {
        event.preventDefault();
        confirm();
      });
    }

    // -- the order placed, my orders, one order -----------------------------------------------

    function openSheet(view, title) {
      if (!mo.open) store.take();
      mo.open = true;
      mo.view = view;
      $('mo-sheet').hidden = false;
      $('mo-error').hidden = true;
      $('mo-loading').hidden = true;
      $('mo-title').textContent = title;
      ['placed', 'list', 'detail'].forEach(function (name) {
        $('mo-' + name).hidden = name !== view;
      });
      store.setMain(null);
      store.setBack(view === 'detail' && mo.from === 'list' ? openOrders : closeOrders);
    }

    function closeOrders() {
      mo.open = false;
      mo.view = null;
      $('mo-sheet').hidden = true;
      store.release();
    }

    function showPlaced(order) {
      mo.from = null;
      openSheet('placed', FG.t('page-checkout-placed'));
      mo.order = order;
      var number = $('mo-placed-number');
      number.textContent = FG.t('page-checkout-order') + '\u00a0' + order.number;
      number.dataset.order = order.id;
      $('mo-placed-status').textContent = order.status_title;
      $('mo-placed-status').dataset.status = order.status;
      $('mo-placed-promised').textContent = when(order.promised_at, order.shop.timezone);
      $('mo-placed-total').textContent = order.total_text;
    }

    function openOrders() {
      mo.from = null;
      openSheet('list', FG.t('page-checkout-my-orders'));
      $('mo-orders').textContent = '';
      $('mo-empty').hidden = true;
      mo.nextOffset = 0;
      mo.loading = false;
      fetchOrders();
    }

    function orderItem(order) {
      var item = make('li', 'mo-order');
      item.dataset.order = order.id;
      item.dataset.status = order.status;
      var button = make('button', 'fg-choice');
      button.type = 'button';
      var head = make('span', 'fg-line mo-order-head');
      head.appendChild(make('span', 'mo-order-number',
                            FG.t('page-checkout-order') + '\u00a0' + order.number));
      head.appendChild(make('span', 'mo-order-total', order.total_text));
      button.appendChild(head);
      var placed = when(order.created_at, order.shop.timezone);
      button.appendChild(make('span', 'fg-hint', order.shop.name + ' · ' + placed));
      button.appendChild(make('span', 'fg-badge mo-order-status', order.status_title));
      button.addEventListener('click', function () { openOrder(order.id, 'list'); });
      item.appendChild(button);
      return item;
    }

    function fetchOrders() {
      if (mo.loading || mo.nextOffset === null) return;
      mo.loading = true;
      $('mo-loading').hidden = false;
      var path = '/me/orders' + lang() + '&offset=' + mo.nextOffset + '&limit=' + ORDERS_PAGE;
      FG.api(path).then(function (page) {
        mo.loading = false;
        $('mo-loading').hidden = true;
        if (mo.view !== 'list') return;
        var list = $('mo-orders');
        page.items.forEach(function (order) { list.appendChild(orderItem(order)); });
        mo.nextOffset = page.next_offset;
        $('mo-more').hidden = page.next_offset === null;
        $('mo-empty').hidden = list.children.length > 0;
        list.dataset.state = 'ready';
      }, function (error) {
        mo.loading = false;
        $('mo-loading').hidden = true;
        showIn('mo-error', error);
      });
    }

    function openOrder(orderId, from) {
      mo.from = from;
      openSheet('detail', FG.t('page-checkout-order'));
      $('mo-detail').hidden = true;
      $('mo-loading').hidden = false;
      FG.api('/me/orders/' + encodeURIComponent(orderId) + lang()).then(function (order) {
        $('mo-loading').hidden = true;
        if (mo.view === 'detail') drawOrder(order);
      }, function (error) {
        $('mo-loading').hidden = true;
        showIn('mo-error', error);
      });
    }

    function lineItem(line) {
      var item = make('li', 'sf-line mo-line');
      item.dataset.line = line.id;
      item.dataset.status = line.status;
      if (!line.counts) item.classList.add('sf-line-gone');
      var body = make('div', 'sf-line-body');
      body.appendChild(make('div', 'sf-line-name', line.name));
      var planned = store.quantityText(line.quantity, line.unit);
      if (line.quantity_actual !== null && line.quantity_actual !== line.quantity) {
        planned += ' → ' + store.quantityText(line.quantity_actual, line.unit) + ' ' +
          FG.t('page-checkout-actual');
      }
      body.appendChild(make('div', 'fg-hint mo-line-quantity', planned));
      if (line.status !== 'planned') body.appendChild(make('div', 'fg-hint', line.status_title));
      item.appendChild(body);
      item.appendChild(make('div', 'sf-line-total', line.current_total.text));
      return item;
    }

    function drawOrder(order) {
      mo.order = order;
      var detail = $('mo-detail');
      detail.hidden = false;
      detail.dataset.order = order.id;
      detail.dataset.status = order.status;
      $('mo-title').textContent = FG.t('page-checkout-order') + '\u00a0' + order.number;
      $('mo-back').hidden = mo.from !== 'list';
      $('mo-status').textContent = order.status_title +
        (order.cancel_reason_title ? ' · ' + order.cancel_reason_title : '');
      var zone = order.shop.timezone;
      $('mo-shop').textContent = order.shop.name + ' · ' + when(order.created_at, zone);
      var lines = $('mo-lines');
      lines.textContent = '';
      order.lines.forEach(function (line) { lines.appendChild(lineItem(line)); });
      var final = order.final_subtotal;
      $('mo-subtotal').textContent = final ? final.text
        : (order.estimated ? '≈\u00a0' : '') + order.subtotal.text;
      $('mo-delivery').textContent = order.delivery_fee.text;
      $('mo-total-label').textContent = FG.t(order.final_total ? 'page-checkout-final-total'
                                                               : 'page-checkout-total');
      $('mo-total').textContent = order.total_text;
      $('mo-payment').textContent = order.payment_title;
      $('mo-address').textContent = order.address.text || FG.t('page-store-point');
      $('mo-promised').textContent = order.slot ? order.slot.label : when(order.promised_at, zone);
      var history = $('mo-history');
      history.textContent = '';
      order.history.forEach(function (entry) {
        history.appendChild(make('li', null, when(entry.at, zone) + ' — ' + entry.title));
      });
      $('mo-cancel').hidden = !order.can_cancel;
      $('mo-cancel-confirm').hidden = true;
      $('mo-actions').hidden = false;
    }

    function cancelOrder() {
      var order = mo.order;
      if (!order || mo.loading) return;
      mo.loading = true;
      $('mo-cancel-yes').disabled = true;
      FG.api('/me/orders/' + order.id + '/cancel' + lang(), { method: 'POST' }).then(function (done) {
        mo.loading = false;
        $('mo-cancel-yes').disabled = false;
        drawOrder(done);
        store.reloadCart();
      }, function (error) {
        mo.loading = false;
        $('mo-cancel-yes').disabled = false;
        $('mo-cancel-confirm').hidden = true;
        $('mo-actions').hidden = false;
        showIn('mo-error', error);
        // The order moved on meanwhile: show where it is now.
        if (error.status === 409) openOrder(order.id, mo.from);
      });
    }

    function reorder() {
      var order = mo.order;
      if (!order || mo.loading) return;
      mo.loading = true;
      FG.api('/me/orders/' + order.id + '/reorder' + lang(), { method: 'POST' }).then(function (done) {
        mo.loading = false;
        var cart = done.cart;
        mo.open = false;
        $('mo-sheet').hidden = true;
        if (!store.showCart(cart)) {
          mo.open = true;
          $('mo-sheet').hidden = false;
          showIn('mo-error', { code: 'reorder_elsewhere', message: FG.t('page-checkout-reorder-elsewhere') });
        } else if (done.skipped.length || done.reduced.length) {
          FG.showError({ code: 'reorder_partial', message: FG.t('page-checkout-reordered-skipped') });
        }
      }, function (error) {
        mo.loading = false;
        showIn('mo-error', error);
      });
    }

    function wireOrders() {
      $('mo-open').addEventListener('click', openOrders);
      $('mo-close').addEventListener('click', closeOrders);
      $('mo-back').addEventListener('click', openOrders);
      $('mo-sheet').addEventListener('click', function (event) {
        if (event.target === $('mo-sheet')) closeOrders();
      });
      $('mo-placed-orders').addEventListener('click', openOrders);
      $('mo-placed-continue').addEventListener('click', closeOrders);
      $('mo-more').addEventListener('click', fetchOrders);
      $('mo-cancel').addEventListener('click', function () {
        $('mo-actions').hidden = true;
        $('mo-cancel-confirm').hidden = false;
      });
      $('mo-cancel-no').addEventListener('click', function () {
        $('mo-cancel-confirm').hidden = true;
        $('mo-actions').hidden = false;
      });
      $('mo-cancel-yes').addEventListener('click', cancelOrder);
      $('mo-reorder').addEventListener('click', reorder);
    }

    // ?view=orders opens my orders, ?order=<id> one of them (links from the bot).
    function start(params) {
      wireCheckout();
      wireOrders();
      if (params.get('order')) openOrder(params.get('order'), null);
      else if (params.get('view') === 'orders') openOrders();
    }

    return { openCheckout: openCheckout, openOrders: openOrders, start: start };
  };
})();
