"""Seller bot: new order alerts and quick actions for shop owners, managers and pickers."""
