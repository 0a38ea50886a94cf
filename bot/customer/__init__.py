"""Customer bot: find shops that deliver to you, order, pay, track, rate, ask for help."""
