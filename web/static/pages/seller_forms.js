/*
 * FGB: what the seller and admin pages share (on top of window.FG).
 *
 *   FGB.api(path, options)      FG.api, asking for messages in the page's language
 *   FGB.showErrors(root, error) put each wrong field's message next to its input (elements with
 *                               data-error-for="<field>"); returns how many found a place
 *   FGB.clearErrors(root)       hide them again
 *   FGB.labels                  tax systems, statuses, weekdays in the page's language
 *   FGB.mainButton(text, fn)    Telegram's main button, replacing the one shown before
 *   FGB.backButton(fn)          Telegram's back button, replacing the one shown before (no fn: hide)
 *   FGB.time / day / dateTime   instants in a shop's time zone, in the page's language
 *   FGB.money(view)             "150,50 ₽" from the API's money; FGB.rubles(minor) "150,50"
 *   FGB.zoneSummary, hoursSummary, el
 */
(function () {
  'use strict';

  var FG = window.FG;
  var labelsElement = document.getElementById('biz-labels');
  var labels = labelsElement ? JSON.parse(labelsElement.textContent) : {};
  var WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

  function api(path, options) {
    var separator = path.indexOf('?') >= 0 ? '&' : '?';
    return FG.api(path + separator + 'lang=' + encodeURIComponent(FG.config.lang || 'ru'), options);
  }

  function clearErrors(root) {
    Array.prototype.forEach.call(root.querySelectorAll('[data-error-for]'), function (line) {
      line.hidden = true;
      line.textContent = '';
      delete line.dataset.code;
    });
    Array.prototype.forEach.call(root.querySelectorAll('[aria-invalid="true"]'), function (input) {
      input.removeAttribute('aria-invalid');
    });
  }

  function showErrors(root, error) {
    clearErrors(root);
    var first = null;
    var shown = 0;
    (error.fields || []).forEach(function (problem) {
      var line = Array.prototype.find.call(root.querySelectorAll('[data-error-for]'), function (candidate) {
        return candidate.dataset.errorFor === problem.field;
      });
      if (!line) return;
      line.textContent = problem.message;
      line.dataset.code = problem.code;
      line.hidden = false;
      shown += 1;
      Array.prototype.forEach.call(root.querySelectorAll('[name]'), function (input) {
        if (input.name === problem.field) input.setAttribute('aria-invalid', 'true');
      });
      first = first || line;
    });
    if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
    return shown;
  }

  var currentMain = null;
  function mainButton(text, onClick) {
    if (currentMain) currentMain();
    currentMain = text ? FG.mainButton(text, onClick) : null;
  }

  var currentBack = null;
  function backButton(onClick) {
    if (currentBack) currentBack();
    currentBack = onClick ? FG.backButton(onClick) : null;
  }

  function format(iso, timeZone, options) {
    try {
      return new Intl.DateTimeFormat(FG.config.lang, Object.assign({ timeZone: timeZone }, options))
        .format(new Date(iso));
    } catch (e) {
      return new Date(iso).toLocaleString();
    }
  }

  function time(iso, timeZone) {
    return format(iso, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  function day(iso, timeZone) {
    return format(iso, timeZone, { weekday: 'short' });
  }

  function dateTime(iso, timeZone) {
    return format(iso, timeZone, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  function rubles(minor) {
    var sign = minor < 0 ? '-' : '';
    var units = Math.floor(Math.abs(minor) / 100);
    var cents = Math.abs(minor) % 100;
    return sign + units + ',' + (cents < 10 ? '0' : '') + cents;
  }

  function money(view) {
    return view ? view.text : '';
  }

  function zoneSummary(zone) {
    if (!zone) return '';
    if (zone.kind === 'radius') {
      var km = new Intl.NumberFormat(FG.config.lang, { maximumFractionDigits: 3 }).format(zone.radius_m / 1000);
      return FG.t('page-biz-zone-radius') + ' ' + km + ' ' + FG.t('page-biz-km');
    }
    var corners = 0;
    ((zone.geojson && zone.geojson.coordinates) || []).forEach(function (polygon) {
      corners += Math.max(0, ((polygon && polygon[0]) || []).length - 1);
    });
    return FG.t('page-biz-zone-polygon-corners') + ' ' + corners;
  }

  function dayHours(hours) {
    if (!hours) return FG.t('page-biz-closed');
    var text = hours.opens + '–' + hours.closes;
    (hours.breaks || []).forEach(function (pause) {
      text += ', ' + FG.t('page-biz-break') + ' ' + pause[0] + '–' + pause[1];
    });
    return text;
  }

  // "Monday–Friday 09:00–21:00; Saturday 10:00–16:00; Sunday closed", runs of equal days merged.
  function hoursSummary(hours) {
    var parts = [];
    var start = 0;
    for (var i = 1; i <= WEEKDAYS.length; i += 1) {
      var same = i < WEEKDAYS.length &&
        JSON.stringify(hours[WEEKDAYS[i]] || null) === JSON.stringify(hours[WEEKDAYS[start]] || null);
      if (same) continue;
      var names = (labels.weekday || {});
      var first = names[WEEKDAYS[start]] || WEEKDAYS[start];
      var range = i - 1 === start ? first : first + '–' + (names[WEEKDAYS[i - 1]] || WEEKDAYS[i - 1]);
      parts.push(range + ' ' + dayHours(hours[WEEKDAYS[start]]));
      start = i;
    }
    return parts.join('; ');
  }

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = text;
    return element;
  }

  window.FGB = {
    api: api,
    labels: labels,
    weekdays: WEEKDAYS,
    clearErrors: clearErrors,
    showErrors: showErrors,
    mainButton: mainButton,
    backButton: backButton,
    time: time,
    day: day,
    dateTime: dateTime,
    rubles: rubles,
    money: money,
    zoneSummary: zoneSummary,
    hoursSummary: hoursSummary,
    el: el,
  };
})();
