/* /app/seller/catalog/product: add a product to the shop (pick one from the platform's catalog,
   or describe the shop's own, photos uploaded through POST /media) with its price and stock, or
   edit an offer (?offer=): its price, visibility and stock, and the product if it is the shop's
   own. The main button saves; each wrong field is explained next to it. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var C = window.FGC;
  var SEARCH_DELAY_MS = 300;
  var PICK_PAGE = 20;

  var mine = null;
  var form = null;
  var mode = 'platform'; // new offers: 'platform' or 'own'; 'edit' for an existing offer
  var offer = null; // the offer being edited
  var picked = null; // the platform product chosen
  var unit = 'piece';
  var photos = []; // [{ref, url}]
  var busy = false;
  var pickOffset = null;
  var pickGeneration = 0;
  var pickTimer = null;

  function byId(id) { return document.getElementById(id); }

  function field(name) { return form.elements[name]; }

  function value(name) { return (field(name).value || '').trim(); }

  function listUrl() { return C.pageUrl('/app/seller/catalog', { shop: mine.shop.id }); }

  function ownProduct() { return mode === 'own' || (mode === 'edit' && offer.own); }

  function currentUnit() {
    if (mode === 'edit') return offer.product.unit;
    if (mode === 'platform') return picked ? picked.unit : 'piece';
    return unit;
  }

  // -- how the form looks ----------------------------------------------------------------------

  function pressed(group, attribute, chosen) {
    Array.prototype.forEach.call(byId(group).querySelectorAll('button'), function (button) {
      button.setAttribute('aria-pressed', String(button.dataset[attribute] === chosen));
    });
  }

  function sync() {
    var editing = mode === 'edit';
    byId('prod-mode').hidden = editing;
    byId('prod-platform').hidden = mode !== 'platform';
    byId('prod-product').hidden = mode === 'platform';
    byId('prod-fields').hidden = !ownProduct();
    byId('prod-readonly-name').hidden = ownProduct();
    byId('prod-readonly-note').hidden = ownProduct();
    pressed('prod-mode', 'mode', mode);
    var shownUnit = currentUnit();
    pressed('prod-unit', 'unit', shownUnit);
    Array.prototype.forEach.call(byId('prod-unit').querySelectorAll('button'), function (button) {
      button.disabled = editing;
    });
    byId('prod-unit-fixed').hidden = !editing;
    byId('prod-step-field').hidden = shownUnit !== 'weight';
    var per = FG.t(shownUnit === 'weight' ? 'page-catalog-price-per-kg' : 'page-catalog-price-per-piece');
    byId('prod-price-per').textContent = per;
    var stockLabel = FG.t(shownUnit === 'weight' ? 'page-catalog-stock-kg' : 'page-catalog-stock-pieces');
    form.querySelector('label[for="f-stock"]').textContent = stockLabel;
    var offerReady = mode !== 'platform' || picked !== null;
    byId('prod-offer').hidden = !offerReady;
    byId('prod-title').textContent = FG.t(editing ? 'page-catalog-product-edit-title' : 'page-catalog-product-title');
  }

  function renderPhotos() {
    var list = byId('prod-photos');
    list.textContent = '';
    photos.forEach(function (photo, index) {
      var item = B.el('li', 'cat-photo');
      item.dataset.ref = photo.ref;
      if (photo.url) {
        var image = B.el('img');
        image.src = photo.url;
        image.alt = '';
        item.appendChild(image);
      } else {
        item.appendChild(B.el('span', 'fg-hint', FG.t('page-catalog-photo-in-telegram')));
      }
      var remove = B.el('button', 'fg-link fg-danger cat-photo-remove', FG.t('page-catalog-photo-remove'));
      remove.type = 'button';
      remove.addEventListener('click', function () {
        photos.splice(index, 1);
        renderPhotos();
      });
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  function upload(files) {
    var chosen = Array.prototype.slice.call(files || []);
    if (!chosen.length) return;
    var note = byId('prod-photo-uploading');
    note.hidden = false;
    B.clearErrors(byId('prod-fields'));
    var next = function () {
      var file = chosen.shift();
      if (!file) { note.hidden = true; byId('prod-photo-file').value = ''; return null; }
      return C.send('/media', { body: file, type: file.type || 'application/octet-stream' })
        .then(function (saved) {
          photos.push({ ref: saved.ref, url: saved.url });
          renderPhotos();
          return next();
        });
    };
    Promise.resolve().then(next).catch(function (error) {
      note.hidden = true;
      byId('prod-photo-file').value = '';
      B.showErrors(form, { fields: [{ field: 'photos', code: error.code, message: error.message }] });
    });
  }

  // -- picking a platform product --------------------------------------------------------------

  function pick(product) {
    picked = product;
    byId('prod-platform-items').textContent = '';
    byId('prod-platform-more').hidden = true;
    byId('prod-platform-empty').hidden = true;
    byId('prod-platform-q').hidden = true;
    byId('prod-picked').hidden = false;
    byId('prod-picked-name').textContent = C.name(product);
    sync();
    field('price').focus();
  }

  function unpick() {
    picked = null;
    byId('prod-picked').hidden = true;
    byId('prod-platform-q').hidden = false;
    sync();
    searchPlatform(false);
  }

  function searchPlatform(more) {
    var params = new URLSearchParams();
    var q = byId('prod-platform-q').value.trim();
    if (q) params.set('q', q);
    params.set('limit', String(PICK_PAGE));
    if (more) params.set('offset', String(pickOffset));
    var mineGeneration = more ? pickGeneration : ++pickGeneration;
    var list = byId('prod-platform-items');
    B.api('/shops/' + encodeURIComponent(mine.shop.id) + '/platform-products?' + params.toString())
      .then(function (page) {
        if (mineGeneration !== pickGeneration || picked) return;
        if (!more) list.textContent = '';
        page.items.forEach(function (product) {
          var item = B.el('li');
          var button = B.el('button', 'fg-choice cat-pick');
          button.type = 'button';
          button.dataset.product = product.id;
          var url = C.photo(product);
          if (url) {
            var image = B.el('img', 'cat-thumb');
            image.src = url;
            image.alt = '';
            button.appendChild(image);
          }
          button.appendChild(B.el('span', 'fg-name', C.name(product)));
          button.appendChild(B.el('span', 'fg-hint', FG.t(product.unit === 'weight' ? 'page-catalog-unit-by-weight' : 'page-catalog-unit-by-piece')));
          button.addEventListener('click', function () { pick(product); });
          item.appendChild(button);
          list.appendChild(item);
        });
        pickOffset = page.next_offset;
        byId('prod-platform-more').hidden = pickOffset === null || pickOffset === undefined;
        byId('prod-platform-empty').hidden = list.children.length > 0;
      }, FG.showError);
  }

  // -- reading the form ------------------------------------------------------------------------

  function problem(list, name, key) {
    list.push({ field: name, code: 'unreadable', message: FG.t(key) });
  }

  function grams(list, name) {
    var text = value(name);
    if (!text) return null;
    if (!/^\d{1,6}$/.test(text)) { problem(list, name, 'page-catalog-grams-unreadable'); return null; }
    return parseInt(text, 10);
  }

  function productBody(list) {
    var body = {
      category_id: field('category_id').value || null,
      name_ru: value('name_ru'),
      name_en: value('name_en'),
      description_ru: value('description_ru') || null,
      description_en: value('description_en') || null,
      unit: currentUnit(),
      step_grams: currentUnit() === 'weight' ? grams(list, 'step_grams') : null,
      piece_grams: grams(list, 'piece_grams'),
      photos: photos.map(function (photo) { return photo.ref; }),
      tags: Array.prototype.filter.call(form.querySelectorAll('[name=tags]'), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; }),
      barcode: value('barcode') || null,
    };
    if (!body.category_id) problem(list, 'category_id', 'page-catalog-category-required');
    if (!body.name_ru) problem(list, 'name_ru', 'page-catalog-name-required');
    if (!body.name_en) problem(list, 'name_en', 'page-catalog-name-required');
    if (body.unit === 'weight' && body.step_grams === null && !list.some(function (p) { return p.field === 'step_grams'; })) {
      problem(list, 'step_grams', 'page-catalog-step-required');
    }
    return body;
  }

  function offerBody(list) {
    var body = { visible: field('visible').checked };
    var price = C.parseRubles(value('price'));
    if (price === null) problem(list, 'price', 'page-catalog-price-unreadable');
    body.price = price;
    var oldText = value('old_price');
    body.old_price = null;
    if (oldText) {
      body.old_price = C.parseRubles(oldText);
      if (body.old_price === null) problem(list, 'old_price', 'page-catalog-price-unreadable');
    }
    return body;
  }

  function stockOf(list, name) {
    var text = value(name);
    if (!text) return null;
    var amount = C.parseStock(text, currentUnit());
    if (amount === null) {
      problem(list, name, currentUnit() === 'weight' ? 'page-catalog-stock-unreadable-kg' : 'page-catalog-stock-unreadable-piece');
    }
    return amount;
  }

  // Which field a domain error is about when the API did not name it.
  var FIELD_BY_CODE = {
    invalid_price: 'price', old_price_not_above: 'old_price', invalid_barcode: 'barcode',
    barcode_taken: 'barcode', invalid_photo: 'photos', invalid_tag: 'tags',
    category_not_found: 'category_id', unit_change_not_allowed: 'unit',
    stock_count_invalid: 'stock', stock_below_committed: 'stock',
    stock_threshold_invalid: 'low_threshold', product_not_offerable: 'product_id',
    offer_exists: 'product_id', product_not_found: 'product_id',
  };

  function fieldOf(error) {
    var params = error.params || {};
    if (error.code === 'invalid_unit') return params.field === 'unit' ? 'unit' : (params.field || 'step_grams');
    if (error.code === 'invalid_catalog_text') {
      var pair = params.field === 'description' ? ['description_ru', 'description_en'] : ['name_ru', 'name_en'];
      var max = params.maximum || 0;
      var ru = value(pair[0]);
      return (!ru && params.field !== 'description') || (max && ru.length > max) ? pair[0] : pair[1];
    }
    return FIELD_BY_CODE[error.code] || null;
  }

  function explain(error) {
    var fields = error.fields && error.fields.length ? error.fields : [];
    if (!fields.length && fieldOf(error)) {
      fields = [{ field: fieldOf(error), code: error.code, message: error.message }];
    }
    var shown = fields.length ? B.showErrors(form, { fields: fields }) : 0;
    byId('prod-problems').hidden = !shown;
    if (!shown) FG.showError(error);
  }

  // -- saving ----------------------------------------------------------------------------------

  function thresholdChange(list) {
    var text = value('low_threshold');
    var wanted = text ? stockOf(list, 'low_threshold') : null;
    var before = offer ? offer.stock.low_threshold : null;
    if (before === undefined) before = null;
    return wanted === before ? undefined : wanted;
  }

  function afterOffer(saved, stock, threshold) {
    var steps = Promise.resolve(saved);
    if (stock !== null && stock !== undefined && (mode !== 'edit' || stock !== offer.stock.on_hand)) {
      steps = steps.then(function () {
        return B.api('/offers/' + saved.id + '/stock', { method: 'PUT', body: { on_hand: stock } });
      });
    }
    if (threshold !== undefined) {
      steps = steps.then(function () {
        return B.api('/offers/' + saved.id + '/low-threshold', { method: 'PUT', body: { threshold: threshold } });
      });
    }
    return steps;
  }

  function submit(event) {
    if (event) event.preventDefault();
    if (busy || !mine) return;
    FG.hideError();
    B.clearErrors(form);
    byId('prod-problems').hidden = true;
    if (mode === 'platform' && !picked) {
      explain({ fields: [{ field: 'product_id', code: 'required', message: FG.t('page-catalog-product-pick-first') }] });
      return;
    }
    var problems = [];
    var product = ownProduct() ? productBody(problems) : null;
    var prices = offerBody(problems);
    var stock = stockOf(problems, 'stock');
    var threshold = thresholdChange(problems);
    if (problems.length) { explain({ fields: problems }); return; }

    var shopPath = '/shops/' + encodeURIComponent(mine.shop.id);
    var saving;
    if (mode === 'own') {
      var created = Object.assign({}, product, prices);
      if (stock !== null) created.stock = stock;
      saving = B.api(shopPath + '/products', { method: 'POST', body: created }).then(function (saved) {
        return afterOffer(saved, null, threshold);
      });
    } else if (mode === 'platform') {
      var offered = Object.assign({ product_id: picked.id }, prices);
      if (stock !== null) offered.stock = stock;
      saving = B.api(shopPath + '/offers', { method: 'POST', body: offered }).then(function (saved) {
        return afterOffer(saved, null, threshold);
      });
    } else {
      saving = Promise.resolve();
      if (product) {
        saving = saving.then(function () {
          return B.api(shopPath + '/products/' + encodeURIComponent(offer.product.id), { method: 'PUT', body: product });
        });
      }
      saving = saving.then(function () {
        return B.api('/offers/' + offer.id, { method: 'PATCH', body: prices });
      }).then(function (saved) {
        return afterOffer(saved, stock, threshold);
      });
    }
    busy = true;
    byId('prod-save').disabled = true;
    saving.then(function () {
      window.location.href = listUrl();
    }, function (error) {
      busy = false;
      byId('prod-save').disabled = false;
      explain(error);
    });
  }

  // -- filling the form ------------------------------------------------------------------------

  function fill(found) {
    offer = found;
    var product = found.product;
    byId('prod-readonly-name').textContent = C.name(product);
    field('category_id').value = product.category_id;
    field('name_ru').value = product.name_ru || '';
    field('name_en').value = product.name_en || '';
    field('description_ru').value = product.description_ru || '';
    field('description_en').value = product.description_en || '';
    field('step_grams').value = product.step_grams === null ? '' : product.step_grams;
    field('piece_grams').value = product.piece_grams === null ? '' : product.piece_grams;
    field('barcode').value = product.barcode || '';
    Array.prototype.forEach.call(form.querySelectorAll('[name=tags]'), function (box) {
      box.checked = (product.tags || []).indexOf(box.value) >= 0;
    });
    photos = (product.photos || []).map(function (photo) { return { ref: photo.ref, url: photo.url }; });
    renderPhotos();
    field('price').value = C.rubles(found.price);
    field('old_price').value = found.old_price === null || found.old_price === undefined ? '' : C.rubles(found.old_price);
    field('stock').value = C.stockInput(found.stock.on_hand, product.unit);
    var threshold = found.stock.low_threshold;
    field('low_threshold').value = threshold === null || threshold === undefined ? '' : C.stockInput(threshold, product.unit);
    field('visible').checked = !!found.visible;
  }

  function show(chosen) {
    mine = chosen;
    if (C.isPicker(mine)) {
      FG.showError(new FG.ApiError('permission_denied', FG.t('error-permission_denied'), 403));
      return;
    }
    byId('prod-shop-name').textContent = mine.shop.name;
    byId('prod-cancel').href = listUrl();
    B.backButton(function () { window.location.href = listUrl(); });
    var offerId = C.query('offer');
    var ready = C.categories().then(function (list) {
      C.fillCategories(field('category_id'), list, FG.t('page-catalog-category-choose'));
    });
    if (offerId) {
      mode = 'edit';
      Promise.all([ready, C.offer(mine.shop.id, offerId)]).then(function (answers) {
        fill(answers[1]);
        form.hidden = false;
        sync();
        B.mainButton(FG.t('page-catalog-save'), submit);
      }, function (error) { FG.showError(error); });
      return;
    }
    ready.then(function () {
      form.hidden = false;
      sync();
      searchPlatform(false);
      B.mainButton(FG.t('page-catalog-save'), submit);
    }, function (error) { FG.showError(error); });
  }

  FG.start(function () {
    form = byId('prod-form');
    form.addEventListener('submit', submit);
    Array.prototype.forEach.call(byId('prod-mode').querySelectorAll('button'), function (button) {
      button.addEventListener('click', function () {
        mode = button.dataset.mode;
        B.clearErrors(form);
        sync();
      });
    });
    Array.prototype.forEach.call(byId('prod-unit').querySelectorAll('button'), function (button) {
      button.addEventListener('click', function () {
        if (mode === 'edit') return;
        unit = button.dataset.unit;
        sync();
      });
    });
    byId('prod-photo-file').addEventListener('change', function (event) { upload(event.target.files); });
    byId('prod-platform-q').addEventListener('input', function () {
      clearTimeout(pickTimer);
      pickTimer = setTimeout(function () { searchPlatform(false); }, SEARCH_DELAY_MS);
    });
    byId('prod-platform-more').addEventListener('click', function () { searchPlatform(true); });
    byId('prod-picked-change').addEventListener('click', unpick);
    C.chooseShop(show);
  });
})();
