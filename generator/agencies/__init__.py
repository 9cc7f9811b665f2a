"""Agencies: a page per agency with its sessions, recommendations and index results."""
