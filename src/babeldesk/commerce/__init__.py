"""Commerce: where the bot reads orders and carries out changes (stores) and tracks parcels (carriers)."""
