/* /app/admin/applications: pending seller applications, newest first; one opens with its details,
   approved with the main button or rejected with a reason. Non-admins see the API's refusal. */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var applications = [];
  var current = null;
  var busy = false;

  function byId(id) { return document.getElementById(id); }

  function text(id, value) { byId(id).textContent = value === null || value === undefined ? '' : value; }

  function applicantName(application) {
    var person = application.applicant;
    if (!person) return String(application.business.applicant_id);
    var name = [person.first_name, person.last_name].filter(Boolean).join(' ');
    return person.username ? name + ' (@' + person.username + ')' : name;
  }

  // -- the queue --------------------------------------------------------------------------------

  function showList() {
    current = null;
    byId('review-detail').hidden = true;
    byId('review-list').hidden = false;
    var pending = applications.filter(function (a) { return a.business.status === 'pending'; });
    byId('review-empty').hidden = pending.length > 0;
    var list = byId('review-items');
    list.textContent = '';
    pending.forEach(function (application) {
      var business = application.business;
      var shop = application.shops[0];
      var item = B.el('li');
      var button = B.el('button', 'fg-choice');
      button.type = 'button';
      button.dataset.business = business.id;
      button.appendChild(B.el('span', 'fg-name', business.legal_name));
      button.appendChild(B.el('span', 'fg-hint', [shop ? shop.name : '', B.dateTime(business.created_at)]
        .filter(Boolean).join(' · ')));
      button.addEventListener('click', function () { showApplication(application); });
      item.appendChild(button);
      list.appendChild(item);
    });
    B.backButton(null);
    B.mainButton(FG.tg ? FG.t('page-review-refresh') : '', load);
  }

  // -- one application --------------------------------------------------------------------------

  function showApplication(application) {
    current = application;
    var business = application.business;
    var shop = application.shops[0];
    byId('review-list').hidden = true;
    byId('review-detail').hidden = false;
    text('review-legal-name', business.legal_name);
    text('review-applied', FG.t('page-review-applied') + ' ' + B.dateTime(business.created_at));
    text('review-inn', business.inn + ' · ' + FG.t('page-review-inn-' + business.inn_kind));
    text('review-tax-system', (B.labels.tax || {})[business.tax_system] || business.tax_system);
    text('review-contacts', business.phone + ', ' + business.email);
    text('review-applicant', applicantName(application));
    if (shop) {
      text('review-shop-name', shop.name);
      text('review-shop-address', shop.address);
      text('review-point', shop.point.lat + ', ' + shop.point.lon);
      text('review-timezone', shop.timezone);
      text('review-hours', B.hoursSummary(shop.hours));
      text('review-zone', B.zoneSummary(shop.zone));
      text('review-min-order', B.money(shop.min_order));
      text('review-delivery-fee', B.money(shop.delivery_fee));
      text('review-assembly', shop.assembly_minutes + ' ' + FG.t('page-biz-minutes'));
    }
    var decided = business.status !== 'pending';
    var decision = byId('review-decision');
    decision.hidden = !decided;
    decision.dataset.status = business.status;
    decision.textContent = decided ? FG.t('page-review-decided-' + business.status) +
      (business.rejection_reason ? ' ' + business.rejection_reason : '') : '';
    var form = byId('review-reject');
    form.hidden = decided;
    B.clearErrors(form);
    byId('f-reason').value = '';
    B.mainButton(decided ? '' : FG.t('page-review-approve'), approve);
    B.backButton(showList);
  }

  function decide(path, body) {
    if (busy || !current) return;
    busy = true;
    FG.hideError();
    var form = byId('review-reject');
    B.clearErrors(form);
    B.api('/applications/' + encodeURIComponent(current.business.id) + path, { method: 'POST', body: body })
      .then(function (decided) {
        busy = false;
        decided.applicant = current.applicant;
        applications = applications.map(function (a) {
          return a.business.id === decided.business.id ? decided : a;
        });
        showApplication(decided);
      }, function (error) {
        busy = false;
        if (!B.showErrors(form, error)) FG.showError(error);
      });
  }

  function approve() { decide('/approve'); }

  function reject(event) {
    event.preventDefault();
    decide('/reject', { reason: byId('f-reason').value });
  }

  function load() {
    FG.hideError();
    B.api('/applications').then(function (answer) {
      byId('fg-loading').hidden = true;
      applications = answer.applications;
      showList();
    }, function (error) {
      byId('fg-loading').hidden = true;
      if (error.status === 403) {
        FG.showError({ code: 'page_review_not_allowed', message: FG.t('page-review-not-allowed') });
      } else {
        FG.showError(error, error.status === 0 || error.status >= 500 ? load : null);
      }
    });
  }

  FG.start(function () {
    byId('review-reject').addEventListener('submit', reject);
    load();
  });
})();
