"""Persistence: PostgreSQL only (embedded by default), tables, repositories and migrations."""
