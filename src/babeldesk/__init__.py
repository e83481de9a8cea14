"""Babeldesk: a self-hosted multilingual customer-service platform."""

__version__ = "0.1.0"
