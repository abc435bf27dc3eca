"""The registry of loaded knowledge bases: the one place a loaded KB is kept between calls.

`current()` hands out the KB of a root as its files stand now, loading it when its revision
changed; the revision it replaces is dropped unless someone asked to keep it (an editor
comparing a KB before and after a change, a service finishing requests on the old one).
"""

from __future__ import annotations

import threading
from pathlib import Path

from kb_service.core import paths
from kb_service.core.problems import UsageError
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.loading import load_kb, revision

_Key = tuple[Path, str, str]  # (root, engine, revision)


class Registry:
    def __init__(self) -> None:
        self._loaded: dict[_Key, KnowledgeBase] = {}
        self._current: dict[tuple[Path, str], str] = {}
        self._kept: set[_Key] = set()
        self._lock = threading.RLock()

    def current(self, root: Path | None = None, engine: str = "oxigraph") -> KnowledgeBase:
        """The KB under `root` as its files stand now."""
        base = (root or paths.ROOT).resolve()
        rev = revision(base)
        with self._lock:
            key = (base, engine, rev)
            if key not in self._loaded:
                self._loaded[key] = load_kb(engine, base)
            previous = self._current.get((base, engine))
            self._current[(base, engine)] = rev
            if previous and previous != rev:
                self._drop((base, engine, previous))
            return self._loaded[key]

    def get(self, rev: str, root: Path | None = None, engine: str = "oxigraph") -> KnowledgeBase:
        """A revision loaded before and still held (the current one, or one kept)."""
        key = ((root or paths.ROOT).resolve(), engine, rev)
        with self._lock:
            if key not in self._loaded:
                raise UsageError(f"knowledge-base revision {rev!r} is not loaded")
            return self._loaded[key]

    def keep(self, kb: KnowledgeBase) -> None:
        """Hold `kb` even after its root's files change."""
        with self._lock:
            key = (kb.root, kb.engine, kb.revision)
            self._loaded.setdefault(key, kb)
            self._kept.add(key)

    def release(self, kb: KnowledgeBase) -> None:
        with self._lock:
            key = (kb.root, kb.engine, kb.revision)
            self._kept.discard(key)
            if self._current.get((kb.root, kb.engine)) != kb.revision:
                self._drop(key)

    def loaded(self) -> list[KnowledgeBase]:
        with self._lock:
            return list(self._loaded.values())

    def clear(self) -> None:
        with self._lock:
            self._loaded.clear()
            self._current.clear()
            self._kept.clear()

    def _drop(self, key: _Key) -> None:
        if key not in self._kept:
            self._loaded.pop(key, None)


REGISTRY = Registry()


def current_kb(engine: str = "oxigraph", root: Path | None = None) -> KnowledgeBase:
    """The process's KB for `root` (the project's own by default), from the registry."""
    return REGISTRY.current(root, engine)
