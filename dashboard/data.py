"""The database session of the running app, for layouts and callbacks."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app
from sqlmodel import Session

from models.db import session_scope


@contextmanager
def sesi() -> Iterator[Session]:
    """One transaction on the app's engine, with the app's office hours."""
    with session_scope(current_app.extensions["sakip_engine"], jam_kerja=pengaturan().jam_kerja) as session:
        yield session


def mesin():
    """The app's engine, for the few statements that must commit on their own (login attempts)."""
    return current_app.extensions["sakip_engine"]


def pengaturan():
    return current_app.extensions["sakip_settings"]


def kecamatan_terlihat(session: Session) -> list[int] | None:
    """The offices the signed-in user may see (None: all); the guard has already refused anonymous requests."""
    from flask_login import current_user

    from models.akun.pengguna import lingkup
    from models.tables import User

    if not current_user.is_authenticated:
        return []
    return lingkup(session, session.get(User, current_user.id)).kecamatan_ids


def peran_aktif() -> str | None:
    from flask_login import current_user

    return current_user.role_kode if current_user.is_authenticated else None
