"""What opening a category costs the database: nothing written, two transactions (the sender,
then the page), and a bounded number of statements. A guard for bot throughput
(benchmarks/bot_throughput.py): raise the bound only for a statement the page really needs."""

from __future__ import annotations

from typing import Any

from bot_fakes import Harness
from catalog_bot_helpers import new_category, new_customer, new_offer, open_shop
from customer_chat import Chat, answered_first, edits, inline_data
from sqlalchemy import event

from bot.customer.catalog_callbacks import CatalogCard, CatalogItems
from core.shared.uow import Database

# The sender with their roles, forgetting a 403; the address, the shops, the cart (its shop
# and lines), the page of offers, their stock.
STATEMENT_BUDGET = 8


async def test_opening_a_category_writes_nothing_in_two_transactions(
    customer: Harness, db: Database
) -> None:
    shelf = await open_shop(db)
    fruit = await new_category(db)
    apples = await new_category(db, fruit)
    offers = [await new_offer(db, shelf, apples, position=i) for i in range(3)]
    chat = Chat(customer, await new_customer(db, shelf.point))
    await chat.press(CatalogItems(shop=shelf.id, category=apples.id))  # the user recorded
    statements: list[str] = []
    transactions: list[object] = []

    def executed(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    def began(conn: object) -> None:
        transactions.append(conn)

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", executed)
    event.listen(engine, "begin", began)
    try:
        pressed = await chat.press(CatalogItems(shop=shelf.id, category=fruit.id))
    finally:
        event.remove(engine, "before_cursor_execute", executed)
        event.remove(engine, "begin", began)

    assert answered_first(pressed)
    [page] = edits(pressed)
    assert [d for d in inline_data(page) if d.startswith("ko:")] == [
        CatalogCard(offer=o.id, category=fruit.id, page=0).pack() for o in offers
    ]
    assert len(transactions) == 2
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert len(statements) <= STATEMENT_BUDGET, "\n".join(statements)
