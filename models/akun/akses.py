"""Who may touch what: the office a record belongs to, and whether a reader's scope covers it.

Every page, callback and route names the records it is asked about; `dalam_lingkup` answers, from the database,
whether the signed-in user's offices include them. Queries filter by scope as well; this check is what turns a
crafted request into a refusal (403) instead of an empty answer.
"""
from __future__ import annotations

from typing import Protocol, cast

from sqlmodel import Session, SQLModel, col, select

from models.tables import (
    CatatanLangkah,
    Eksekusi,
    Evaluasi,
    EvaluasiAkip,
    EvaluasiSop,
    HariLibur,
    Indikator,
    IndikatorPk,
    Kabupaten,
    Kecamatan,
    Lampiran,
    LaporanKinerja,
    MonitoringSop,
    PerjanjianKinerja,
    Realisasi,
    Rekomendasi,
    RencanaAksi,
    Sop,
    SopLangkah,
    SopRevisi,
    Target,
    TindakLanjut,
    User,
)
from models.umum.isian import MAKS_NAMA, nomor_id, teks
from models.umum.penolakan import Ditolak


class AksesDitolak(PermissionError):
    """A request outside the user's role or offices; the message is what the person reads."""

    def __init__(self, pesan: str, *, alasan: str = "") -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.alasan = alasan or pesan


PESAN_KANTOR = "Data ini tidak ada atau bukan milik kantor Anda."
PESAN_PERAN = "Peran Anda tidak berwenang melakukan tindakan ini."


class _DiKantor(Protocol):
    kecamatan_id: int


# Records that name their office themselves (a `kecamatan_id` that is never empty)
_LANGSUNG = (Sop, Eksekusi, Realisasi, Evaluasi, Rekomendasi, Target, Lampiran, MonitoringSop, EvaluasiSop,
             PerjanjianKinerja, IndikatorPk, RencanaAksi, EvaluasiAkip, LaporanKinerja)
# Records that belong to an office through their parent: model -> (parent model, foreign key column)
_INDUK: dict[type[SQLModel], tuple[type[SQLModel], str]] = {
    SopRevisi: (Sop, "sop_id"),
    SopLangkah: (SopRevisi, "revisi_id"),
    CatatanLangkah: (Eksekusi, "eksekusi_id"),
    TindakLanjut: (Rekomendasi, "rekomendasi_id"),
}


def kecamatan_pemilik(session: Session, model: type[SQLModel], ident: int) -> list[int] | None:
    """The offices a record belongs to (several for a kabupaten's shared indicator); None when it does not exist."""
    if model is Kecamatan:
        return [ident] if session.get(Kecamatan, ident) else None
    if model is Kabupaten:  # a kabupaten's own views (the Evaluasi AKIP recap): its offices
        return list(session.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == ident)).all()) \
            if session.get(Kabupaten, ident) else None
    if model is HariLibur:  # a day off of every office's calendar
        return list(session.exec(select(Kecamatan.id)).all()) if session.get(HariLibur, ident) else None
    if model in _LANGSUNG:
        row = session.get(model, ident)
        return [cast(_DiKantor, row).kecamatan_id] if row else None
    if model in _INDUK:
        induk, kolom = _INDUK[model]
        row = session.get(model, ident)
        return kecamatan_pemilik(session, induk, getattr(row, kolom)) if row else None
    if model is Indikator:
        ind = session.get(Indikator, ident)
        if ind is None:
            return None
        if ind.kecamatan_id:
            return [ind.kecamatan_id]
        return list(session.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == ind.kabupaten_id)).all())
    if model is User:
        u = session.get(User, ident)
        if u is None:
            return None
        if u.kecamatan_id:
            return [u.kecamatan_id]
        if u.kabupaten_id:
            return list(session.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == u.kabupaten_id)).all())
        return []
    raise TypeError(f"kecamatan_pemilik tidak mengenal {model.__name__}")


AWALAN_KABUPATEN = "kabupaten:"  # an office filter's value naming every office of one kabupaten ("kabupaten:Malang")


def kecamatan_bernama(session: Session, nilai: int | str) -> list[int]:
    """Offices named by an id or by a name (a name may repeat across kabupaten), or every office of the kabupaten
    named by "kabupaten:<name>"; none for a value that can name no office (an id no column holds, a text that cannot
    be stored)."""
    try:
        if isinstance(nilai, int) or (isinstance(nilai, str) and nilai.strip().isdigit()):
            ident = nomor_id(nilai)
            return [ident] if session.get(Kecamatan, ident) else []
        nama = teks(str(nilai), label="Kecamatan", maks=MAKS_NAMA + len(AWALAN_KABUPATEN))
    except Ditolak:
        return []
    if nama is not None and nama.startswith(AWALAN_KABUPATEN):
        return list(session.exec(select(Kecamatan.id).join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
                                 .where(Kabupaten.nama == nama.removeprefix(AWALAN_KABUPATEN))).all())
    return list(session.exec(select(Kecamatan.id).where(Kecamatan.nama == nama)).all())


def dalam_lingkup(pemilik: list[int] | None, kecamatan_ids: list[int] | None) -> bool:
    """Whether a reader whose offices are `kecamatan_ids` (None: all) may touch a record owned by `pemilik`.

    >>> dalam_lingkup([3], None), dalam_lingkup([3], [1, 3]), dalam_lingkup([3], [1]), dalam_lingkup(None, [3])
    (True, True, False, False)
    >>> dalam_lingkup([], [1])  # a record of no office (the admin's), never a kantor user's
    False
    """
    if pemilik is None:
        return False
    if kecamatan_ids is None:
        return True
    return bool(pemilik) and any(k in kecamatan_ids for k in pemilik)
