"""The MkDocs adapter: the only package that imports MkDocs.

``plugin`` holds the hooks MkDocs calls and nothing else; each job they do lives in its own module:
``files`` (a pipeline Result as MkDocs files), ``languages`` (the language switcher and the English
fallback pages), ``reuse`` (pages taken from the page cache), ``search`` (the merged, accent-folded
search index) and ``nav`` (pruning the navigation). ``build`` is the driver ``minhbach build`` calls:
one MkDocs build per language, in folders swapped into place only when all succeeded.
"""
