// The Mini App side panel: an iframe launched with signed initData in its URL fragment, driven by
// the same postMessage protocol Telegram's web clients use ({eventType, eventData} JSON strings).

import { sim } from './api.js';
import { el } from './format.js';
import { icon } from './icons.js';

export const THEMES = {
  light: {
    bg_color: '#ffffff',
    text_color: '#000000',
    hint_color: '#707579',
    link_color: '#3390ec',
    button_color: '#3390ec',
    button_text_color: '#ffffff',
    secondary_bg_color: '#f4f4f5',
    header_bg_color: '#ffffff',
    accent_text_color: '#3390ec',
    section_bg_color: '#ffffff',
    section_header_text_color: '#3390ec',
    subtitle_text_color: '#707579',
    destructive_text_color: '#e53935',
    bottom_bar_bg_color: '#ffffff',
    section_separator_color: '#e7e7e7',
  },
  dark: {
    bg_color: '#212121',
    text_color: '#ffffff',
    hint_color: '#aaaaaa',
    link_color: '#8774e1',
    button_color: '#8774e1',
    button_text_color: '#ffffff',
    secondary_bg_color: '#181818',
    header_bg_color: '#212121',
    accent_text_color: '#8774e1',
    section_bg_color: '#212121',
    section_header_text_color: '#aaaaaa',
    subtitle_text_color: '#aaaaaa',
    destructive_text_color: '#ff595a',
    bottom_bar_bg_color: '#212121',
    section_separator_color: '#303030',
  },
};

export const WEB_APP_VERSION = '7.10';

export function launchUrl(url, initData, theme) {
  const params = new URLSearchParams();
  params.set('tgWebAppData', initData);
  params.set('tgWebAppVersion', WEB_APP_VERSION);
  params.set('tgWebAppPlatform', 'weba');
  params.set('tgWebAppThemeParams', JSON.stringify(theme));
  const [base, hash] = url.split('#', 2);
  // URLSearchParams writes spaces as "+", which the web-app script decodes back as spaces.
  return `${base}#${hash ? `${hash}&` : ''}${params.toString()}`;
}

export class MiniAppPanel {
  constructor(root, { toast, getTheme, sendData, openTelegramLink, requestPhone, onToggle }) {
    this.root = root;
    this.hooks = { toast, getTheme, sendData, openTelegramLink, requestPhone, onToggle };
    this.frame = null;
    this.launch = null;
    this.needsConfirmation = false;
    this.title = root.querySelector('.miniapp-title');
    this.subtitle = root.querySelector('.miniapp-subtitle');
    this.header = root.querySelector('.miniapp-head');
    this.body = root.querySelector('.miniapp-body');
    this.backButton = root.querySelector('.miniapp-back');
    this.closeButton = root.querySelector('.miniapp-close');
    this.reloadButton = root.querySelector('.miniapp-reload');
    this.settingsButton = root.querySelector('.miniapp-settings');
    this.bottomBar = root.querySelector('.miniapp-bottom');
    this.mainButton = root.querySelector('.main-button');
    this.secondaryButton = root.querySelector('.secondary-button');
    this.popup = root.querySelector('.miniapp-popup');

    this.backButton.addEventListener('click', () => this.post('back_button_pressed'));
    this.closeButton.addEventListener('click', () => this.close());
    this.reloadButton.addEventListener('click', () => this.reload());
    this.settingsButton.addEventListener('click', () => this.post('settings_button_pressed'));
    this.mainButton.addEventListener('click', () => {
      if (!this.mainButton.disabled) this.post('main_button_pressed');
    });
    this.secondaryButton.addEventListener('click', () => {
      if (!this.secondaryButton.disabled) this.post('secondary_button_pressed');
    });
    window.addEventListener('message', (event) => this.receive(event));
    window.addEventListener('resize', () => this.sendViewport());
  }

  get isOpen() {
    return !this.root.hidden;
  }

  // launch: {where, botTitle, url, title, source: 'inline'|'keyboard'|'menu', buttonText, startParam}
  async open(launch) {
    const answer = await sim.webApp(launch.where, launch.startParam ? { start_param: launch.startParam } : {});
    this.launch = { ...launch, initData: answer.init_data };
    this.title.textContent = launch.title || launch.botTitle;
    this.subtitle.textContent = 'mini app';
    this.root.hidden = false;
    this.hooks.onToggle(true);
    this.mount();
  }

  mount() {
    this.resetChrome();
    this.frame?.remove();
    const frame = el('iframe', {
      class: 'miniapp-frame',
      title: this.title.textContent,
      allow: 'clipboard-write; geolocation',
      // What Telegram's web client grants its Mini App frames.
      sandbox: 'allow-scripts allow-same-origin allow-popups allow-forms allow-modals allow-downloads',
      src: launchUrl(this.launch.url, this.launch.initData, this.hooks.getTheme()),
    });
    this.frame = frame;
    this.body.classList.add('loading');
    frame.addEventListener('load', () => this.body.classList.remove('loading'));
    this.body.prepend(frame);
  }

  reload() {
    if (this.launch) this.mount();
  }

  resetChrome() {
    this.needsConfirmation = false;
    this.backButton.hidden = true;
    this.settingsButton.hidden = true;
    this.header.style.background = '';
    this.body.style.background = '';
    this.applyButton(this.mainButton, { is_visible: false });
    this.applyButton(this.secondaryButton, { is_visible: false });
    this.closePopup(null, false);
  }

  close({ force = false } = {}) {
    if (!this.isOpen) return;
    if (!force && this.needsConfirmation && !window.confirm('Changes that you made may not be saved. Close anyway?')) return;
    this.frame?.remove();
    this.frame = null;
    this.launch = null;
    this.root.hidden = true;
    this.hooks.onToggle(false);
  }

  post(eventType, eventData) {
    if (!this.frame?.contentWindow) return;
    const message = JSON.stringify(eventData === undefined ? { eventType } : { eventType, eventData });
    this.frame.contentWindow.postMessage(message, '*');
  }

  themeChanged() {
    this.post('theme_changed', { theme_params: this.hooks.getTheme() });
  }

  sendViewport() {
    if (!this.frame) return;
    this.post('viewport_changed', {
      height: this.frame.clientHeight,
      width: this.frame.clientWidth,
      is_expanded: true,
      is_state_stable: true,
    });
  }

  applyButton(button, params) {
    const bar = this.bottomBar;
    button.hidden = !params.is_visible;
    if (params.is_visible) {
      button.querySelector('.bottom-text').textContent = params.text || '';
      button.style.background = params.color || '';
      button.style.color = params.text_color || '';
      button.disabled = params.is_active === false;
      button.classList.toggle('progress', Boolean(params.is_progress_visible));
      button.classList.toggle('shine', Boolean(params.has_shine_effect));
    }
    bar.hidden = this.mainButton.hidden && this.secondaryButton.hidden;
    bar.classList.toggle('secondary-first', this.secondaryButton.dataset.position === 'left');
  }

  openPopup(params) {
    const popup = this.popup;
    popup.replaceChildren();
    const labels = { ok: 'OK', close: 'Close', cancel: 'Cancel' };
    const buttons = (params.buttons || [{ id: '', type: 'close' }]).map((b) =>
      el(
        'button',
        { type: 'button', class: `popup-btn ${b.type === 'destructive' ? 'destructive' : ''}`, onclick: () => this.closePopup(b.id, true) },
        b.text || labels[b.type] || 'OK',
      ),
    );
    popup.append(
      el(
        'div',
        { class: 'popup-card', role: 'alertdialog', 'aria-modal': 'true' },
        params.title ? el('div', { class: 'popup-title' }, params.title) : null,
        el('div', { class: 'popup-message' }, params.message || ''),
        el('div', { class: 'popup-buttons' }, buttons),
      ),
    );
    popup.hidden = false;
    buttons[0]?.focus();
  }

  closePopup(buttonId, notify) {
    if (this.popup.hidden) return;
    this.popup.hidden = true;
    this.popup.replaceChildren();
    if (notify) this.post('popup_closed', buttonId === null ? {} : { button_id: buttonId });
  }

  async receive(event) {
    if (!this.frame || event.source !== this.frame.contentWindow) return;
    let parsed;
    try {
      parsed = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
    } catch {
      return;
    }
    if (!parsed || typeof parsed.eventType !== 'string') return;
    const data = parsed.eventData || {};
    switch (parsed.eventType) {
      case 'web_app_request_theme':
        this.themeChanged();
        break;
      case 'web_app_request_viewport':
        this.sendViewport();
        break;
      case 'web_app_ready':
        this.body.classList.remove('loading');
        break;
      case 'web_app_expand':
        this.sendViewport();
        break;
      case 'web_app_close':
        this.close({ force: true });
        break;
      case 'web_app_setup_main_button':
        this.applyButton(this.mainButton, data);
        break;
      case 'web_app_setup_secondary_button':
        this.secondaryButton.dataset.position = data.position || 'left';
        this.applyButton(this.secondaryButton, data);
        break;
      case 'web_app_setup_back_button':
        this.backButton.hidden = !data.is_visible;
        break;
      case 'web_app_setup_settings_button':
        this.settingsButton.hidden = !data.is_visible;
        break;
      case 'web_app_setup_closing_behavior':
        this.needsConfirmation = Boolean(data.need_confirmation);
        break;
      case 'web_app_set_header_color': {
        const theme = this.hooks.getTheme();
        this.header.style.background = data.color || theme[data.color_key] || '';
        break;
      }
      case 'web_app_set_background_color':
        this.body.style.background = data.color || '';
        break;
      case 'web_app_open_popup':
        this.openPopup(data);
        break;
      case 'web_app_open_link':
        if (/^https?:/i.test(data.url || '')) window.open(data.url, '_blank', 'noopener');
        break;
      case 'web_app_open_tg_link':
        this.hooks.openTelegramLink(data.path_full || '');
        break;
      case 'web_app_data_send':
        await this.sendData(data.data);
        break;
      case 'web_app_request_phone': {
        const status = await this.hooks.requestPhone(this.launch);
        this.post('phone_requested', { status });
        break;
      }
      case 'web_app_open_invoice':
        this.hooks.toast('Invoices inside Mini Apps are not emulated; pay from the chat instead.');
        this.post('invoice_closed', { slug: data.slug, status: 'cancelled' });
        break;
      default:
        // Haptics, swipe behaviour, colours of the bottom bar: nothing to show here.
        break;
    }
  }

  async sendData(data) {
    const launch = this.launch;
    // Telegram accepts sendData only from Mini Apps opened by a reply-keyboard button.
    if (!launch || launch.source !== 'keyboard') {
      this.hooks.toast('sendData works only for Mini Apps opened from a keyboard button');
      return;
    }
    try {
      await this.hooks.sendData(launch, data);
      this.close({ force: true });
    } catch (error) {
      this.hooks.toast(`sendData failed: ${error.message}`);
    }
  }
}

export function panelMarkup() {
  return [
    el(
      'header',
      { class: 'miniapp-head' },
      el('button', { type: 'button', class: 'icon-btn miniapp-back', title: 'Back', hidden: true }, icon('back')),
      el('button', { type: 'button', class: 'icon-btn miniapp-close', title: 'Close (Esc)' }, icon('close')),
      el('div', { class: 'miniapp-titles' }, el('div', { class: 'miniapp-title' }), el('div', { class: 'miniapp-subtitle' })),
      el('button', { type: 'button', class: 'icon-btn miniapp-settings', title: 'Settings', hidden: true }, icon('dots')),
      el('button', { type: 'button', class: 'icon-btn miniapp-reload', title: 'Reload' }, icon('reload')),
    ),
    el('div', { class: 'miniapp-body loading' }, el('div', { class: 'spinner', 'aria-hidden': 'true' }), el('div', { class: 'miniapp-popup', hidden: true })),
    el(
      'footer',
      { class: 'miniapp-bottom', hidden: true },
      el('button', { type: 'button', class: 'bottom-btn secondary-button', hidden: true }, el('span', { class: 'bottom-text' }), el('span', { class: 'bottom-spinner' })),
      el('button', { type: 'button', class: 'bottom-btn main-button', hidden: true }, el('span', { class: 'bottom-text' }), el('span', { class: 'bottom-spinner' })),
    ),
  ];
}
