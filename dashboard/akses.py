"""Access checks for every callback and page, declared where the callback or page is defined.

`callback(app, ...)` registers a Dash callback together with its policy: which roles may call it and which of its
arguments name an office or a record. The policy is checked on the server before the function runs; a refusal is
written to the audit log and answered with 403 and no data. The policy also travels on the registered function
(`.kebijakan`), so a test can list every callback of the running app and try each one.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from dash import Dash
from flask_login import current_user
from sqlmodel import SQLModel

from dashboard.data import kecamatan_terlihat, sesi
from models.akun.akses import (
    PESAN_KANTOR,
    PESAN_PERAN,
    AksesDitolak,
    dalam_lingkup,
    kecamatan_bernama,
    kecamatan_pemilik,
)
from models.tables import User
from models.umum.audit import catat

PESAN_MASUK = "Sesi berakhir atau belum masuk. Silakan masuk kembali."


@dataclass(frozen=True)
class Kebijakan:
    """Who may call, and which arguments carry an office (id or name) or a record id to check against scope."""

    peran: frozenset[str] | None = None  # None: every signed-in user (reads, filtered by scope in the query)
    kecamatan: tuple[str, ...] = ()
    objek: dict[str, type[SQLModel]] = field(default_factory=dict)

    @property
    def menulis(self) -> bool:
        return self.peran is not None


def _kebijakan(peran: Iterable[str] | None, kecamatan: Iterable[str] | str, objek: dict | None) -> Kebijakan:
    return Kebijakan(
        peran=frozenset(peran) if peran is not None else None,
        kecamatan=(kecamatan,) if isinstance(kecamatan, str) else tuple(kecamatan),
        objek=dict(objek or {}),
    )


def _tolak(pesan: str, *, sasaran: str, rincian: str) -> AksesDitolak:
    """Audit the refusal in its own transaction (the refused work never starts) and build the exception."""
    with sesi() as s:
        user = s.get(User, current_user.id) if current_user.is_authenticated else None
        catat(s, aksi="akses.ditolak", oleh=user, objek="akses",
              kecamatan_id=user.kecamatan_id if user else None,
              keterangan=f"{sasaran}: {rincian}"[:2000])
    return AksesDitolak(pesan, alasan=rincian)


def periksa(kebijakan: Kebijakan, nilai: dict[str, Any], *, sasaran: str) -> None:
    """Raise AksesDitolak (audited) unless the signed-in user may make this request with these values."""
    if not current_user.is_authenticated:
        raise AksesDitolak(PESAN_MASUK)
    if kebijakan.peran is not None and current_user.role_kode not in kebijakan.peran:
        raise _tolak(PESAN_PERAN, sasaran=sasaran, rincian=f"peran {current_user.role_kode}")
    if not kebijakan.kecamatan and not kebijakan.objek:
        return
    with sesi() as s:
        lingkup = kecamatan_terlihat(s)
        for nama in kebijakan.kecamatan:
            v = nilai.get(nama)
            if v in (None, "", []):
                continue
            for satu in v if isinstance(v, list) else [v]:
                if not dalam_lingkup(kecamatan_bernama(s, satu) or None, lingkup):
                    raise _tolak(PESAN_KANTOR, sasaran=sasaran, rincian=f"{nama}={satu!r}")
        for nama, model in kebijakan.objek.items():
            v = nilai.get(nama)
            if v in (None, "", []):
                continue
            for satu in v if isinstance(v, list) else [v]:
                try:
                    ident = int(satu)
                except (TypeError, ValueError):
                    raise _tolak(PESAN_KANTOR, sasaran=sasaran, rincian=f"{nama}={satu!r} bukan nomor") from None
                if not dalam_lingkup(kecamatan_pemilik(s, model, ident), lingkup):
                    raise _tolak(PESAN_KANTOR, sasaran=sasaran, rincian=f"{model.__name__} {ident}")


def callback(app: Dash, *dependencies, peran: Iterable[str] | None = None, kecamatan: Iterable[str] | str = (),
             objek: dict[str, type[SQLModel]] | None = None, **kwargs) -> Callable:
    """`app.callback` with an access policy checked before the function runs."""
    kebijakan = _kebijakan(peran, kecamatan, objek)

    def daftar(fungsi: Callable) -> Callable:
        nama_arg = list(inspect.signature(fungsi).parameters)

        @wraps(fungsi)
        def terjaga(*args):
            periksa(kebijakan, dict(zip(nama_arg, args)), sasaran=f"callback {fungsi.__module__}.{fungsi.__name__}")
            return fungsi(*args)

        terjaga.kebijakan = kebijakan
        app.callback(*dependencies, **kwargs)(terjaga)
        return fungsi

    return daftar


def halaman(*, peran: Iterable[str] | None = None, kecamatan: Iterable[str] | str = (),
            objek: dict[str, type[SQLModel]] | None = None) -> Callable:
    """Policy for a page's `layout(**kwargs)`: the path variables and query parameters it is opened with."""
    kebijakan = _kebijakan(peran, kecamatan, objek)

    def bungkus(layout: Callable) -> Callable:
        @wraps(layout)
        def terjaga(**kw):
            periksa(kebijakan, kw, sasaran=f"halaman {layout.__module__}")
            return layout(**kw)

        terjaga.kebijakan = kebijakan
        return terjaga

    return bungkus


def periksa_alamat(path: str, args: dict[str, str]) -> None:
    """Check a page address before the page shell is served (the layout checks again when it is rendered)."""
    from dash._pages import _path_to_page

    page, variabel = _path_to_page(path.strip("/"))
    kebijakan = getattr(page.get("layout"), "kebijakan", None) if page else None
    if kebijakan is not None:
        periksa(kebijakan, {**args, **(variabel or {})}, sasaran=f"alamat {path}")
