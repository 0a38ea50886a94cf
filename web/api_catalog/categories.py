"""The category tree for pickers and filters: flat, depth first, names in the page's language."""

from __future__ import annotations

from aiohttp import web

from core.catalog.api import category_tree
from core.catalog.schemas import CategoryNode
from web.api_business.localized import answers_localized, language
from web.api_catalog.models import CategoriesView, CategoryView
from web.keys import DB_KEY
from web.openapi import PUBLIC, ApiRoutes, model_response
from web.photos import photo_url

routes = ApiRoutes()

TAGS = ("catalog",)


def _flatten(
    nodes: tuple[CategoryNode, ...] | list[CategoryNode], depth: int, lang: str
) -> list[CategoryView]:
    found = []
    for node in nodes:
        category = node.category
        found.append(
            CategoryView(
                id=category.id,
                parent_id=category.parent_id,
                slug=category.slug,
                name=category.name(lang),
                emoji=category.emoji,
                photo_url=photo_url(category.photo),
                position=category.position,
                depth=depth,
            )
        )
        found.extend(_flatten(node.children, depth + 1, lang))
    return found


@routes.get(
    "/categories",
    summary="Every category, depth first in tree order",
    security=PUBLIC,
    response=CategoriesView,
    tags=TAGS,
    description="Names in `?lang=` or Accept-Language; `depth` 0 for a root.",
)
@answers_localized
async def get_catalog_categories(request: web.Request) -> web.Response:
    """The whole category tree, flat."""
    tree = await category_tree(request.app[DB_KEY])
    return model_response(CategoriesView(categories=_flatten(tree, 0, language(request))))
