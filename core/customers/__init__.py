"""customers: what we keep to deliver to a person who orders.

A profile per Telegram user (phone from a contact they shared, when onboarding finished), their
saved delivery addresses (a point and/or typed text, entrance, floor, apartment, a comment for the
courier, a label; exactly one default), and the person's rights over that data: an export of
everything stored about them, to which other modules add their sections, and deletion of the
account (personal data erased, the user anonymised, ``customers.account_deleted`` published).
"""
