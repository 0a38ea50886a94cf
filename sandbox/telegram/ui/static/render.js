// One Bot API Message -> one chat row (bubble, media, inline keyboard), as Telegram draws it.

import { botTitle, clock, el, formatAmount, plainPreview, renderText } from './format.js';
import { icon } from './icons.js';

function senderName(user) {
  if (!user) return '';
  if (user.is_bot) return botTitle(user);
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || '';
}

function largestPhoto(sizes) {
  return [...sizes].sort((a, b) => (b.width || 0) * (b.height || 0) - (a.width || 0) * (a.height || 0))[0];
}

function fileSize(bytes) {
  if (!bytes && bytes !== 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function meta(message, outgoing) {
  return el(
    'span',
    { class: 'meta', title: new Date(message.date * 1000).toLocaleString() },
    message.edit_date ? el('span', { class: 'edited' }, 'edited') : null,
    el('time', {}, clock(message.date)),
    outgoing ? icon('checks', 'read') : null,
  );
}

// Re-using the <img> of an edited message keeps the picture from blinking.
function photo(message, ctx) {
  const size = largestPhoto(message.photo);
  const key = size.file_unique_id || size.file_id;
  const cached = ctx.images.get(key);
  const img =
    cached ||
    el('img', {
      src: ctx.fileUrl(size.file_unique_id || size.file_id),
      alt: message.caption || 'Photo',
      loading: 'lazy',
      decoding: 'async',
    });
  if (!cached) {
    img.addEventListener('error', () => img.closest('.photo')?.classList.add('broken'), { once: true });
    ctx.images.set(key, img);
  }
  const frame = el('div', { class: 'photo' }, img, el('span', { class: 'photo-fallback' }, 'Photo'));
  if (size.width && size.height) frame.style.aspectRatio = `${size.width} / ${size.height}`;
  return frame;
}

function mapCard(latitude, longitude, title, subtitle, extra) {
  const osm = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
  return el(
    'div',
    { class: 'location' },
    el('a', { class: 'map', href: osm, target: '_blank', rel: 'noopener noreferrer', title: 'Open the map' }, icon('pin', 'map-pin')),
    el(
      'div',
      { class: 'location-text' },
      el('div', { class: 'location-title' }, title),
      subtitle ? el('div', { class: 'location-sub' }, subtitle) : null,
      extra,
    ),
  );
}

function location(message, ctx) {
  const { latitude, longitude, live_period: livePeriod } = message.location;
  const preset = ctx.presetAt(latitude, longitude);
  const coords = `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`;
  let live = null;
  if (livePeriod) {
    const updated = message.edit_date || message.date;
    const endless = livePeriod === 0x7fffffff;
    const active = endless || Date.now() / 1000 < message.date + livePeriod;
    live = el(
      'div',
      { class: `live ${active ? 'active' : ''}` },
      active ? `Live location · updated ${clock(updated)}` : 'Live location ended',
    );
  }
  const title = preset ? preset.title : livePeriod ? 'Live location' : 'Location';
  return mapCard(latitude, longitude, title, preset ? preset.address : coords, live);
}

function venue(message) {
  const { location: loc, title, address } = message.venue;
  return mapCard(loc.latitude, loc.longitude, title, address, null);
}

function contact(message) {
  const c = message.contact;
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ');
  return el(
    'div',
    { class: 'contact' },
    el('div', { class: 'contact-avatar' }, icon('person')),
    el('div', {}, el('div', { class: 'contact-name' }, name), el('div', { class: 'contact-phone' }, c.phone_number)),
  );
}

function documentCard(message, ctx) {
  const doc = message.document;
  return el(
    'a',
    { class: 'document', href: ctx.fileUrl(doc.file_unique_id || doc.file_id), download: doc.file_name || true, target: '_blank' },
    el('span', { class: 'document-icon' }, icon('file')),
    el(
      'span',
      {},
      el('span', { class: 'document-name' }, doc.file_name || 'File'),
      el('span', { class: 'document-size' }, [fileSize(doc.file_size), doc.mime_type].filter(Boolean).join(' · ')),
    ),
  );
}

function invoice(message) {
  const inv = message.invoice;
  return el(
    'div',
    { class: 'invoice' },
    el('div', { class: 'invoice-title' }, inv.title),
    el('div', { class: 'invoice-description' }, inv.description),
    el('div', { class: 'invoice-amount' }, formatAmount(inv.total_amount, inv.currency)),
  );
}

function placeholder(message) {
  const kinds = {
    sticker: () => `${message.sticker.emoji || ''} Sticker`.trim(),
    animation: () => 'GIF',
    video: () => 'Video',
    video_note: () => 'Video message',
    voice: () => 'Voice message',
    audio: () => message.audio.title || 'Audio',
    dice: () => `${message.dice.emoji} ${message.dice.value}`,
    poll: () => `Poll: ${message.poll.question}`,
    game: () => `Game: ${message.game.title}`,
  };
  for (const [key, describe] of Object.entries(kinds)) {
    if (message[key]) return el('div', { class: 'placeholder' }, describe());
  }
  return null;
}

function quote(reply, ctx) {
  const node = el(
    'div',
    { class: 'reply-quote', role: 'button', tabindex: 0 },
    el('div', { class: 'reply-name' }, senderName(reply.from) || 'Message'),
    el('div', { class: 'reply-text' }, plainPreview(reply)),
  );
  node.addEventListener('click', () => ctx.jumpTo(reply.message_id));
  return node;
}

const SERVICE_KINDS = [
  'successful_payment',
  'refunded_payment',
  'web_app_data',
  'pinned_message',
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'group_chat_created',
  'supergroup_chat_created',
  'forum_topic_created',
  'forum_topic_edited',
  'forum_topic_closed',
  'forum_topic_reopened',
  'write_access_allowed',
  'users_shared',
  'chat_shared',
];

export function isService(message) {
  return SERVICE_KINDS.some((key) => message[key] !== undefined);
}

function serviceText(message, ctx) {
  if (message.successful_payment) {
    const p = message.successful_payment;
    return `You successfully transferred ${formatAmount(p.total_amount, p.currency)} to ${ctx.botTitle}`;
  }
  if (message.refunded_payment) {
    const p = message.refunded_payment;
    return `${ctx.botTitle} refunded ${formatAmount(p.total_amount, p.currency)}`;
  }
  if (message.web_app_data) return `Data from the “${message.web_app_data.button_text}” button was transferred to the bot.`;
  if (message.pinned_message) return `${senderName(message.from)} pinned “${plainPreview(message.pinned_message)}”`;
  if (message.forum_topic_created) return `Topic “${message.forum_topic_created.name}” created`;
  if (message.forum_topic_edited) return 'Topic edited';
  if (message.forum_topic_closed) return 'Topic closed';
  if (message.forum_topic_reopened) return 'Topic reopened';
  if (message.write_access_allowed) return 'You allowed this bot to message you';
  if (message.new_chat_title) return `Title changed to “${message.new_chat_title}”`;
  if (message.new_chat_members) return `${message.new_chat_members.map(senderName).join(', ')} joined`;
  if (message.left_chat_member) return `${senderName(message.left_chat_member)} left`;
  return 'Service message';
}

function buttonIcon(button) {
  if (button.url || button.login_url) return icon('external', 'kb-corner');
  if (button.web_app) return icon('app', 'kb-corner');
  if (button.pay) return icon('card', 'kb-corner');
  if (button.copy_text) return icon('copy', 'kb-corner');
  return null;
}

function inlineKeyboard(message, rows, ctx) {
  return el(
    'div',
    { class: 'inline-kb' },
    rows.map((row, r) =>
      el(
        'div',
        { class: 'kb-row' },
        row.map((button, c) =>
          el(
            'button',
            {
              type: 'button',
              class: 'kb-btn',
              dataset: { row: r, col: c },
              onclick: (event) => ctx.onInlineButton(message, button, event.currentTarget),
            },
            el('span', { class: 'kb-text' }, button.text),
            buttonIcon(button),
          ),
        ),
      ),
    ),
  );
}

export function renderMessage(message, ctx) {
  const row = el('div', { class: 'row', dataset: { id: message.message_id } });
  if (isService(message)) {
    row.classList.add('service');
    row.append(el('div', { class: 'service-pill' }, serviceText(message, ctx)));
    return row;
  }
  const outgoing = Boolean(message.from && message.from.id === ctx.me);
  row.classList.add(outgoing ? 'out' : 'in');
  const bubble = el('div', { class: 'bubble' });
  if (!outgoing) bubble.append(el('div', { class: 'sender' }, senderName(message.from) || ctx.botTitle));

  const origin = message.forward_origin;
  if (origin) {
    const from = origin.sender_user ? senderName(origin.sender_user) : origin.sender_user_name || origin.chat?.title || 'Hidden';
    bubble.append(el('div', { class: 'forwarded' }, 'Forwarded from ', el('strong', {}, from)));
  }
  // Inside a forum topic every message replies to the topic's first message; Telegram hides that.
  const reply = message.reply_to_message;
  const topicRoot = message.is_topic_message && reply && reply.message_id === message.message_thread_id;
  if (reply && !topicRoot) bubble.append(quote(reply, ctx));

  let media = null;
  if (message.photo) media = photo(message, ctx);
  else if (message.venue) media = venue(message);
  else if (message.location) media = location(message, ctx);
  else if (message.contact) media = contact(message);
  else if (message.document) media = documentCard(message, ctx);
  else if (message.invoice) media = invoice(message);
  else media = placeholder(message);
  if (media) bubble.append(media);

  const text = message.text ?? message.caption;
  const entities = message.text !== undefined ? message.entities : message.caption_entities;
  if (text) {
    bubble.append(el('div', { class: 'text' }, renderText(text, entities, ctx.textHandlers), meta(message, outgoing)));
  } else {
    bubble.classList.add('no-text');
    if (message.photo) bubble.classList.add('media-only');
    bubble.append(meta(message, outgoing));
  }
  // The wrapper makes bubble and inline keyboard share one width, as in Telegram.
  const wrap = el('div', { class: 'message' }, bubble);
  let rows = message.reply_markup?.inline_keyboard;
  if (!rows && message.invoice) rows = [[{ text: `Pay ${formatAmount(message.invoice.total_amount, message.invoice.currency)}`, pay: true }]];
  if (rows && rows.length) wrap.append(inlineKeyboard(message, rows, ctx));
  row.append(wrap);
  return row;
}

export function replyKeyboard(markup, onPress) {
  const board = el('div', { class: `reply-kb ${markup.resize_keyboard ? 'compact' : ''}` });
  markup.keyboard.forEach((row) => {
    board.append(
      el(
        'div',
        { class: 'kb-row' },
        row.map((raw) => {
          const button = typeof raw === 'string' ? { text: raw } : raw;
          const corner = button.request_location
            ? icon('pin', 'kb-corner')
            : button.request_contact
              ? icon('person', 'kb-corner')
              : button.web_app
                ? icon('app', 'kb-corner')
                : null;
          return el('button', { type: 'button', class: 'kb-btn', onclick: () => onPress(button) }, el('span', { class: 'kb-text' }, button.text), corner);
        }),
      ),
    );
  });
  return board;
}

