"""Courier bot: onboarding, shifts, live location, delivery offers, handover, earnings."""
