"""Users, roles, password hashes (argon2id), sessions and API tokens, in private graphs.

Only hashes are stored: the argon2 hash of a password, the SHA-256 of a session or API token
(tokens are 256-bit random, so a fast hash suffices). Every change is audited like any write.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kb_service.core.problems import UsageError
from kb_service.kb.store import IRI
from kb_service.models.service import ROLES, User
from kb_service.storage.evidence import EvidenceStorage
from kb_service.storage.rdf import (
    PREFIX,
    SESSIONS_GRAPH,
    TOKENS_GRAPH,
    USERS_GRAPH,
    Write,
    check_id,
    record_iri,
    sha256,
    to_json,
)
from kb_service.storage.store import now

# argon2id with OWASP's first recommended setting (Password Storage Cheat Sheet: m=19 MiB, t=2,
# p=1): memory-hard, and about 70 ms a log-in on this machine instead of 0.7 s under load with the
# library's defaults (64 MiB, t=3, p=4), which queued 50 inspectors logging in at once. Hashes
# stored with other settings still verify: the settings are part of each hash.
HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
SESSION_HOURS = 12


def _check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise UsageError(f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters")


class AccountStorage(EvidenceStorage):
    def add_user(self, name: str, role: str, password: str, who: str) -> User:
        check_id(name, "user name")
        if role not in ROLES:
            raise UsageError(f"role {role!r}: expected one of {', '.join(ROLES)}")
        _check_password(password)
        with self._lock:
            if self.record("User", name):
                raise UsageError(f"user {name!r} exists already")
            user = User(name, role, now())
            self._put_user(user, HASHER.hash(password), who, "user.add")
            return user

    def _put_user(self, user: User, password_hash: str, who: str, action: str) -> None:
        subject = record_iri("private", "user", user.name)
        data = to_json(user)
        write = Write().delete_subject(USERS_GRAPH, subject)
        write.record(USERS_GRAPH, "User", subject, user.name, data, passwordHash=password_hash)
        self.commit(write, who, action, user.name, data)

    def user(self, name: str) -> User:
        return User(**self.existing("User", name, "user"))

    def users(self) -> list[User]:
        return [User(**r) for r in self.records("User", USERS_GRAPH)]

    def _password_hash(self, name: str) -> str | None:
        rows = self.backend.select(
            PREFIX + "SELECT ?h WHERE { GRAPH ?g { ?u svc:passwordHash ?h } }",
            {"g": IRI(USERS_GRAPH), "u": IRI(record_iri("private", "user", name))},
        )
        return str(rows[0]["h"]) if rows else None

    def update_user(
        self, name: str, who: str, role: str | None = None, password: str | None = None,
        active: bool | None = None,
    ) -> User:  # fmt: skip
        with self._lock:
            old = self.user(name)
            if role is not None and role not in ROLES:
                raise UsageError(f"role {role!r}: expected one of {', '.join(ROLES)}")
            if password is not None:
                _check_password(password)
            digest = HASHER.hash(password) if password is not None else self._password_hash(name)
            user = User(
                name, role or old.role, old.created, old.active if active is None else active
            )
            self._put_user(user, digest or "", who, "user.update")
            return user

    def check_password(self, name: str, password: str) -> User | None:
        """The user, when the password is theirs and they are active; None otherwise (the
        same time whether or not the user exists)."""
        if len(password) > MAX_PASSWORD:
            return None
        found = self.record("User", name) if isinstance(name, str) else None
        digest = self._password_hash(name) if found else None
        try:
            HASHER.verify(digest or _DUMMY, password)
        except (VerificationError, InvalidHashError):
            return None
        user = User(**found) if found else None
        return user if user and user.active and digest else None

    # --- sessions and tokens --------------------------------------------------------------
    def open_session(self, name: str) -> str:
        """A new session of `name`; the user's expired sessions are removed in the same write
        (audited as session.purge), so sessions do not pile up in the store."""
        token = secrets.token_urlsafe(32)
        now_utc = dt.datetime.now(dt.UTC)
        expires = now_utc + dt.timedelta(hours=SESSION_HOURS)
        expired = [
            subject
            for subject, found in self.subjects_by("Session", "user", name)
            if found["extra"] < now_utc.isoformat()
        ]
        self._put_secret(
            SESSIONS_GRAPH, "Session", token, name, expires.isoformat(), "session.open",
            purge=expired,
        )  # fmt: skip
        return token

    def create_token(self, name: str, label: str, who: str) -> str:
        self.user(name)
        token = "kbt_" + secrets.token_urlsafe(32)
        self._put_secret(TOKENS_GRAPH, "ApiToken", token, name, label[:200], "token.create", who)
        return token

    def _put_secret(
        self, graph: str, kind: str, token: str, user: str, extra: str, action: str,
        who: str | None = None, purge: Sequence[str] = (),
    ) -> None:  # fmt: skip
        digest = sha256(token)
        data = to_json({"user": user, "extra": extra, "created": now()})
        write = Write()
        write.record(graph, kind, record_iri("private", kind, digest), digest, data, user=user)
        entries = [(action, digest[:12], data)]
        for subject in purge:  # subjects in `graph`, removed in the same request
            write.delete_subject(graph, subject)
        if purge:
            entries.append((f"{kind.lower()}.purge", user, to_json({"expired": len(purge)})))
        self.commit_many(write, who or user, entries)

    def session_user(self, token: str) -> User | None:
        found = self.record("Session", sha256(token)) if token else None
        if not found or found["extra"] < dt.datetime.now(dt.UTC).isoformat():
            return None
        return self._active(found["user"])

    def token_user(self, token: str) -> User | None:
        found = self.record("ApiToken", sha256(token)) if token else None
        return self._active(found["user"]) if found else None

    def _active(self, name: str) -> User | None:
        found = self.record("User", name)
        user = User(**found) if found else None
        return user if user and user.active else None

    def close_session(self, token: str) -> None:
        digest = sha256(token)
        found = self.record("Session", digest)
        if found:
            write = Write().delete_subject(SESSIONS_GRAPH, record_iri("private", "Session", digest))
            self.commit(write, found["user"], "session.close", digest[:12], digest)


_DUMMY = HASHER.hash(secrets.token_hex(16))  # verified against when the user does not exist
