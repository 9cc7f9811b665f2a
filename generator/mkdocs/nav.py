"""The navigation as the configs give it, kept to the pages a build produced."""

from __future__ import annotations


def nav_targets(nav: list) -> list[str]:
    """Every page path named in a MkDocs nav, at any depth."""
    found = []
    for entry in nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(target, list):
            found += nav_targets(target)
        elif isinstance(target, str):
            found.append(target)
    return found


def prune_nav(nav: list, present: set[str]) -> list:
    """Drop nav entries whose page this build did not produce (a generic site has no supervision pages)."""
    pruned = []
    for entry in nav:
        if isinstance(entry, str):
            if entry in present or "://" in entry:
                pruned.append(entry)
        elif isinstance(entry, dict):
            title, target = next(iter(entry.items()))
            if isinstance(target, list):
                children = prune_nav(target, present)
                if children:
                    pruned.append({title: children})
            elif target in present or "://" in str(target):
                pruned.append(entry)
    return pruned
