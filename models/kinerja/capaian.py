"""Capaian of offices' IKU from the database: targets in force and realisasi, through the one engine."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any, TypeVar, cast

from sqlmodel import Session, col, select

from models.db import pilih
from models.kinerja.iku import kode_urut, mesin
from models.kinerja.mesin import (
    PREDIKAT_BAKU,
    Capaian,
    Predikat,
    capaian_tahun,
    capaian_triwulan,
    proyeksi_tahun,
    target_pada,
)
from models.kinerja.mesin import Realisasi as AngkaMesin
from models.tables import Indikator, Kabupaten, Kecamatan, PredikatKabupaten, Realisasi, Target
from models.umum.status import StatusRealisasi

T = TypeVar("T")


class BarisCapaian:
    """One IKU of one office in one year: its target, the quarters' targets of the Rencana Aksi, the quarters'
    figures and, computed when first asked for, capaian from official figures only (`resmi`), counting figures not
    yet approved (`sementara`), the year's (official) and the year-end projection (provisional figures included).
    A quarter is measured against its own target when it has one, otherwise the year's; the year and the
    projection against the year's."""

    def __init__(self, indikator: Indikator, target: float | None, realisasi: tuple[Realisasi | None, ...],
                 target_triwulan: tuple[float | None, ...] = (None,) * 4):
        self.indikator, self.target, self.realisasi = indikator, target, realisasi  # realisasi: quarters 1..4
        self.target_triwulan = target_triwulan  # quarters 1..4, None where the Rencana Aksi sets none
        self._mesin = mesin(indikator)
        self._resmi = [_angka(r) if r is not None and r.status == StatusRealisasi.RESMI else None for r in realisasi]
        self._semua = [_angka(r) for r in realisasi]

    @cached_property
    def resmi(self) -> tuple[Capaian, ...]:
        return tuple(self._triwulan(self._resmi, n) for n in range(1, 5))

    @cached_property
    def sementara(self) -> tuple[Capaian, ...]:
        return tuple(self._triwulan(self._semua, n) for n in range(1, 5))

    @cached_property
    def tahun(self) -> Capaian:
        return capaian_tahun(self._mesin, self.target, self._resmi)

    @cached_property
    def proyeksi(self) -> Capaian:
        return proyeksi_tahun(self._mesin, self.target, self._semua)

    def proyeksi_sampai(self, triwulan: int) -> Capaian:
        """The year-end projection as it stood at the end of a quarter: from the figures up to that quarter."""
        return proyeksi_tahun(self._mesin, self.target, self._semua[:triwulan] + [None] * (4 - triwulan))

    def _triwulan(self, angka: list, n: int) -> Capaian:
        return capaian_triwulan(self._mesin, self.target, angka, n, self.target_triwulan)

    def target_pada(self, triwulan: int) -> tuple[float | None, str]:
        """The target quarter `triwulan` is measured against and its name ("target triwulan II", "target tahun")."""
        return target_pada(self.target, self.target_triwulan, triwulan)

    def pada(self, triwulan: int) -> tuple[Capaian, bool]:
        """A quarter's capaian and whether it is official; the provisional one when not (yet) official."""
        resmi = self._triwulan(self._resmi, triwulan)
        return (resmi, True) if resmi.tersedia else (self._triwulan(self._semua, triwulan), False)


def _angka(r: Realisasi | None) -> AngkaMesin | None:
    if r is None or r.nilai is None:
        return None
    return AngkaMesin(r.nilai, r.pembilang, r.penyebut)


def predikat_kabupaten(session: Session, kecamatan_id: int, tahun: int) -> tuple[Predikat, ...]:
    """The bands the office's kabupaten judges `tahun` by, or the common scale."""
    return predikat_per_kantor(session, [kecamatan_id], tahun).get(kecamatan_id, PREDIKAT_BAKU)


def pita_dari(data: list | None) -> tuple[Predikat, ...]:
    """Bands as stored ([{"nama", "di_atas", "warna"}, ...]); the common scale for none."""
    return (tuple(Predikat(p["nama"], p.get("di_atas"), p.get("warna", "#6c757d")) for p in data)
            if data else PREDIKAT_BAKU)


def pita_berlaku(set_pita: Iterable[tuple[int, T]], tahun: int) -> T | None:
    """Of a kabupaten's band sets (first year, bands), the one `tahun` is judged by: the latest first year not after
    it; None when none holds yet (the common scale).

    >>> pita_berlaku([(2000, "lama"), (2027, "baru")], 2026), pita_berlaku([(2027, "baru")], 2026)
    ('lama', None)
    """
    berlaku = [(mulai, pita) for mulai, pita in set_pita if mulai <= tahun]
    return max(berlaku, key=lambda x: x[0])[1] if berlaku else None


def predikat_per_kantor(session: Session, kecamatan_ids: Iterable[int], tahun: int) -> dict[int, tuple[Predikat, ...]]:
    """Each office's bands for `tahun`: its kabupaten's set that `tahun` is judged by (pita_berlaku), or the common
    scale; in one query."""
    ids = list(kecamatan_ids)
    kab = dict(session.exec(select(Kecamatan.id, Kecamatan.kabupaten_id).where(col(Kecamatan.id).in_(ids))).all())
    set_kab: dict[int, list[tuple[int, Any]]] = {}
    for kab_id, mulai, isi in session.exec(
            select(PredikatKabupaten.kabupaten_id, PredikatKabupaten.berlaku_mulai, PredikatKabupaten.pita)
            .where(col(PredikatKabupaten.kabupaten_id).in_(set(kab.values())))):
        set_kab.setdefault(kab_id, []).append((mulai, isi))
    return {kec_id: pita_dari(pita_berlaku(set_kab.get(kab_id, []), tahun)) for kec_id, kab_id in kab.items()}


def batas_rerata(session: Session, kecamatan_ids: Iterable[int]) -> dict[int, float]:
    """Each office's cap for averages and ranks across capaian (its kabupaten's setting)."""
    return dict(session.exec(select(Kecamatan.id, Kabupaten.batas_rerata)
                             .join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
                             .where(col(Kecamatan.id).in_(list(kecamatan_ids)))).all())


def capaian_banyak(session: Session, *, kecamatan_ids: Iterable[int], tahun: Iterable[int],
                   ringkas: bool = False, indikator_ids: Iterable[int] | None = None,
                   ) -> dict[tuple[int, int], list[BarisCapaian]]:
    """Per (office, year): each IKU of the office with its targets (the year's and the quarters') and capaian; four
    queries whatever the count.

    `indikator_ids`: instead of the office's active IKU, these of its indicators, active or not (a past year's
    report keeps the indicators of that year).

    With `ringkas` the figures are read as rows of the columns the engine and the dashboards use (id, status,
    values), not as full records: several times faster for a kabupaten's offices."""
    kec_ids, thn = sorted(set(kecamatan_ids)), sorted(set(tahun))
    if not kec_ids or not thn:
        return {}
    kab = dict(session.exec(select(Kecamatan.id, Kecamatan.kabupaten_id).where(col(Kecamatan.id).in_(kec_ids))).all())
    q = select(Indikator).where(
        col(Indikator.kabupaten_id).in_(set(kab.values())) | col(Indikator.kecamatan_id).in_(kec_ids))
    q = q.where(Indikator.aktif == True) if indikator_ids is None else q.where(  # noqa: E712
        col(Indikator.id).in_(set(indikator_ids)))
    indikator = session.exec(q).all()
    indikator = sorted(indikator, key=lambda i: (i.kecamatan_id is not None, kode_urut(i.kode)))
    # The year's target and the quarters' in one read: key (office, year, indicator), then quarter (0: the year).
    target: dict[tuple[int, int, int], dict[int, float]] = {}
    for kec_id, th, ind_id, tw, nilai in session.exec(
            pilih(Target.kecamatan_id, Target.tahun, Target.indikator_id, Target.triwulan, Target.nilai)
            .where(col(Target.kecamatan_id).in_(kec_ids)).where(col(Target.tahun).in_(thn))
            .where(Target.berlaku == True)):  # noqa: E712
        target.setdefault((kec_id, th, ind_id), {})[tw or 0] = nilai
    angka: dict[tuple[int, int, int], dict[int, Realisasi]] = {}
    kolom = (pilih(Realisasi.id, Realisasi.indikator_id, Realisasi.kecamatan_id, Realisasi.tahun, Realisasi.triwulan,
                   Realisasi.pembilang, Realisasi.penyebut, Realisasi.nilai, Realisasi.status)
             if ringkas else select(Realisasi))
    baris = session.exec(kolom.where(col(Realisasi.kecamatan_id).in_(kec_ids)).where(col(Realisasi.tahun).in_(thn)))
    # With `ringkas`, rows of those columns, read by name as a Realisasi is.
    for r in cast(Iterable[Realisasi], baris):
        angka.setdefault((r.kecamatan_id, r.tahun, r.indikator_id), {})[r.triwulan] = r
    hasil = {}
    for kec_id in kec_ids:
        milik = [i for i in indikator if i.kecamatan_id == kec_id or (i.kecamatan_id is None
                                                                      and i.kabupaten_id == kab.get(kec_id))]
        for th in thn:
            hasil[(kec_id, th)] = [
                BarisCapaian(ind, (t := target.get((kec_id, th, ind.id), {})).get(0),
                             tuple(angka.get((kec_id, th, ind.id), {}).get(n) for n in range(1, 5)),
                             tuple(t.get(n) for n in range(1, 5)))
                for ind in milik]
    return hasil


def capaian_kantor(session: Session, *, kecamatan_id: int, tahun: int) -> list[BarisCapaian]:
    """Per IKU of the office: target, the quarters' figures and capaian (official and provisional)."""
    return capaian_banyak(session, kecamatan_ids=[kecamatan_id], tahun=[tahun]).get((kecamatan_id, tahun), [])
