"""The offices a chooser offers, found by the database: the admin's choice of one office among every kecamatan of the
country (about 7,300) is a search, never a list of them all."""
from __future__ import annotations

from sqlalchemy import literal
from sqlmodel import Session, col, func, select

from models.tables import Kabupaten, Kecamatan
from models.umum.halaman import kata_cari

MAKS_PILIHAN = 20  # offices offered at once; typing narrows them


def cari_kantor(session: Session, *, lingkup: list[int] | None, cari: object = None,
                batas: int = MAKS_PILIHAN) -> list[tuple[int, str]]:
    """Up to `batas` offices of the scope (None: every office) whose "Kecamatan (Kab. Kabupaten)" holds every word
    typed, by kabupaten then name, as (id, "Kalipare (Kab. Malang)")."""
    if lingkup is not None and not lingkup:
        return []
    label = Kecamatan.nama + literal(" (Kab. ") + Kabupaten.nama + literal(")")
    q = (select(Kecamatan.id, Kecamatan.nama, Kabupaten.nama).join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
         .where(*[func.lower(label).contains(k, autoescape=True) for k in kata_cari(cari)]))
    if lingkup is not None:
        q = q.where(col(Kecamatan.id).in_(lingkup))
    q = q.order_by(col(Kabupaten.nama), col(Kecamatan.nama), col(Kecamatan.id)).limit(max(1, min(int(batas), 200)))
    return [(i, f"{kec} (Kab. {kab})") for i, kec, kab in session.exec(q)]


def kantor_bernomor(session: Session, kecamatan_id: int, lingkup: list[int] | None) -> tuple[int, str] | None:
    """The one office a chooser holds, as cari_kantor names it, if it is in the scope."""
    if lingkup is not None and kecamatan_id not in lingkup:
        return None
    r = session.exec(select(Kecamatan.id, Kecamatan.nama, Kabupaten.nama)
                     .join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
                     .where(Kecamatan.id == kecamatan_id)).first()
    return (r[0], f"{r[1]} (Kab. {r[2]})") if r else None
