"""The directory every page links to: agencies, sources and legal documents, read from the packages whose
``x-minhbach.role`` is ``agencies``, ``sources`` and ``legal-documents``. It publishes no page of its own;
it offers the ``sources`` and ``agencies`` filters, and checks that every stated number has a source."""
