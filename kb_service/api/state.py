"""The service's state, kept on the FastAPI app: settings, the store, the current KB."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import Request

from kb_service.api.settings import Settings
from kb_service.kb.knowledge_base import KnowledgeBase
from kb_service.kb.registry import current_kb
from kb_service.storage import Storage


@dataclass
class Service:
    settings: Settings
    storage: Storage
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def kb(self) -> KnowledgeBase:
        """The KB as its files stand now; loaded into the store when its revision changed."""
        kb = current_kb(root=self.settings.kb_root)
        with self._lock:
            self.storage.ensure_kb(kb)
        return kb


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found
