/* /app/seller/catalog/stock: how an offer's stock changed, newest first, a page at a time: when
   (in the shop's time), why, by how much, what was left, who did it and their note. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var C = window.FGC;
  var PAGE_SIZE = 30;

  var mine = null;
  var offerId = null;
  var unit = null; // known once the offer is read; raw numbers until then
  var nextBefore = null;

  function byId(id) { return document.getElementById(id); }

  function listUrl() { return C.pageUrl('/app/seller/catalog', { shop: mine.shop.id }); }

  function amount(value) {
    return unit ? C.stockText(value, unit) : String(value);
  }

  function delta(value) {
    if (value > 0) return '+' + amount(value);
    if (value < 0) return '−' + amount(-value);
    return amount(0);
  }

  function who(item) {
    if (item.by_name) return item.by_name;
    if (item.by !== null && item.by !== undefined) return String(item.by);
    return FG.t('page-catalog-by-system');
  }

  function render(item) {
    var entry = B.el('li', 'cat-change');
    entry.dataset.adjustment = String(item.id);
    entry.dataset.reason = item.reason;
    var top = B.el('div', 'fg-line');
    top.appendChild(B.el('span', 'cat-change-reason', item.reason_text || item.reason));
    var change = B.el('span', 'cat-change-delta', delta(item.delta));
    change.dataset.sign = item.delta > 0 ? 'plus' : (item.delta < 0 ? 'minus' : 'zero');
    top.appendChild(change);
    entry.appendChild(top);
    var facts = [B.dateTime(item.at, mine.shop.timezone), who(item)];
    if (item.on_hand_after !== null && item.on_hand_after !== undefined) {
      facts.push(FG.t('page-catalog-stock-after') + ' ' + amount(item.on_hand_after));
    }
    entry.appendChild(B.el('div', 'fg-hint cat-change-facts', facts.join(' · ')));
    if (item.note) entry.appendChild(B.el('div', 'cat-change-note', item.note));
    return entry;
  }

  function load(more) {
    var params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (more && nextBefore !== null) params.set('before', String(nextBefore));
    byId('hist-more').disabled = true;
    B.api('/offers/' + encodeURIComponent(offerId) + '/stock-history?' + params.toString()).then(function (page) {
      var list = byId('hist-items');
      if (!more) list.textContent = '';
      page.items.forEach(function (item) { list.appendChild(render(item)); });
      nextBefore = page.next_before;
      byId('hist-more').hidden = nextBefore === null || nextBefore === undefined;
      byId('hist-more').disabled = false;
      byId('hist-empty').hidden = list.children.length > 0;
      list.dataset.loaded = 'true';
    }, function (error) {
      byId('hist-more').disabled = false;
      FG.showError(error, error.status === 0 || error.status >= 500 ? function () { load(more); } : null);
    });
  }

  function show(chosen) {
    mine = chosen;
    offerId = C.query('offer');
    byId('hist-main').hidden = false;
    byId('hist-shop-name').textContent = mine.shop.name;
    byId('hist-back').href = listUrl();
    B.backButton(function () { window.location.href = listUrl(); });
    if (!offerId) {
      FG.showError(new FG.ApiError('offer_not_found', FG.t('error-offer_not_found'), 404));
      return;
    }
    // The product's name and unit make the numbers readable; the history is shown either way.
    C.offer(mine.shop.id, offerId).then(function (offer) {
      unit = offer.product.unit;
      byId('hist-product').textContent = C.name(offer.product);
      byId('hist-now').textContent = FG.t('page-catalog-stock-now') + ' ' + C.stockText(offer.stock.on_hand, unit);
      load(false);
    }, function () { load(false); });
  }

  FG.start(function () {
    byId('hist-more').addEventListener('click', function () { load(true); });
    C.chooseShop(show);
  });
})();
