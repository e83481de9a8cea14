"""The knowledge base: articles and FAQ in several languages, searched by meaning and by words.

What the bot needs (from ``kb.search`` and ``kb.translate``)::

    hits = await search(conn, workspace_id, text, language="pt-BR", space=space, vector=vector)
    hit = hits[0] if hits and hits[0].good_answer else None   # else: "no good answer"
    version = hit.best_version("pt-BR")        # a person's pt, a machine's pt, or the original
    if version is None or base_language(version.language) != "pt":
        # None when no engine is set up: say the answer is only in the original's language.
        version = await do_machine_version(db, chains, workspace_id, hit.article_id, "pt-BR")

Articles are written and imported through ``articles`` and ``importer`` (``babeldesk kb import``).
Nothing is imported here, so the ``babeldesk`` command starts without loading the search stack.
"""
