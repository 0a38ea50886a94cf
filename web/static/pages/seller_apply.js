/* /app/seller/apply: the seller's application (business and first shop), then its status. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var form;
  var zoneKind = 'radius';
  var busy = false;
  var latest = null;

  function byId(id) { return document.getElementById(id); }

  function field(name) {
    var found = Array.prototype.find.call(form.querySelectorAll('[name]'), function (input) {
      return input.name === name;
    });
    return found || null;
  }

  function value(name) {
    var input = field(name);
    return input ? input.value : '';
  }

  function setValue(name, text) {
    var input = field(name);
    if (input) input.value = text === null || text === undefined ? '' : String(text);
  }

  // -- hours ------------------------------------------------------------------------------------

  function dayRows() {
    return Array.prototype.slice.call(form.querySelectorAll('.fg-day'));
  }

  function rowInput(row, name) {
    return row.querySelector('[name="' + name + '"]');
  }

  function syncDay(row) {
    var open = row.querySelector('.fg-day-open').checked;
    row.classList.toggle('fg-day-closed', !open);
    Array.prototype.forEach.call(row.querySelectorAll('input[type=time]'), function (input) {
      input.disabled = !open;
    });
  }

  function hours() {
    var result = {};
    dayRows().forEach(function (row) {
      if (!row.querySelector('.fg-day-open').checked) {
        result[row.dataset.day] = null;
        return;
      }
      var start = rowInput(row, 'break_start').value;
      var end = rowInput(row, 'break_end').value;
      result[row.dataset.day] = {
        opens: rowInput(row, 'opens').value,
        closes: rowInput(row, 'closes').value,
        breaks: start || end ? [[start, end]] : [],
      };
    });
    return result;
  }

  function setHours(given) {
    dayRows().forEach(function (row) {
      var day = given[row.dataset.day];
      row.querySelector('.fg-day-open').checked = !!day;
      if (day) {
        rowInput(row, 'opens').value = day.opens;
        rowInput(row, 'closes').value = day.closes;
        var pause = (day.breaks || [])[0] || ['', ''];
        rowInput(row, 'break_start').value = pause[0];
        rowInput(row, 'break_end').value = pause[1];
      }
      syncDay(row);
    });
  }

  function copyMonday() {
    var rows = dayRows();
    var monday = rows[0];
    rows.slice(1).forEach(function (row) {
      row.querySelector('.fg-day-open').checked = monday.querySelector('.fg-day-open').checked;
      ['opens', 'closes', 'break_start', 'break_end'].forEach(function (name) {
        rowInput(row, name).value = rowInput(monday, name).value;
      });
      syncDay(row);
    });
  }

  // -- place and zone ---------------------------------------------------------------------------

  // "55.7539, 37.6208", "55,7539 37,6208", "55.7539;37.6208" or a map link with "@lat,lon".
  function parseCoordinates(text) {
    var link = /@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/.exec(text);
    if (link) return [link[1], link[2]];
    var cleaned = text.replace(/[()[\]]/g, ' ').trim();
    var commaIsSeparator = cleaned.indexOf('.') >= 0 || /\d,\s+[-+]?\d/.test(cleaned);
    var parts = cleaned.split(commaIsSeparator ? /[\s,;]+/ : /[\s;]+/).filter(Boolean);
    if (parts.length !== 2) return null;
    return parts.map(function (part) { return part.replace(',', '.'); });
  }

  function chooseZone(kind) {
    zoneKind = kind;
    Array.prototype.forEach.call(byId('apply-zone-kind').querySelectorAll('button'), function (button) {
      button.setAttribute('aria-pressed', button.dataset.kind === kind ? 'true' : 'false');
    });
    byId('apply-zone-radius').hidden = kind !== 'radius';
    byId('apply-zone-polygon').hidden = kind !== 'polygon';
  }

  function zone() {
    if (zoneKind === 'radius') return { kind: 'radius', radius_km: value('shop.zone.radius_km') };
    return { kind: 'polygon', geojson: value('shop.zone.geojson') };
  }

  // -- the application --------------------------------------------------------------------------

  function body() {
    return {
      legal_name: value('legal_name'),
      inn: value('inn'),
      tax_system: value('tax_system'),
      phone: value('phone'),
      email: value('email'),
      shop: {
        name: value('shop.name'),
        address: value('shop.address'),
        lat: value('shop.lat'),
        lon: value('shop.lon'),
        timezone: value('shop.timezone'),
        hours: hours(),
        zone: zone(),
        min_order: value('shop.min_order'),
        delivery_fee: value('shop.delivery_fee'),
        assembly_minutes: value('shop.assembly_minutes'),
      },
    };
  }

  // A rejected application comes back into the form, to fix what the admin asked for.
  function prefill(application) {
    var business = application.business;
    var shop = application.shops[0];
    ['legal_name', 'inn', 'tax_system', 'phone', 'email'].forEach(function (name) {
      setValue(name, business[name]);
    });
    if (!shop) return;
    setValue('shop.name', shop.name);
    setValue('shop.address', shop.address);
    setValue('shop.lat', shop.point.lat);
    setValue('shop.lon', shop.point.lon);
    setValue('shop.timezone', shop.timezone);
    setHours(shop.hours);
    setValue('shop.min_order', B.rubles(shop.min_order.minor));
    setValue('shop.delivery_fee', B.rubles(shop.delivery_fee.minor));
    setValue('shop.assembly_minutes', shop.assembly_minutes);
    if (shop.zone.kind === 'radius') {
      chooseZone('radius');
      setValue('shop.zone.radius_km', String(shop.zone.radius_m / 1000).replace('.', ','));
    } else {
      chooseZone('polygon');
      setValue('shop.zone.geojson', JSON.stringify(shop.zone.geojson));
    }
  }

  function submit() {
    if (busy) return;
    busy = true;
    FG.hideError();
    B.clearErrors(form);
    byId('apply-form-problems').hidden = true;
    if (FG.tg && FG.tg.MainButton) FG.tg.MainButton.showProgress();
    B.api('/applications', { method: 'POST', body: body() }).then(function (application) {
      busy = false;
      if (FG.tg && FG.tg.MainButton) FG.tg.MainButton.hideProgress();
      showStatus(application, true);
    }, function (error) {
      busy = false;
      if (FG.tg && FG.tg.MainButton) FG.tg.MainButton.hideProgress();
      if (B.showErrors(form, error)) {
        byId('apply-form-problems').hidden = false;
      } else {
        FG.showError(error);
      }
    });
  }

  function showForm(from) {
    byId('apply-status').hidden = true;
    form.hidden = false;
    if (from) prefill(from);
    B.mainButton(FG.t('page-apply-submit'), submit);
    B.backButton(latest ? function () { showStatus(latest, false); } : null);
  }

  function openShop() {
    window.location.assign('/app/seller/shop?lang=' + encodeURIComponent(FG.config.lang));
  }

  function showStatus(application, justSent) {
    latest = application;
    var business = application.business;
    var shop = application.shops[0];
    form.hidden = true;
    byId('apply-status').hidden = false;
    byId('apply-status-business').textContent = business.legal_name + ' · ' + FG.t('page-biz-inn') + ' ' + business.inn;
    byId('apply-status-shop').textContent = shop ? shop.name + ' · ' + shop.address : '';
    var status = byId('apply-status-text');
    status.dataset.status = business.status;
    status.textContent = justSent ? FG.t('page-apply-sent') : FG.t('page-apply-status-' + business.status);
    var reason = byId('apply-status-reason');
    reason.hidden = !business.rejection_reason;
    reason.textContent = business.rejection_reason ? FG.t('page-apply-reason') + ' ' + business.rejection_reason : '';
    byId('apply-status-next').textContent = FG.t('page-apply-next-' + business.status);
    byId('apply-open-shop').hidden = business.status !== 'approved';
    byId('apply-again').hidden = business.status !== 'rejected';
    B.backButton(null);
    if (business.status === 'approved') {
      B.mainButton(FG.t('page-apply-open-shop'), openShop);
    } else if (business.status === 'rejected') {
      B.mainButton(FG.t('page-apply-again'), function () { showForm(application); });
    } else {
      B.mainButton(FG.tg ? FG.t('page-close') : '', function () { FG.tg.close(); });
    }
  }

  function load() {
    B.api('/me/applications').then(function (answer) {
      byId('fg-loading').hidden = true;
      if (answer.applications.length) showStatus(answer.applications[0], false);
      else showForm(null);
    }, function (error) {
      byId('fg-loading').hidden = true;
      FG.showError(error, error.status === 0 || error.status >= 500 ? load : null);
    });
  }

  FG.start(function () {
    form = byId('apply-form');
    form.addEventListener('submit', function (event) { event.preventDefault(); submit(); });
    dayRows().forEach(function (row) {
      row.querySelector('.fg-day-open').addEventListener('change', function () { syncDay(row); });
    });
    byId('apply-copy-monday').addEventListener('click', copyMonday);
    Array.prototype.forEach.call(byId('apply-zone-kind').querySelectorAll('button'), function (button) {
      button.addEventListener('click', function () { chooseZone(button.dataset.kind); });
    });
    byId('f-coordinates').addEventListener('input', function (event) {
      var found = parseCoordinates(event.target.value);
      if (!found) return;
      setValue('shop.lat', found[0]);
      setValue('shop.lon', found[1]);
    });
    byId('apply-open-shop').addEventListener('click', function (event) { event.preventDefault(); openShop(); });
    byId('apply-again').addEventListener('click', function () { showForm(latest); });
    load();
  });
})();
