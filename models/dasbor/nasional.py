"""The view across kabupaten (the admin's province and national view): one row per kabupaten, never one per office.

Each column is counted by the function its kabupaten's own view uses, summed over the kabupaten's offices: the
quarter's figures made official (of the IKU each office reports on, models.kinerja.iku.iku_banyak), the SAKIP
calendar's obligations past due (models.perencanaan.kalender_sakip.kewajiban_banyak), the steps waiting and the
follow-ups overdue (models.dasbor.kueri.jumlah_per_kantor), and last year's Evaluasi AKIP predicates as made final.
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
from models.tables import EvaluasiAkip, Kabupaten, Kecamatan, Realisasi
from models.umum.periode import ROMAWI
from models.umum.status import KeadaanKewajiban, StatusRealisasi

# The predicates from best to lowest (PermenPAN-RB 88/2021), the order the summary names them in.
URUTAN_PREDIKAT = ("AA", "A", "BB", "B", "CC", "C", "D")

KOLOM_NASIONAL = (
    Kolom("Kabupaten", "kabupaten", tautan="tautan"),
    Kolom("Kecamatan", "kecamatan", "angka"),
    Kolom("Angka IKU resmi", "angka_resmi", "angka"),
    Kolom("Angka IKU wajib", "angka_wajib", "angka"),
    Kolom("Resmi", "persen_resmi", "persen"),
    Kolom("Kewajiban terlambat (hari ini)", "kewajiban_terlambat", "angka"),
    Kolom("Langkah menunggu (hari ini)", "langkah_terbuka", "angka"),
    Kolom("Tindak lanjut terlambat (hari ini)", "tl_terlambat", "angka"),
    Kolom("Predikat AKIP", "predikat", "teks"),
)


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


def ringkasan_kabupaten(session: Session, *, tahun: int, triwulan: int, hari_ini: date,
                        kabupaten_ids: list[int] | None = None, tautan: str = "/") -> Tabel:
    """One row per kabupaten for the quarter (`tautan`: the page each kabupaten's name opens, filtered to it)."""
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
    for kec_id, daftar in kewajiban_banyak(session, semua, hari_ini=hari_ini).items():
        terlambat[kab_kantor[kec_id]] += sum(k.status == KeadaanKewajiban.TERLAMBAT.value for k in daftar)

    jumlah: dict[int, Counter] = defaultdict(Counter)
    for kec_id, n in jumlah_per_kantor(session, kecamatan_ids=semua, hari_ini=hari_ini).items():
        jumlah[kab_kantor[kec_id]].update(n)

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
        })
    data = pd.DataFrame(baris, columns=[k.kunci for k in KOLOM_NASIONAL] + ["tautan"])
    return Tabel(f"Ringkasan per kabupaten, triwulan {ROMAWI[triwulan]} {tahun}", KOLOM_NASIONAL, data)
