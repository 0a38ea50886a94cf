/*
 * FGC: what the seller catalog pages share (on top of window.FG and window.FGB).
 *
 *   FGC.chooseShop(fn)          the shop of ?shop=, the only one, or the one the person picks in
 *                               the #cat-shops list; fn(mine) gets /me/shops' entry
 *   FGC.query(name)             a parameter of the page's URL
 *   FGC.pageUrl(path, params)   a catalog page's URL, keeping the page's language
 *   FGC.send(path, options)     FGB.api for bodies that are not JSON (CSV, images): options.body
 *                               is sent as it is with options.type as its Content-Type
 *   FGC.download(path, name)    fetch a file from the API (signed in) and save it
 *   FGC.parseRubles(text)       "89,90" -> 8990 kopecks (null if unreadable); FGC.rubles(minor)
 *   FGC.parseStock(text, unit)  pieces, or kilograms typed -> grams (null if unreadable)
 *   FGC.stockInput(n, unit)     the number as typed in an input ("1,5" for 1500 g)
 *   FGC.stockText(n, unit)      "12 шт", "1,5 кг"; FGC.priceText(offer) "89,90 ₽ / кг"
 *   FGC.name(product)           the product's name in the page's language
 *   FGC.photo(product)          the first photo a page can show (URL) or null
 *   FGC.categories()            GET /categories once per page (a promise of the list)
 *   FGC.isPicker(mine)          pickers change stock but not prices or products
 *   FGC.offer(shopId, offerId)  one offer of the shop (a promise)
 */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;

  function byId(id) { return document.getElementById(id); }

  function query(name) {
    return new URLSearchParams(window.location.search).get(name);
  }

  function pageUrl(path, params) {
    var url = new URL(path, window.location.origin);
    url.searchParams.set('lang', FG.config.lang || 'ru');
    Object.keys(params || {}).forEach(function (key) {
      if (params[key] !== null && params[key] !== undefined) url.searchParams.set(key, params[key]);
    });
    return url.pathname + url.search;
  }

  function withLang(path) {
    var separator = path.indexOf('?') >= 0 ? '&' : '?';
    return (FG.config.apiBase || '/api/v1') + path + separator + 'lang=' +
      encodeURIComponent(FG.config.lang || 'ru');
  }

  function authHeaders() {
    var data = (FG.tg && FG.tg.initData) || '';
    return data ? { 'Authorization': 'tma ' + data } : null;
  }

  function failureOf(response, json) {
    var error = (json && json.error) || {};
    var failure = new FG.ApiError(error.code || 'internal', error.message || response.statusText,
                                  response.status);
    failure.fields = error.fields || [];
    failure.params = error.params || {};
    failure.rows = error.rows || [];
    return failure;
  }

  function send(path, options) {
    var headers = authHeaders();
    if (!headers) {
      return Promise.reject(new FG.ApiError('outside_telegram', FG.t('page-outside-telegram'), 401));
    }
    headers['Accept'] = 'application/json';
    if (options.type) headers['Content-Type'] = options.type;
    return fetch(withLang(path), {
      method: options.method || 'POST', headers: headers, body: options.body, credentials: 'omit',
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (json) {
        if (response.ok) return json;
        throw failureOf(response, json);
      });
    }, function () {
      throw new FG.ApiError('unavailable', FG.t('error-unavailable'), 0);
    });
  }

  function download(path, fallbackName) {
    var headers = authHeaders();
    if (!headers) {
      return Promise.reject(new FG.ApiError('outside_telegram', FG.t('page-outside-telegram'), 401));
    }
    return fetch(withLang(path), { headers: headers, credentials: 'omit' }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return null; }).then(function (json) {
          throw failureOf(response, json);
        });
      }
      var disposition = response.headers.get('Content-Disposition') || '';
      var named = /filename="?([^";]+)"?/.exec(disposition);
      return response.blob().then(function (blob) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = named ? named[1] : fallbackName;
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      });
    }, function () {
      throw new FG.ApiError('unavailable', FG.t('error-unavailable'), 0);
    });
  }

  // -- numbers as people type them: integer arithmetic on the digits, never floats -----------

  function parseDecimal(text, places) {
    var cleaned = String(text || '').replace(/[\s\u00a0₽]/g, '').replace(',', '.');
    var pattern = new RegExp('^(\\d{1,9})(?:\\.(\\d{0,' + places + '}))?$');
    var found = pattern.exec(cleaned);
    if (!found) return null;
    var fraction = (found[2] || '');
    while (fraction.length < places) fraction += '0';
    return parseInt(found[1], 10) * Math.pow(10, places) + (places ? parseInt(fraction, 10) : 0);
  }

  function decimalText(value, places, trim) {
    var scale = Math.pow(10, places);
    var sign = value < 0 ? '-' : '';
    var whole = Math.floor(Math.abs(value) / scale);
    var fraction = String(Math.abs(value) % scale);
    while (fraction.length < places) fraction = '0' + fraction;
    if (trim) fraction = fraction.replace(/0+$/, '');
    var separator = FG.config.lang === 'en' ? '.' : ',';
    return sign + whole + (fraction ? separator + fraction : '');
  }

  function parseRubles(text) { return parseDecimal(text, 2); }

  function rubles(minor) { return minor === null || minor === undefined ? '' : decimalText(minor, 2, false); }

  function parseStock(text, unit) {
    return parseDecimal(text, unit === 'weight' ? 3 : 0);
  }

  function stockInput(amount, unit) {
    return unit === 'weight' ? decimalText(amount, 3, true) : String(amount);
  }

  function stockText(amount, unit) {
    return stockInput(amount, unit) + ' ' +
      FG.t(unit === 'weight' ? 'page-catalog-unit-kg' : 'page-catalog-unit-piece');
  }

  function priceText(offer) {
    return offer.price_text + ' / ' +
      FG.t(offer.per === 'kg' ? 'page-catalog-unit-kg' : 'page-catalog-unit-piece');
  }

  function name(product) {
    return FG.config.lang === 'en' ? (product.name_en || product.name_ru) : (product.name_ru || product.name_en);
  }

  function photo(product) {
    var shown = (product.photos || []).filter(function (one) { return one.url; })[0];
    return shown ? shown.url : null;
  }

  var categoriesOnce = null;
  function categories() {
    if (!categoriesOnce) {
      categoriesOnce = B.api('/categories').then(function (answer) { return answer.categories; });
      categoriesOnce.catch(function () { categoriesOnce = null; });
    }
    return categoriesOnce;
  }

  // Options of a category select, indented by depth: "" first when ``empty`` names it.
  function fillCategories(select, list, empty) {
    var chosen = select.value;
    select.textContent = '';
    if (empty !== null && empty !== undefined) {
      var none = B.el('option', null, empty);
      none.value = '';
      select.appendChild(none);
    }
    list.forEach(function (category) {
      var indent = new Array((category.depth || 0) + 1).join('\u2003');
      var option = B.el('option', null, indent + (category.emoji ? category.emoji + ' ' : '') + category.name);
      option.value = category.id;
      select.appendChild(option);
    });
    select.value = chosen;
  }

  function isPicker(mine) { return mine.role === 'picker'; }

  // One offer of the shop, with its product and stock.
  function offer(shopId, offerId) {
    return B.api('/offers/' + encodeURIComponent(offerId));
  }

  // -- which shop -----------------------------------------------------------------------------

  function showChoices(shops, fn) {
    var box = byId('cat-shops');
    var list = byId('cat-shop-choices');
    box.hidden = false;
    byId('cat-shops-none').hidden = shops.length > 0;
    list.textContent = '';
    shops.forEach(function (mine) {
      var item = B.el('li');
      var button = B.el('button', 'fg-choice');
      button.type = 'button';
      button.dataset.shop = mine.shop.id;
      button.appendChild(B.el('span', 'fg-name', mine.shop.name));
      button.appendChild(B.el('span', 'fg-hint', mine.shop.address));
      button.addEventListener('click', function () {
        box.hidden = true;
        var url = new URL(window.location.href);
        url.searchParams.set('shop', mine.shop.id);
        window.history.replaceState(null, '', url.pathname + url.search + url.hash);
        fn(mine);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function chooseShop(fn) {
    var loading = byId('fg-loading');
    B.api('/me/shops').then(function (answer) {
      if (loading) loading.hidden = true;
      var shops = answer.shops;
      var wanted = query('shop');
      var chosen = shops.filter(function (mine) { return mine.shop.id === wanted; })[0];
      if (!chosen && !wanted && shops.length === 1) chosen = shops[0];
      if (chosen) fn(chosen);
      else showChoices(shops, fn);
    }, function (error) {
      if (loading) loading.hidden = true;
      FG.showError(error, error.status === 0 || error.status >= 500 ? function () { chooseShop(fn); } : null);
    });
  }

  window.FGC = {
    chooseShop: chooseShop,
    query: query,
    pageUrl: pageUrl,
    send: send,
    download: download,
    parseRubles: parseRubles,
    rubles: rubles,
    parseStock: parseStock,
    stockInput: stockInput,
    stockText: stockText,
    priceText: priceText,
    name: name,
    photo: photo,
    categories: categories,
    fillCategories: fillCategories,
    isPicker: isPicker,
    offer: offer,
  };
})();
