"""The Evaluasi AKIP recap as a table to download (CSV, Excel): the same rows, in the same order, as the recap page
(models.tindak_lanjut.rekap_akip); scores rounded as printed, empty (not 0) where an evaluation is not final."""
from __future__ import annotations

import pandas as pd

from models.dasbor.laporan import Kolom, Tabel
from models.tindak_lanjut.lke import bulat
from models.tindak_lanjut.rekap_akip import RekapAkip


def tabel_rekap_akip(r: RekapAkip, kabupaten: str) -> Tabel:
    """Rank, office, state, total, predicate, the components and sub-components, last year's total and predicate
    and the change."""
    def skor(v):
        return float(bulat(v)) if v is not None else None

    baris = []
    for b in r.baris:
        isi = {"peringkat": b.peringkat, "kecamatan": b.kecamatan, "keadaan": b.keadaan.label, "nilai": skor(b.total),
               "predikat": b.predikat, "nilai_lalu": skor(b.total_lalu), "predikat_lalu": b.predikat_lalu,
               "selisih": float(b.selisih) if b.selisih is not None else None}
        isi |= {f"k{k.kode}": skor(b.komponen.get(k.kode)) for k in r.komponen}
        isi |= {f"s{k.kode}": skor(b.sub.get(k.kode)) for k in r.sub}
        baris.append(isi)
    kolom = (Kolom("Peringkat", "peringkat", "angka"), Kolom("Kecamatan", "kecamatan"), Kolom("Keadaan", "keadaan"),
             Kolom("Nilai", "nilai", "angka"), Kolom("Predikat", "predikat"),
             *(Kolom(f"{k.kode}. {k.nama}", f"k{k.kode}", "angka") for k in r.komponen),
             *(Kolom(f"{k.kode} {k.nama}", f"s{k.kode}", "angka") for k in r.sub),
             Kolom(f"Nilai {r.tahun - 1}", "nilai_lalu", "angka"), Kolom(f"Predikat {r.tahun - 1}", "predikat_lalu"),
             Kolom("Perubahan nilai", "selisih", "angka"))
    data = pd.DataFrame(baris, columns=[k.kunci for k in kolom]).astype(object)
    data = data.where(pd.notna(data), None)
    return Tabel(f"Rekap Evaluasi AKIP {r.tahun} Kabupaten {kabupaten}", kolom, data)
