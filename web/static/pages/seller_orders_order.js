/* /app/seller/order?id=<order>: one order as the shop works on it. A placed order is accepted
   (Telegram's main button) or rejected with a reason; an accepted one is started; while it is
   assembled every line has a big input for the weighed grams or counted pieces (prefilled with
   what was ordered), "Missing" and "Substitute" (search the shop's offers, say how much); the
   total shown is the API's, recomputed from the lines after every step; "Order assembled" (the
   main button) fixes it. Every answer of the API re-draws the page, so what is shown is what the
   server holds. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var C = window.FGC;
  var O = window.FGO;
  var SEARCH_DELAY_MS = 300;

  var order = null;
  var busy = false;
  var substituting = null; // the line a substitute is being chosen for
  var chosenOffer = null;
  var searchTimer = null;
  var searchGeneration = 0;

  function byId(id) { return document.getElementById(id); }

  function orderId() { return C.query('id'); }

  function timeZone() { return order.shop.timezone; }

  function has(action) { return order.actions.indexOf(action) >= 0; }

  // -- calling the API ---------------------------------------------------------------------------

  // POST a step; the answer (the order as it stands) re-draws the page. ``onError`` may show a
  // failure in place (returning true), else it goes to the page's banner.
  function step(path, body, onError) {
    if (busy) return Promise.resolve(null);
    busy = true;
    FG.hideError();
    document.body.dataset.busy = 'true';
    return B.api('/orders/' + encodeURIComponent(order.id) + path, { method: 'POST', body: body })
      .then(function (answer) {
        busy = false;
        delete document.body.dataset.busy;
        render(answer);
        return answer;
      }, function (error) {
        busy = false;
        delete document.body.dataset.busy;
        if (!(onError && onError(error))) FG.showError(error);
        if (error.code === 'order_state_changed' || error.code === 'order_line_state_changed') {
          load(); // someone else moved it: show where it is now
        }
        return null;
      });
  }

  // -- the order --------------------------------------------------------------------------------

  function addressText(address) {
    var parts = [address.text || (address.lat.toFixed(5) + ', ' + address.lon.toFixed(5))];
    if (address.entrance) parts.push(FG.t('page-order-entrance') + ' ' + address.entrance);
    if (address.floor !== null && address.floor !== undefined) parts.push(FG.t('page-order-floor') + ' ' + address.floor);
    if (address.apartment) parts.push(FG.t('page-order-apartment') + ' ' + address.apartment);
    var text = parts.join(', ');
    return address.comment ? text + ' — ' + address.comment : text;
  }

  function lineError(item, error) {
    var line = item.querySelector('.ord-line-error');
    line.textContent = error ? (error.message || FG.t('error-generic')) : '';
    line.dataset.code = error ? (error.code || '') : '';
    line.hidden = !error;
  }

  function button(className, text, onClick) {
    var made = B.el('button', className, text);
    made.type = 'button';
    made.addEventListener('click', onClick);
    return made;
  }

  function assemblyControls(line, item) {
    var form = B.el('form', 'ord-weigh');
    form.noValidate = true;
    var label = B.el('label', 'fg-label', FG.t(line.unit === 'weight' ? 'page-order-actual-grams' : 'page-order-actual-pieces'));
    var input = B.el('input', 'fg-input ord-big ord-quantity');
    input.type = 'text';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    input.name = 'quantity';
    input.id = 'ord-q-' + line.id;
    label.htmlFor = input.id;
    input.value = String(line.quantity_actual !== null && line.quantity_actual !== undefined ? line.quantity_actual : line.quantity);
    var save = B.el('button', 'fg-button ord-big ord-save', FG.t('page-order-save'));
    save.type = 'submit';
    form.appendChild(label);
    var row = B.el('div', 'ord-weigh-row');
    row.appendChild(input);
    row.appendChild(save);
    form.appendChild(row);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var amount = O.parseWhole(input.value);
      if (amount === null) {
        input.setAttribute('aria-invalid', 'true');
        lineError(item, new FG.ApiError('unreadable', FG.t('page-order-quantity-unreadable'), 422));
        return;
      }
      step('/lines/' + line.id + '/actual', { quantity: amount }, function (error) {
        input.setAttribute('aria-invalid', 'true');
        lineError(item, error);
        return true;
      });
    });
    item.appendChild(form);

    var actions = B.el('div', 'ord-line-actions');
    actions.appendChild(button('fg-button fg-button-secondary ord-big ord-missing', FG.t('page-order-missing'), function () {
      step('/lines/' + line.id + '/missing', undefined, function (error) { lineError(item, error); return true; });
    }));
    if (line.substitution !== 'remove') {
      actions.appendChild(button('fg-button fg-button-secondary ord-big ord-substitute', FG.t('page-order-substitute'), function () {
        openSubstitute(line);
      }));
    }
    item.appendChild(actions);
  }

  function proposalOpen(line) {
    return order.lines.some(function (other) {
      return other.replaces_line_id === line.id && other.status === 'proposed';
    });
  }

  function renderLine(line) {
    var item = B.el('li', 'ord-line');
    item.dataset.line = line.id;
    item.dataset.status = line.status;
    if (line.replaces_line_id) item.dataset.substitute = 'true';

    var head = B.el('div', 'fg-line');
    head.appendChild(B.el('span', 'ord-line-name', (line.replaces_line_id ? '↳ ' : '') + line.name));
    // A proposal costs nothing until the customer takes it: show what it would cost.
    head.appendChild(B.el('span', 'ord-line-total', line.status === 'proposed' ? line.total.text : line.current_total.text));
    item.appendChild(head);

    var facts = FG.t('page-order-planned') + ': ' + O.quantity(line.quantity, line.unit) + ' × ' +
      line.price.text + ' / ' + FG.t(line.per === 'kg' ? 'page-catalog-unit-kg' : 'page-catalog-unit-piece');
    item.appendChild(B.el('div', 'fg-hint', facts));
    var status = B.el('div', 'ord-line-status', line.status_text +
      (line.quantity_actual && line.status === 'picked' ? ': ' + O.quantity(line.quantity_actual, line.unit) : '') +
      (line.answer_by ? ', ' + FG.t('page-order-answer-by') + ' ' + B.time(line.answer_by, timeZone()) : ''));
    status.dataset.status = line.status;
    item.appendChild(status);
    var working = ['placed', 'accepted', 'assembling'].indexOf(order.status) >= 0;
    if (!line.replaces_line_id && working && line.status !== 'substituted' && line.status !== 'removed') {
      item.appendChild(B.el('div', 'fg-hint', FG.t('page-order-if-missing') + ' ' + line.substitution_text));
    }

    var assembling = order.status === 'assembling' && !line.replaces_line_id;
    if (assembling && (line.status === 'planned' || line.status === 'picked')) {
      assemblyControls(line, item);
    } else if (assembling && line.status === 'missing' && line.substitution !== 'remove' && !proposalOpen(line)) {
      var actions = B.el('div', 'ord-line-actions');
      actions.appendChild(button('fg-button fg-button-secondary ord-big ord-substitute', FG.t('page-order-substitute'), function () {
        openSubstitute(line);
      }));
      item.appendChild(actions);
    }
    var error = B.el('p', 'fg-field-error ord-line-error');
    error.hidden = true;
    item.appendChild(error);
    return item;
  }

  function renderProposals() {
    var list = byId('ord-proposal-list');
    list.textContent = '';
    order.proposals.forEach(function (proposal) {
      var line = order.lines.filter(function (one) { return one.id === proposal.line_id; })[0];
      var unit = line ? line.unit : 'piece';
      list.appendChild(B.el('li', 'ord-proposal', proposal.name + ' — ' + O.quantity(proposal.quantity, unit) +
        ', ' + FG.t('page-order-answer-by') + ' ' + B.time(proposal.answer_by, timeZone())));
    });
    byId('ord-proposals').hidden = order.proposals.length === 0;
  }

  function renderTotals() {
    byId('ord-subtotal').textContent = order.subtotal.text;
    byId('ord-fee').textContent = order.delivery_fee.text;
    byId('ord-total-label').textContent = FG.t(order.final_total ? 'page-order-total-final' : 'page-order-total-now');
    var total = byId('ord-total');
    total.textContent = O.total(order);
    total.dataset.minor = String((order.final_total || order.current_total).minor);
    byId('ord-estimate-note').hidden = !order.estimated;
  }

  function renderDecisions() {
    byId('ord-decide').hidden = order.actions.length === 0;
    byId('ord-accept').hidden = !has('accept');
    byId('ord-start').hidden = !has('start_assembly');
    byId('ord-ready').hidden = !has('ready');
    var reject = byId('ord-reject-open');
    reject.hidden = !has('reject');
    reject.textContent = FG.t(order.status === 'placed' ? 'page-order-reject' : 'page-order-cancel');
    if (!has('reject')) byId('ord-reject').hidden = true;
    var select = byId('ord-reason');
    if (!select.options.length) {
      order.reject_reasons.forEach(function (reason) {
        var option = B.el('option', null, reason.text);
        option.value = reason.code;
        select.appendChild(option);
      });
    }
    if (has('accept')) B.mainButton(FG.t('page-order-accept'), accept);
    else if (has('start_assembly')) B.mainButton(FG.t('page-order-start'), start);
    else if (has('ready')) B.mainButton(FG.t('page-order-ready'), ready);
    else B.mainButton(null);
  }

  function render(answer) {
    order = answer;
    byId('fg-loading').hidden = true;
    byId('ord-order').hidden = false;
    byId('ord-order').dataset.status = order.status;
    byId('ord-title').textContent = FG.t('page-order-number') + order.number;
    var status = byId('ord-status');
    status.textContent = order.status_text;
    status.dataset.status = order.status;
    byId('ord-when').textContent = O.when(order, timeZone());
    byId('ord-customer').textContent = order.customer_name || '—';
    byId('ord-payment').textContent = order.payment_method_text;
    byId('ord-address').textContent = addressText(order.address);
    byId('ord-comment').textContent = order.comment || '';
    byId('ord-comment').hidden = !order.comment;
    byId('ord-comment-label').hidden = !order.comment;
    var canceled = byId('ord-canceled');
    canceled.hidden = order.status !== 'canceled';
    canceled.textContent = FG.t('page-order-canceled') + (order.cancel_reason_text ? ': ' + order.cancel_reason_text : '') +
      (order.cancel_note ? ' — ' + order.cancel_note : '');
    var board = O.boardUrl(order.shop.id, order.id);
    var back = byId('ord-to-board');
    back.href = board;
    back.hidden = false;
    B.backButton(function () { window.location.href = board; });

    var list = byId('ord-lines');
    list.textContent = '';
    order.lines.forEach(function (line) { list.appendChild(renderLine(line)); });
    renderProposals();
    renderTotals();
    renderDecisions();
    if (substituting && order.status !== 'assembling') closeSubstitute();
  }

  function load() {
    var id = orderId();
    if (!id) {
      byId('fg-loading').hidden = true;
      FG.showError(new FG.ApiError('order_not_found', FG.t('error-order_not_found'), 404));
      return;
    }
    B.api('/orders/' + encodeURIComponent(id)).then(render, function (error) {
      byId('fg-loading').hidden = true;
      FG.showError(error, error.status === 0 || error.status >= 500 ? load : null);
    });
  }

  // -- the steps ----------------------------------------------------------------------------------

  function accept() { step('/accept'); }

  function start() { step('/start-assembly'); }

  function ready() { step('/ready'); }

  function reject(event) {
    event.preventDefault();
    var note = byId('ord-note').value.trim();
    step('/reject', { reason: byId('ord-reason').value, note: note || null }).then(function (answer) {
      if (answer) byId('ord-reject').hidden = true;
    });
  }

  // -- choosing a substitute --------------------------------------------------------------------

  function quantityLabel(unit) {
    return FG.t(unit === 'weight' ? 'page-order-sub-quantity-grams' : 'page-order-sub-quantity-pieces');
  }

  function subError(error) {
    var line = byId('ord-sub-error');
    line.textContent = error ? (error.message || FG.t('error-generic')) : '';
    line.dataset.code = error ? (error.code || '') : '';
    line.hidden = !error;
  }

  function pick(offer, choice) {
    chosenOffer = offer;
    Array.prototype.forEach.call(byId('ord-sub-offers').querySelectorAll('.fg-choice'), function (other) {
      other.setAttribute('aria-pressed', String(other === choice));
    });
    var unit = offer.product.unit;
    byId('ord-sub-quantity-label').textContent = quantityLabel(unit);
    var size = unit === 'weight' ? (offer.product.step_grams || 1) : 1;
    var planned = substituting && substituting.unit === unit ? substituting.quantity : size;
    byId('ord-sub-quantity').value = String(Math.max(size, planned - planned % size));
    subError(null);
  }

  function search() {
    var generation = ++searchGeneration;
    var params = new URLSearchParams({ visible: 'true', limit: '20' });
    var q = byId('ord-sub-q').value.trim();
    if (q) params.set('q', q);
    B.api('/shops/' + encodeURIComponent(order.shop.id) + '/offers?' + params.toString()).then(function (page) {
      if (generation !== searchGeneration) return;
      var list = byId('ord-sub-offers');
      list.textContent = '';
      var offers = page.items.filter(function (offer) {
        return !substituting || offer.id !== substituting.offer_id;
      });
      offers.forEach(function (offer) {
        var item = B.el('li');
        var choice = B.el('button', 'fg-choice ord-sub-offer');
        choice.type = 'button';
        choice.dataset.offer = offer.id;
        choice.setAttribute('aria-pressed', 'false');
        choice.appendChild(B.el('span', 'fg-name', C.name(offer.product)));
        choice.appendChild(B.el('span', 'fg-hint', C.priceText(offer) + ' · ' +
          C.stockText(offer.stock.available, offer.product.unit)));
        choice.addEventListener('click', function () { pick(offer, choice); });
        item.appendChild(choice);
        list.appendChild(item);
      });
      byId('ord-sub-nothing').hidden = offers.length > 0;
      list.dataset.loaded = String(generation);
    }, function (error) { subError(error); });
  }

  function openSubstitute(line) {
    substituting = line;
    chosenOffer = null;
    byId('ord-sub-title').textContent = FG.t('page-order-substitute-for') + ' «' + line.name + '»';
    byId('ord-sub-q').value = '';
    byId('ord-sub-quantity').value = '';
    byId('ord-sub-quantity-label').textContent = quantityLabel(line.unit);
    subError(null);
    byId('ord-sub').hidden = false;
    search();
    byId('ord-sub-q').focus();
  }

  function closeSubstitute() {
    substituting = null;
    chosenOffer = null;
    byId('ord-sub').hidden = true;
  }

  function propose(event) {
    event.preventDefault();
    if (!chosenOffer) { subError(new FG.ApiError('unreadable', FG.t('page-order-choose-substitute'), 422)); return; }
    var amount = O.parseWhole(byId('ord-sub-quantity').value);
    if (amount === null) { subError(new FG.ApiError('unreadable', FG.t('page-order-quantity-unreadable'), 422)); return; }
    step('/lines/' + substituting.id + '/substitute', { offer_id: chosenOffer.id, quantity: amount }, function (error) {
      subError(error);
      return true;
    }).then(function (answer) {
      if (answer) closeSubstitute();
    });
  }

  FG.start(function () {
    byId('ord-accept').addEventListener('click', accept);
    byId('ord-start').addEventListener('click', start);
    byId('ord-ready').addEventListener('click', ready);
    byId('ord-reject-open').addEventListener('click', function () {
      byId('ord-reject').hidden = false;
      byId('ord-reason').focus();
    });
    byId('ord-reject-back').addEventListener('click', function () { byId('ord-reject').hidden = true; });
    byId('ord-reject').addEventListener('submit', reject);
    byId('ord-sub-q').addEventListener('input', function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(search, SEARCH_DELAY_MS);
    });
    byId('ord-sub-form').addEventListener('submit', propose);
    byId('ord-sub-close').addEventListener('click', closeSubstitute);
    load();
  });
})();
