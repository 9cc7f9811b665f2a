"""The home page: what the site is, then what each feature adds to it (``Feature.home``), in order."""
