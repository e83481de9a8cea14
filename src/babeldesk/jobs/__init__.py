"""Durable background work on PostgreSQL (procrastinate): tasks, the worker, periodic timers."""
