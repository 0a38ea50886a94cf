// The chat UI: pick a person, then talk to the bots (and in groups) as that person through /sim.

import { SimError, sim } from './api.js';
import { avatar, botTitle, clock, dayKey, dayLabel, el, personTitle, plainPreview, safeUrl } from './format.js';
import { icon } from './icons.js';
import { MiniAppPanel, THEMES, panelMarkup } from './miniapp.js';
import { isService, renderMessage, replyKeyboard } from './render.js';

const $ = (selector) => document.querySelector(selector);

const WAIT_SECONDS = 25;
const PREVIEW_EVERY_MS = 4000;
// While a live location is shared its point is sent again this often (the dispatcher trusts only
// fresh fixes); ?live_refresh=<seconds> in the page address changes it, for tests.
const LIVE_REFRESH_MS = (Number(new URLSearchParams(window.location.search).get('live_refresh')) || 20) * 1000;
const MAX_UPLOAD = 10 * 1024 * 1024;
const STORE = { people: 'sandbox.people', theme: 'sandbox.theme', last: 'sandbox.last', live: 'sandbox.live' };

const state = {
  people: [],
  bots: [],
  groups: [],
  chats: [],
  presets: [],
  person: null,
  chat: null,
  conversation: null,
  menu: null,
  previews: new Map(),
  previewRun: 0,
  theme: localStorage.getItem(STORE.theme) === 'dark' ? 'dark' : 'light',
};

// ---- small UI services ---------------------------------------------------------------------------

function toast(text, kind = '') {
  const node = el('div', { class: `toast ${kind}`.trim(), role: 'status' }, text);
  $('#toasts').append(node);
  setTimeout(() => node.classList.add('leaving'), 2600);
  setTimeout(() => node.remove(), 3000);
}

function confirmDialog(title, text, { ok = 'OK', cancel = 'Cancel' } = {}) {
  const dialog = $('#confirm-dialog');
  $('#confirm-title').textContent = title;
  $('#confirm-text').textContent = text;
  $('#confirm-ok').textContent = ok;
  $('#confirm-cancel').textContent = cancel || '';
  $('#confirm-cancel').hidden = cancel === null;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.showModal();
    $('#confirm-ok').focus();
  });
}

const alertDialog = (text) => confirmDialog('', text, { cancel: null });

function errorText(error) {
  return error instanceof SimError ? error.message : `Network error: ${error.message}`;
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function setConnection(ok) {
  const node = $('#connection');
  node.textContent = ok ? 'offline emulator' : 'reconnecting…';
  node.classList.toggle('bad', !ok);
}

function presetAt(latitude, longitude) {
  return state.presets.find((p) => Math.abs(p.latitude - latitude) < 2e-4 && Math.abs(p.longitude - longitude) < 2e-4) || null;
}

function saveLast() {
  const last = { user: state.person?.user_id ?? null, chat: state.chat?.key ?? null };
  localStorage.setItem(STORE.last, JSON.stringify(last));
  const params = new URLSearchParams();
  if (last.user !== null) params.set('user', last.user);
  if (state.chat?.kind === 'private') params.set('bot', state.chat.bot.username);
  if (state.chat?.kind === 'group') params.set('chat', state.chat.group.chat_id);
  history.replaceState(null, '', `#${params}`);
}

// ---- chats: private chats with bots and the groups a person is in ------------------------------

function privateChat(bot) {
  return { key: `bot:${bot.username}`, kind: 'private', bot, id: bot.id, title: botTitle(bot), subtitle: `bot · @${bot.username}` };
}

function groupChat(group) {
  const members = Object.keys(group.members || {}).length;
  const subtitle = `${group.forum ? 'forum · ' : ''}${members} member${members === 1 ? '' : 's'}`;
  return { key: `group:${group.chat_id}`, kind: 'group', group, id: group.chat_id, title: group.title, subtitle };
}

function whereOf(chat, person = state.person) {
  return chat.kind === 'private'
    ? { user_id: person.user_id, bot: chat.bot.username }
    : { user_id: person.user_id, chat_id: chat.group.chat_id };
}

function buildChats() {
  const uid = state.person ? String(state.person.user_id) : null;
  const groups = state.groups.filter((g) => uid && Object.hasOwn(g.members || {}, uid) && !['left', 'kicked'].includes(g.members[uid]));
  state.chats = [...state.bots.map(privateChat), ...groups.map(groupChat)];
}

// ---- one open chat -------------------------------------------------------------------------------

class Conversation {
  constructor(person, chat) {
    this.person = person;
    this.chat = chat;
    this.where = whereOf(chat, person);
    this.forum = chat.kind === 'group' && chat.group.forum;
    this.thread = null; // forum topic shown (null: General)
    this.alive = true;
    this.abort = new AbortController();
    this.store = new Map(); // every message of the chat, by id
    this.entries = new Map(); // rendered messages (those of the shown topic)
    this.ids = [];
    this.loaded = false;
    this.revision = undefined;
    this.serverKeyboard = undefined;
    this.keyboardKey = null;
    this.keyboardMarkup = null;
    this.keyboardCollapsed = false;
    this.unseen = 0;
    this.scroller = $('#messages');
    this.list = $('#messages-inner');
    this.list.replaceChildren(el('div', { class: 'loading-chat' }, el('div', { class: 'spinner' })));
    this.ctx = {
      me: person.user_id,
      botTitle: chat.title,
      images: new Map(),
      fileUrl: sim.fileUrl,
      presetAt,
      jumpTo: (id) => this.jumpTo(id),
      onInlineButton: (message, button, node) => this.pressInline(message, button, node),
      textHandlers: { command: (command) => this.sendText(command) },
    };
  }

  get lastId() {
    let last = 0;
    for (const id of this.store.keys()) last = Math.max(last, id);
    return last;
  }

  dispose() {
    this.alive = false;
    this.abort.abort();
    clearTimeout(this.actionTimer);
  }

  async start() {
    try {
      const answer = await sim.chat(this.where);
      if (!this.alive) return;
      this.loaded = true;
      this.list.replaceChildren();
      this.apply(answer, { full: true, initial: true });
    } catch (error) {
      if (!this.alive) return;
      this.list.replaceChildren(el('div', { class: 'chat-error' }, `Could not load the chat: ${errorText(error)}`));
      return;
    }
    this.poll();
  }

  // /sim/wait returns once the chat changes after the revision we have seen, with what changed
  // (messages, deleted ids, the reply keyboard). An emulator without revisions gets a full
  // /sim/chat after every wake-up instead.
  async poll() {
    let failures = 0;
    let idle = 0;
    while (this.alive) {
      const started = performance.now();
      try {
        let answer = await sim.wait(this.where, {
          after: this.lastId,
          since: this.revision,
          timeout: WAIT_SECONDS,
          signal: this.abort.signal,
        });
        if (!this.alive) return;
        const incremental = typeof answer?.revision === 'number';
        if (!incremental) answer = await sim.chat(this.where);
        if (!this.alive) return;
        const changed = this.apply(answer, { full: !incremental });
        failures = 0;
        setConnection(true);
        // An emulator that keeps answering at once with nothing new must not make us spin
        // (one quick empty answer is normal: our own message wakes the wait).
        idle = !changed && performance.now() - started < 200 ? idle + 1 : 0;
        if (idle >= 3) await delay(1000);
      } catch (error) {
        if (!this.alive || error.name === 'AbortError') return;
        failures += 1;
        setConnection(false);
        await delay(Math.min(8000, 500 * 2 ** Math.min(failures, 4)));
      }
    }
  }

  visible(message) {
    if (!this.forum) return true;
    const thread = message.is_topic_message ? message.message_thread_id : null;
    return thread === this.thread;
  }

  // answer: a /sim/chat or /sim/wait envelope ({messages, revision?, keyboard?, action?, deleted?});
  // full: the messages are the whole chat, so anything missing was deleted.
  apply(answer, { full = false, initial = false } = {}) {
    const nearBottom = this.isNearBottom();
    if (typeof answer.revision === 'number') this.revision = answer.revision;
    if ('keyboard' in answer) this.serverKeyboard = answer.keyboard;
    if ('action' in answer) this.showAction(answer.action);
    const messages = answer.messages || [];
    const changedIds = [];
    const seen = new Set();
    for (const message of messages) {
      seen.add(message.message_id);
      const before = this.store.get(message.message_id);
      if (before && JSON.stringify(before) === JSON.stringify(message)) continue;
      this.store.set(message.message_id, message);
      changedIds.push(message.message_id);
    }
    const gone = full ? [...this.store.keys()].filter((id) => !seen.has(id)) : answer.deleted || [];
    for (const id of gone) this.store.delete(id);
    if (changedIds.some((id) => isTopicEvent(this.store.get(id)))) refreshGroups();

    const { changed, incoming, outgoing } = this.render([...changedIds, ...gone]);
    if (outgoing && this.serverKeyboard && (this.serverKeyboard.one_time_keyboard || this.serverKeyboard.force_reply)) {
      // The emulator drops such a keyboard once the person writes, as Telegram does.
      this.serverKeyboard = null;
    }
    const keyboardChanged = this.updateKeyboard();
    if (!changed && !initial) return keyboardChanged;
    this.decorate();
    this.updateEmptyState();
    updatePreview(this.chat.key, this.lastStored(), 0);
    if (initial || outgoing || nearBottom) {
      this.scrollToBottom(!initial);
    } else if (incoming) {
      this.unseen += incoming;
      showJump(this.unseen);
    }
    return true;
  }

  // Brings the rows of these message ids in line with the store (and the topic shown).
  render(ids) {
    let changed = false;
    let incoming = 0;
    let outgoing = false;
    for (const id of ids) {
      const message = this.store.get(id);
      const entry = this.entries.get(id);
      if (!message || !this.visible(message)) {
        if (entry) {
          entry.row.remove();
          this.entries.delete(id);
          this.ids.splice(this.ids.indexOf(id), 1);
          changed = true;
        }
        continue;
      }
      const row = renderMessage(message, this.ctx);
      if (entry) {
        entry.row.replaceWith(row);
        Object.assign(entry, { row, message });
      } else {
        this.insert(id, row);
        this.entries.set(id, { row, message });
        if (message.from?.id === this.person.user_id) outgoing = true;
        else incoming += 1;
      }
      changed = true;
    }
    return { changed, incoming, outgoing };
  }

  showTopic(thread) {
    this.thread = thread;
    this.entries.clear();
    this.ids = [];
    this.list.replaceChildren();
    this.render([...this.store.keys()].sort((a, b) => a - b));
    this.decorate();
    this.updateEmptyState();
    this.scrollToBottom(false);
    renderTopics();
  }

  insert(id, row) {
    let index = this.ids.length;
    while (index > 0 && this.ids[index - 1] > id) index -= 1;
    const before = index < this.ids.length ? this.entries.get(this.ids[index]).row : null;
    this.ids.splice(index, 0, id);
    this.list.insertBefore(row, before);
  }

  lastStored() {
    const id = this.lastId;
    return id ? this.store.get(id) : null;
  }

  showAction(action) {
    clearTimeout(this.actionTimer);
    // Telegram shows a chat action for about five seconds unless the bot repeats it.
    if (action) this.actionTimer = setTimeout(() => this.alive && this.showAction(null), 5000);
    const status = $('#chat-status');
    const labels = {
      typing: 'typing…',
      upload_photo: 'sending a photo…',
      upload_document: 'sending a file…',
      find_location: 'choosing a location…',
    };
    status.textContent = action ? labels[action] || `${action.replace(/_/g, ' ')}…` : this.chat.subtitle;
    status.classList.toggle('acting', Boolean(action));
  }

  // Day separators and sender groups depend on neighbours, so they are set after every change.
  decorate() {
    let previous = null;
    let previousRow = null;
    for (const id of this.ids) {
      const { message, row } = this.entries.get(id);
      const newDay = !previous || dayKey(previous.date) !== dayKey(message.date);
      if (newDay) row.dataset.day = dayLabel(message.date);
      else delete row.dataset.day;
      const sameGroup =
        !newDay &&
        !isService(previous) &&
        !isService(message) &&
        previous.from?.id === message.from?.id &&
        message.date - previous.date < 600;
      row.classList.toggle('group-start', !sameGroup);
      if (previousRow) previousRow.classList.toggle('group-end', !sameGroup);
      previous = message;
      previousRow = row;
    }
    previousRow?.classList.add('group-end');
  }

  // The emulator reports the reply keyboard the person sees (a reply keyboard is not part of a
  // Bot API Message); without that report, the last one a bot sent stays until it is removed.
  currentKeyboard() {
    if (this.serverKeyboard !== undefined) return { markup: this.serverKeyboard, fromId: 'server' };
    let markup = null;
    let fromId = null;
    for (const id of this.ids) {
      const { message } = this.entries.get(id);
      const rm = message.reply_markup;
      if (!rm || rm.inline_keyboard || message.from?.id === this.person.user_id) continue;
      markup = rm.remove_keyboard ? null : rm;
      fromId = rm.remove_keyboard ? null : id;
    }
    const used =
      (markup?.one_time_keyboard || markup?.force_reply) &&
      this.ids.some((id) => id > fromId && this.entries.get(id).message.from?.id === this.person.user_id);
    return used ? { markup: null, fromId: null } : { markup, fromId };
  }

  updateKeyboard() {
    const { markup, fromId } = this.currentKeyboard();
    const board = markup?.keyboard ? markup : null;
    const key = markup ? `${fromId}:${JSON.stringify(markup)}` : null;
    if (key === this.keyboardKey) return false;
    this.keyboardKey = key;
    this.keyboardMarkup = board;
    this.keyboardCollapsed = false;
    $('#reply-keyboard').replaceChildren(board ? replyKeyboard(board, (button) => this.pressReply(button)) : '');
    $('#input').placeholder = markup?.input_field_placeholder || 'Message';
    renderKeyboardVisibility(this);
    return true;
  }

  updateEmptyState() {
    const empty = this.loaded && this.store.size === 0 && this.chat.kind === 'private';
    $('#start-bar').hidden = !empty;
    $('#composer').hidden = empty;
    const intro = this.list.querySelector('.bot-intro');
    if (empty && !intro) {
      this.list.append(
        el(
          'div',
          { class: 'bot-intro' },
          avatar(this.chat.id, this.chat.title, 'large'),
          el('div', { class: 'bot-intro-title' }, 'What can this bot do?'),
          el('div', { class: 'bot-intro-text' }, state.menu?.description || `Press START to talk to @${this.chat.bot.username}.`),
        ),
      );
    } else if (empty && intro && state.menu?.description) {
      intro.querySelector('.bot-intro-text').textContent = state.menu.description;
    } else if (!empty) {
      intro?.remove();
    }
  }

  isNearBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
  }

  scrollToBottom(smooth) {
    this.unseen = 0;
    const s = this.scroller;
    s.scrollTo({ top: s.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    showJump(0);
  }

  jumpTo(id) {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.row.scrollIntoView({ block: 'center', behavior: 'smooth' });
    entry.row.classList.add('flash');
    setTimeout(() => entry.row.classList.remove('flash'), 1200);
  }

  // ---- actions ----

  // Under a force_reply markup Telegram opens the reply interface, so the message answers the
  // bot's latest one.
  replyTarget() {
    const { markup } = this.currentKeyboard();
    if (!markup?.force_reply) return {};
    const ids = [...this.store.keys()].sort((a, b) => b - a);
    const id = ids.find((i) => this.store.get(i).from?.is_bot);
    return id ? { reply_to_message_id: id } : {};
  }

  async send(payload) {
    const thread = this.forum && this.thread !== null ? { message_thread_id: this.thread } : {};
    try {
      const answer = await sim.send(this.where, { ...thread, ...this.replyTarget(), ...payload });
      if (this.alive && answer?.message) this.apply({ messages: [answer.message] });
      return answer?.message || true;
    } catch (error) {
      toast(errorText(error), 'error');
      return false;
    }
  }

  sendText(text) {
    return this.send({ text });
  }

  async pressInline(message, button, node) {
    if (button.callback_data !== undefined) {
      node.classList.add('pending');
      try {
        const answer = await sim.press(this.where, message.message_id, { callback_data: button.callback_data });
        const reply = answer?.answer;
        if (reply?.url) openExternal(reply.url);
        if (reply?.text) {
          if (reply.show_alert) await alertDialog(reply.text);
          else toast(reply.text);
        }
      } catch (error) {
        toast(errorText(error), 'error');
      } finally {
        node.classList.remove('pending');
      }
    } else if (button.url) {
      openExternal(button.url);
    } else if (button.web_app) {
      openMiniApp({ url: button.web_app.url, title: this.chat.title, source: 'inline', buttonText: button.text });
    } else if (button.login_url) {
      openExternal(button.login_url.url);
    } else if (button.pay) {
      await this.pay(message);
    } else if (button.copy_text) {
      await navigator.clipboard?.writeText(button.copy_text.text).catch(() => null);
      toast('Copied to clipboard');
    } else {
      toast('This kind of button is not emulated here');
    }
  }

  async pressReply(button) {
    if (button.request_contact) await this.shareContact();
    else if (button.request_location) await this.shareLocation();
    else if (button.web_app) openMiniApp({ url: button.web_app.url, title: this.chat.title, source: 'keyboard', buttonText: button.text });
    else if (button.request_users || button.request_chat || button.request_poll) toast('This kind of button is not emulated here');
    else await this.sendText(button.text);
    $('#input').focus();
  }

  async shareContact() {
    const phone = await askPhone(this.person, `${this.chat.title} will see your phone number.`);
    if (!phone) return false;
    const contact = { phone_number: phone, first_name: this.person.first_name, user_id: this.person.user_id };
    if (this.person.last_name) contact.last_name = this.person.last_name;
    return this.send({ contact });
  }

  // While a live location is shared here, a picked point moves it instead of sending another.
  async shareLocation() {
    const key = liveKey(this.person, this.chat);
    const place = await askLocation(lives.has(key));
    if (!place) return false;
    const live = lives.get(key);
    if (live) {
      live.point = { latitude: place.latitude, longitude: place.longitude };
      saveLives();
      return editLive(key, live, { location: live.point });
    }
    const started = Date.now();
    const message = await this.send({ location: place });
    if (message?.message_id && place.live_period) startLive(key, this.where, message, started + place.live_period * 1000);
    return Boolean(message);
  }

  async sendFile(file, kind) {
    if (file.size > MAX_UPLOAD) {
      toast('Files up to 10 MB here', 'error');
      return false;
    }
    const data = await readBase64(file);
    const caption = $('#input').value.trim();
    const payload = kind === 'photo' ? { photo: data } : { document: { data, file_name: file.name, mime_type: file.type || undefined } };
    if (caption) payload.caption = caption;
    const sent = await this.send(payload);
    if (sent && caption) {
      $('#input').value = '';
      autosize();
    }
    return sent;
  }

  async pay(message) {
    const invoice = message.invoice;
    const ok = await confirmDialog(
      invoice ? invoice.title : 'Payment',
      'Pay in the sandbox? The bot gets the pre-checkout query and, once it agrees, the successful payment. No money moves.',
      { ok: 'Pay' },
    );
    if (!ok) return;
    try {
      const result = await sim.pay(this.where, message.message_id);
      if (result?.status === 'declined') toast(`The bot declined: ${result.error_message || 'no reason given'}`, 'error');
      else if (result?.status === 'timeout') toast('The bot did not answer the pre-checkout query in time', 'error');
      else toast('Paid');
    } catch (error) {
      toast(errorText(error), 'error');
    }
  }
}

function isTopicEvent(message) {
  return Boolean(message && (message.forum_topic_created || message.forum_topic_edited || message.forum_topic_closed || message.forum_topic_reopened));
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',', 2)[1] || '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function isAtBottom() {
  const s = $('#messages');
  return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
}

function showJump(count) {
  $('#jump').hidden = count === 0 && isAtBottom();
  $('#jump-count').textContent = count ? String(count) : '';
}

function renderKeyboardVisibility(conversation) {
  const has = Boolean(conversation.keyboardMarkup);
  $('#reply-keyboard').hidden = !has || conversation.keyboardCollapsed;
  const toggle = $('#kb-toggle');
  toggle.hidden = !has;
  toggle.classList.toggle('active', has && !conversation.keyboardCollapsed);
  toggle.title = conversation.keyboardCollapsed ? 'Show the bot keyboard' : 'Hide the bot keyboard';
}

function openExternal(raw) {
  const url = safeUrl(raw);
  if (!url) return;
  const parsed = new URL(url);
  if (parsed.host === 't.me' || parsed.host === 'telegram.me') {
    openTelegramLink(parsed.pathname + parsed.search);
    return;
  }
  window.open(url, '_blank', 'noopener');
}

// t.me/<bot>?start=<payload> deep links open that bot's chat here, as Telegram would.
async function openTelegramLink(pathFull) {
  const parsed = new URL(pathFull, 'https://t.me');
  const username = parsed.pathname.replace(/^\//, '').split('/')[0];
  const chat = state.chats.find((c) => c.kind === 'private' && c.bot.username.toLowerCase() === username.toLowerCase());
  if (!chat) {
    toast(`t.me/${username} is outside the sandbox`);
    return;
  }
  panel.close({ force: true });
  await selectChat(chat);
  const start = parsed.searchParams.get('start');
  if (start !== null && state.conversation) await state.conversation.sendText(start ? `/start ${start}` : '/start');
}

// ---- dialogs --------------------------------------------------------------------------------------

// Resolves with what onSubmit returns for the pressed button (undefined keeps the dialog open).
function runDialog(dialog, form, onSubmit) {
  return new Promise((resolve) => {
    let result = null;
    const submit = (event) => {
      const value = onSubmit(event);
      if (value === undefined) {
        event.preventDefault();
        return;
      }
      result = value;
    };
    form.addEventListener('submit', submit);
    dialog.addEventListener(
      'close',
      () => {
        form.removeEventListener('submit', submit);
        resolve(result);
      },
      { once: true },
    );
    dialog.showModal();
  });
}

function askPhone(person, hint) {
  const form = $('#contact-form');
  $('#contact-hint').textContent = hint;
  form.phone.value = person.phone || demoPhone(person.user_id);
  return runDialog($('#contact-dialog'), form, (event) => {
    if (event.submitter?.value !== 'share') return null;
    const phone = form.phone.value.trim();
    if (!phone) return undefined;
    person.phone = phone;
    rememberPeople();
    return phone;
  });
}

function askLocation(moving) {
  const form = $('#location-form');
  $('#location-title').textContent = moving ? 'Move your live location' : 'Share location';
  $('#location-hint').textContent = moving
    ? 'Your live location is on in this chat: the point you pick is where the bot sees you now.'
    : 'Demo addresses in Moscow; shops in the demo data deliver there.';
  $('#live-choice').hidden = moving;
  $('#presets').replaceChildren(
    ...state.presets.map((preset) =>
      el(
        'button',
        { type: 'submit', value: `preset:${preset.key}`, class: 'preset' },
        icon('pin'),
        el('span', {}, el('strong', {}, preset.title), el('small', {}, preset.address)),
      ),
    ),
  );
  return runDialog($('#location-dialog'), form, (event) => {
    const value = event.submitter?.value || '';
    const live = !moving && form.live.value ? { live_period: Number(form.live.value) } : {};
    if (value.startsWith('preset:')) {
      const preset = state.presets.find((p) => p.key === value.slice(7));
      return { latitude: preset.latitude, longitude: preset.longitude, ...live };
    }
    if (value === 'custom') {
      const latitude = Number.parseFloat(form.latitude.value);
      const longitude = Number.parseFloat(form.longitude.value);
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
      return { latitude, longitude, ...live };
    }
    return null;
  });
}

const DEMO_NAMES = ['Anna', 'Ivan', 'Maria', 'Dmitry', 'Olga', 'Sergey', 'Elena', 'Pavel'];

function demoPhone(seed) {
  const n = String(Math.abs(Number(seed) || Date.now()) % 10000000).padStart(7, '0');
  return `+7 900 ${n.slice(0, 3)}-${n.slice(3, 5)}-${n.slice(5, 7)}`;
}

async function newPerson() {
  const form = $('#person-form');
  form.reset();
  form.first_name.value = DEMO_NAMES[state.people.length % DEMO_NAMES.length];
  form.phone.value = demoPhone(Date.now());
  const fields = await runDialog($('#person-dialog'), form, (event) => {
    if (event.submitter?.value !== 'create') return null;
    if (!form.reportValidity()) return undefined;
    const out = { first_name: form.first_name.value.trim(), language_code: form.language_code.value };
    if (form.username.value.trim()) out.username = form.username.value.trim();
    if (form.phone.value.trim()) out.phone = form.phone.value.trim();
    return out;
  });
  if (!fields) return;
  try {
    const answer = await sim.createUser(fields);
    const person = { ...fields, user_id: answer.user_id };
    state.people.push(person);
    rememberPeople();
    await selectPerson(person);
  } catch (error) {
    toast(errorText(error), 'error');
  }
}

// ---- live locations ------------------------------------------------------------------------------

// Live locations being shared, by person and chat. As in Telegram they go on while another chat
// is open; they are kept in localStorage so that a reload does not silently stop the updates.
const lives = new Map(loadLives());
let liveTimer = null;

function liveKey(person, chat) {
  return `${person.user_id}|${chat.key}`;
}

function loadLives() {
  try {
    const stored = JSON.parse(localStorage.getItem(STORE.live) || '[]');
    return stored.filter(([, live]) => live.until > Date.now()).map(([key, live]) => [key, { ...live, busy: false }]);
  } catch {
    return [];
  }
}

function saveLives() {
  localStorage.setItem(STORE.live, JSON.stringify([...lives].map(([key, { busy, ...live }]) => [key, live])));
}

// until: when the period ends by the page's clock, taken before the send so the page stops first.
function startLive(key, where, message, until) {
  const { latitude, longitude } = message.location;
  lives.set(key, { where, messageId: message.message_id, point: { latitude, longitude }, until, sentAt: Date.now(), busy: false });
  saveLives();
  tickLives();
}

function endLive(key) {
  lives.delete(key);
  saveLives();
  renderLiveBar();
}

// quiet: a refresh that fails for the network is simply tried again on the next tick.
async function editLive(key, live, change, { quiet = false } = {}) {
  live.busy = true;
  live.sentAt = Date.now();
  try {
    const answer = await sim.edit(live.where, live.messageId, change);
    const open = state.conversation;
    if (open?.alive && answer?.message && liveKey(open.person, open.chat) === key) open.apply({ messages: [answer.message] });
    return true;
  } catch (error) {
    // The emulator refuses once the live location is over (stopped elsewhere, period ended).
    if (error instanceof SimError && (error.status === 400 || error.status === 404)) endLive(key);
    else if (!quiet) toast(errorText(error), 'error');
    return false;
  } finally {
    live.busy = false;
  }
}

async function stopLive() {
  const key = state.person && state.chat ? liveKey(state.person, state.chat) : null;
  const live = lives.get(key);
  if (!live) return;
  endLive(key);
  await editLive(key, live, { stop_live: true });
}

function tickLives() {
  clearTimeout(liveTimer);
  const now = Date.now();
  for (const [key, live] of lives) {
    if (now >= live.until) endLive(key);
    else if (!live.busy && now - live.sentAt >= LIVE_REFRESH_MS) editLive(key, live, { location: live.point }, { quiet: true });
  }
  renderLiveBar();
  if (lives.size) liveTimer = setTimeout(tickLives, Math.min(1000, LIVE_REFRESH_MS));
}

function timeLeft(ms) {
  const minutes = Math.max(1, Math.ceil(ms / 60000));
  if (minutes < 60) return `${minutes} min left`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''} left`;
}

function renderLiveBar() {
  const live = state.person && state.chat ? lives.get(liveKey(state.person, state.chat)) : null;
  $('#live-bar').hidden = !live;
  const text = live ? `Live location · ${timeLeft(live.until - Date.now())}` : '';
  // Rewritten only when it changes: the bar is a live region, read out on every change.
  if ($('#live-bar-text').textContent !== text) $('#live-bar-text').textContent = text;
}

// ---- people, bots, groups, chat list -----------------------------------------------------------

function rememberPeople() {
  localStorage.setItem(STORE.people, JSON.stringify(state.people));
}

async function loadPeople() {
  const listed = await sim.listUsers();
  const stored = JSON.parse(localStorage.getItem(STORE.people) || '[]');
  if (listed) {
    // The emulator is the source of truth; a phone typed here for sharing is kept.
    const phones = new Map(stored.map((p) => [p.user_id, p.phone]));
    const list = Array.isArray(listed) ? listed : listed.users || [];
    state.people = list.map((p) => ({ ...p, user_id: p.user_id ?? p.id, phone: p.phone || phones.get(p.user_id ?? p.id) }));
  } else {
    state.people = stored;
  }
}

async function refreshGroups() {
  try {
    state.groups = (await sim.listGroups()) || [];
  } catch {
    return;
  }
  buildChats();
  renderChatList();
  renderTopics();
}

// People, bots and groups made elsewhere (fruktgo sandbox, tests) show up on the next focus.
async function refreshDirectory() {
  try {
    const [bots, groups] = await Promise.all([sim.listBots(), sim.listGroups()]);
    await loadPeople();
    state.bots = Array.isArray(bots) ? bots : bots?.bots || [];
    state.groups = groups || [];
  } catch {
    return;
  }
  if (state.person) state.person = state.people.find((p) => p.user_id === state.person.user_id) || state.person;
  buildChats();
  renderPeople();
  renderChatList();
  renderTopics();
}

let peopleShown = null;

function renderPeople() {
  const select = $('#person-select');
  const shown = JSON.stringify(state.people.map((p) => [p.user_id, p.first_name, p.last_name, p.username]));
  if (shown === peopleShown) {
    select.value = state.person ? String(state.person.user_id) : '';
    return;
  }
  peopleShown = shown;
  select.replaceChildren(
    ...state.people.map((p) => el('option', { value: p.user_id }, `${personTitle(p)}${p.username ? ` (@${p.username})` : ''} · ${p.user_id}`)),
  );
  if (!state.people.length) select.append(el('option', { value: '' }, 'No people yet: create one'));
  select.value = state.person ? String(state.person.user_id) : '';
}

function previewLine(message) {
  const mine = state.person && message.from?.id === state.person.user_id;
  const who = mine ? 'You: ' : '';
  return `${who}${plainPreview(message).replace(/\s+/g, ' ')}`;
}

function renderChatList() {
  const nav = $('#chat-list');
  const items = state.chats.map((chat) => {
    const preview = state.previews.get(chat.key);
    const last = preview?.message;
    const active = state.chat?.key === chat.key;
    return el(
      'button',
      {
        type: 'button',
        class: `chat-item ${active ? 'active' : ''}`,
        dataset: chat.kind === 'private' ? { bot: chat.bot.username } : { chat: chat.group.chat_id },
        'aria-current': active ? 'true' : null,
        onclick: () => selectChat(chat),
      },
      avatar(chat.id, chat.title, chat.kind === 'group' ? 'group' : ''),
      el(
        'div',
        { class: 'chat-item-body' },
        el('div', { class: 'chat-item-top' }, el('span', { class: 'chat-item-name' }, chat.title), el('span', { class: 'chat-item-time' }, last ? clock(last.date) : '')),
        el(
          'div',
          { class: 'chat-item-bottom' },
          el('span', { class: 'chat-item-preview' }, last ? previewLine(last) : chat.subtitle),
          preview?.unread ? el('span', { class: 'badge' }, String(preview.unread)) : null,
        ),
      ),
    );
  });
  const groupsStart = state.chats.findIndex((c) => c.kind === 'group');
  if (groupsStart >= 0) items.splice(groupsStart, 0, el('div', { class: 'chat-list-heading' }, 'Groups'));
  nav.replaceChildren(...items);
  if (!state.chats.length) nav.append(el('div', { class: 'chat-list-empty' }, 'No bots are registered with the emulator yet.'));
}

function updatePreview(key, message, addUnread) {
  const current = state.previews.get(key) || { message: null, unread: 0 };
  const next = { message: message || current.message, unread: current.unread + addUnread };
  if (state.chat?.key === key) next.unread = 0;
  const same = JSON.stringify(current.message) === JSON.stringify(next.message) && current.unread === next.unread;
  state.previews.set(key, next);
  if (!same) renderChatList();
}

// The person's other chats are checked now and then, for previews and unread badges.
async function watchPreviews() {
  const run = ++state.previewRun;
  const person = state.person;
  if (!person) return;
  const cursors = new Map();
  let first = true;
  while (run === state.previewRun) {
    for (const chat of state.chats) {
      if (run !== state.previewRun) return;
      if (state.chat?.key === chat.key) {
        cursors.delete(chat.key);
        continue;
      }
      try {
        const after = cursors.get(chat.key);
        const { messages } = await sim.chat(whereOf(chat, person), after);
        if (run !== state.previewRun) return;
        const fresh = messages.filter((m) => m.message_id > (after ?? 0));
        const last = fresh[fresh.length - 1];
        cursors.set(chat.key, last ? last.message_id : after ?? 0);
        if (last) updatePreview(chat.key, last, first || after === undefined ? 0 : fresh.filter((m) => m.from?.id !== person.user_id).length);
      } catch {
        // The open chat reports connection trouble; previews wait for the next round.
      }
    }
    first = false;
    await delay(PREVIEW_EVERY_MS);
  }
}

// ---- forum topics --------------------------------------------------------------------------------

function renderTopics() {
  const bar = $('#topics');
  const conversation = state.conversation;
  const group = conversation?.forum ? state.groups.find((g) => g.chat_id === conversation.chat.group.chat_id) : null;
  if (!group) {
    bar.hidden = true;
    return;
  }
  const topic = (thread, name, extra = '') =>
    el(
      'button',
      {
        type: 'button',
        class: `topic ${conversation.thread === thread ? 'active' : ''} ${extra}`,
        'aria-pressed': conversation.thread === thread ? 'true' : 'false',
        onclick: () => conversation.showTopic(thread),
      },
      name,
    );
  bar.replaceChildren(
    topic(null, 'General'),
    ...(group.topics || []).map((t) => topic(t.message_thread_id, t.closed ? `${t.name} (closed)` : t.name, t.closed ? 'closed' : '')),
  );
  bar.hidden = false;
}

// ---- selection ----------------------------------------------------------------------------------

async function selectPerson(person) {
  state.person = person;
  state.previews.clear();
  buildChats();
  if (state.chat) state.chat = state.chats.find((c) => c.key === state.chat.key) || null;
  renderPeople();
  renderChatList();
  saveLast();
  await openConversation();
  watchPreviews();
}

async function selectChat(chat) {
  state.chat = chat;
  const preview = state.previews.get(chat.key);
  if (preview) preview.unread = 0;
  renderChatList();
  saveLast();
  $('#app').classList.add('chat-open');
  await openConversation();
}

function showNoChat() {
  $('#chat-name').textContent = state.person ? 'Choose a chat' : 'Create a person to begin';
  $('#chat-status').textContent = '';
  $('#chat-avatar').replaceChildren();
  $('#topics').hidden = true;
  $('#live-bar').hidden = true;
  $('#messages-inner').replaceChildren(
    el(
      'div',
      { class: 'no-chat' },
      el('div', { class: 'no-chat-title' }, state.person ? 'Pick a bot on the left' : 'Nobody here yet'),
      el(
        'div',
        { class: 'no-chat-text' },
        state.person
          ? `You are ${personTitle(state.person)}. Whatever you send goes to the bot as this person.`
          : 'Create a person (the + button) to talk to the bots as them.',
      ),
      state.person ? null : el('button', { type: 'button', class: 'primary', onclick: newPerson }, 'Create a person'),
    ),
  );
  for (const id of ['#composer', '#start-bar', '#reply-keyboard', '#menu-btn', '#kb-toggle']) $(id).hidden = true;
}

async function openConversation() {
  state.conversation?.dispose();
  state.conversation = null;
  state.menu = null;
  closePopovers();
  if (!state.person || !state.chat) {
    showNoChat();
    return;
  }
  const chat = state.chat;
  $('#chat-name').textContent = chat.title;
  $('#chat-status').textContent = chat.subtitle;
  $('#chat-status').classList.remove('acting');
  $('#chat-avatar').replaceChildren(avatar(chat.id, chat.title, chat.kind === 'group' ? 'group' : ''));
  $('#composer').hidden = false;
  $('#start-bar').hidden = true;
  $('#menu-btn').hidden = true;
  $('#reply-keyboard').replaceChildren();
  $('#reply-keyboard').hidden = true;
  $('#kb-toggle').hidden = true;
  $('#input').value = '';
  $('#input').placeholder = 'Message';
  autosize();
  const conversation = new Conversation(state.person, chat);
  state.conversation = conversation;
  renderTopics();
  renderLiveBar();
  if (chat.kind === 'private') loadMenu(conversation);
  await conversation.start();
  if (!$('#composer').hidden && window.matchMedia('(pointer: fine)').matches) $('#input').focus();
}

// ---- bot menu and commands ---------------------------------------------------------------------

async function loadMenu(conversation) {
  let menu = null;
  try {
    menu = await sim.menu(conversation.where);
  } catch {
    menu = null;
  }
  if (state.conversation !== conversation) return;
  state.menu = menu;
  const button = $('#menu-btn');
  const menuButton = menu?.menu_button;
  button.replaceChildren();
  if (menuButton?.type === 'web_app') {
    button.append(icon('app'), el('span', {}, menuButton.text));
    button.className = 'menu-btn web-app';
    button.hidden = false;
  } else if (menu?.commands?.length) {
    button.append(icon('menu'), el('span', {}, 'Menu'));
    button.className = 'menu-btn';
    button.hidden = false;
  } else {
    button.hidden = true;
  }
  if (menu?.name && menu.name !== conversation.chat.bot.username) $('#chat-name').textContent = menu.name;
  conversation.updateEmptyState();
}

function onMenuButton() {
  const menuButton = state.menu?.menu_button;
  if (menuButton?.type === 'web_app') {
    openMiniApp({ url: menuButton.web_app.url, title: menuButton.text, source: 'menu', buttonText: menuButton.text });
  } else {
    toggleCommands($('#commands').hidden, '');
  }
}

let commandIndex = 0;

function toggleCommands(show, filter) {
  const box = $('#commands');
  const commands = (state.menu?.commands || []).filter((c) => `/${c.command}`.startsWith(filter || '/'));
  if (!show || !commands.length) {
    box.hidden = true;
    return;
  }
  commandIndex = Math.min(commandIndex, commands.length - 1);
  box.replaceChildren(
    ...commands.map((c, i) =>
      el(
        'button',
        {
          type: 'button',
          role: 'option',
          class: `command-item ${i === commandIndex ? 'active' : ''}`,
          'aria-selected': i === commandIndex ? 'true' : 'false',
          dataset: { command: `/${c.command}` },
          onclick: () => pickCommand(`/${c.command}`),
        },
        el('span', { class: 'command-name' }, `/${c.command}`),
        el('span', { class: 'command-desc' }, c.description),
      ),
    ),
  );
  box.hidden = false;
}

async function pickCommand(command) {
  toggleCommands(false);
  $('#input').value = '';
  autosize();
  await state.conversation?.sendText(command);
  $('#input').focus();
}

function closePopovers() {
  $('#commands').hidden = true;
  $('#attach-menu').hidden = true;
}

// ---- the Mini App panel -------------------------------------------------------------------------

document.querySelector('#miniapp').append(...panelMarkup());

const panel = new MiniAppPanel(document.querySelector('#miniapp'), {
  toast,
  getTheme: () => THEMES[state.theme],
  sendData: (launch, data) => sim.webAppData(launch.where, data, launch.buttonText),
  openTelegramLink,
  requestPhone: async (launch) => {
    const conversation = state.conversation;
    if (!conversation || conversation.chat.key !== launch.chatKey) return 'cancelled';
    return (await conversation.shareContact()) ? 'sent' : 'cancelled';
  },
  onToggle: (open) => $('#app').classList.toggle('miniapp-open', open),
});

async function openMiniApp({ url, title, source, buttonText }) {
  const conversation = state.conversation;
  if (!conversation || conversation.chat.kind !== 'private') return;
  if (!safeUrl(url)) {
    toast('The Mini App address is not valid', 'error');
    return;
  }
  try {
    await panel.open({
      where: conversation.where,
      chatKey: conversation.chat.key,
      botTitle: conversation.chat.title,
      url,
      title,
      source,
      buttonText,
    });
  } catch (error) {
    toast(`Could not open the Mini App: ${errorText(error)}`, 'error');
  }
}

// ---- composer -----------------------------------------------------------------------------------

function autosize() {
  const input = $('#input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 180)}px`;
}

async function submitComposer() {
  const input = $('#input');
  const text = input.value.trim();
  if (!text || !state.conversation) return;
  input.value = '';
  autosize();
  toggleCommands(false);
  const sent = await state.conversation.sendText(text);
  if (!sent && !input.value) {
    input.value = text;
    autosize();
  }
}

function onInputKey(event) {
  const box = $('#commands');
  if (!box.hidden) {
    const items = [...box.querySelectorAll('.command-item')];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      commandIndex = (commandIndex + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      toggleCommands(true, $('#input').value.trim());
      return;
    }
    if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      const chosen = items[commandIndex];
      if (chosen) {
        event.preventDefault();
        pickCommand(chosen.dataset.command);
        return;
      }
    }
  }
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submitComposer();
  }
}

function onInputChange() {
  autosize();
  const value = $('#input').value;
  commandIndex = 0;
  toggleCommands(/^\/\w*$/.test(value), value);
}

// ---- theme ---------------------------------------------------------------------------------------

function applyTheme() {
  document.documentElement.dataset.theme = state.theme;
  $('#theme-toggle').replaceChildren(icon(state.theme === 'dark' ? 'sun' : 'moon'));
  localStorage.setItem(STORE.theme, state.theme);
}

// ---- start-up ------------------------------------------------------------------------------------

function on(selector, event, handler) {
  $(selector).addEventListener(event, handler);
}

function wire() {
  on('#theme-toggle', 'click', () => {
    state.theme = state.theme === 'dark' ? 'light' : 'dark';
    applyTheme();
    panel.themeChanged();
  });
  $('#person-new').append(icon('plus'));
  on('#person-new', 'click', newPerson);
  on('#person-select', 'change', (event) => {
    const person = state.people.find((p) => String(p.user_id) === event.target.value);
    if (person) selectPerson(person);
  });
  $('#chat-back').append(icon('back'));
  on('#chat-back', 'click', () => $('#app').classList.remove('chat-open'));
  $('#attach-btn').append(icon('attach'));
  on('#attach-btn', 'click', () => {
    $('#commands').hidden = true;
    $('#attach-menu').hidden = !$('#attach-menu').hidden;
  });
  const attach = [
    ['#attach-location', 'pin', 'Location', () => state.conversation?.shareLocation()],
    ['#attach-contact', 'person', 'My contact', () => state.conversation?.shareContact()],
    ['#attach-photo', 'photo', 'Photo', () => $('#photo-file').click()],
    ['#attach-file', 'file', 'File', () => $('#document-file').click()],
  ];
  for (const [selector, iconName, label, action] of attach) {
    $(selector).append(icon(iconName), el('span', {}, label));
    on(selector, 'click', () => {
      closePopovers();
      action();
    });
  }
  for (const [selector, kind] of [['#photo-file', 'photo'], ['#document-file', 'document']]) {
    on(selector, 'change', async (event) => {
      const file = event.target.files?.[0];
      event.target.value = '';
      if (file) await state.conversation?.sendFile(file, kind);
    });
  }
  $('#kb-toggle').append(icon('keyboard'));
  on('#kb-toggle', 'click', () => {
    const c = state.conversation;
    if (!c) return;
    c.keyboardCollapsed = !c.keyboardCollapsed;
    renderKeyboardVisibility(c);
  });
  on('#menu-btn', 'click', onMenuButton);
  $('#send-btn').append(icon('send'));
  on('#composer', 'submit', (event) => {
    event.preventDefault();
    submitComposer();
  });
  on('#input', 'keydown', onInputKey);
  on('#input', 'input', onInputChange);
  on('#start-btn', 'click', async () => {
    await state.conversation?.sendText('/start');
    $('#input').focus();
  });
  $('#live-bar').prepend(icon('pin'));
  on('#live-stop', 'click', stopLive);
  $('#jump').append(icon('down'));
  on('#jump', 'click', () => state.conversation?.scrollToBottom(true));
  on('#messages', 'scroll', () => {
    if (state.conversation && isAtBottom()) {
      state.conversation.unseen = 0;
      showJump(0);
    }
  });
  // Links to t.me inside messages stay in the sandbox.
  on('#messages', 'click', (event) => {
    const anchor = event.target.closest('a[href]');
    if (!anchor) return;
    const url = new URL(anchor.href);
    if (url.host === 't.me' || url.host === 'telegram.me') {
      event.preventDefault();
      openTelegramLink(url.pathname + url.search);
    }
  });
  for (const dialog of document.querySelectorAll('dialog')) {
    dialog.querySelectorAll('[data-close]').forEach((b) => b.addEventListener('click', () => dialog.close()));
  }
  document.addEventListener('click', (event) => {
    if (!event.target.closest('#attach-menu, #attach-btn, #commands, #menu-btn')) closePopovers();
  });
  window.addEventListener('focus', refreshDirectory);
  on('#person-select', 'focus', refreshDirectory);
  document.addEventListener('keydown', (event) => {
    // Alt+Up/Down moves between chats, as in Telegram Desktop.
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && state.chats.length) {
      event.preventDefault();
      const index = state.chats.findIndex((c) => c.key === state.chat?.key);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      selectChat(state.chats[(index + step + state.chats.length) % state.chats.length]);
      return;
    }
    if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
    if (!$('#commands').hidden || !$('#attach-menu').hidden) closePopovers();
    else if (panel.isOpen) panel.close();
  });
}

function initialSelection() {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  let last = {};
  try {
    last = JSON.parse(localStorage.getItem(STORE.last) || '{}') || {};
  } catch {
    last = {};
  }
  const user = hash.get('user') ?? last.user;
  const person = state.people.find((p) => String(p.user_id) === String(user)) || state.people[0] || null;
  let key = last.chat;
  if (hash.get('bot')) key = `bot:${hash.get('bot')}`;
  if (hash.get('chat')) key = `group:${hash.get('chat')}`;
  return { person, key };
}

async function boot() {
  applyTheme();
  wire();
  try {
    const [bots, groups, presets] = await Promise.all([sim.listBots(), sim.listGroups(), sim.presets()]);
    state.bots = Array.isArray(bots) ? bots : bots?.bots || [];
    state.groups = groups || [];
    state.presets = presets.addresses;
    await loadPeople();
  } catch (error) {
    toast(`The emulator did not answer: ${errorText(error)}`, 'error');
    setConnection(false);
  }
  const { person, key } = initialSelection();
  state.person = person;
  buildChats();
  state.chat = state.chats.find((c) => c.key === key) || null;
  renderPeople();
  renderChatList();
  if (state.chat && person) $('#app').classList.add('chat-open');
  await openConversation();
  if (person) watchPreviews();
  tickLives();
  document.body.classList.add('ready');
}

boot();
