/* /app/seller/shop: my shops; for one of them its state now, pausing and resuming orders (the
   main button), the profile customers see, and the staff with their invitations. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var shops = [];
  var current = null;
  var busy = false;

  function byId(id) { return document.getElementById(id); }

  function canEdit(mine) {
    return mine.role === 'owner' || mine.role === 'manager';
  }

  function shopPath(mine, rest) {
    return '/shops/' + encodeURIComponent(mine.shop.id) + rest;
  }

  // -- the list ---------------------------------------------------------------------------------

  function showList() {
    current = null;
    byId('shop-detail').hidden = true;
    byId('shop-list').hidden = false;
    byId('shop-title').textContent = FG.t('page-myshop-title');
    byId('shop-none').hidden = shops.length > 0;
    var list = byId('shop-choices');
    list.textContent = '';
    shops.forEach(function (mine) {
      var item = B.el('li');
      var button = B.el('button', 'fg-choice');
      button.type = 'button';
      button.dataset.shop = mine.shop.id;
      button.appendChild(B.el('span', 'fg-name', mine.shop.name));
      button.appendChild(B.el('span', 'fg-hint', (B.labels.shop || {})[mine.shop.status] + ' · ' + openText(mine)));
      button.addEventListener('click', function () { showShop(mine); });
      item.appendChild(button);
      list.appendChild(item);
    });
    B.backButton(null);
    B.mainButton(FG.tg ? FG.t('page-close') : '', function () { FG.tg.close(); });
  }

  // -- one shop ---------------------------------------------------------------------------------

  function openText(mine) {
    var schedule = mine.schedule;
    var zone = mine.shop.timezone;
    if (schedule.open_now) {
      return schedule.closes_at
        ? FG.t('page-myshop-open-until') + ' ' + B.time(schedule.closes_at, zone)
        : FG.t('page-myshop-open-always');
    }
    if (!schedule.opens_at) return FG.t('page-myshop-no-hours');
    return FG.t('page-myshop-closed-opens') + ' ' + B.day(schedule.opens_at, zone) + ' ' +
      B.time(schedule.opens_at, zone);
  }

  function toggle() {
    if (busy || !current) return;
    var action = current.shop.status === 'paused' ? '/resume' : '/pause';
    busy = true;
    FG.hideError();
    B.api(shopPath(current, action), { method: 'POST' }).then(function (mine) {
      busy = false;
      replace(mine);
      showShop(mine);
    }, function (error) {
      busy = false;
      FG.showError(error);
    });
  }

  function replace(mine) {
    shops = shops.map(function (known) { return known.shop.id === mine.shop.id ? mine : known; });
  }

  function fillProfile(shop) {
    byId('f-description').value = shop.description || '';
    var logo = byId('f-logo');
    logo.value = shop.logo || '';
    previewLogo();
  }

  function previewLogo() {
    var url = byId('f-logo').value.trim();
    var preview = byId('shop-logo-preview');
    preview.hidden = url.indexOf('https://') !== 0;
    if (!preview.hidden) preview.src = url;
  }

  function showShop(mine) {
    current = mine;
    var shop = mine.shop;
    byId('shop-list').hidden = true;
    byId('shop-detail').hidden = false;
    byId('shop-title').textContent = shop.name;
    byId('shop-name').textContent = shop.name;
    byId('shop-address').textContent = shop.address;
    var status = byId('shop-status');
    status.dataset.status = shop.status;
    status.textContent = (B.labels.shop || {})[shop.status] || shop.status;
    var open = byId('shop-open');
    open.dataset.open = String(mine.schedule.open_now);
    open.textContent = openText(mine);
    byId('shop-paused-note').hidden = shop.status !== 'paused';
    byId('shop-role').textContent = mine.role ? FG.t('page-myshop-your-role') + ' ' + FG.t('role-' + mine.role) : '';
    byId('shop-hours').textContent = B.hoursSummary(shop.hours);
    byId('shop-zone').textContent = B.zoneSummary(shop.zone);
    byId('shop-min-order').textContent = B.money(shop.min_order);
    byId('shop-delivery-fee').textContent = B.money(shop.delivery_fee);
    byId('shop-assembly').textContent = shop.assembly_minutes + ' ' + FG.t('page-biz-minutes');
    fillProfile(shop);
    var editable = canEdit(mine);
    byId('shop-profile').hidden = !editable;
    var switchable = editable && (shop.status === 'active' || shop.status === 'paused');
    byId('shop-pause-not-allowed').hidden = editable;
    if (switchable) {
      B.mainButton(FG.t(shop.status === 'paused' ? 'page-myshop-resume' : 'page-myshop-pause'), toggle);
    } else {
      B.mainButton('', null);
    }
    B.backButton(shops.length > 1 ? showList : null);
    if (editable) loadStaff(mine); else byId('shop-staff').hidden = true;
  }

  function saveProfile(event) {
    event.preventDefault();
    if (busy || !current) return;
    var form = byId('shop-profile');
    busy = true;
    FG.hideError();
    B.clearErrors(form);
    byId('shop-profile-saved').hidden = true;
    var body = { description: byId('f-description').value, logo: byId('f-logo').value };
    B.api(shopPath(current, '/profile'), { method: 'PUT', body: body }).then(function (mine) {
      busy = false;
      replace(mine);
      current = mine;
      fillProfile(mine.shop);
      byId('shop-profile-saved').hidden = false;
    }, function (error) {
      busy = false;
      if (!B.showErrors(form, error)) FG.showError(error);
    });
  }

  // -- staff and invitations (web.access's endpoints) --------------------------------------------

  function personName(member) {
    var name = [member.first_name, member.last_name].filter(Boolean).join(' ');
    return member.username ? name + ' (@' + member.username + ')' : name;
  }

  function mayRemove(member) {
    if (!current || member.telegram_id === (FG.tg && FG.tg.initDataUnsafe && FG.tg.initDataUnsafe.user || {}).id) return false;
    return current.role === 'owner' || (current.role === 'manager' && member.role === 'picker');
  }

  function renderStaff(staff) {
    var list = byId('shop-staff-list');
    list.textContent = '';
    staff.forEach(function (member) {
      var item = B.el('li', 'fg-line');
      item.dataset.member = String(member.telegram_id);
      item.appendChild(B.el('span', null, personName(member) + ' · ' + FG.t('role-' + member.role)));
      if (mayRemove(member)) {
        var remove = B.el('button', 'fg-link fg-danger', FG.t('page-myshop-remove'));
        remove.type = 'button';
        remove.addEventListener('click', function () {
          call(shopPath(current, '/staff/' + member.telegram_id), 'DELETE');
        });
        item.appendChild(remove);
      }
      list.appendChild(item);
    });
  }

  function renderInvitations(invitations) {
    var pending = invitations.filter(function (invitation) { return invitation.status === 'pending'; });
    byId('shop-invitations-title').hidden = pending.length === 0;
    var list = byId('shop-invitations');
    list.textContent = '';
    pending.forEach(function (invitation) {
      var item = B.el('li', 'fg-line');
      item.dataset.invitation = invitation.id;
      item.appendChild(B.el('span', null, FG.t('role-' + invitation.role) + ' · ' +
        FG.t('page-myshop-invitation-until') + ' ' + B.dateTime(invitation.expires_at, current.shop.timezone)));
      var revoke = B.el('button', 'fg-link fg-danger', FG.t('page-myshop-revoke'));
      revoke.type = 'button';
      revoke.addEventListener('click', function () {
        call('/invitations/' + encodeURIComponent(invitation.id), 'DELETE');
      });
      item.appendChild(revoke);
      list.appendChild(item);
    });
  }

  function loadStaff(mine) {
    byId('shop-staff').hidden = false;
    byId('shop-invite-manager').hidden = mine.role !== 'owner';
    Promise.all([B.api(shopPath(mine, '/staff')), B.api(shopPath(mine, '/invitations'))])
      .then(function (answers) {
        if (current !== mine) return;
        renderStaff(answers[0].staff);
        renderInvitations(answers[1].invitations);
      }, function (error) {
        byId('shop-staff').hidden = true;
        FG.showError(error);
      });
  }

  function call(path, method) {
    FG.hideError();
    B.api(path, { method: method }).then(function () { loadStaff(current); }, FG.showError);
  }

  function invite(role) {
    if (!current) return;
    FG.hideError();
    var body = { role: role, shop_id: current.shop.id, label: current.shop.name };
    B.api('/invitations', { method: 'POST', body: body }).then(function (created) {
      byId('shop-invite-created').hidden = false;
      var link = byId('shop-invite-link');
      link.value = created.link || '/start ' + created.start_parameter;
      link.select();
      loadStaff(current);
    }, FG.showError);
  }

  function load() {
    B.api('/me/shops').then(function (answer) {
      byId('fg-loading').hidden = true;
      shops = answer.shops;
      // The seller bot links to one shop with ?shop_id=<id>.
      var query = new URLSearchParams(window.location.search);
      var wanted = query.get('shop_id') || query.get('shop');
      var chosen = shops.filter(function (mine) { return mine.shop.id === wanted; })[0];
      if (chosen || shops.length === 1) showShop(chosen || shops[0]);
      else showList();
    }, function (error) {
      byId('fg-loading').hidden = true;
      FG.showError(error, error.status === 0 || error.status >= 500 ? load : null);
    });
  }

  FG.start(function () {
    byId('shop-profile').addEventListener('submit', saveProfile);
    byId('f-logo').addEventListener('input', previewLogo);
    Array.prototype.forEach.call(document.querySelectorAll('[data-invite]'), function (button) {
      button.addEventListener('click', function () { invite(button.dataset.invite); });
    });
    load();
  });
})();
