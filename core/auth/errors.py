"""Errors of the auth module; each code is also the locale key ``error-<code>``."""

from __future__ import annotations

from core.shared.errors import (
    Conflict,
    CoreError,
    Forbidden,
    NotFound,
    Unauthenticated,
    ValidationFailed,
)


class UnsupportedLanguage(ValidationFailed):
    code = "unsupported_language"


class UserNotFound(NotFound):
    code = "user_not_found"


# -- signing in (HTTP 401) ------------------------------------------------------------------


class CredentialsMissing(Unauthenticated):
    """No ``Authorization`` header, or one in a scheme this endpoint does not take."""

    code = "credentials_missing"


class InitDataMalformed(Unauthenticated):
    """The Mini App initData cannot be read: not a query string, no hash, bad user or date."""

    code = "init_data_malformed"


class InitDataBadSignature(Unauthenticated):
    """The hash matches none of our bots: forged, altered, or signed by another bot."""

    code = "init_data_bad_signature"


class InitDataExpired(Unauthenticated):
    """auth_date is older than the allowed age; the Mini App must be opened again."""

    code = "init_data_expired"


class SessionInvalid(Unauthenticated):
    """The bearer token is unknown, closed or past its expiry."""

    code = "session_invalid"


# -- authorization (HTTP 403) ---------------------------------------------------------------


class PermissionDenied(Forbidden):
    """The actor's roles do not allow this action here (see core.auth.policy)."""

    code = "permission_denied"


# -- roles and staff ------------------------------------------------------------------------


class RoleNotAllowed(ValidationFailed):
    """The role cannot be used this way (e.g. a staff role granted without a shop)."""

    code = "role_not_allowed"


class AlreadyHasRole(Conflict):
    code = "already_has_role"


class RoleNotHeld(NotFound):
    code = "role_not_held"


class StaffMemberNotFound(NotFound):
    code = "staff_member_not_found"


class LastOwner(Conflict):
    """A shop must keep at least one owner."""

    code = "last_owner"


class LastAdmin(Conflict):
    """The platform must keep at least one admin."""

    code = "last_admin"


# -- invitations ----------------------------------------------------------------------------


class InvitationNotFound(NotFound):
    code = "invitation_not_found"


class InvitationUsed(Conflict):
    code = "invitation_used"


class InvitationExpired(Conflict):
    code = "invitation_expired"


class InvitationRevoked(Conflict):
    code = "invitation_revoked"


class InvitationWrongBot(Conflict):
    """Opened in a bot other than the one the invitation is for; ``bot`` names the right one."""

    code = "invitation_wrong_bot"


class InvitationTtlOutOfRange(ValidationFailed):
    code = "invitation_ttl_out_of_range"


INVITATION_ERRORS: tuple[type[CoreError], ...] = (
    InvitationNotFound,
    InvitationUsed,
    InvitationExpired,
    InvitationRevoked,
    InvitationWrongBot,
)
"""What accepting an invitation may fail with, besides ``AlreadyHasRole``."""
