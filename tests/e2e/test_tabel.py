"""In Chromium: a long table is paged, sorted by a click on a column's name and searched, and every row of the
download can be reached on screen (kabupaten.malang, the year's recommendations of four offices)."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlmodel import func, select

from models.db import session_scope
from models.tables import Evaluasi
from tests.e2e.conftest import masuk_sebagai, tunggu_js

TABEL = "#tabel-tl-daftar"


def _kolom(pg, nomor: int) -> list[str]:
    return pg.locator(f"{TABEL} tbody tr td:nth-child({nomor})").all_inner_texts()


def _tunggu_keterangan(pg, teks: str) -> None:
    tunggu_js(pg, "t => [...document.querySelectorAll(\"[id*='tabel-keterangan'][id*='tabel-tl-daftar']\")]"
                  ".some(e => e.textContent === t)", arg=teks)


def test_a_long_table_pages_sorts_and_searches(halaman_riwayat, riwayat_url, riwayat_engine):
    with session_scope(riwayat_engine) as s:
        tahun = s.exec(select(func.min(Evaluasi.tahun))).one()
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, "kabupaten.malang")
    q = f"tahun={tahun}&triwulan=0"
    pg.goto(f"{riwayat_url}/tindak-lanjut?{q}")
    pg.wait_for_selector(f"{TABEL} tbody tr", timeout=20000)
    unduhan = pg.request.get(f"{riwayat_url}/unduh/tl-daftar.xlsx?{q}")
    ws = load_workbook(io.BytesIO(unduhan.body())).active
    kepala = [c.value for c in ws[1]]
    semua = [dict(zip(kepala, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    n = len(semua)
    assert n > 25  # the year's recommendations need a second page

    # The first page: 25 rows, and how many there are in all.
    assert len(_kolom(pg, 3)) == 25
    _tunggu_keterangan(pg, f"Menampilkan 1–25 dari {n} baris.")

    # The last page holds the rest: together they are every row of the download.
    pertama = _kolom(pg, 3)
    pg.locator("[id*='tabel-halaman'][id*='tabel-tl-daftar']").get_by_text("2", exact=True).click()
    _tunggu_keterangan(pg, f"Menampilkan 26–{min(n, 50)} dari {n} baris.")
    kedua = _kolom(pg, 3)
    if n <= 50:
        assert sorted(pertama + kedua) == sorted(r["Rekomendasi"] for r in semua)

    # Sorted by age: a click ascending, a second descending, numbers compared as numbers.
    umur = kepala.index("Umur (hari)") + 1
    pg.get_by_role("button", name="Umur (hari)").click()
    _tunggu_keterangan(pg, f"Menampilkan 1–25 dari {n} baris.")
    naik = sorted(int(r["Umur (hari)"]) for r in semua)
    assert [int(v) for v in _kolom(pg, umur)] == naik[:25]
    assert pg.get_by_role("button", name="Umur (hari) ▲").count() == 1
    pg.get_by_role("button", name="Umur (hari) ▲").click()
    pg.wait_for_selector("button:has-text('Umur (hari) ▼')")
    assert [int(v) for v in _kolom(pg, umur)] == sorted(naik, reverse=True)[:25]

    # Searched: only the rows that hold the words, counted against the whole table.
    cocok = [r for r in semua if r["Kecamatan"] == "Poncokusumo"]
    assert 0 < len(cocok) < n
    pg.fill("[id*='tabel-cari'][id*='tabel-tl-daftar']", "poncokusumo")
    pg.keyboard.press("Enter")
    _tunggu_keterangan(pg, f"Menampilkan 1–{min(25, len(cocok))} dari {len(cocok)} baris (disaring dari {n}).")
    assert set(_kolom(pg, 1)) == {"Poncokusumo"}
    pg.fill("[id*='tabel-cari'][id*='tabel-tl-daftar']", "tidak ada yang begini")
    pg.keyboard.press("Enter")
    _tunggu_keterangan(pg, "Tidak ada baris yang cocok dengan pencarian.")
    assert _kolom(pg, 1) == []
