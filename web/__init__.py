"""The aiohttp side of FruktGo: health and readiness probes, Prometheus metrics, structured access
logs and error mapping, the JSON API under /api/v1 with its OpenAPI document, the bots' webhook
routes, and (later) Mini App pages and payment notifications. It talks to core through the domain
modules' public api only; its dependencies arrive from the composition root through AppKeys."""
