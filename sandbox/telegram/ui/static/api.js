// The /sim API as the chat UI uses it. A "where" names a chat as the person sees it:
// {user_id, bot} for a private chat with a bot, or {user_id, chat_id} for a group.

export class SimError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function describe(body, response) {
  if (body && typeof body === 'object') {
    if (typeof body.error === 'string') return body.error;
    if (typeof body.description === 'string') return body.description;
    if (body.error && typeof body.error.message === 'string') return body.error.message;
    if (typeof body.message === 'string') return body.message;
  }
  return `${response.status} ${response.statusText}`;
}

async function call(method, path, body, { signal } = {}) {
  const init = { method, signal, headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  let payload = null;
  const text = await response.text();
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = text;
    }
  }
  if (!response.ok) throw new SimError(response.status, describe(payload, response));
  return payload;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  return search.toString();
}

// Routes beyond issue 3's contract answer 404/405 on emulators without them; the UI degrades.
async function optional(promise) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof SimError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

export const sim = {
  listUsers: () => optional(call('GET', '/sim/users')),
  createUser: (fields) => call('POST', '/sim/users', fields),
  listBots: () => call('GET', '/sim/bots'),
  listGroups: () => optional(call('GET', '/sim/groups')),
  presets: () => call('GET', '/ui/presets.json'),
  chat: (where, after) => call('GET', `/sim/chat?${query({ ...where, after })}`),
  // any: wake on every change of the chat, the person's own included.
  wait: (where, { after, since, timeout, signal }) =>
    call('POST', '/sim/wait', { ...where, after, since, timeout, any: true }, { signal }),
  send: (where, payload) => call('POST', '/sim/send', { ...where, ...payload }),
  edit: (where, messageId, change) => call('POST', '/sim/edit', { ...where, message_id: messageId, ...change }),
  press: (where, messageId, button) => call('POST', '/sim/press', { ...where, message_id: messageId, ...button }),
  pay: (where, messageId) => call('POST', '/sim/pay', { ...where, message_id: messageId }),
  menu: (where) => optional(call('GET', `/sim/menu?${query(where)}`)),
  webApp: (where, extra = {}) => call('POST', '/sim/webapp', { ...where, ...extra }),
  webAppData: (where, data, buttonText) => call('POST', '/sim/webapp_data', { ...where, data, button_text: buttonText }),
  fileUrl: (fileUniqueId) => `/sim/files/${encodeURIComponent(fileUniqueId)}`,
};
