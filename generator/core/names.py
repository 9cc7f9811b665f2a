"""What a package's or resource's name may be (``descriptor-name``), apart from the checks that use it so that
``minhbach new package`` can hold a name to the same rule without loading them."""

from __future__ import annotations

import re

# A package's or resource's name becomes a folder and file names (tai-ve/<package>/<resource>.csv, du-lieu/<package>/):
# none may start with a dot. "." and ".." would leave the downloads folder (and put "../" entries in the bulk zip),
# and MkDocs leaves any other name that starts with one out of the site as a hidden file.
NAME = re.compile(r"^[a-z0-9_-][a-z0-9._-]*$")
