"""Access checks for every callback and page, declared where the callback or page is defined.

`callback(app, ...)` registers a Dash callback together with its policy: which roles may call it and which of its
arguments name an office or a record. The policy is checked on the server before the function runs; a refusal is
written to the audit log and answered with 403 and no data. The policy also travels on the registered function
(`.kebijakan`), so a test can list every callback of the running app and try each one.

The same wrapper is the one place a refusal of the domain (models.umum.penolakan.Ditolak) reaches the screen: the
work inside the callback has been rolled back by its session; the wrapper writes one `aksi.ditolak` audit row (who,
which office, which record, which action, why) in its own transaction and shows the message, in the output the
callback names with `tolak=` or, without one, in the page's message area.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Output, no_update, set_props
from flask import g
from flask_login import current_user
from sqlmodel import SQLModel

from dashboard import ids
from dashboard.data import kecamatan_terlihat, sesi
from dashboard.tembolok import jalankan
from models.akun.akses import (
    PESAN_KANTOR,
    PESAN_PERAN,
    AksesDitolak,
    dalam_lingkup,
    kecamatan_bernama,
    kecamatan_pemilik,
)
from models.dasbor.kueri import PilihKabupaten
from models.tables import User
from models.umum.audit import catat
from models.umum.isian import nomor_id
from models.umum.penolakan import Ditolak

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
    g.sakip_penolakan_diaudit = True
    with sesi() as s:
        user = s.get(User, current_user.id) if current_user.is_authenticated else None
        catat(s, aksi="akses.ditolak", oleh=user, objek="akses",
              kecamatan_id=user.kecamatan_id if user else None,
              keterangan=f"{sasaran}: {rincian}")
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
                    ident = nomor_id(satu)  # a record id a column can hold: "abc", 2^63 or 1.5 are none
                except Ditolak:
                    raise _tolak(PESAN_KANTOR, sasaran=sasaran, rincian=f"{nama}={satu!r:.100} bukan nomor") from None
                if not dalam_lingkup(kecamatan_pemilik(s, model, ident), lingkup):
                    raise _tolak(PESAN_KANTOR, sasaran=sasaran, rincian=f"{model.__name__} {ident}")


def audit_akses_ditolak(e: AksesDitolak, *, sasaran: str) -> None:
    """The edge's audit of an access refusal raised past the policy check (a query refusing an office, a route's own
    check): one `akses.ditolak` row for a signed-in user, unless this request's refusal is audited already."""
    if current_user.is_authenticated and not g.get("sakip_penolakan_diaudit"):
        _tolak(e.pesan, sasaran=sasaran, rincian=e.alasan)


def catat_penolakan(e: Ditolak, *, sasaran: str) -> None:
    """Write one `aksi.ditolak` row for a refusal, in its own transaction (the refused work is already rolled back):
    who asked, the office, the record and the action the refusal names (else the callback or route), and why."""
    g.sakip_penolakan_diaudit = True
    with sesi() as s:
        user = s.get(User, current_user.id) if current_user.is_authenticated else None
        # The office a refusal names may be one the request made up (/cetak/lhe/0/...): the row keeps to real ones.
        kecamatan = kecamatan_bernama(s, e.kecamatan_id) if e.kecamatan_id is not None else []
        catat(s, aksi="aksi.ditolak", oleh=user, objek=e.objek or "aksi", objek_id=e.objek_id,
              kecamatan_id=kecamatan[0] if kecamatan else (user.kecamatan_id if user else None),
              sesudah={"aksi": e.aksi or sasaran}, keterangan=str(e))


def pesan_tolak(pesan: str):
    """How a refusal looks on screen."""
    return dbc.Alert(pesan, color="danger", className="pesan-tolak")


def pesan_pilih(pesan: str):
    """How a view asks for a choice before it can be drawn (the admin's kabupaten)."""
    return dbc.Alert(pesan, color="info", className="pesan-pilih")


def _jumlah_output(dependencies: tuple) -> int:
    n = 0
    for d in dependencies:
        if isinstance(d, Output):
            n += 1
        elif isinstance(d, (list, tuple)):
            n += sum(isinstance(x, Output) for x in d)
    return n


def callback(app: Dash, *dependencies, peran: Iterable[str] | None = None, kecamatan: Iterable[str] | str = (),
             objek: dict[str, type[SQLModel]] | None = None, tolak: int | Callable[[str], Any] | None = None,
             tembolok: bool = False, **kwargs) -> Callable:
    """`app.callback` with an access policy checked before the function runs, and the domain's refusals shown and
    audited. `tolak`: the index of the output that shows a refusal (the others are left as they are), or a function
    of the message returning the whole answer; None: the page's message area shows it. `tembolok`: a read-only view
    (writes nothing, sets no other props, answers from its arguments, the user, the data and the day only) whose
    answer is served from the shared cache (dashboard.tembolok) once access is granted."""
    kebijakan = _kebijakan(peran, kecamatan, objek)
    n_output = _jumlah_output(dependencies)

    def jawab_tolak(pesan: str, tampil: Callable[[str], Any] | None = None):
        tampil = tampil or pesan_tolak
        if callable(tolak):
            return tolak(pesan)
        if tolak is None:
            set_props(ids.PESAN_GLOBAL, {"children": tampil(pesan)})
        if n_output <= 1:
            return tampil(pesan) if tolak == 0 else no_update
        return tuple(tampil(pesan) if i == tolak else no_update for i in range(n_output))

    def daftar(fungsi: Callable) -> Callable:
        nama_arg = list(inspect.signature(fungsi).parameters)
        sasaran = f"callback {fungsi.__module__}.{fungsi.__name__}"

        nama = f"{fungsi.__module__}.{fungsi.__qualname__}"

        @wraps(fungsi)
        def terjaga(*args):
            periksa(kebijakan, dict(zip(nama_arg, args)), sasaran=sasaran)
            try:
                if tembolok:
                    return jalankan(nama, fungsi, args, banyak=n_output > 1)
                return fungsi(*args)
            except Ditolak as e:
                catat_penolakan(e, sasaran=sasaran)
                return jawab_tolak(str(e))
            except PilihKabupaten as e:  # not a refusal: the admin is asked to choose a kabupaten first
                return jawab_tolak(str(e), pesan_pilih)

        terjaga.kebijakan = kebijakan
        terjaga.tembolok = tembolok
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
