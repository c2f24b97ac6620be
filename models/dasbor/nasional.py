"""The view across kabupaten (the admin's province and national view): one row per kabupaten, never one per office.

Each column is counted by the function its kabupaten's own view uses, summed over the kabupaten's offices: the
quarter's figures made official (of the IKU each office reports on, models.kinerja.iku.iku_banyak), the SAKIP
calendar's obligations of the chosen period past due and not met (models.perencanaan.kalender_sakip.kewajiban_banyak,
as Perbandingan's compliance counts them: the period's quarterly obligations and the year's), the follow-ups falling
due within the period and overdue (models.dasbor.kueri.jumlah_per_kantor), the steps waiting today, and last year's
Evaluasi AKIP predicates as made final. For Monitoring SOP, the semester: its SOPs in force and monitored.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from urllib.parse import urlencode

import pandas as pd
from sqlmodel import Session, col, select

from models.akun.akses import AWALAN_KABUPATEN
from models.dasbor.kueri import jumlah_per_kantor
from models.dasbor.laporan import Kolom, Tabel
from models.kinerja.iku import iku_banyak
from models.perencanaan.kalender_sakip import kewajiban_banyak
from models.sop.monitoring import ringkasan_kantor
from models.tables import EvaluasiAkip, Kabupaten, Kecamatan, Realisasi
from models.umum.periode import ROMAWI, akhir_triwulan, awal_triwulan, label_semester
from models.umum.status import KeadaanKewajiban, StatusRealisasi

# The predicates from best to lowest (PermenPAN-RB 88/2021), the order the summary names them in.
URUTAN_PREDIKAT = ("AA", "A", "BB", "B", "CC", "C", "D")

KOLOM_NASIONAL = (
    Kolom("Kabupaten", "kabupaten", tautan="tautan"),
    Kolom("Kecamatan", "kecamatan", "angka"),
    Kolom("Angka IKU resmi", "angka_resmi", "angka"),
    Kolom("Angka IKU wajib", "angka_wajib", "angka"),
    Kolom("Resmi", "persen_resmi", "persen"),
    Kolom("Kewajiban terlambat (periode ini)", "kewajiban_terlambat", "angka"),
    Kolom("Tindak lanjut terlambat (periode ini)", "tl_terlambat", "angka"),
    Kolom("Langkah menunggu (hari ini)", "langkah_terbuka", "angka"),
    Kolom("Predikat AKIP", "predikat", "teks"),
)
# Monitoring SOP's summary adds the semester's monitoring.
KOLOM_SEMESTER = (Kolom("SOP berlaku", "sop", "angka"), Kolom("SOP dimonitor", "dimonitor", "angka"))


def kantor_per_kabupaten(session: Session, kabupaten_ids: list[int] | None = None) -> dict[int, list[int]]:
    """The offices of each kabupaten (every kabupaten when `kabupaten_ids` is None), by kabupaten."""
    q = select(Kecamatan.id, Kecamatan.kabupaten_id)
    if kabupaten_ids is not None:
        q = q.where(col(Kecamatan.kabupaten_id).in_(kabupaten_ids))
    hasil: dict[int, list[int]] = defaultdict(list)
    for kec_id, kab_id in session.exec(q):
        hasil[kab_id].append(kec_id)
    return dict(hasil)


def teks_predikat(hitung: Counter, dinilai: int, kantor: int) -> str:
    """ "BB 3 · B 2 (5 dari 33 kecamatan)"; "-" when no office's evaluation is final.

    >>> teks_predikat(Counter({"B": 2, "BB": 3}), 5, 33), teks_predikat(Counter(), 0, 4)
    ('BB 3 · B 2 (5 dari 33 kecamatan)', '-')
    """
    if not dinilai:
        return "-"
    bagian = " · ".join(f"{p} {hitung[p]}" for p in URUTAN_PREDIKAT if hitung.get(p))
    return f"{bagian} ({dinilai} dari {kantor} kecamatan)"


def triwulan_periode(triwulan: int, semester: int | None = None) -> tuple[int, ...]:
    """The quarters of the chosen period: the quarter; the whole year (0); or the semester.

    >>> triwulan_periode(3), triwulan_periode(0), triwulan_periode(4, semester=1)
    ((3,), (1, 2, 3, 4), (1, 2))
    """
    if semester:
        return (2 * semester - 1, 2 * semester)
    return (triwulan,) if triwulan else (1, 2, 3, 4)


def ringkasan_kabupaten(session: Session, *, tahun: int, triwulan: int, hari_ini: date,
                        kabupaten_ids: list[int] | None = None, tautan: str = "/",
                        periode: tuple[int, ...] | None = None, semester: int | None = None) -> Tabel:
    """One row per kabupaten (`tautan`: the page each kabupaten's name opens, filtered to it). The figures are of
    `triwulan`; the obligations and follow-ups of the period's quarters (`periode`, default the quarter); with
    `semester`, the table is the semester's and carries its SOP monitoring."""
    periode = periode or (triwulan,)
    kab_nama = dict(session.exec(select(Kabupaten.id, Kabupaten.nama)).all())
    kantor = kantor_per_kabupaten(session, kabupaten_ids)
    semua = [k for ids in kantor.values() for k in ids]
    kab_kantor = {k: kab for kab, ids in kantor.items() for k in ids}

    wajib = iku_banyak(session, semua)
    resmi: Counter[int] = Counter()
    for kec_id, ind_id in session.exec(
            select(Realisasi.kecamatan_id, Realisasi.indikator_id).where(col(Realisasi.kecamatan_id).in_(semua))
            .where(Realisasi.tahun == tahun).where(Realisasi.triwulan == triwulan)
            .where(Realisasi.status == StatusRealisasi.RESMI.value)):
        if ind_id in wajib.get(kec_id, ()):
            resmi[kab_kantor[kec_id]] += 1

    terlambat: Counter[int] = Counter()
    satu = periode[0] if len(periode) == 1 else None
    for kec_id, daftar in kewajiban_banyak(session, semua, hari_ini=hari_ini, tahun=tahun, triwulan=satu).items():
        terlambat[kab_kantor[kec_id]] += sum(k.status == KeadaanKewajiban.TERLAMBAT.value for k in daftar
                                             if k.triwulan is None or k.triwulan in periode)

    jumlah: dict[int, Counter] = defaultdict(Counter)
    tempo = (awal_triwulan(tahun, min(periode)), akhir_triwulan(tahun, max(periode)))
    for kec_id, n in jumlah_per_kantor(session, kecamatan_ids=semua, hari_ini=hari_ini, tempo=tempo).items():
        jumlah[kab_kantor[kec_id]].update(n)

    sop: dict[int, Counter] = defaultdict(Counter)
    if semester:
        for r in ringkasan_kantor(session, kecamatan_ids=semua, tahun=tahun, semester=semester):
            sop[kab_kantor[r.kecamatan_id]].update({"sop": r.sop, "dimonitor": r.dimonitor})

    predikat: dict[int, Counter] = defaultdict(Counter)
    for kec_id, p in session.exec(
            select(EvaluasiAkip.kecamatan_id, EvaluasiAkip.predikat).where(col(EvaluasiAkip.kecamatan_id).in_(semua))
            .where(EvaluasiAkip.tahun == tahun - 1).where(EvaluasiAkip.status == "final")
            .where(col(EvaluasiAkip.predikat).is_not(None))):
        predikat[kab_kantor[kec_id]][p] += 1

    baris = []
    for kab_id in sorted(kantor, key=lambda k: kab_nama.get(k, "")):
        n_wajib = sum(len(wajib.get(k, ())) for k in kantor[kab_id])
        nama = kab_nama[kab_id]
        baris.append({
            "kabupaten": nama, "tautan": f"{tautan}?" + urlencode({"kecamatan": AWALAN_KABUPATEN + nama, "tahun": tahun,
                                                 "triwulan": triwulan}),
            "kecamatan": len(kantor[kab_id]), "angka_resmi": resmi[kab_id], "angka_wajib": n_wajib,
            "persen_resmi": 100.0 * resmi[kab_id] / n_wajib if n_wajib else None,
            "kewajiban_terlambat": terlambat[kab_id], "langkah_terbuka": jumlah[kab_id]["langkah_terbuka"],
            "tl_terlambat": jumlah[kab_id]["tl_terlambat"],
            "predikat": teks_predikat(predikat[kab_id], sum(predikat[kab_id].values()), len(kantor[kab_id])),
            "sop": sop[kab_id]["sop"], "dimonitor": sop[kab_id]["dimonitor"],
        })
    kolom = KOLOM_NASIONAL + (KOLOM_SEMESTER if semester else ())
    data = pd.DataFrame(baris, columns=[k.kunci for k in kolom] + ["tautan"])
    judul = label_semester(tahun, semester) if semester else f"triwulan {ROMAWI[triwulan]} {tahun}"
    return Tabel(f"Ringkasan per kabupaten, {judul}", kolom, data)
