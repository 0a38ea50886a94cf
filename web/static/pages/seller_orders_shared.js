/*
 * FGO: what the seller order pages share (on top of window.FG, FGB and FGC).
 *
 *   FGO.boardUrl(shopId, orderId)  the board's URL (orderId: the card to highlight), keeping
 *                                  the page's language
 *   FGO.orderUrl(orderId, shopId)  one order's page
 *   FGO.tabOf(status)              the board's column of a status: new, assembling or ready
 *   FGO.when(order, tz)            "As soon as possible, by 12:45" or "Scheduled 13:00–14:00"
 *   FGO.total(order)               "≈ 512,00 ₽" while weighed goods are not weighed yet
 *   FGO.quantity(n, unit)          "512 g", "1,5 kg" or "3 pcs" (a planned or actual amount)
 *   FGO.parseWhole(text)           a whole positive number typed, or null
 */
(function () {
  'use strict';

  var FG = window.FG;
  var B = window.FGB;
  var C = window.FGC;

  var TABS = {
    placed: 'new',
    accepted: 'assembling',
    assembling: 'assembling',
    ready: 'ready',
  };

  function boardUrl(shopId, orderId) {
    return C.pageUrl('/app/seller/orders', { shop: shopId, order: orderId || null });
  }

  function orderUrl(orderId, shopId) {
    return C.pageUrl('/app/seller/order', { id: orderId, shop: shopId || null });
  }

  function tabOf(status) {
    return TABS[status] || null;
  }

  function when(order, timeZone) {
    if (order.delivery_kind === 'slot' && order.slot) {
      return FG.t('page-orders-slot') + ' ' + B.time(order.slot.start, timeZone) + '–' +
        B.time(order.slot.end, timeZone);
    }
    return FG.t('page-orders-asap') + ', ' + FG.t('page-orders-by') + ' ' +
      B.time(order.promised_at, timeZone);
  }

  function total(order) {
    var shown = order.final_total || order.current_total || order.total;
    return (order.estimated ? FG.t('page-orders-about') + ' ' : '') + shown.text;
  }

  function quantity(amount, unit) {
    if (unit === 'weight' && amount < 1000) return amount + ' ' + FG.t('page-order-unit-grams');
    return C.stockText(amount, unit);
  }

  function parseWhole(text) {
    var cleaned = String(text || '').replace(/[\s\u00a0]/g, '');
    if (!/^\d{1,9}$/.test(cleaned)) return null;
    var value = parseInt(cleaned, 10);
    return value > 0 ? value : null;
  }

  window.FGO = {
    boardUrl: boardUrl,
    orderUrl: orderUrl,
    tabOf: tabOf,
    when: when,
    total: total,
    quantity: quantity,
    parseWhole: parseWhole,
  };
})();
