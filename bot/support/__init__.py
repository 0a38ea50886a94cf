"""Support bot: tickets as forum topics in a staff supergroup; agents answer from there."""
