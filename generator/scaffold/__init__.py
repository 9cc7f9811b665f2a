"""``minhbach new session|package``: write a commented skeleton that already passes ``minhbach validate``.

Why skeletons that validate: a maintainer who starts from a file that is valid sees every later problem as
their own edit, on its own line, instead of a wall of "missing" errors. Why nothing in them is invented: a
skeleton merged unedited must not publish a fact nobody checked. So a skeleton holds only what the maintainer
typed (date, form, agencies, name) and what follows from it and the code lists (the session id, the agencies'
names). The one required sentence, a session's topic, is built from those ("Giám sát chuyên đề – Sở Nội vụ"),
true as far as it goes, with a comment asking for the topic as the source words it. Every other key is
written commented out, with what belongs there. A date after today gets ``planned: true``, because that is
what the key means; a past date does not.

Nothing is ever overwritten: an existing file, folder or id is refused (exit 1), as is an unknown code.
"""

# The form a new session gets when none is given; here, not in ``session``, so that the command line can name it
# in its help without importing the data model (``minhbach build`` parses its arguments first).
DEFAULT_FORM = "giam_sat_chuyen_de"
