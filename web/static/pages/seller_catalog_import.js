/* /app/seller/catalog/import: download the shop's price list as CSV; send an edited one for a
   dry run, which lists what would change and every bad row (line, column, why); "Apply" is
   offered only after a dry run without errors, and applies all of it or nothing. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var C = window.FGC;

  var mine = null;
  var file = null;
  var checked = false; // the chosen file passed a dry run
  var busy = false;

  function byId(id) { return document.getElementById(id); }

  function listUrl() { return C.pageUrl('/app/seller/catalog', { shop: mine.shop.id }); }

  function priceListPath(dryRun) {
    return '/shops/' + encodeURIComponent(mine.shop.id) + '/price-list?dry_run=' + (dryRun ? '1' : '0');
  }

  function setButtons() {
    byId('imp-check').disabled = busy || !file;
    byId('imp-apply').disabled = busy || !file || !checked;
  }

  function pair(values, format) {
    if (!values) return '';
    return format(values[0]) + ' → ' + format(values[1]);
  }

  function money(minor) {
    return minor === null || minor === undefined ? '—' : C.rubles(minor) + '\u00a0₽';
  }

  function quantity(unit) {
    return function (amount) {
      if (amount === null || amount === undefined) return '—';
      return unit ? C.stockText(amount, unit) : String(amount);
    };
  }

  function shown(visible) {
    return FG.t(visible ? 'page-catalog-visible-shown' : 'page-catalog-visible-hidden');
  }

  function cell(row, text, className) {
    var td = B.el('td', className || null, text);
    row.appendChild(td);
    return td;
  }

  function renderErrors(errors) {
    var body = byId('imp-errors').querySelector('tbody');
    body.textContent = '';
    errors.forEach(function (problem) {
      var row = B.el('tr');
      row.dataset.line = String(problem.line);
      row.dataset.code = problem.code || '';
      cell(row, String(problem.line));
      cell(row, problem.column || '—');
      cell(row, problem.message || FG.t('error-generic'));
      body.appendChild(row);
    });
    byId('imp-errors-box').hidden = errors.length === 0;
  }

  function renderChanges(changes) {
    var body = byId('imp-changes').querySelector('tbody');
    body.textContent = '';
    changes.forEach(function (change) {
      var row = B.el('tr');
      row.dataset.line = String(change.line);
      if (change.offer_id) row.dataset.offer = change.offer_id;
      cell(row, String(change.line));
      var name = cell(row, change.name || change.product_id);
      if (change.new_offer) name.appendChild(B.el('span', 'cat-badge', FG.t('page-catalog-import-new-offer')));
      var price = cell(row, pair(change.price, money));
      if (change.old_price) {
        price.appendChild(B.el('div', 'fg-hint', FG.t('page-catalog-old-price') + ': ' + pair(change.old_price, money)));
      }
      cell(row, pair(change.stock, quantity(change.per === 'kg' ? 'weight' : 'piece')));
      cell(row, pair(change.visible, shown));
      body.appendChild(row);
    });
    byId('imp-changes-box').hidden = changes.length === 0;
  }

  function summary(result, key, report) {
    var text = FG.t(key);
    if (report && report.rows !== undefined) {
      text += ' ' + FG.t('page-catalog-import-rows') + ' ' + report.rows + '.';
    }
    var line = byId('imp-summary');
    line.textContent = text;
    line.dataset.result = result;
    byId('imp-report').hidden = false;
  }

  function showReport(report) {
    var errors = report.errors || [];
    var changes = report.changes || [];
    renderErrors(errors);
    renderChanges(errors.length ? [] : changes);
    byId('imp-changes-title').textContent = FG.t(report.applied ? 'page-catalog-import-changed' : 'page-catalog-import-changes');
    if (report.applied) {
      summary('applied', 'page-catalog-import-applied', report);
      checked = false;
    } else if (errors.length) {
      summary('errors', 'page-catalog-import-has-errors', report);
      checked = false;
    } else if (!changes.length) {
      summary('nothing', 'page-catalog-import-nothing', report);
      checked = false;
    } else {
      summary('ok', 'page-catalog-import-ready', report);
      checked = true;
    }
  }

  function run(dryRun) {
    if (busy || !file) return;
    busy = true;
    setButtons();
    FG.hideError();
    C.send(priceListPath(dryRun), { body: file, type: 'text/csv' }).then(function (report) {
      busy = false;
      showReport(report);
      if (report.applied) {
        file = null;
        byId('imp-file').value = '';
        B.mainButton(FG.t('page-catalog-import-to-list'), function () { window.location.href = listUrl(); });
      }
      setButtons();
    }, function (error) {
      busy = false;
      if (error.rows && error.rows.length) {
        // Applying found bad rows after all (the stock changed since the check): nothing applied.
        showReport({ errors: error.rows, changes: [] });
      } else {
        FG.showError(error);
      }
      setButtons();
    });
  }

  function exportList() {
    FG.hideError();
    C.download('/shops/' + encodeURIComponent(mine.shop.id) + '/price-list.csv', 'price-list.csv')
      .catch(FG.showError);
  }

  function show(chosen) {
    mine = chosen;
    if (C.isPicker(mine)) {
      FG.showError(new FG.ApiError('permission_denied', FG.t('error-permission_denied'), 403));
      return;
    }
    byId('imp-main').hidden = false;
    byId('imp-shop-name').textContent = mine.shop.name;
    B.backButton(function () { window.location.href = listUrl(); });
    setButtons();
  }

  FG.start(function () {
    byId('imp-file').addEventListener('change', function (event) {
      file = (event.target.files || [])[0] || null;
      checked = false;
      byId('imp-report').hidden = true;
      setButtons();
    });
    byId('imp-check').addEventListener('click', function () { run(true); });
    byId('imp-apply').addEventListener('click', function () { run(false); });
    byId('imp-export').addEventListener('click', exportList);
    C.chooseShop(show);
  });
})();
