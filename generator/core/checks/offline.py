"""Frictionless with the network switched off: validation never downloads anything."""

from __future__ import annotations

import requests


class OfflineSession(requests.Session):
    """An HTTP session that refuses every request: validation must never touch the network."""

    def request(self, method, url, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003 - requests' signature
        raise requests.ConnectionError(f"network access is disabled during validation: {url}")
