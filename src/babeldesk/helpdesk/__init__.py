"""Domain actions over the database: ``check_*`` validates, ``do_*`` changes state, ``get_*`` reads.

Every action takes the connection of the caller's transaction, so a request is one unit of work.
"""
