"""The price list as text: decoding, the header, rows with their file lines, and writing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.pricelist.errors import PriceListNoKeyColumn, PriceListTooLarge, PriceListUnreadable
from core.pricelist.schemas import COLUMNS

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
BOM = "\ufeff"
KEY_COLUMNS = ("product_id", "barcode")


@dataclass(frozen=True, slots=True)
class Row:
    """A data row: the file line it starts on and its cells by (known) column name."""

    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str | None:
        """The cell trimmed; None when the file has no such column; "" when it is empty."""
        value = self.cells.get(column)
        return None if value is None else value.strip()


def too_large() -> PriceListTooLarge:
    return PriceListTooLarge(max_kb=MAX_BYTES // 1024, max_rows=MAX_ROWS)


def decode(data: bytes | str) -> str:
    """The file's text: UTF-8 (a BOM dropped), else cp1251, which Excel saves "CSV" as."""
    if isinstance(data, str):
        if len(data.encode("utf-8")) > MAX_BYTES:
            raise too_large()
        return data.removeprefix(BOM)
    if len(data) > MAX_BYTES:
        raise too_large()
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


def _delimiter(header: str) -> str:
    # Column names hold neither, so the header's more frequent one is the delimiter.
    return "," if header.count(",") > header.count(";") else ";"


def read(text: str) -> tuple[tuple[str, ...], list[Row]]:
    """The known columns the header names, and the non-blank data rows."""
    # Old Mac line ends too; csv wants \n.
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    first = next((line for line in lines.split("\n") if line.strip()), None)
    if first is None:
        raise PriceListUnreadable("the file is empty", line=0)
    reader = csv.reader(io.StringIO(lines), delimiter=_delimiter(first))
    header: list[str] | None = None
    header_line = 0
    rows: list[Row] = []
    ended = 0
    try:
        for cells in reader:
            line, ended = ended + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lower().removeprefix(BOM) for cell in cells]
                header_line = line
                continue
            if len(rows) >= MAX_ROWS:
                raise too_large()
            rows.append(
                Row(
                    line,
                    {
                        name: cell
                        for name, cell in zip(header, cells, strict=False)
                        if name in COLUMNS
                    },
                )
            )
    except csv.Error:
        raise PriceListUnreadable("not CSV", line=ended + 1) from None
    assert header is not None
    known = tuple(name for name in header if name in COLUMNS)
    if len(set(known)) != len(known):
        raise PriceListUnreadable("a column is named twice", line=header_line)
    if not any(name in known for name in KEY_COLUMNS):
        raise PriceListNoKeyColumn()
    return known, rows


def write(rows: Iterable[Sequence[str]]) -> str:
    """The rows under the header, ``;``-separated, with a BOM: what Russian Excel opens."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return BOM + out.getvalue()
