/*
 * FG: what every FruktGo Mini App page shares.
 *
 *   FG.start(fn)            run fn once the page and Telegram's script are ready
 *   FG.api(path, options)   call /api/v1 with "Authorization: tma <initData>"; resolves with the
 *                           JSON body (null for 204), rejects with an FG.ApiError (code,
 *                           message, status, and the fields and params the API named)
 *   FG.showError(error)     show an error in the page's banner, in the page's language
 *   FG.mainButton(text, fn) show Telegram's main button; returns a function that hides it
 *   FG.backButton(fn)       show Telegram's back button (fn defaults to history.back())
 *   FG.t(key)               a text of the page's language (role-*, page-*, error-*, ...)
 *   FG.useLanguage(code)    reload the page in another language
 */
(function () {
  'use strict';

  var configElement = document.getElementById('fg-config');
  var config = configElement ? JSON.parse(configElement.textContent) : {};
  var messages = config.messages || {};
  var tg = (window.Telegram && window.Telegram.WebApp) || null;

  function t(key) {
    return Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  }

  function ApiError(code, message, status) {
    this.name = 'ApiError';
    this.code = code;
    this.message = message;
    this.status = status;
  }
  ApiError.prototype = Object.create(Error.prototype);
  ApiError.prototype.constructor = ApiError;

  function initData() {
    return (tg && tg.initData) || '';
  }

  function api(path, options) {
    options = options || {};
    var data = initData();
    if (!data) {
      return Promise.reject(new ApiError('outside_telegram', t('page-outside-telegram'), 401));
    }
    var headers = { 'Authorization': 'tma ' + data, 'Accept': 'application/json' };
    var body;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    return fetch((config.apiBase || '/api/v1') + path, {
      method: options.method || 'GET',
      headers: headers,
      body: body,
      credentials: 'omit',
    }).then(function (response) {
      if (response.status === 204) return null;
      return response.json().catch(function () { return null; }).then(function (json) {
        if (response.ok) return json;
        var error = (json && json.error) || {};
        var failure = new ApiError(error.code || 'internal', error.message || response.statusText,
                                   response.status);
        // Form endpoints also name each wrong field: [{field, code, message, params}].
        failure.fields = error.fields || [];
        failure.params = error.params || {};
        throw failure;
      });
    }, function () {
      throw new ApiError('unavailable', t('error-unavailable'), 0);
    });
  }

  function messageFor(error) {
    if (error && error.code && messages['error-' + error.code]) return messages['error-' + error.code];
    if (error && error.message) return error.message;
    return t('error-generic');
  }

  function showError(error, retry) {
    var box = document.getElementById('fg-error');
    var text = document.getElementById('fg-error-text');
    var again = document.getElementById('fg-error-retry');
    if (!box || !text) return;
    text.textContent = messageFor(error);
    box.dataset.code = (error && error.code) || 'internal';
    box.hidden = false;
    if (again) {
      again.hidden = !retry;
      again.onclick = retry ? function () { hideError(); retry(); } : null;
    }
    if (tg && tg.HapticFeedback) {
      try { tg.HapticFeedback.notificationOccurred('error'); } catch (e) { /* older clients */ }
    }
  }

  function hideError() {
    var box = document.getElementById('fg-error');
    if (box) box.hidden = true;
  }

  function mainButton(text, onClick) {
    if (!tg || !tg.MainButton) return function () {};
    var button = tg.MainButton;
    button.setText(text);
    button.onClick(onClick);
    button.show();
    return function () {
      button.offClick(onClick);
      button.hide();
    };
  }

  function backButton(onClick) {
    if (!tg || !tg.BackButton) return function () {};
    var handler = onClick || function () { window.history.back(); };
    tg.BackButton.onClick(handler);
    tg.BackButton.show();
    return function () {
      tg.BackButton.offClick(handler);
      tg.BackButton.hide();
    };
  }

  function useLanguage(code) {
    if (!code || code === config.lang) return false;
    var url = new URL(window.location.href);
    url.searchParams.set('lang', code);
    window.location.replace(url.toString());
    return true;
  }

  function start(fn) {
    var run = function () {
      if (tg) {
        tg.ready();
        if (tg.expand) tg.expand();
      }
      fn();
    };
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', run);
    } else {
      run();
    }
  }

  window.FG = {
    config: config,
    tg: tg,
    t: t,
    api: api,
    ApiError: ApiError,
    showError: showError,
    hideError: hideError,
    mainButton: mainButton,
    backButton: backButton,
    useLanguage: useLanguage,
    start: start,
  };
})();
