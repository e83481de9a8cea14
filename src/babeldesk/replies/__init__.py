"""Everything the bot says: the localized reply library (``library``) and its drift check (``drift``)."""
