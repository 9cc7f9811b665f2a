"""How the build hands memory back to the system (glibc's allocator; nothing happens where there is none).

A national build's peak memory is a target of issue 17 (summed PSS of the process tree): memory the process
has freed but glibc keeps for later counts as much as memory in use.
"""

from __future__ import annotations

import contextlib
import ctypes

M_MMAP_THRESHOLD = -3  # mallopt's parameter, from <malloc.h>
LARGE_BLOCK = 128 * 1024  # bytes: glibc's own starting threshold


def large_blocks_straight_back() -> None:
    """Blocks of LARGE_BLOCK and more (a page's text, its HTML, a cached unit's bytes) are mapped on their own
    and unmapped when freed, so they go back to the system at once. glibc starts so, but raises its threshold to
    the size of each such block freed (up to 32 MiB); after that the pages' large strings came from the heap and
    stayed held between smaller live ones: a national one-row edit peaked at 963 MB traced, 908 MB with the
    threshold fixed, in the same time. Setting it stops the raising."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK)


def give_back_memory() -> None:
    """Return the memory the language freed to the system (glibc keeps freed memory for later otherwise, and
    the next language's objects do not all fit in its holes): measured, the second language ran with the
    first one's peak still held."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
