"""The bot: dialogue state, slots, policy, one module per flow, and the manager that answers a turn."""
