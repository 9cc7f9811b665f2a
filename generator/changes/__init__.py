"""The change log: releases of each package and the rows they added, removed and changed, read from git."""
