"""Seller bot: applying to sell, the shop card with pause and profile, the shop's team and its
invitations, and order alerts for owners, managers and pickers."""
