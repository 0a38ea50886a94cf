/* /app/seller/catalog: the shop's offers with search and filters, a page at a time; the price and
   the stock change in place (tap the value, type, Enter or leave the field), the offer is shown
   or hidden with one tap. Pickers count stock but do not set prices: they see no price editing. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var C = window.FGC;
  var PAGE_SIZE = 30;
  var SEARCH_DELAY_MS = 300;

  var mine = null;
  var nextOffset = null;
  var generation = 0; // answers of an older search are dropped
  var searchTimer = null;

  function byId(id) { return document.getElementById(id); }

  function shopId() { return mine.shop.id; }

  function filters() {
    var params = new URLSearchParams();
    var q = byId('cat-q').value.trim();
    if (q) params.set('q', q);
    ['category_id', 'visible', 'stock'].forEach(function (name) {
      var value = byId('cat-filters').elements[name].value;
      if (value) params.set(name, value);
    });
    params.set('limit', String(PAGE_SIZE));
    return params;
  }

  // -- one row ---------------------------------------------------------------------------------

  function stockBadge(stock) {
    if (stock.available <= 0) return 'out';
    return stock.low ? 'low' : null;
  }

  function rowError(item, error) {
    var line = item.querySelector('.cat-row-error');
    line.textContent = error ? (error.message || FG.t('error-generic')) : '';
    line.dataset.code = error ? (error.code || '') : '';
    line.hidden = !error;
  }

  function render(offer) {
    var product = offer.product;
    var unit = product.unit;
    var item = B.el('li', 'cat-item');
    item.dataset.offer = offer.id;
    item.dataset.visible = String(offer.visible);

    var url = C.photo(product);
    var thumb = B.el(url ? 'img' : 'div', 'cat-thumb');
    if (url) { thumb.src = url; thumb.alt = ''; thumb.loading = 'lazy'; }
    item.appendChild(thumb);

    var body = B.el('div', 'cat-body');
    var title = B.el('div', 'cat-name');
    title.appendChild(B.el('span', null, C.name(product)));
    if (!offer.visible) title.appendChild(B.el('span', 'cat-badge', FG.t('page-catalog-badge-hidden')));
    if (offer.old_price !== null && offer.old_price !== undefined) {
      title.appendChild(B.el('span', 'cat-badge cat-badge-sale', FG.t('page-catalog-badge-sale')));
    }
    body.appendChild(title);

    var line = B.el('div', 'cat-line');
    var price;
    if (C.isPicker(mine)) {
      price = B.el('span', 'cat-value cat-price', C.priceText(offer));
    } else {
      price = B.el('button', 'cat-value cat-price cat-editable', C.priceText(offer));
      price.type = 'button';
      price.title = FG.t('page-catalog-tap-to-edit');
      price.addEventListener('click', function () {
        editInPlace(item, price, C.rubles(offer.price), function (text) {
          var minor = C.parseRubles(text);
          if (minor === null) return unreadable('page-catalog-price-unreadable');
          if (minor === offer.price) return null;
          return { path: '/offers/' + offer.id, method: 'PATCH', body: { price: minor } };
        });
      });
    }
    line.appendChild(price);

    var stock = B.el('button', 'cat-value cat-stock cat-editable', C.stockText(offer.stock.on_hand, unit));
    stock.type = 'button';
    stock.title = FG.t('page-catalog-tap-to-edit');
    stock.addEventListener('click', function () {
      editInPlace(item, stock, C.stockInput(offer.stock.on_hand, unit), function (text) {
        var amount = C.parseStock(text, unit);
        if (amount === null) {
          return unreadable(unit === 'weight' ? 'page-catalog-stock-unreadable-kg' : 'page-catalog-stock-unreadable-piece');
        }
        if (amount === offer.stock.on_hand) return null;
        return { path: '/offers/' + offer.id + '/stock', method: 'PUT', body: { on_hand: amount } };
      });
    });
    line.appendChild(stock);
    var badge = stockBadge(offer.stock);
    if (badge) {
      var mark = B.el('span', 'cat-badge', FG.t(badge === 'out' ? 'page-catalog-badge-out' : 'page-catalog-badge-low'));
      mark.dataset.stock = badge;
      line.appendChild(mark);
    }
    if (offer.stock.reserved + offer.stock.allocated > 0) {
      line.appendChild(B.el('span', 'fg-hint cat-held',
        FG.t('page-catalog-available') + ' ' + C.stockText(offer.stock.available, unit)));
    }
    body.appendChild(line);

    var error = B.el('p', 'fg-field-error cat-row-error');
    error.hidden = true;
    body.appendChild(error);

    var actions = B.el('div', 'cat-row-actions');
    if (!C.isPicker(mine)) {
      var toggle = B.el('button', 'fg-link cat-toggle',
        FG.t(offer.visible ? 'page-catalog-hide' : 'page-catalog-show'));
      toggle.type = 'button';
      toggle.addEventListener('click', function () {
        save(item, { path: '/offers/' + offer.id, method: 'PATCH', body: { visible: !offer.visible } }, toggle);
      });
      actions.appendChild(toggle);
      var edit = B.el('a', 'fg-link cat-edit', FG.t('page-catalog-edit'));
      edit.href = C.pageUrl('/app/seller/catalog/product', { shop: shopId(), offer: offer.id });
      actions.appendChild(edit);
    }
    var history = B.el('a', 'fg-link cat-history', FG.t('page-catalog-history'));
    history.href = C.pageUrl('/app/seller/catalog/stock', { shop: shopId(), offer: offer.id });
    actions.appendChild(history);
    body.appendChild(actions);

    item.appendChild(body);
    return item;
  }

  function unreadable(key) {
    return { error: new FG.ApiError('unreadable', FG.t(key), 422) };
  }

  // -- editing in place ------------------------------------------------------------------------

  // Replace ``shown`` by an input holding ``initial``; Enter or leaving the field saves what
  // ``request(text)`` asks for (null: nothing changed), Escape puts the value back.
  function editInPlace(item, shown, initial, request) {
    var input = B.el('input', 'fg-input cat-inline');
    input.type = 'text';
    input.inputMode = 'decimal';
    input.value = initial;
    input.setAttribute('aria-label', shown.title || '');
    var done = false;

    function restore() {
      done = true;
      input.replaceWith(shown);
      rowError(item, null);
    }

    function commit() {
      if (done) return;
      var asked = request(input.value);
      if (asked === null) { restore(); return; }
      if (asked.error) {
        input.setAttribute('aria-invalid', 'true');
        rowError(item, asked.error);
        return;
      }
      done = true;
      input.disabled = true;
      save(item, asked, null, function () {
        // Stay in the field so the person can correct what they typed.
        done = false;
        input.disabled = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      });
    }

    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { event.preventDefault(); commit(); }
      if (event.key === 'Escape') { event.preventDefault(); restore(); }
    });
    input.addEventListener('blur', commit);
    shown.replaceWith(input);
    input.focus();
    input.select();
  }

  function save(item, asked, button, onFailure) {
    FG.hideError();
    rowError(item, null);
    if (button) button.disabled = true;
    B.api(asked.path, { method: asked.method, body: asked.body }).then(function (offer) {
      var fresh = render(offer);
      fresh.dataset.saved = 'true';
      item.replaceWith(fresh);
    }, function (error) {
      if (button) button.disabled = false;
      rowError(item, error);
      if (onFailure) onFailure(error);
    });
  }

  // -- the list --------------------------------------------------------------------------------

  function load(more) {
    var params = filters();
    if (more) params.set('offset', String(nextOffset));
    var mineGeneration = more ? generation : ++generation;
    var list = byId('cat-items');
    byId('cat-more').disabled = true;
    B.api('/shops/' + encodeURIComponent(shopId()) + '/offers?' + params.toString()).then(function (page) {
      if (mineGeneration !== generation) return;
      if (!more) list.textContent = '';
      page.items.forEach(function (offer) { list.appendChild(render(offer)); });
      nextOffset = page.next_offset;
      byId('cat-more').hidden = nextOffset === null || nextOffset === undefined;
      byId('cat-more').disabled = false;
      byId('cat-empty').hidden = list.children.length > 0;
      list.dataset.loaded = String(generation);
    }, function (error) {
      byId('cat-more').disabled = false;
      FG.showError(error, error.status === 0 || error.status >= 500 ? function () { load(more); } : null);
    });
  }

  function searchSoon() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { load(false); }, SEARCH_DELAY_MS);
  }

  function show(chosen) {
    mine = chosen;
    byId('cat-main').hidden = false;
    byId('cat-shop-name').textContent = mine.shop.name;
    var picker = C.isPicker(mine);
    byId('cat-picker-note').hidden = !picker;
    byId('cat-add').hidden = picker;
    byId('cat-import').hidden = picker;
    var addUrl = C.pageUrl('/app/seller/catalog/product', { shop: shopId() });
    byId('cat-add').href = addUrl;
    byId('cat-import').href = C.pageUrl('/app/seller/catalog/import', { shop: shopId() });
    if (!picker) B.mainButton(FG.t('page-catalog-add'), function () { window.location.href = addUrl; });
    C.categories().then(function (list) {
      C.fillCategories(byId('cat-category'), list, FG.t('page-catalog-all-categories'));
    }, function () { /* filtering by category is optional; the list still works */ });
    load(false);
  }

  FG.start(function () {
    byId('cat-q').addEventListener('input', searchSoon);
    byId('cat-filters').addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(searchTimer);
      load(false);
    });
    ['cat-category', 'cat-visible', 'cat-stock'].forEach(function (id) {
      byId(id).addEventListener('change', function () { load(false); });
    });
    byId('cat-more').addEventListener('click', function () { load(true); });
    C.chooseShop(show);
  });
})();
