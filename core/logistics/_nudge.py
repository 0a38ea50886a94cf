"""Waking the dispatchers after a commit that gave them work (a delivery now searching, an offer
declined); see core.shared.nudges."""

from __future__ import annotations

from core.shared.nudges import CommitNudges

NUDGES = CommitNudges("fruktgo:logistics:nudge", "logistics")
NUDGE_CHANNEL = NUDGES.channel
