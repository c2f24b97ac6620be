"""`capaian hitung`: the capaian engine over a CSV, so anyone can check it against a published table."""
from __future__ import annotations

import csv
import io
from typing import cast

from models.kinerja.mesin import (
    AGREGASI,
    POLARITAS,
    RUMUS_NEGATIF,
    Agregasi,
    Indikator,
    Polaritas,
    Realisasi,
    RumusNegatif,
    capaian_tahun,
    capaian_triwulan,
)
from models.kinerja.mesin import predikat as predikat_dari
from models.umum.angka import baca_angka, bulatkan
from models.umum.penolakan import Ditolak
from models.umum.tulis_csv import tulis_csv

KOLOM_MASUK = ["indikator", "polaritas", "rumus_negatif", "agregasi", "target",
               "realisasi_t1", "realisasi_t2", "realisasi_t3", "realisasi_t4"]
KOLOM_TARGET_TRIWULAN = ["target_t1", "target_t2", "target_t3", "target_t4"]  # optional, after KOLOM_MASUK
KOLOM_KELUAR = ["indikator", "capaian_t1", "capaian_t2", "capaian_t3", "capaian_t4", "capaian_tahun",
                "predikat_tahun"]




def _pilihan(nilai: str, boleh: tuple[str, ...], kolom: str, baris: int, baku: str) -> str:
    v = (nilai or "").strip().lower() or baku
    if v.upper() in ("2T-R", "T/R"):
        v = v.upper()
    if v not in boleh:
        raise Ditolak(f"baris {baris}: {kolom} \"{nilai}\" tidak dikenal (pilihan: {', '.join(boleh)})")
    return v


def _persen(x: float | None) -> str:
    return "" if x is None else f"{bulatkan(x):.2f}"


def hitung_csv(teks: str) -> str:
    """Read rows with KOLOM_MASUK (and, optionally, the quarters' targets KOLOM_TARGET_TRIWULAN: quarter N is then
    measured against its own target, an empty cell meaning none, i.e. the year's), return CSV with KOLOM_KELUAR
    (percent with two decimals, empty when n/a)."""
    pembaca = csv.DictReader(io.StringIO(teks.lstrip("\ufeff")))
    kolom = [k.strip() for k in (pembaca.fieldnames or [])]
    hilang = [k for k in KOLOM_MASUK if k not in kolom]
    if hilang:
        raise Ditolak(f"kolom tidak ada: {', '.join(hilang)} (baris judul harus: {','.join(KOLOM_MASUK)})")
    keluar: list[list[str]] = [list(KOLOM_KELUAR)]
    for n, baris in enumerate(pembaca, start=2):
        baris = {(k or "").strip(): (v or "") for k, v in baris.items()}
        ind = Indikator(
            polaritas=cast(Polaritas, _pilihan(baris["polaritas"], POLARITAS, "polaritas", n, "positif")),
            rumus_negatif=cast(RumusNegatif, _pilihan(baris["rumus_negatif"], RUMUS_NEGATIF, "rumus_negatif", n,
                                                      "2T-R")),
            agregasi=cast(Agregasi, _pilihan(baris["agregasi"], AGREGASI, "agregasi", n, "kumulatif")),
        )
        try:
            target = baca_angka(baris["target"])
            nilai = [baca_angka(baris[f"realisasi_t{i}"]) for i in range(1, 5)]
            target_tw = [baca_angka(baris.get(k, "")) for k in KOLOM_TARGET_TRIWULAN]
        except Ditolak as e:
            raise Ditolak(f"baris {n}: {e}") from None
        realisasi = [Realisasi(v) if v is not None else None for v in nilai]
        tw = [capaian_triwulan(ind, target, realisasi, i, target_tw).persen for i in range(1, 5)]
        tahun = capaian_tahun(ind, target, realisasi).persen
        p = predikat_dari(tahun)
        keluar.append([baris["indikator"], *map(_persen, tw), _persen(tahun), p.nama if p else ""])
    return tulis_csv(keluar, pemisah=",", akhir_baris="\n")
