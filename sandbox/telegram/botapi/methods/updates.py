"""getUpdates (long polling), setWebhook, deleteWebhook, getWebhookInfo."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from ...errors import TERMINATED_BY_OTHER_POLL, WEBHOOK_ACTIVE, bad_request, conflict
from ...models import WebhookConfig
from ..call import Call
from ..registry import method

MAX_POLL_TIMEOUT = 50
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


@method("getUpdates")
async def get_updates(call: Call) -> list[dict[str, Any]]:
    """Pending updates after offset, waiting up to timeout seconds for the first one."""
    bot, params = call.bot, call.params
    if bot.webhook is not None:
        raise conflict(WEBHOOK_ACTIVE)
    offset = params.integer("offset")
    limit = min(max(params.integer("limit") or 100, 1), 100)
    timeout = min(max(params.integer("timeout") or 0, 0), MAX_POLL_TIMEOUT)
    queue = bot.queue
    queue.set_allowed(params.array("allowed_updates"))
    queue.confirm(offset)
    generation = queue.begin_poll()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if queue.poll_generation != generation:
            raise conflict(TERMINATED_BY_OTHER_POLL)
        updates = queue.peek(limit)
        if updates or call.state.closing or bot.webhook is not None:
            return updates
        remaining = deadline - loop.time()
        if remaining <= 0:
            return []
        await queue.signal.wait(remaining)


def _drop_webhook(call: Call) -> bool:
    bot = call.bot
    if call.params.boolean("drop_pending_updates"):
        bot.queue.clear()
    bot.webhook = None
    call.state.on_webhook_changed(bot)
    return True


@method("setWebhook")
async def set_webhook(call: Call) -> bool:
    """Start pushing updates to a URL (an empty URL removes the webhook)."""
    params, bot = call.params, call.bot
    url = params.string("url") or ""
    if not url:
        return _drop_webhook(call)
    # Telegram insists on HTTPS; the sandbox's own servers speak plain http on localhost.
    if not url.startswith(("https://", "http://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.string("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = params.integer("max_connections") or 40
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    allowed = params.array("allowed_updates")
    bot.queue.set_allowed(allowed)
    if params.boolean("drop_pending_updates"):
        bot.queue.clear()
    previous = bot.webhook
    bot.webhook = WebhookConfig(
        url=url,
        secret_token=secret,
        max_connections=max_connections,
        allowed_updates=allowed,
    )
    if previous is not None and previous.url == url:
        bot.webhook.last_error_date = previous.last_error_date
        bot.webhook.last_error_message = previous.last_error_message
    call.state.on_webhook_changed(bot)
    bot.queue.signal.notify()  # a getUpdates still waiting returns now
    return True


@method("deleteWebhook")
async def delete_webhook(call: Call) -> bool:
    """Stop pushing updates; getUpdates works again."""
    return _drop_webhook(call)


@method("getWebhookInfo")
async def get_webhook_info(call: Call) -> dict[str, Any]:
    """The webhook's URL, pending update count and last delivery error."""
    bot = call.bot
    hook = bot.webhook
    info: dict[str, Any] = {
        "url": hook.url if hook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(bot.queue.pending),
    }
    if hook is not None:
        info["max_connections"] = hook.max_connections
        info["ip_address"] = hook.ip_address
        if hook.last_error_date is not None:
            info["last_error_date"] = hook.last_error_date
            info["last_error_message"] = hook.last_error_message
        if bot.queue.allowed_updates is not None:
            info["allowed_updates"] = sorted(bot.queue.allowed_updates)
    return info
