"""What the four bots share: middlewares, error handling, i18n glue, FSM storage, formatting."""
