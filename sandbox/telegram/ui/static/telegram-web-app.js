/*
 * FruktGo sandbox stand-in for https://telegram.org/js/telegram-web-app.js.
 *
 * It reads the launch parameters Telegram puts in the URL fragment (tgWebAppData, tgWebAppVersion,
 * tgWebAppPlatform, tgWebAppThemeParams) and talks to the hosting client with the same
 * postMessage protocol as Telegram's web clients: JSON strings {eventType, eventData} sent to
 * window.parent ("web_app_ready", "web_app_setup_main_button", ...) and received from it
 * ("main_button_pressed", "theme_changed", ...). Pages written for the real script run unchanged.
 */
(function () {
  'use strict';

  var STORAGE_KEY = '__telegram__initParams';
  var DEFAULT_VERSION = '7.10';

  // ---- launch parameters ------------------------------------------------------------------------

  function safeDecode(value) {
    try {
      return decodeURIComponent(value.replace(/\+/g, '%20'));
    } catch (e) {
      return value;
    }
  }

  function parseQuery(query) {
    var params = {};
    if (!query) return params;
    query.split('&').forEach(function (pair) {
      if (!pair) return;
      var eq = pair.indexOf('=');
      var key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
      params[key] = eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
    });
    return params;
  }

  function parseHash(hash) {
    hash = (hash || '').replace(/^#/, '');
    // A page may route with the fragment itself ("#/cart?tgWebAppData=..."): keep the query part.
    var q = hash.indexOf('?');
    if (q >= 0 && hash.indexOf('=') > q) hash = hash.slice(q + 1);
    if (hash.indexOf('=') < 0) return {};
    return parseQuery(hash);
  }

  var initParams = parseHash(window.location.hash);
  // Telegram keeps the parameters for in-app navigation and reloads; so do we.
  try {
    var stored = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || 'null');
    if (stored) {
      Object.keys(stored).forEach(function (key) {
        if (initParams[key] === undefined) initParams[key] = stored[key];
      });
    }
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(initParams));
  } catch (e) { /* storage may be disabled */ }

  // ---- transport ---------------------------------------------------------------------------------

  var isIframe = false;
  try {
    isIframe = window.parent != null && window.parent !== window;
  } catch (e) { /* cross-origin access to parent is fine, comparing is allowed */ }

  var transportHandlers = {};

  function postEvent(eventType, eventData) {
    var message = JSON.stringify({ eventType: eventType, eventData: eventData || {} });
    if (window.TelegramWebviewProxy !== undefined) {
      window.TelegramWebviewProxy.postEvent(eventType, JSON.stringify(eventData || {}));
    } else if (isIframe) {
      window.parent.postMessage(message, '*');
    }
  }

  function onTransport(eventType, handler) {
    (transportHandlers[eventType] = transportHandlers[eventType] || []).push(handler);
  }

  function receiveEvent(eventType, eventData) {
    (transportHandlers[eventType] || []).slice().forEach(function (handler) {
      try {
        handler(eventType, eventData || {});
      } catch (e) {
        console.error('[Telegram.WebApp] handler failed', eventType, e);
      }
    });
  }

  if (isIframe) {
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent) return;
      var parsed;
      try {
        parsed = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
      } catch (e) {
        return;
      }
      if (parsed && parsed.eventType) receiveEvent(parsed.eventType, parsed.eventData);
    });
  }

  // ---- WebApp events ---------------------------------------------------------------------------

  var appHandlers = {};

  function onEvent(eventType, callback) {
    if (typeof callback !== 'function') return;
    (appHandlers[eventType] = appHandlers[eventType] || []).push(callback);
  }

  function offEvent(eventType, callback) {
    var list = appHandlers[eventType];
    if (!list) return;
    var index = list.indexOf(callback);
    if (index >= 0) list.splice(index, 1);
  }

  function emit(eventType, arg) {
    (appHandlers[eventType] || []).slice().forEach(function (callback) {
      try {
        if (arg === undefined) callback.call(WebApp);
        else callback.call(WebApp, arg);
      } catch (e) {
        console.error('[Telegram.WebApp] ' + eventType + ' callback failed', e);
      }
    });
  }

  // ---- init data and theme -----------------------------------------------------------------------

  var initData = initParams.tgWebAppData || '';
  var initDataUnsafe = {};
  (function () {
    var raw = parseQuery(initData);
    Object.keys(raw).forEach(function (key) {
      var value = raw[key];
      if (key === 'user' || key === 'receiver' || key === 'chat') {
        try {
          value = JSON.parse(value);
        } catch (e) { /* keep the string */ }
      }
      initDataUnsafe[key] = value;
    });
  })();

  var themeParams = {};
  var colorScheme = 'light';

  function isColorDark(hex) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex || '');
    if (!m) return false;
    var r = parseInt(m[1], 16), g = parseInt(m[2], 16), b = parseInt(m[3], 16);
    return Math.sqrt(0.299 * r * r + 0.587 * g * g + 0.114 * b * b) < 120;
  }

  function setCssVar(name, value) {
    var root = document.documentElement;
    if (!root) return;
    if (value) root.style.setProperty(name, value);
    else root.style.removeProperty(name);
  }

  function applyTheme(params) {
    themeParams = {};
    Object.keys(params || {}).forEach(function (key) {
      var value = params[key];
      if (typeof value === 'string' && /^#[0-9a-f]{3,6}$/i.test(value)) {
        themeParams[key] = value.toLowerCase();
        setCssVar('--tg-theme-' + key.replace(/_/g, '-'), value.toLowerCase());
      }
    });
    colorScheme = isColorDark(themeParams.bg_color) ? 'dark' : 'light';
    setCssVar('--tg-color-scheme', colorScheme);
  }

  try {
    applyTheme(JSON.parse(initParams.tgWebAppThemeParams || '{}'));
  } catch (e) {
    applyTheme({});
  }

  var viewportHeight = window.innerHeight;
  var viewportStableHeight = window.innerHeight;
  var isExpanded = true;

  function setViewport(data) {
    if (data && typeof data.height === 'number') {
      viewportHeight = data.height;
      if (data.is_state_stable) viewportStableHeight = data.height;
      if (typeof data.is_expanded === 'boolean') isExpanded = data.is_expanded;
    } else {
      viewportHeight = viewportStableHeight = window.innerHeight;
    }
    setCssVar('--tg-viewport-height', viewportHeight + 'px');
    setCssVar('--tg-viewport-stable-height', viewportStableHeight + 'px');
  }
  setViewport(null);

  onTransport('theme_changed', function (_, data) {
    applyTheme(data.theme_params || {});
    emit('themeChanged');
  });
  onTransport('viewport_changed', function (_, data) {
    setViewport(data);
    emit('viewportChanged', { isStateStable: !!data.is_state_stable });
  });

  // ---- bottom buttons ----------------------------------------------------------------------------

  function bottomButton(kind) {
    var isMain = kind === 'main';
    var setupEvent = isMain ? 'web_app_setup_main_button' : 'web_app_setup_secondary_button';
    var clickEvent = isMain ? 'mainButtonClicked' : 'secondaryButtonClicked';
    var state = {
      text: isMain ? 'Continue' : 'Cancel',
      color: null,
      text_color: null,
      is_visible: false,
      is_active: true,
      is_progress_visible: false,
      has_shine_effect: false,
      position: 'left',
    };
    var lastSent = null;
    var button = {};

    function colorOf() {
      return state.color || (isMain ? themeParams.button_color || '#2481cc' : themeParams.bottom_bar_bg_color || themeParams.secondary_bg_color || '#ffffff');
    }
    function textColorOf() {
      return state.text_color || (isMain ? themeParams.button_text_color || '#ffffff' : themeParams.button_color || '#2481cc');
    }

    function sync() {
      var params = state.is_visible
        ? {
            is_visible: true,
            is_active: state.is_active,
            is_progress_visible: state.is_progress_visible,
            text: state.text,
            color: colorOf(),
            text_color: textColorOf(),
            has_shine_effect: state.has_shine_effect && state.is_active && !state.is_progress_visible,
          }
        : { is_visible: false };
      if (!isMain && state.is_visible) params.position = state.position;
      var serialized = JSON.stringify(params);
      if (serialized === lastSent) return;
      lastSent = serialized;
      postEvent(setupEvent, params);
    }

    button.setParams = function (params) {
      params = params || {};
      if (params.text !== undefined) {
        var text = String(params.text).trim();
        if (!text.length || text.length > 64) throw new Error('WebAppMainButtonParamInvalid');
        state.text = text;
      }
      if (params.color !== undefined) state.color = params.color || null;
      if (params.text_color !== undefined) state.text_color = params.text_color || null;
      if (params.is_visible !== undefined) {
        if (params.is_visible && !state.text) throw new Error('WebAppMainButtonParamInvalid');
        state.is_visible = !!params.is_visible;
      }
      if (params.is_active !== undefined) state.is_active = !!params.is_active;
      if (params.has_shine_effect !== undefined) state.has_shine_effect = !!params.has_shine_effect;
      if (params.position !== undefined) state.position = params.position;
      sync();
      return button;
    };
    button.setText = function (text) { return button.setParams({ text: text }); };
    button.show = function () { return button.setParams({ is_visible: true }); };
    button.hide = function () { return button.setParams({ is_visible: false }); };
    button.enable = function () { return button.setParams({ is_active: true }); };
    button.disable = function () { return button.setParams({ is_active: false }); };
    button.showProgress = function (leaveActive) {
      state.is_active = !!leaveActive;
      state.is_progress_visible = true;
      sync();
      return button;
    };
    button.hideProgress = function () {
      if (!button.isActive) state.is_active = true;
      state.is_progress_visible = false;
      sync();
      return button;
    };
    button.onClick = function (callback) { onEvent(clickEvent, callback); return button; };
    button.offClick = function (callback) { offEvent(clickEvent, callback); return button; };

    Object.defineProperty(button, 'type', { get: function () { return kind; }, enumerable: true });
    Object.defineProperty(button, 'text', {
      get: function () { return state.text; },
      set: function (v) { button.setParams({ text: v }); },
      enumerable: true,
    });
    Object.defineProperty(button, 'color', {
      get: colorOf,
      set: function (v) { button.setParams({ color: v }); },
      enumerable: true,
    });
    Object.defineProperty(button, 'textColor', {
      get: textColorOf,
      set: function (v) { button.setParams({ text_color: v }); },
      enumerable: true,
    });
    Object.defineProperty(button, 'isVisible', {
      get: function () { return state.is_visible; },
      set: function (v) { button.setParams({ is_visible: v }); },
      enumerable: true,
    });
    Object.defineProperty(button, 'isActive', {
      get: function () { return state.is_active; },
      set: function (v) { button.setParams({ is_active: v }); },
      enumerable: true,
    });
    Object.defineProperty(button, 'isProgressVisible', {
      get: function () { return state.is_progress_visible; },
      enumerable: true,
    });
    Object.defineProperty(button, 'hasShineEffect', {
      get: function () { return state.has_shine_effect; },
      set: function (v) { button.setParams({ has_shine_effect: v }); },
      enumerable: true,
    });
    if (!isMain) {
      Object.defineProperty(button, 'position', {
        get: function () { return state.position; },
        set: function (v) { button.setParams({ position: v }); },
        enumerable: true,
      });
    }

    onTransport(isMain ? 'main_button_pressed' : 'secondary_button_pressed', function () {
      if (state.is_active) emit(clickEvent);
    });
    return button;
  }

  function simpleButton(setupEvent, pressedEvent, clickEvent) {
    var visible = false;
    var button = {};
    function setVisible(value) {
      if (visible === !!value) return button;
      visible = !!value;
      postEvent(setupEvent, { is_visible: visible });
      return button;
    }
    button.show = function () { return setVisible(true); };
    button.hide = function () { return setVisible(false); };
    button.onClick = function (callback) { onEvent(clickEvent, callback); return button; };
    button.offClick = function (callback) { offEvent(clickEvent, callback); return button; };
    Object.defineProperty(button, 'isVisible', {
      get: function () { return visible; },
      set: setVisible,
      enumerable: true,
    });
    onTransport(pressedEvent, function () { emit(clickEvent); });
    return button;
  }

  // ---- popups ------------------------------------------------------------------------------------

  var popupCallback = null;
  var popupOpen = false;

  function showPopup(params, callback) {
    if (popupOpen) throw new Error('WebAppPopupOpened');
    params = params || {};
    var message = String(params.message || '').trim();
    if (!message.length || message.length > 256) throw new Error('WebAppPopupParamInvalid');
    var buttons = (params.buttons && params.buttons.length ? params.buttons : [{ type: 'close' }]).map(function (b, i) {
      var out = { id: String(b.id !== undefined ? b.id : i), type: b.type || 'default' };
      if (b.text !== undefined) out.text = String(b.text);
      return out;
    });
    popupOpen = true;
    popupCallback = callback || null;
    postEvent('web_app_open_popup', { title: String(params.title || ''), message: message, buttons: buttons });
  }

  onTransport('popup_closed', function (_, data) {
    var callback = popupCallback;
    popupOpen = false;
    popupCallback = null;
    var buttonId = data.button_id === undefined ? null : data.button_id;
    if (callback) callback(buttonId);
    emit('popupClosed', { button_id: buttonId });
  });

  // ---- contact and invoices ----------------------------------------------------------------------

  var contactCallback = null;
  onTransport('phone_requested', function (_, data) {
    var callback = contactCallback;
    contactCallback = null;
    var sent = data.status === 'sent';
    if (callback) callback(sent, { status: data.status });
    emit('contactRequested', { status: data.status });
  });

  var invoiceCallbacks = {};
  onTransport('invoice_closed', function (_, data) {
    var callback = invoiceCallbacks[data.slug];
    delete invoiceCallbacks[data.slug];
    if (callback) callback(data.status);
    emit('invoiceClosed', { url: data.slug, status: data.status });
  });

  // ---- the WebApp object -------------------------------------------------------------------------

  var version = initParams.tgWebAppVersion || DEFAULT_VERSION;

  function versionAtLeast(target) {
    var a = String(version).split('.'), b = String(target).split('.');
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      var x = parseInt(a[i], 10) || 0, y = parseInt(b[i], 10) || 0;
      if (x !== y) return x > y;
    }
    return true;
  }

  var HapticFeedback = {
    impactOccurred: function (style) { postEvent('web_app_trigger_haptic_feedback', { type: 'impact', impact_style: style }); return HapticFeedback; },
    notificationOccurred: function (type) { postEvent('web_app_trigger_haptic_feedback', { type: 'notification', notification_type: type }); return HapticFeedback; },
    selectionChanged: function () { postEvent('web_app_trigger_haptic_feedback', { type: 'selection_change' }); return HapticFeedback; },
  };

  var headerColor = null;
  var backgroundColor = null;
  var closingConfirmation = false;

  var WebApp = {
    initData: initData,
    initDataUnsafe: initDataUnsafe,
    version: version,
    platform: initParams.tgWebAppPlatform || 'unknown',
    isVersionAtLeast: versionAtLeast,
    MainButton: bottomButton('main'),
    SecondaryButton: bottomButton('secondary'),
    BackButton: simpleButton('web_app_setup_back_button', 'back_button_pressed', 'backButtonClicked'),
    SettingsButton: simpleButton('web_app_setup_settings_button', 'settings_button_pressed', 'settingsButtonClicked'),
    HapticFeedback: HapticFeedback,
    onEvent: onEvent,
    offEvent: offEvent,
    ready: function () { postEvent('web_app_ready'); },
    expand: function () { postEvent('web_app_expand'); },
    close: function (options) { postEvent('web_app_close', options && options.return_back ? { return_back: true } : {}); },
    sendData: function (data) {
      var text = String(data === undefined ? '' : data);
      if (!text.length || new Blob([text]).size > 4096) throw new Error('WebAppDataInvalid');
      postEvent('web_app_data_send', { data: text });
    },
    openLink: function (url, options) {
      var parsed;
      try {
        parsed = new URL(url, window.location.href);
      } catch (e) {
        throw new Error('WebAppTgUrlInvalid');
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('WebAppTgUrlInvalid');
      postEvent('web_app_open_link', { url: parsed.href, try_instant_view: !!(options && options.try_instant_view) });
    },
    openTelegramLink: function (url) {
      var parsed;
      try {
        parsed = new URL(url, 'https://t.me');
      } catch (e) {
        throw new Error('WebAppTgUrlInvalid');
      }
      postEvent('web_app_open_tg_link', { path_full: parsed.pathname + parsed.search });
    },
    openInvoice: function (url, callback) {
      var match = /(?:t\.me\/|^)(?:\$|invoice\/)([\w-]+)/.exec(String(url));
      if (!match) throw new Error('WebAppInvoiceUrlInvalid');
      invoiceCallbacks[match[1]] = callback || null;
      postEvent('web_app_open_invoice', { slug: match[1] });
    },
    showPopup: showPopup,
    showAlert: function (message, callback) {
      showPopup({ message: message }, function () { if (callback) callback(); });
    },
    showConfirm: function (message, callback) {
      showPopup(
        { message: message, buttons: [{ id: 'ok', type: 'ok' }, { id: 'cancel', type: 'cancel' }] },
        function (id) { if (callback) callback(id === 'ok'); }
      );
    },
    requestContact: function (callback) {
      contactCallback = callback || null;
      postEvent('web_app_request_phone');
    },
    setHeaderColor: function (color) {
      headerColor = color;
      if (color === 'bg_color' || color === 'secondary_bg_color') postEvent('web_app_set_header_color', { color_key: color });
      else postEvent('web_app_set_header_color', { color: color });
    },
    setBackgroundColor: function (color) {
      backgroundColor = color;
      var resolved = color === 'bg_color' || color === 'secondary_bg_color' ? themeParams[color] : color;
      postEvent('web_app_set_background_color', { color: resolved });
    },
    setBottomBarColor: function (color) {
      postEvent('web_app_set_bottom_bar_color', { color: color });
    },
    enableClosingConfirmation: function () {
      closingConfirmation = true;
      postEvent('web_app_setup_closing_behavior', { need_confirmation: true });
    },
    disableClosingConfirmation: function () {
      closingConfirmation = false;
      postEvent('web_app_setup_closing_behavior', { need_confirmation: false });
    },
    enableVerticalSwipes: function () { postEvent('web_app_setup_swipe_behavior', { allow_vertical_swipe: true }); },
    disableVerticalSwipes: function () { postEvent('web_app_setup_swipe_behavior', { allow_vertical_swipe: false }); },
  };

  Object.defineProperty(WebApp, 'themeParams', { get: function () { return themeParams; }, enumerable: true });
  Object.defineProperty(WebApp, 'colorScheme', { get: function () { return colorScheme; }, enumerable: true });
  Object.defineProperty(WebApp, 'viewportHeight', { get: function () { return viewportHeight; }, enumerable: true });
  Object.defineProperty(WebApp, 'viewportStableHeight', { get: function () { return viewportStableHeight; }, enumerable: true });
  Object.defineProperty(WebApp, 'isExpanded', { get: function () { return isExpanded; }, enumerable: true });
  Object.defineProperty(WebApp, 'headerColor', {
    get: function () { return headerColor && themeParams[headerColor] ? themeParams[headerColor] : headerColor || themeParams.bg_color; },
    set: function (v) { WebApp.setHeaderColor(v); },
    enumerable: true,
  });
  Object.defineProperty(WebApp, 'backgroundColor', {
    get: function () { return backgroundColor && themeParams[backgroundColor] ? themeParams[backgroundColor] : backgroundColor || themeParams.bg_color; },
    set: function (v) { WebApp.setBackgroundColor(v); },
    enumerable: true,
  });
  Object.defineProperty(WebApp, 'isClosingConfirmationEnabled', {
    get: function () { return closingConfirmation; },
    set: function (v) { if (v) WebApp.enableClosingConfirmation(); else WebApp.disableClosingConfirmation(); },
    enumerable: true,
  });

  window.addEventListener('resize', function () {
    if (!isIframe) setViewport(null);
  });

  window.Telegram = window.Telegram || {};
  window.Telegram.WebView = {
    initParams: initParams,
    isIframe: isIframe,
    postEvent: function (eventType, callback, eventData) { postEvent(eventType, eventData); if (callback) callback(); },
    receiveEvent: receiveEvent,
    onEvent: onTransport,
  };
  window.Telegram.WebApp = WebApp;

  if (isIframe) {
    postEvent('iframe_ready', { reload_supported: true });
    postEvent('web_app_request_theme');
    postEvent('web_app_request_viewport');
  }
})();
