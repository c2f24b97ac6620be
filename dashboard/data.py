"""The database session of the running app, for layouts and callbacks."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlmodel import Session

from models.db import session_scope


@contextmanager
def sesi() -> Iterator[Session]:
    """One transaction on the app's engine."""
    with session_scope(current_app.extensions["sakip_engine"]) as session:
        yield session


def pengaturan():
    return current_app.extensions["sakip_settings"]
