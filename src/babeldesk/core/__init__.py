"""The support domain as plain data and pure rules. Imports nothing of ours but itself; no I/O."""
