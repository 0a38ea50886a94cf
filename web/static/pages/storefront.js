/*
 * /app/shop: the customer's storefront. Shops delivering to my address (chips when several),
 * category chips and search, a photo grid paged as it scrolls, steppers that change my cart in
 * the chosen shop, and the cart sheet (issues, accepting changes, the minimum order). Every cart
 * change answers with the whole cart, which the page redraws from. Checkout and "my orders"
 * live in storefront_checkout.js (window.FGCheckout, loaded first), made here with the store
 * below; while one of its views is open it owns Telegram's main and back buttons.
 */
(function () {
  'use strict';

  var PAGE_SIZE = 20;
  var SEARCH_DELAY_MS = 350;

  var state = {
    point: {},        // address_id, or lat and lon, as the page was opened with
    shops: [],
    shopId: null,
    categoryId: null,
    query: '',
    nextOffset: 0,
    loading: false,
    generation: 0,    // bumps on every new listing, so late pages of an old one are dropped
    items: {},        // offer id -> the grid tile's data
    cart: null,
    sheetOpen: false,
  };
  var main = { hide: null, text: '', action: null };
  var back = { hide: null, action: null };
  var external = false;  // checkout or my orders own Telegram's buttons
  var checkout = null;   // FGCheckout's controller

  function $(id) { return document.getElementById(id); }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function query(extra) {
    var params = new URLSearchParams();
    params.set('lang', FG.config.lang);
    Object.keys(state.point).forEach(function (name) { params.set(name, state.point[name]); });
    Object.keys(extra || {}).forEach(function (name) {
      var value = extra[name];
      if (value !== null && value !== undefined && value !== '') params.set(name, value);
    });
    return '?' + params.toString();
  }

  function quantityText(quantity, unit) {
    if (unit !== 'weight') return quantity + '\u00a0' + FG.t('page-store-unit-pcs');
    if (quantity < 1000) return quantity + '\u00a0' + FG.t('page-store-unit-g');
    var kilograms = (quantity / 1000).toLocaleString(FG.config.lang, { maximumFractionDigits: 3 });
    return kilograms + '\u00a0' + FG.t('page-store-unit-kg');
  }

  function priceText(price, per) {
    return price.text + '\u00a0/\u00a0' + FG.t(per === 'kg' ? 'page-store-per-kg' : 'page-store-per-piece');
  }

  function picture(photoUrl, emoji, className) {
    var box = make('div', className);
    if (photoUrl) {
      var image = make('img');
      image.src = photoUrl;
      image.alt = '';
      image.loading = 'lazy';
      box.appendChild(image);
    } else {
      box.appendChild(make('span', 'sf-emoji', emoji || '🛒'));
      box.dataset.placeholder = 'true';
    }
    return box;
  }

  function inCart(offerId) {
    if (!state.cart) return 0;
    for (var i = 0; i < state.cart.lines.length; i++) {
      if (state.cart.lines[i].offer_id === offerId) return state.cart.lines[i].quantity;
    }
    return 0;
  }

  // -- the cart -----------------------------------------------------------------------------

  function cartPath(suffix) {
    return '/me/carts/' + state.shopId + (suffix || '');
  }

  function changeCart(request) {
    return request.then(applyCart, function (error) { FG.showError(error); });
  }

  function step(offerId, steps) {
    return changeCart(FG.api(cartPath('/lines/' + offerId + '/step') + query(),
                             { method: 'POST', body: { steps: steps } }));
  }

  function setQuantity(offerId, quantity) {
    return changeCart(FG.api(cartPath('/lines/' + offerId) + query(),
                             { method: 'PUT', body: { quantity: quantity } }));
  }

  function loadCart() {
    if (!state.shopId) return Promise.resolve();
    return FG.api(cartPath() + query()).then(applyCart, function (error) { FG.showError(error); });
  }

  function applyCart(cart) {
    if (!cart || cart.shop.id !== state.shopId) return;
    state.cart = cart;
    Object.keys(state.items).forEach(function (offerId) { drawAction(offerId); });
    drawCartBar();
    if (state.sheetOpen) drawSheet();
  }

  function cartTotalText(cart) {
    return (cart.estimated ? '≈\u00a0' : '') + cart.subtotal.text;
  }

  // Whether checkout can start from the cart: something to order, nothing changed in it, the
  // minimum reached (checkout itself judges the hours and the address).
  function orderable(cart) {
    if (!cart || !cart.lines.length || !cart.min_order_reached) return false;
    return cart.lines.every(function (line) { return line.issues.length === 0; });
  }

  function drawCartBar() {
    var cart = state.cart;
    var bar = $('sf-cart-bar');
    var filled = Boolean(cart && cart.lines.length);
    bar.hidden = !filled;
    document.body.classList.toggle('sf-with-bar', filled);
    if (filled) {
      $('sf-cart-count').textContent = String(cart.lines.length);
      $('sf-cart-total').textContent = cartTotalText(cart);
    }
    drawMain();
  }

  function drawMain() {
    if (external) return;
    var cart = state.cart;
    if (!cart || !cart.lines.length) {
      setMain(null);
    } else if (!state.sheetOpen) {
      setMain(FG.t('page-store-cart') + ' · ' + cartTotalText(cart), openSheet);
    } else if (checkout && orderable(cart)) {
      setMain(FG.t('page-checkout-open'), startCheckout);
    } else {
      setMain(null);
    }
  }

  // Telegram's main button: one handler, whose action changes with the view.
  function setMain(text, action) {
    main.action = action || null;
    if (!text) {
      if (main.hide) main.hide();
      main.hide = null;
      main.text = '';
      return;
    }
    if (main.hide && FG.tg && FG.tg.MainButton) {
      if (text !== main.text) FG.tg.MainButton.setText(text);
    } else {
      main.hide = FG.mainButton(text, function () { if (main.action) main.action(); });
    }
    main.text = text;
  }

  function setBack(action) {
    back.action = action || null;
    if (!action) {
      if (back.hide) back.hide();
      back.hide = null;
    } else if (!back.hide) {
      back.hide = FG.backButton(function () { if (back.action) back.action(); });
    }
  }

  function openSheet() {
    state.sheetOpen = true;
    $('sf-sheet').hidden = false;
    document.body.classList.add('sf-sheet-open');
    setBack(closeSheet);
    drawCartBar();
    if (state.cart) drawSheet();
    loadCart();  // the latest prices and stock, not the ones the grid was drawn with
  }

  function closeSheet() {
    state.sheetOpen = false;
    $('sf-sheet').hidden = true;
    document.body.classList.remove('sf-sheet-open');
    setBack(null);
    drawCartBar();
  }

  function startCheckout() {
    if (checkout && orderable(state.cart)) checkout.openCheckout(state.shopId);
  }

  function issueText(line, issue) {
    var label = FG.t('page-store-issue-' + issue);
    if (issue === 'price_changed') return label + ' ' + line.seen_price.text + ' → ' + line.price.text;
    if (issue === 'not_enough') return label + ' ' + quantityText(line.available, line.unit);
    return label;
  }

  function drawLine(line) {
    var item = make('li', 'sf-line');
    item.dataset.offer = line.offer_id;
    if (!line.orderable) item.classList.add('sf-line-gone');
    item.appendChild(picture(line.photo_url, line.emoji, 'sf-line-photo'));
    var body = make('div', 'sf-line-body');
    body.appendChild(make('div', 'sf-line-name', line.name));
    body.appendChild(make('div', 'fg-hint', priceText(line.price, line.per)));
    line.issues.forEach(function (issue) {
      var note = make('div', 'sf-issue', issueText(line, issue));
      note.dataset.issue = issue;
      body.appendChild(note);
    });
    var controls = make('div', 'sf-line-controls');
    if (line.orderable) controls.appendChild(stepper(line.offer_id, line.quantity, line.unit));
    var remove = make('button', 'fg-link sf-remove', FG.t('page-store-remove'));
    remove.type = 'button';
    remove.addEventListener('click', function () { setQuantity(line.offer_id, 0); });
    controls.appendChild(remove);
    body.appendChild(controls);
    item.appendChild(body);
    item.appendChild(make('div', 'sf-line-total', line.orderable ? line.total.text : ''));
    return item;
  }

  function drawSheet() {
    var cart = state.cart;
    $('sf-sheet-shop').textContent = cart.shop.name;
    var issues = $('sf-cart-issues');
    issues.textContent = '';
    cart.issues.forEach(function (issue) {
      var note = make('li', 'sf-issue', FG.t('page-store-cart-issue-' + issue));
      note.dataset.issue = issue;
      issues.appendChild(note);
    });
    var lines = $('sf-lines');
    lines.textContent = '';
    cart.lines.forEach(function (line) { lines.appendChild(drawLine(line)); });
    $('sf-cart-empty').hidden = cart.lines.length > 0;
    $('sf-accept-row').hidden = !cart.needs_attention || cart.lines.length === 0;
    $('sf-min').hidden = cart.lines.length === 0;
    var minimum = cart.shop.min_order.minor;
    var share = minimum > 0 ? Math.min(1, cart.subtotal.minor / minimum) : 1;
    $('sf-min-bar').style.width = Math.round(share * 100) + '%';
    $('sf-min').dataset.reached = String(cart.min_order_reached);
    $('sf-min-text').textContent = cart.min_order_reached
      ? FG.t('page-store-min-order-reached')
      : FG.t('page-store-min-order-missing') + ' ' + cart.min_order_missing.text;
    $('sf-subtotal').textContent = cart.subtotal_text;
    $('sf-delivery').textContent = cart.shop.delivery_fee.text;
    $('sf-min-order').textContent = cart.shop.min_order.text;
    $('sf-checkout-row').hidden = !(checkout && orderable(cart));
  }

  // -- the grid -----------------------------------------------------------------------------

  function stepper(offerId, quantity, unit) {
    var box = make('div', 'sf-stepper');
    var less = make('button', 'sf-step sf-less', '−');
    less.type = 'button';
    less.setAttribute('aria-label', FG.t('page-store-less'));
    less.addEventListener('click', function () { step(offerId, -1); });
    var more = make('button', 'sf-step sf-plus', '+');
    more.type = 'button';
    more.setAttribute('aria-label', FG.t('page-store-more-of'));
    more.addEventListener('click', function () { step(offerId, 1); });
    box.appendChild(less);
    box.appendChild(make('span', 'sf-qty', quantityText(quantity, unit)));
    box.appendChild(more);
    return box;
  }

  function drawAction(offerId) {
    var item = state.items[offerId];
    var tile = document.querySelector('.sf-tile[data-offer="' + offerId + '"]');
    if (!item || !tile) return;
    var action = tile.querySelector('.sf-action');
    action.textContent = '';
    if (item.available === 0) {
      action.appendChild(make('span', 'sf-out-label', FG.t('page-store-out-of-stock')));
      return;
    }
    var quantity = inCart(offerId);
    tile.dataset.inCart = String(quantity);
    if (quantity > 0) {
      action.appendChild(stepper(offerId, quantity, item.unit));
      return;
    }
    var add = make('button', 'fg-button sf-add', FG.t('page-store-add'));
    add.type = 'button';
    add.addEventListener('click', function () { step(offerId, 1); });
    action.appendChild(add);
  }

  function drawTile(item) {
    state.items[item.offer_id] = item;
    var tile = make('li', 'sf-tile');
    tile.dataset.offer = item.offer_id;
    if (item.available === 0) tile.classList.add('sf-out');
    tile.appendChild(picture(item.photo_url, item.emoji, 'sf-photo'));
    tile.appendChild(make('div', 'sf-name', item.name));
    var prices = make('div', 'sf-prices');
    prices.appendChild(make('span', 'sf-price', priceText(item.price, item.per)));
    if (item.old_price) prices.appendChild(make('s', 'sf-old-price', item.old_price.text));
    tile.appendChild(prices);
    tile.appendChild(make('div', 'sf-action'));
    return tile;
  }

  function resetGrid() {
    state.generation += 1;
    state.items = {};
    state.nextOffset = 0;
    state.loading = false;
    $('sf-grid').textContent = '';
    $('sf-empty').hidden = true;
    $('sf-more').hidden = true;
    fetchMore();
  }

  function fetchMore() {
    if (state.loading || state.nextOffset === null || !state.shopId) return;
    state.loading = true;
    var generation = state.generation;
    var filters = { shop_id: state.shopId, category_id: state.categoryId,
                    offset: state.nextOffset, limit: PAGE_SIZE };
    var path = state.query
      ? '/storefront/search' + query(Object.assign({ q: state.query }, filters))
      : '/storefront/offers' + query(filters);
    FG.api(path).then(function (page) {
      if (generation !== state.generation) return;
      var grid = $('sf-grid');
      page.items.forEach(function (item) {
        grid.appendChild(drawTile(item));
        drawAction(item.offer_id);
      });
      state.nextOffset = page.next_offset;
      state.loading = false;
      $('sf-more').hidden = page.next_offset === null;
      var empty = grid.children.length === 0;
      $('sf-empty').hidden = !empty;
      $('sf-empty').textContent = FG.t(state.query ? 'page-store-nothing-found' : 'page-store-empty');
      grid.dataset.state = 'ready';
    }, function (error) {
      if (generation !== state.generation) return;
      state.loading = false;
      FG.showError(error, fetchMore);
    });
  }

  function chip(text, pressed, onClick) {
    var button = make('button', 'sf-chip', text);
    button.type = 'button';
    button.setAttribute('aria-pressed', pressed ? 'true' : 'false');
    button.addEventListener('click', function () {
      Array.prototype.forEach.call(button.parentNode.children, function (other) {
        other.setAttribute('aria-pressed', other === button ? 'true' : 'false');
      });
      onClick();
    });
    return button;
  }

  function drawShops() {
    var chips = $('sf-shops');
    chips.textContent = '';
    var several = state.shops.length > 1;
    chips.hidden = !several;
    state.shops.forEach(function (shop) {
      var button = chip(shop.name, shop.id === state.shopId, function () { chooseShop(shop.id); });
      button.dataset.shop = shop.id;
      chips.appendChild(button);
    });
    var current = state.shops.filter(function (shop) { return shop.id === state.shopId; })[0];
    $('sf-shop-name').hidden = several || !current;
    $('sf-shop-name').textContent = current ? current.name : '';
  }

  function chooseShop(shopId) {
    if (shopId === state.shopId) return;
    state.shopId = shopId;
    state.cart = null;
    drawCartBar();
    resetGrid();
    loadCart();
  }

  // What checkout and my orders (storefront_checkout.js) use of this page.
  var store = {
    quantityText: quantityText,
    setMain: setMain,
    setBack: setBack,
    // A checkout or orders view opens over the page: it takes Telegram's buttons.
    take: function () {
      external = true;
      state.sheetOpen = false;
      $('sf-sheet').hidden = true;
      document.body.classList.add('sf-sheet-open');
      setMain(null);
      setBack(null);
    },
    release: function () {
      external = false;
      setMain(null);
      setBack(null);
      document.body.classList.remove('sf-sheet-open');
      drawCartBar();
    },
    openCart: openSheet,
    reloadCart: loadCart,
    // A cart (from a reorder) to show: false when its shop is not one delivering here now.
    showCart: function (cart) {
      var listed = state.shops.some(function (shop) { return shop.id === cart.shop.id; });
      if (!listed) return false;
      store.release();
      if (cart.shop.id !== state.shopId) {
        chooseShop(cart.shop.id);
        drawShops();
      }
      applyCart(cart);
      openSheet();
      return true;
    },
  };

  function drawCategories() {
    FG.api('/categories?lang=' + encodeURIComponent(FG.config.lang)).then(function (found) {
      var roots = found.categories.filter(function (category) { return category.depth === 0; });
      var chips = $('sf-categories');
      chips.textContent = '';
      if (!roots.length) return;
      chips.appendChild(chip(FG.t('page-store-all'), true, function () { chooseCategory(null); }));
      roots.forEach(function (category) {
        var label = (category.emoji ? category.emoji + ' ' : '') + category.name;
        var button = chip(label, false, function () { chooseCategory(category.id); });
        button.dataset.category = category.id;
        chips.appendChild(button);
      });
      chips.hidden = false;
    }, function () { /* no chips: the grid still shows everything */ });
  }

  function chooseCategory(categoryId) {
    state.categoryId = categoryId;
    resetGrid();
  }

  function addressText(where) {
    if (where.text) return where.text;
    if (where.label) return FG.t('page-store-label-' + where.label);
    return FG.t('page-store-point');
  }

  function wireSearch() {
    var input = $('sf-search');
    var timer = null;
    function run() {
      var text = input.value.trim();
      if (text === state.query) return;
      state.query = text;
      resetGrid();
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, SEARCH_DELAY_MS);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        clearTimeout(timer);
        run();
        input.blur();
      }
    });
  }

  function wirePaging() {
    var more = $('sf-more');
    more.addEventListener('click', fetchMore);
    if ('IntersectionObserver' in window) {
      new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) fetchMore();
      }, { rootMargin: '200px' }).observe(more);
    }
  }

  function load() {
    $('fg-loading').hidden = false;
    FG.api('/storefront/shops' + query()).then(function (found) {
      $('fg-loading').hidden = true;
      $('sf-address').hidden = false;
      $('sf-address-text').textContent = addressText(found.delivery_to);
      state.shops = found.shops;
      if (!found.shops.length) {
        $('sf-no-shops').hidden = false;
        return;
      }
      var wanted = new URLSearchParams(window.location.search).get('shop_id');
      var chosen = found.shops.filter(function (shop) { return shop.id === wanted; })[0];
      state.shopId = (chosen || found.shops[0]).id;
      drawShops();
      $('sf-search').hidden = false;
      drawCategories();
      resetGrid();
      loadCart();
    }, function (error) {
      $('fg-loading').hidden = true;
      FG.showError(error, load);
    });
  }

  FG.start(function () {
    var params = new URLSearchParams(window.location.search);
    if (params.get('address_id')) {
      state.point = { address_id: params.get('address_id') };
    } else if (params.get('lat') && params.get('lon')) {
      state.point = { lat: params.get('lat'), lon: params.get('lon') };
    }
    if (window.FGCheckout) checkout = window.FGCheckout(store);
    $('sf-cart-bar').addEventListener('click', openSheet);
    $('sf-checkout-open').addEventListener('click', startCheckout);
    $('sf-sheet-close').addEventListener('click', closeSheet);
    $('sf-accept').addEventListener('click', function () {
      changeCart(FG.api(cartPath('/accept-changes') + query(), { method: 'POST' }));
    });
    $('sf-sheet').addEventListener('click', function (event) {
      if (event.target === $('sf-sheet')) closeSheet();
    });
    wireSearch();
    wirePaging();
    load();
    if (checkout) checkout.start(params);
  });
})();
