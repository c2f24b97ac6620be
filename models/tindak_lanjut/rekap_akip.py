"""The kabupaten's recap of its offices' Evaluasi AKIP for a year: where each office's evaluation stands and, once
final, its total, predicate, component and sub-component scores, the change from last year and its rank.

`rekap_akip` is the one reading of it: the recap page (/evaluasi-akip/rekap) and its downloads, Perbandingan's
Kepatuhan and the kabupaten's Beranda all call it. Scores are computed here, with models.tindak_lanjut.lke's
`hitung_nilai`, from the evaluator's answers (JawabanLke.evaluator) against each evaluation's own frozen LKE, so a
kabupaten's revised LKE of a later year changes nothing of an earlier one. An office whose evaluation is not final
has no number here: its state only (belum dibuka, penilaian mandiri, reviu). Three queries whatever the number of
offices (the offices, the evaluations of the year and the year before, their answers): measured 3 statements and about
60 ms for 33 offices with two final years (SQLite).
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from models.tables import EvaluasiAkip, JawabanLke, Kecamatan
from models.tindak_lanjut.lke import NilaiLke, StrukturLke, baca_struktur, bulat, hitung_nilai
from models.umum.angka import format_angka
from models.umum.status import Keadaan


class KeadaanAkip(Keadaan):
    """Where an office's Evaluasi AKIP of a year stands, as the recap names it (EvaluasiAkip.status, or no row)."""

    BELUM_DIBUKA = ("belum_dibuka", "Belum dibuka", "light")
    MANDIRI = ("mandiri", "Penilaian mandiri", "info")
    REVIU = ("reviu", "Reviu evaluator", "primary")
    FINAL = ("final", "Final", "success")


@dataclass(frozen=True)
class Kolom:
    """A component or sub-component as the recap's headers name it."""

    kode: str
    nama: str
    bobot: Decimal


@dataclass(frozen=True)
class BarisRekap:
    """One office's evaluation of the year. The numbers are None unless the evaluation is final (and fully
    answered); `total` and the scores are exact, `bulat` gives them as printed."""

    kecamatan_id: int
    kecamatan: str
    keadaan: KeadaanAkip
    evaluasi_akip_id: int | None
    total: Decimal | None
    predikat: str | None
    komponen: dict[str, Decimal | None]
    sub: dict[str, Decimal | None]
    bobot_sub: dict[str, Decimal]  # each sub-component's weight, from this evaluation's LKE
    total_lalu: Decimal | None  # last year's final total, as computed the same way
    predikat_lalu: str | None
    peringkat: int | None  # among the final evaluations of the year, by total as printed; equal totals share it
    dirilis_pada: datetime | None  # the predicate shown on the public page from then

    @property
    def selisih(self) -> Decimal | None:
        """The change of the total from last year, in points as printed (both final), else None."""
        if self.total is None or self.total_lalu is None:
            return None
        return bulat(self.total) - bulat(self.total_lalu)

    def persen_sub(self, kode: str) -> Decimal | None:
        """A sub-component's score as a share of its weight, in percent (for the heatmap)."""
        v, bobot = self.sub.get(kode), self.bobot_sub.get(kode)
        return None if v is None or not bobot else v / bobot * 100


@dataclass(frozen=True)
class RekapAkip:
    tahun: int
    komponen: tuple[Kolom, ...]  # headers, from the LKE of the year's evaluations (first seen)
    sub: tuple[Kolom, ...]
    baris: tuple[BarisRekap, ...]  # ranked first (best first), then the others by name

    def per_kantor(self) -> dict[int, BarisRekap]:
        return {b.kecamatan_id: b for b in self.baris}


class _Struktur:
    """Each distinct frozen LKE read once."""

    def __init__(self) -> None:
        self._isi: dict[str, StrukturLke] = {}

    def __call__(self, ev: EvaluasiAkip) -> StrukturLke | None:
        if not isinstance(ev.lke, dict) or not ev.lke:
            return None
        kunci = json.dumps(ev.lke, sort_keys=True)
        if kunci not in self._isi:
            self._isi[kunci] = baca_struktur(ev.lke)
        return self._isi[kunci]


def rekap_akip(session: Session, *, kecamatan_ids: Sequence[int], tahun: int) -> RekapAkip:
    """The offices' Evaluasi AKIP of `tahun` side by side (see the module's docstring). An office without an
    evaluation is `BELUM_DIBUKA`; a final evaluation whose answers are incomplete keeps no number."""
    ids = list(kecamatan_ids)
    nama = dict(session.exec(select(Kecamatan.id, Kecamatan.nama).where(col(Kecamatan.id).in_(ids))).all())
    evaluasi = list(session.exec(select(EvaluasiAkip).where(col(EvaluasiAkip.kecamatan_id).in_(ids))
                                 .where(col(EvaluasiAkip.tahun).in_([tahun, tahun - 1]))).all())
    final = [e.id for e in evaluasi if e.status == KeadaanAkip.FINAL]
    jawaban: dict[int, dict[str, str | None]] = defaultdict(dict)
    if final:
        for eid, kode, nilai in session.exec(select(JawabanLke.evaluasi_akip_id, JawabanLke.kode, JawabanLke.evaluator)
                                             .where(col(JawabanLke.evaluasi_akip_id).in_(final))).all():
            jawaban[eid][kode] = nilai
    struktur_dari = _Struktur()
    komponen: dict[str, Kolom] = {}
    sub: dict[str, Kolom] = {}
    lalu: dict[int, NilaiLke] = {}
    ini: dict[int, tuple[EvaluasiAkip, StrukturLke | None, NilaiLke | None]] = {}
    for e in evaluasi:
        struktur = struktur_dari(e)
        n = hitung_nilai(struktur, jawaban.get(e.id, {})) if struktur and e.status == KeadaanAkip.FINAL else None
        if e.tahun == tahun - 1:
            if n is not None:
                lalu[e.kecamatan_id] = n
            continue
        ini[e.kecamatan_id] = (e, struktur, n)
    for k in ids:  # the headers: the LKE of the year's evaluations, in office order (one LKE in practice)
        lke = ini[k][1] if k in ini else None
        for km in lke.komponen if lke else ():
            komponen.setdefault(km.kode, Kolom(km.kode, km.nama, km.bobot))
            for s in km.sub:
                sub.setdefault(s.kode, Kolom(s.kode, s.nama, s.bobot))
    baris: list[BarisRekap] = []
    for k in ids:
        n_lalu = lalu.get(k)
        total_lalu, pred_lalu = (n_lalu.total, n_lalu.predikat) if n_lalu else (None, None)
        if k not in ini:
            baris.append(BarisRekap(k, nama.get(k, str(k)), KeadaanAkip.BELUM_DIBUKA, None, None, None, {}, {}, {},
                                    total_lalu, pred_lalu, None, None))
            continue
        e, struktur, n = ini[k]
        keadaan = KeadaanAkip(e.status) if KeadaanAkip.punya(e.status) else KeadaanAkip.MANDIRI
        dinilai = n is not None and n.total is not None
        baris.append(BarisRekap(
            k, nama.get(k, str(k)), keadaan, e.id, n.total if n else None, n.predikat if n else None,
            dict(n.komponen) if n and dinilai else {}, dict(n.sub) if n and dinilai else {},
            {s.kode: s.bobot for km in struktur.komponen for s in km.sub} if struktur else {},
            total_lalu, pred_lalu, None, e.dirilis_pada if dinilai else None))
    return RekapAkip(tahun, tuple(komponen.values()), tuple(sub.values()), tuple(_peringkat(baris)))


def _peringkat(baris: list[BarisRekap]) -> list[BarisRekap]:
    """Final evaluations ranked by total as printed (1, 2, 2, 4 for ties; names in order among ties), then the
    others by name."""
    dinilai = sorted((b for b in baris if b.total is not None), key=lambda b: (-bulat(b.total), b.kecamatan))  # type: ignore[arg-type]
    hasil: list[BarisRekap] = []
    for i, b in enumerate(dinilai):
        sama = hasil and bulat(hasil[-1].total) == bulat(b.total)  # type: ignore[arg-type]
        hasil.append(replace(b, peringkat=hasil[-1].peringkat if sama else i + 1))
    return hasil + sorted((b for b in baris if b.total is None), key=lambda b: b.kecamatan)


def keadaan_teks(b: BarisRekap) -> str:
    """An office's evaluation in words, as Kepatuhan and Beranda print it: the state, and for a final one its total
    and predicate.

    >>> b = BarisRekap(1, "X", KeadaanAkip.FINAL, 3, Decimal("80.004"), "BB", {}, {}, {}, None, None, 1, None)
    >>> keadaan_teks(b), keadaan_teks(BarisRekap(2, "Y", KeadaanAkip.REVIU, 4, *[None] * 2, {}, {}, {}, *[None] * 4))
    ('Final: 80,00 (BB)', 'Reviu evaluator')
    """
    if b.keadaan == KeadaanAkip.FINAL and b.total is not None:
        return f"Final: {format_angka(float(bulat(b.total)), 2)} ({b.predikat})"
    return b.keadaan.label


PENGLIHAT = frozenset({"admin", "kabupaten", "evaluator"})  # who reads a kabupaten's recap (office users do not)
