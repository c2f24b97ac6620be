"""The admin's Rekap Evaluasi AKIP asks for a kabupaten first, as the admin's other views across kabupaten do, and
draws that kabupaten's offices once one is chosen."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import Kabupaten
from tests.e2e.conftest import tunggu_js


def test_the_admin_chooses_a_kabupaten_before_its_offices_are_drawn(page, server_url, e2e_engine):
    page.goto(server_url + "/evaluasi-akip/rekap")
    page.wait_for_selector("#rekap-akip-isi .alert")
    assert page.locator("#rekap-akip-isi").inner_text().strip() == "Pilih kabupatennya."
    assert page.locator("#rekap-akip-isi table").count() == 0
    assert "Pilih kabupaten…" in page.locator("#rekap-akip-kabupaten").inner_text()
    with session_scope(e2e_engine) as s:
        malang = s.exec(select(Kabupaten.id).where(Kabupaten.nama == "Malang")).one()
    page.goto(server_url + f"/evaluasi-akip/rekap?kabupaten={malang}")
    tunggu_js(page, "!!document.querySelector('#rekap-akip-isi table')")
    assert page.locator("#rekap-akip-isi h4").inner_text().startswith("Kabupaten Malang · Evaluasi AKIP")
