"""Capaian of an office's IKU from the database: targets in force and realisasi, through the one engine."""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from models.iku import iku_kantor, mesin, target_berlaku
from models.metrics import Capaian, Predikat, capaian_tahun, capaian_triwulan, PREDIKAT_BAKU
from models.metrics import Realisasi as AngkaMesin
from models.tables import Indikator, Kabupaten, Kecamatan, Realisasi


@dataclass(frozen=True)
class BarisCapaian:
    indikator: Indikator
    target: float | None
    realisasi: tuple[Realisasi | None, ...]  # quarters 1..4, any status
    resmi: tuple[Capaian, ...]  # quarters 1..4 from official figures only
    sementara: tuple[Capaian, ...]  # quarters 1..4 counting figures not yet approved (provisional)
    tahun: Capaian  # the year's, official figures only


def _angka(r: Realisasi | None) -> AngkaMesin | None:
    if r is None or r.nilai is None:
        return None
    return AngkaMesin(r.nilai, r.pembilang, r.penyebut)


def predikat_kabupaten(session: Session, kecamatan_id: int) -> tuple[Predikat, ...]:
    """The kabupaten's bands, or the common scale."""
    kec = session.get(Kecamatan, kecamatan_id)
    kab = session.get(Kabupaten, kec.kabupaten_id) if kec else None
    if kab is None or not kab.predikat:
        return PREDIKAT_BAKU
    return tuple(Predikat(p["nama"], p.get("di_atas"), p.get("warna", "#6c757d")) for p in kab.predikat)


def capaian_kantor(session: Session, *, kecamatan_id: int, tahun: int) -> list[BarisCapaian]:
    """Per IKU of the office: target, the quarters' figures and capaian (official and provisional)."""
    hasil = []
    semua = session.exec(select(Realisasi).where(Realisasi.kecamatan_id == kecamatan_id)
                         .where(Realisasi.tahun == tahun)).all()
    per_ind: dict[int, dict[int, Realisasi]] = {}
    for r in semua:
        per_ind.setdefault(r.indikator_id, {})[r.triwulan] = r
    for ind in iku_kantor(session, kecamatan_id):
        t = target_berlaku(session, indikator_id=ind.id, kecamatan_id=kecamatan_id, tahun=tahun)
        target = t.nilai if t else None
        rows = tuple(per_ind.get(ind.id, {}).get(n) for n in range(1, 5))
        resmi = [_angka(r) if r is not None and r.status == "resmi" else None for r in rows]
        semua_angka = [_angka(r) for r in rows]
        m = mesin(ind)
        hasil.append(BarisCapaian(
            indikator=ind, target=target, realisasi=rows,
            resmi=tuple(capaian_triwulan(m, target, resmi, n) for n in range(1, 5)),
            sementara=tuple(capaian_triwulan(m, target, semua_angka, n) for n in range(1, 5)),
            tahun=capaian_tahun(m, target, resmi),
        ))
    return hasil
