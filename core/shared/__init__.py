"""The kernel every module stands on: settings, database and unit of work, events and outbox,
task broker, money, clock, ids, errors, Redis and cache."""
