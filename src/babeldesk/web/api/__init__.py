"""The JSON API under /api/v1: thin routes that validate, check access and call one action."""
