"""In Chromium: a long table is paged and searched by the database, and every row of the download can be reached on
screen, in the download's order (kabupaten.malang, the year's recommendations of four offices)."""
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
    tunggu_js(pg, "t => document.querySelector('#tl-keterangan').textContent === t", arg=teks, batas=20)


def test_a_long_table_pages_and_searches_in_the_database(halaman_riwayat, riwayat_url, riwayat_engine):
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
    _tunggu_keterangan(pg, f"Menampilkan 1–25 dari {n} rekomendasi.")

    # The pages hold the rest: together they are every row of the download, in its order.
    dilihat = _kolom(pg, 3)
    for nomor in range(2, -(-n // 25) + 1):
        pg.locator("#tl-halaman").get_by_text(str(nomor), exact=True).click()
        _tunggu_keterangan(pg, f"Menampilkan {(nomor - 1) * 25 + 1}–{min(n, nomor * 25)} dari {n} rekomendasi.")
        dilihat += _kolom(pg, 3)
    assert dilihat == [r["Rekomendasi"] for r in semua]

    # Searched: only the rows that hold the words, counted against the whole list.
    cocok = [r for r in semua if r["Kecamatan"] == "Poncokusumo"]
    assert 0 < len(cocok) < n
    pg.fill("#tl-cari", "poncokusumo")
    pg.keyboard.press("Enter")
    _tunggu_keterangan(pg, f"Menampilkan 1–{min(25, len(cocok))} dari {len(cocok)} rekomendasi (disaring dari {n}).")
    assert set(_kolom(pg, 1)) == {"Poncokusumo"}
    pg.fill("#tl-cari", "tidak ada yang begini")
    pg.keyboard.press("Enter")
    pg.get_by_text("Tidak ada rekomendasi yang cocok dengan pencarian.").wait_for()
    assert _kolom(pg, 1) == []
