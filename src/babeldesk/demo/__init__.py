"""Demo data a new user understands in a minute: one shop, three agents, customers worldwide."""
