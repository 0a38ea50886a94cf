"""The composition root: the ``fruktgo`` command builds each process's dependencies once and hands
them down. Nothing imports this package."""
