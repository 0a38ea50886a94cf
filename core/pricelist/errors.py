"""Errors of the price list; each code is also the locale key ``error-<code>``.

The row errors are raised and caught per cell while a file is checked, and reported by line and
column; the file errors stop the import at once.
"""

from __future__ import annotations

from core.shared.errors import Forbidden, ValidationFailed

# -- the whole file ---------------------------------------------------------------------------


class PriceListTooLarge(ValidationFailed):
    """More than ``max_kb`` kilobytes or ``max_rows`` rows."""

    code = "price_list_too_large"


class PriceListUnreadable(ValidationFailed):
    """Not a CSV file with a header row (params: ``line`` where reading failed, 0 if none)."""

    code = "price_list_unreadable"


class PriceListNoKeyColumn(ValidationFailed):
    """The header names neither ``product_id`` nor ``barcode``, so no row can be matched."""

    code = "price_list_no_key_column"


class PriceListInvalid(ValidationFailed):
    """Some rows are wrong, so nothing was applied (params: ``count``, rows with errors)."""

    code = "price_list_invalid"


# -- one cell or row --------------------------------------------------------------------------


class AmountUnreadable(ValidationFailed):
    """Not an amount in roubles such as 89,90."""

    code = "price_list_bad_amount"


class StockUnreadable(ValidationFailed):
    """Not a count of pieces, or not kilograms with at most 3 decimals (params: ``unit``)."""

    code = "price_list_bad_stock"


class VisibleUnreadable(ValidationFailed):
    """Not one of 1/0, да/нет, yes/no, true/false."""

    code = "price_list_bad_visible"


class UnitMismatch(ValidationFailed):
    """The unit column says something other than the product's unit (params: ``unit``)."""

    code = "price_list_unit_mismatch"


class ProductIdUnreadable(ValidationFailed):
    code = "price_list_bad_product_id"


class NoProductKey(ValidationFailed):
    """A row with neither a product id nor a barcode."""

    code = "price_list_no_product"


class UnknownProduct(ValidationFailed):
    """No product the shop offers or may offer has this id or barcode."""

    code = "price_list_unknown_product"


class DuplicateRow(ValidationFailed):
    """The product already has a row (params: ``first_line``)."""

    code = "price_list_duplicate_row"


class PriceRequired(ValidationFailed):
    """A product the shop does not offer yet needs a price to be offered."""

    code = "price_list_price_required"


class ChangeNotAllowed(ValidationFailed):
    """The person may not change this column here (prices need a manager, stock staff)."""

    code = "price_list_not_allowed"


class NotOwnProduct(Forbidden):
    """Only a shop's own products are edited from the shop; the platform's are the admins'."""

    code = "product_not_own"
