// Text with Bot API entities -> DOM, plus the small formatting helpers the chat needs.
// Everything is built with DOM nodes, never innerHTML: message text is untrusted.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const SAFE_SCHEMES = ['http:', 'https:', 'mailto:', 'tel:', 'tg:'];

export function safeUrl(raw) {
  let url;
  try {
    url = new URL(raw, window.location.href);
  } catch {
    return null;
  }
  return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
}

function link(href, cls) {
  const url = safeUrl(href);
  if (!url) return el('span', { class: cls || 'link' });
  return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: cls });
}

// An element for one entity; for `pre`, children go inside the <code>.
function entityNode(entity, slice, handlers) {
  switch (entity.type) {
    case 'bold':
      return { node: el('strong') };
    case 'italic':
      return { node: el('em') };
    case 'underline':
      return { node: el('u') };
    case 'strikethrough':
      return { node: el('s') };
    case 'spoiler': {
      const node = el('span', { class: 'spoiler', title: 'Spoiler' });
      node.addEventListener('click', () => node.classList.add('revealed'));
      return { node };
    }
    case 'code':
      return { node: el('code', { class: 'inline-code' }) };
    case 'pre': {
      const code = el('code', { 'data-language': entity.language || null });
      const node = el('pre', {}, entity.language ? el('span', { class: 'pre-lang' }, entity.language) : null, code);
      return { node, inner: code };
    }
    case 'text_link':
      return { node: link(entity.url) };
    case 'url':
      return { node: link(/^[a-z][\w+.-]*:/i.test(slice) ? slice : `http://${slice}`) };
    case 'email':
      return { node: link(`mailto:${slice}`) };
    case 'phone_number':
      return { node: link(`tel:${slice.replace(/[^\d+]/g, '')}`) };
    case 'mention':
    case 'text_mention':
    case 'hashtag':
    case 'cashtag':
      return { node: el('span', { class: 'link' }) };
    case 'bot_command': {
      const node = el('a', { href: '#', class: 'command' });
      node.addEventListener('click', (event) => {
        event.preventDefault();
        handlers.command?.(slice);
      });
      return { node };
    }
    case 'blockquote':
    case 'expandable_blockquote':
      return { node: el('blockquote', { class: entity.type }) };
    default:
      return { node: el('span') };
  }
}

function build(parent, text, start, end, entities, handlers) {
  let pos = start;
  let i = 0;
  while (i < entities.length) {
    const entity = entities[i];
    const entityEnd = entity.offset + entity.length;
    const children = [];
    let j = i + 1;
    while (j < entities.length && entities[j].offset < entityEnd) {
      // Telegram nests entities properly; one that crosses its parent's end is dropped.
      if (entities[j].offset + entities[j].length <= entityEnd) children.push(entities[j]);
      j += 1;
    }
    if (entity.offset > pos) parent.append(text.slice(pos, entity.offset));
    const { node, inner } = entityNode(entity, text.slice(entity.offset, entityEnd), handlers);
    build(inner || node, text, entity.offset, entityEnd, children, handlers);
    parent.append(node);
    pos = Math.max(pos, entityEnd);
    i = j;
  }
  if (pos < end) parent.append(text.slice(pos, end));
}

// Offsets and lengths are UTF-16 code units, as JavaScript strings are.
export function renderText(text, entities, handlers = {}) {
  const fragment = document.createDocumentFragment();
  const valid = (entities || [])
    .filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  build(fragment, text, 0, text.length, valid, handlers);
  return fragment;
}

export function plainPreview(message) {
  if (message.text) return message.text;
  if (message.caption) return message.caption;
  if (message.photo) return 'Photo';
  if (message.location) return message.location.live_period ? 'Live location' : 'Location';
  if (message.venue) return message.venue.title;
  if (message.contact) return 'Contact';
  if (message.document) return message.document.file_name || 'File';
  if (message.invoice) return `Invoice: ${message.invoice.title}`;
  if (message.successful_payment) return 'Payment';
  if (message.web_app_data) return 'Data from a Mini App';
  if (message.sticker) return message.sticker.emoji ? `${message.sticker.emoji} Sticker` : 'Sticker';
  if (message.forum_topic_created) return `Topic “${message.forum_topic_created.name}” created`;
  if (message.pinned_message) return 'Pinned a message';
  return 'Message';
}

const pad = (n) => String(n).padStart(2, '0');

export function clock(unix) {
  const date = new Date(unix * 1000);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function dayLabel(unix, now = new Date()) {
  const date = new Date(unix * 1000);
  const startOf = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(date)) / 86400000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const options = { day: 'numeric', month: 'long' };
  if (date.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  return date.toLocaleDateString('en-GB', options);
}

export function dayKey(unix) {
  const date = new Date(unix * 1000);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

const AVATAR_COLORS = ['#e17076', '#faa774', '#a695e7', '#7bc862', '#6ec9cb', '#65aadd', '#ee7aae'];

export function avatar(id, name, extraClass = '') {
  const initials = String(name || '?')
    .replace(/^@/, '')
    .split(/[\s_]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0].toUpperCase())
    .join('');
  const color = AVATAR_COLORS[Math.abs(Number(id) || 0) % AVATAR_COLORS.length];
  return el('div', { class: `avatar ${extraClass}`.trim(), style: `background:${color}`, 'aria-hidden': 'true' }, initials || '?');
}

export function botTitle(bot) {
  // The emulator uses the username as first_name when a bot was registered without one.
  if (bot.first_name && bot.first_name !== bot.username) return bot.first_name;
  const name = bot.username.replace(/_?bot$/i, '').replace(/_/g, ' ');
  return name ? name[0].toUpperCase() + name.slice(1) : bot.username;
}

export function personTitle(person) {
  return [person.first_name, person.last_name].filter(Boolean).join(' ') || `User ${person.user_id}`;
}

export function formatAmount(minorUnits, currency) {
  const digits = ['JPY', 'KRW', 'XTR'].includes(currency) ? 0 : 2;
  const value = minorUnits / 10 ** digits;
  if (currency === 'XTR') return `${value} ⭐`;
  try {
    return new Intl.NumberFormat('ru-RU', { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}
