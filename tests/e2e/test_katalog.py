"""Katalog SOP in Chromium: every seed procedure (and the demo's own two) with its steps, total and flowchart."""
from __future__ import annotations

import re

from models.sop.berkas import baca_dokumen_banyak
from models.sop.durasi import format_menit
from models.sop.nomor import nomor_langkah
from seed import dokumen_demo, dokumen_seed
from tests.e2e.conftest import tunggu_js


def _prosedur_seed():
    return [p for p in baca_dokumen_banyak([(d.name, d.read_text(encoding="utf-8")) for d in dokumen_seed() + dokumen_demo()])
            if not p.duplikat_dari]


def test_catalog_lists_all_17_and_searches(page, server_url):
    page.goto(server_url + "/sop")
    page.wait_for_selector(".kantor")
    assert page.locator("#katalog-jumlah").inner_text() == "17 SOP di 4 kecamatan"
    assert page.locator(".kantor").count() == 4
    assert page.locator(".kantor tbody tr").count() == 17
    page.fill("#katalog-cari", "renja")
    page.keyboard.press("Enter")
    tunggu_js(page, "document.querySelector('#katalog-jumlah').innerText === '1 SOP di 1 kecamatan'")
    page.get_by_role("link", name="Penyusunan Rencana Kerja (Renja)").click()
    page.wait_for_selector("#sop-judul")
    assert page.locator("#sop-judul").inner_text() == "Penyusunan Rencana Kerja (Renja)"
    assert page.locator("#sop-total").inner_text() == "3 hari 3 jam 20 menit"


def test_every_seed_sop_page_shows_its_steps_total_and_flowchart(page, server_url):
    prosedur = {(p.kecamatan, p.nama): p for p in _prosedur_seed()}
    page.goto(server_url + "/sop")
    page.wait_for_selector(".kantor")
    tautan = page.locator(".kantor tbody a")
    alamat = [(tautan.nth(i).inner_text(), tautan.nth(i).get_attribute("href")) for i in range(tautan.count())]
    assert len(alamat) == 17
    dilihat = set()
    for nama, href in alamat:
        page.goto(server_url + href)
        page.wait_for_selector("#sop-judul")
        kecamatan = re.match(r"Kecamatan (.+?), Kabupaten", page.locator("#sop-judul + p").inner_text()).group(1)
        p = prosedur[(kecamatan, nama)]
        dilihat.add((kecamatan, nama))
        baris = page.locator(".tabel-langkah tbody tr")
        assert baris.count() == len(p.langkah)
        for i, lk in enumerate(p.langkah):
            sel = baris.nth(i).locator("td")
            assert sel.nth(0).inner_text() == nomor_langkah(lk.no)  # "1." as printed reads 1
            assert sel.nth(1).inner_text().startswith(lk.kegiatan)
            assert sel.nth(2).inner_text() not in ("", "belum ditetapkan")
        assert page.locator("#sop-total").inner_text() == format_menit(p.total_menit)
        page.get_by_role("tab", name="Diagram alir").click()
        bingkai = page.frame_locator("#sop-diagram")
        simbol = bingkai.locator("g.simbol")
        simbol.first.wait_for()
        assert bingkai.locator("g.simbol.terminator").count() == 2
        assert bingkai.locator("g.simbol.proses, g.simbol.keputusan").count() >= len(p.langkah)
        assert bingkai.locator("g.simbol.keputusan").count() >= sum(lk.keputusan for lk in p.langkah)
    assert dilihat == set(prosedur)


def test_karangploso_prints_its_total_as_the_document(page, server_url):
    page.goto(server_url + "/sop?kecamatan=Karangploso")
    page.wait_for_selector(".kantor")
    assert page.locator("#katalog-jumlah").inner_text() == "1 SOP di 1 kecamatan"
    page.get_by_role("link", name="Pelaporan Kinerja").click()
    page.wait_for_selector("#sop-total")
    assert page.locator("#sop-total").inner_text() == "2 hari 3 jam 15 menit"
    page.get_by_role("tab", name="Identitas SOP").click()
    assert "070/ /421.632/2014" in page.inner_text("body")
    assert "20 Desember 2014" in page.inner_text("body")


def test_catalogue_lists_every_office_with_its_sops(page, server_url):
    page.goto(server_url + "/sop")
    page.wait_for_selector(".kantor")
    assert page.locator("#katalog-jumlah").inner_text() == "17 SOP di 4 kecamatan"
    kantor = page.locator(".kantor").evaluate_all("es => es.map(e => e.dataset.kecamatan)")
    assert sorted(kantor) == ["Kalipare", "Karangploso", "Muara Papalik", "Poncokusumo"]
