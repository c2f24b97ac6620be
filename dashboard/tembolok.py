"""A read-only view's answer served from the shared cache (models.umum.tembolok), for `akses.callback(...,
tembolok=True)`: after the access check, under a key of the view, the signed-in user (id, role, the offices they may
see), the inputs and the one that triggered the call, the domain's today and the data version. The answer is kept as the JSON Dash sends (plotly's
encoder) and a hit returns that JSON decoded, so the browser receives the same bytes. A refusal (Ditolak,
PilihKabupaten) raises before anything is kept; an answer that set other components' props is not kept either.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from dash import callback_context
from dash._callback_context import context_value
from dash._no_update import NoUpdate
from dash._utils import to_json
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from dashboard.data import kecamatan_terlihat, pengaturan, sesi
from models.tables import utcnow
from models.umum import periode
from models.umum import tembolok as tb

log = logging.getLogger(__name__)


def _ke_json(hasil: Any, banyak: bool) -> str:
    # An output left as it is (no_update) is written as Dash's own marker, which Dash reads back as no_update.
    return to_json({"v": list(hasil) if banyak else hasil})


def _dari_json(teks: str, banyak: bool) -> Any:
    nilai = json.loads(teks)["v"]
    return tuple(nilai) if banyak else nilai


def _pemicu() -> Any:
    """The input that triggered the call (a view may answer a page change other than a new filter)."""
    try:
        return callback_context.triggered_id if context_value.get() else None
    except LookupError:  # called outside a Dash request (a test calling the function)
        return None


def _sisi_terpakai() -> int:
    try:
        return len(getattr(context_value.get(), "updated_props", None) or {})
    except LookupError:  # called outside a Dash request (a test calling the function)
        return 0


def jalankan(nama: str, fungsi: Callable, args: tuple, *, banyak: bool) -> Any:
    """The view's answer from the cache, else computed and kept; without the cache (TEMBOLOK=0) always computed."""
    setelan = pengaturan()
    if not setelan.tembolok:
        return fungsi(*args)
    sekarang = utcnow()
    try:
        with sesi() as s:
            v = tb.versi(s)  # before the view reads anything: a write after this raises the version past it
            k = tb.kunci(nama=nama, user_id=current_user.id, peran=current_user.role_kode,
                         kantor=kecamatan_terlihat(s), argumen=[list(args), _pemicu()], hari=periode.hari_ini(),
                         versi=v)
            teks = tb.ambil(s, k, sekarang=sekarang, ttl=setelan.tembolok_detik)
    except SQLAlchemyError:  # the cache's tables unreadable (a migration not run yet): the view as it is
        log.warning("tembolok tidak terbaca untuk %s", nama, exc_info=True)
        return fungsi(*args)
    if teks is not None:
        return _dari_json(teks, banyak)
    sisi = _sisi_terpakai()
    hasil = fungsi(*args)
    if (not banyak and NoUpdate.is_no_update(hasil)) or _sisi_terpakai() != sisi:
        return hasil
    teks = _ke_json(hasil, banyak)
    try:
        with sesi() as s:
            tb.simpan(s, k, teks, versi=v, sekarang=sekarang, ttl=setelan.tembolok_detik)
    except SQLAlchemyError:  # the answer stands without its entry (a database busy past its timeout)
        log.warning("jawaban %s tidak tersimpan di tembolok", nama, exc_info=True)
    # The components are turned into JSON once: Dash sends their decoded JSON as it would a hit's (the same bytes).
    return _dari_json(teks, banyak)
