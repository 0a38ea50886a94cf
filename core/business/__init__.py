"""business: sellers on the platform.

Owns businesses (legal name, INN, tax system, contacts, the applicant), their shops (address and
point, time zone, weekly hours with breaks, delivery zone, minimum order, delivery fee, assembly
time, logo and description, status), seller onboarding and its approval by an admin, and pausing
and resuming a shop. Staff roles in a shop are kept by core.auth (grants by shop id); this module
asks auth to make the applicant the owner when an application is approved.
"""
