"""Waking the senders after a notification is queued (see core.shared.nudges)."""

from __future__ import annotations

from core.shared.nudges import CommitNudges

NUDGES = CommitNudges("fruktgo:communications:nudge", "communications")
NUDGE_CHANNEL = NUDGES.channel
