"""In Chromium: the pager of a long table speaks Indonesian to a screen reader too (its hidden labels and the
accessibility tree), on the first page and after moving to another."""
from __future__ import annotations

import re

from sqlmodel import func, select

from models.db import session_scope
from models.tables import Evaluasi
from tests.e2e.conftest import masuk_sebagai, tunggu_js

PAGER = "#tl-halaman"  # the pager of Tindak Lanjut's list, which the database pages
INGGRIS = re.compile(r"\b(First|Previous|Next|Last|More)\b|\(current\)")


def _periksa(pg) -> str:
    teks = pg.locator(PAGER).text_content()
    pohon = pg.locator(PAGER).aria_snapshot()
    assert not INGGRIS.search(teks), teks
    assert not INGGRIS.search(pohon), pohon
    for label in ("Pertama", "Sebelumnya", "Berikutnya", "Terakhir", "(halaman ini)"):
        assert label in teks and label in pohon, (label, teks, pohon)
    return pg.locator(f"{PAGER} .page-item.active").text_content()


def test_the_pager_speaks_indonesian(halaman_riwayat, riwayat_url, riwayat_engine):
    with session_scope(riwayat_engine) as s:
        tahun = s.exec(select(func.min(Evaluasi.tahun))).one()
    pg = halaman_riwayat
    masuk_sebagai(pg, riwayat_url, "kabupaten.malang")
    pg.goto(f"{riwayat_url}/tindak-lanjut?tahun={tahun}&triwulan=0")
    pg.wait_for_selector(f"{PAGER} .page-item.active", timeout=20000)
    assert _periksa(pg) == "1(halaman ini)"
    pg.locator(PAGER).get_by_text("2", exact=True).click()
    tunggu_js(pg, "s => document.querySelector(s + ' .page-item.active').textContent.startsWith('2')", PAGER)
    assert _periksa(pg) == "2(halaman ini)"
    # Back to the first page with the labelled arrow.
    pg.locator(PAGER).get_by_role("button", name="Pertama").click()
    tunggu_js(pg, "s => document.querySelector(s + ' .page-item.active').textContent.startsWith('1')", PAGER)
    assert _periksa(pg) == "1(halaman ini)"
