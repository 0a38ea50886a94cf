"""On-demand performance runs that print ratios (not part of the test suite).

Each benchmark runs as ``python -m benchmarks.<name>`` from the repository root, with no
arguments, within a few minutes. It makes a scratch database of its own on the PostgreSQL server
of ``FRUKTGO_DATABASE_URL`` (created, migrated with alembic, dropped at the end even on failure
or Ctrl-C), loads its data, measures through the same stack the app uses, and prints its figure
last, on one line: ``<name>: <value> <unit>; ratio <r> to <baseline>``, where a higher ratio is
better (baseline/ours for latency). The baseline is measured in the same run on the same machine,
so the ratio means something where the absolute figure does not.

- ``storefront``: a category page and product search over 100k offers, against a primary-key
  SELECT.
- ``checkout``: orders per second from 32 customers at once, and 2N buyers of a hot offer with
  N units (exactly N orders), against pgbench's TPC-B tps.
- ``bot_throughput``: "open a category" presses per second through the customer bot's webhook,
  against a bare aiogram echo bot on the same route and Bot API emulator.
- ``memory``: resident memory of ``fruktgo run`` (four bots, web) after 1k updates, against 200 MB.

``benchmarks._harness`` holds what they share: the scratch database, bulk loading, pgbench, timing.
"""
