"""Attaching an uploaded file to a record, shared by the pages that take attachments (Persetujuan, Isi Realisasi).

Not a page: it registers no callback. Each page's callback keeps its own access policy and words, and passes here
how its record takes a file and how the record's files are drawn.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import no_update
from flask_login import current_user
from sqlmodel import Session

from dashboard.data import pengaturan, sesi
from models.tables import Lampiran, User
from models.umum.berkas import dari_unggahan
from models.umum.isian import MAKS_KALIMAT, nomor_id, teks
from models.umum.penolakan import Ditolak


def simpan_unggahan(isi: str | None, nama: str | None, pemilik_id: int | str | None, *, belum_dipilih: str,
                    lampirkan: Callable[..., Lampiran], daftar: Callable[[Session, int], Any],
                    berhasil: str) -> tuple[Any, Any]:
    """(the record's files drawn again, a message) after storing one browser upload on the record `pemilik_id`.

    `lampirkan(session, pemilik_id, nama_berkas=, data=, oleh=, folder=)` stores it (one transaction, audited);
    `daftar(session, pemilik_id)` draws the record's files; `berhasil` is the success message with `{nama}` for the
    stored file's name; `belum_dipilih` is the refusal when no record is chosen. An empty upload changes nothing.
    """
    if not isi:
        return no_update, no_update
    if not pemilik_id:
        raise Ditolak(belum_dipilih)
    data = dari_unggahan(isi)
    pemilik_id, nama = nomor_id(pemilik_id), teks(nama, label="Nama berkas", maks=MAKS_KALIMAT) or "berkas"
    with sesi() as s:
        x = lampirkan(s, pemilik_id, nama_berkas=nama, data=data, oleh=s.get(User, current_user.id),
                      folder=pengaturan().upload_dir)
        disimpan, berkas = x.nama_berkas, daftar(s, pemilik_id)
    return berkas, dbc.Alert(berhasil.format(nama=disimpan), color="success")
