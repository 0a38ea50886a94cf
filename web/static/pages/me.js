/* /app/me: the signed-in person's name, roles and shops, and their language switch. */
(function () {
  'use strict';

  var FG = window.FG;

  function byId(id) { return document.getElementById(id); }

  function fullName(user) {
    return [user.first_name, user.last_name].filter(Boolean).join(' ');
  }

  function fill(list, items) {
    list.textContent = '';
    items.forEach(function (text) {
      var item = document.createElement('li');
      item.textContent = text;
      list.appendChild(item);
    });
  }

  function render(me) {
    byId('me-name').textContent = fullName(me.user);
    byId('me-username').textContent = me.user.username ? '@' + me.user.username : '';
    fill(byId('me-roles'), me.roles.filter(function (role) {
      return ['customer', 'courier', 'support', 'admin'].indexOf(role) >= 0;
    }).map(function (role) { return FG.t('role-' + role); }));
    fill(byId('me-shops'), me.shops.map(function (shop) {
      return FG.t('role-' + shop.role) + ' · ' + shop.shop_id.slice(0, 8);
    }));
    byId('me-shops-title').hidden = me.shops.length === 0;
    ['me-profile', 'me-access', 'me-language-card'].forEach(function (id) { byId(id).hidden = false; });
    byId('fg-loading').hidden = true;
    var saved = new URLSearchParams(window.location.search).get('saved') === 'language';
    byId('me-language-saved').hidden = !saved;
  }

  function chooseLanguage(code, buttons) {
    buttons.forEach(function (button) { button.disabled = true; });
    FG.api('/me/language', { method: 'PUT', body: { language: code } }).then(function (me) {
      var url = new URL(window.location.href);
      url.searchParams.set('lang', me.user.language);
      url.searchParams.set('saved', 'language');
      window.location.replace(url.toString());
    }, function (error) {
      buttons.forEach(function (button) { button.disabled = false; });
      FG.showError(error);
    });
  }

  function load() {
    FG.api('/me').then(function (me) {
      // The person's chosen language wins over the one the page was opened in.
      if (me.user.language && FG.useLanguage(me.user.language)) return;
      render(me);
    }, function (error) {
      byId('fg-loading').hidden = true;
      FG.showError(error, error.status === 0 || error.status >= 500 ? load : null);
    });
  }

  FG.start(function () {
    var buttons = Array.prototype.slice.call(byId('me-language').querySelectorAll('button'));
    buttons.forEach(function (button) {
      button.addEventListener('click', function () {
        if (button.getAttribute('aria-pressed') === 'true') return;
        chooseLanguage(button.dataset.lang, buttons);
      });
    });
    if (FG.tg) FG.mainButton(FG.t('page-close'), function () { FG.tg.close(); });
    load();
  });
})();
