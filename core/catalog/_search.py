"""Product search: PostgreSQL full-text search for morphology, pg_trgm for typos.

A product matches when its search document matches the query in either language (``russian``
and ``english`` configurations, OR-ed: "яблоки" → 'яблок', "apples" → 'appl') or when the query
is close to a run of its names by trigram word similarity ("ябоко" in "яблоки гала ...").
Both conditions are backed by GIN indexes. Ranking: full-text rank first (names weigh more than
tags, tags more than descriptions; 0 for a typo-only match), then word similarity, then id so
that equal scores keep a stable order.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import ColumnElement, Float, Select, case, cast, func, literal, or_, select
from sqlalchemy.dialects.postgresql import REGCONFIG

from core.catalog._models import Product
from core.catalog.schemas import SearchHit
from core.shared.uow import Transaction

MAX_QUERY_CHARS = 100
# Word similarity of a one-letter slip in a short word ("ябоко" in "яблоки") is about 0.33;
# pg_trgm's default of 0.6 would miss it.
TYPO_THRESHOLD = 0.3


def normalize(query: str) -> str:
    """The query as the search columns spell things: one line, lower case, е for ё."""
    cleaned = " ".join(query.split())[:MAX_QUERY_CHARS] if isinstance(query, str) else ""
    return cleaned.lower().replace("ё", "е")


def _tsquery(config: str, query: str) -> ColumnElement[object]:
    return func.websearch_to_tsquery(cast(literal(config), REGCONFIG), query)


async def search(
    tx: Transaction,
    query: str,
    *,
    shop_ids: Sequence[UUID] | None,
    limit: int,
    include_archived: bool = False,
    among: Select[UUID] | None = None,
) -> list[SearchHit]:
    """Products (live ones unless ``include_archived``) matching ``query``, best first."""
    text = normalize(query)
    if not text:
        return []
    # The `<%` operator reads its threshold from this setting; local to the transaction.
    await tx.session.execute(
        select(func.set_config("pg_trgm.word_similarity_threshold", str(TYPO_THRESHOLD), True))
    )
    tsquery = _tsquery("russian", text).op("||")(_tsquery("english", text))
    matches = Product.search_vector.bool_op("@@")(tsquery)
    rank = case((matches, func.ts_rank(Product.search_vector, tsquery)), else_=0.0)
    similarity = func.word_similarity(literal(text), Product.search_names)
    stmt = (
        select(Product.id, cast(rank, Float).label("rank"), cast(similarity, Float).label("sim"))
        .where(or_(matches, literal(text).bool_op("<%")(Product.search_names)))
        .order_by(rank.desc(), similarity.desc(), Product.id)
        .limit(limit)
    )
    if not include_archived:
        stmt = stmt.where(Product.archived.is_(False))
    if among is not None:
        stmt = stmt.where(Product.id.in_(among))
    if shop_ids is not None:
        # The platform's products and the given shops' own: not every shop's own apples.
        stmt = stmt.where(or_(Product.shop_id.is_(None), Product.shop_id.in_(list(shop_ids))))
    rows = (await tx.session.execute(stmt)).all()
    return [SearchHit(row.id, float(row.rank), float(row.sim)) for row in rows]
