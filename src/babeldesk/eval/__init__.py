"""Quality evaluation behind ``babeldesk eval``: every quality figure the project states comes from here."""
