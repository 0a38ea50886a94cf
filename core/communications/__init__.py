"""communications: telling people things through the bots.

Owns notifications (who, which bot, which message template with which parameters, a dedup key,
and how sending went), the reachability of a person in each bot (someone who blocked a bot is
not written to again until they come back), and the sender that works the queue: it claims due
notifications with a lease, renders them in the recipient's language and sends them through a
``MessageSender`` (``core.communications.port``; the aiogram one is bot.common.sender) outside
any transaction. A notification may belong to a thread (``_threads``): a live message that
later notifications edit, newest state first. Subscribers turn other modules' events into
notifications (orders' in ``_order_notices``); settled ones are deleted after 30 days
(``communications.housekeeping``). The sender keeps Telegram's flood limits (30/s per bot, about
1/s per chat, 20/min per group) with buckets shared through Redis (``_limits``), pauses a bot on
429, and takes the most urgent notifications first (``priority``: order news before
broadcasts). Admin broadcasts (``_broadcasts``) become low-priority notifications in batches
(``communications.broadcasts``), with progress and cancel.
"""
