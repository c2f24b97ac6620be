"""Katalog SOP in Chromium over more offices than a page holds: a page of whole offices, a pager to the next, the
note saying which offices show; a new search starts again at the first page."""
from __future__ import annotations

import re

import models.sop.register as register
from models.db import session_scope
from models.sop.register import daftar_sop, kantor_katalog
from models.umum.tembolok import naikkan_saat_mulai
from tests.e2e.conftest import tunggu_js

KARTU = "() => [...document.querySelectorAll('.kantor')].map(e => e.dataset.kecamatan)"


def test_the_catalogue_is_read_a_page_of_offices_at_a_time(page, server_url, e2e_engine, monkeypatch):
    with session_scope(e2e_engine) as s:
        kantor = [kec for _, kec in kantor_katalog(s)]
        per_kantor = {kec: len(daftar_sop(s, nama_kecamatan=kec)) for kec in kantor}
    # A page holds the two largest offices' rows; the server runs in this process.
    monkeypatch.setattr(register, "BARIS_HALAMAN_KATALOG", sum(sorted(per_kantor.values())[-2:]))
    naikkan_saat_mulai(e2e_engine)  # the catalogue other tests kept in the views' cache was paged otherwise
    page.goto(server_url + "/sop")
    page.wait_for_selector(".kantor")
    pertama = page.evaluate(KARTU)
    assert 1 <= len(pertama) < len(kantor) and pertama == kantor[:len(pertama)]
    pager = page.locator("#katalog-halaman")
    assert pager.is_visible()
    assert page.locator("#katalog-jumlah").inner_text().startswith(
        f"17 SOP di {len(kantor)} kecamatan; menampilkan kecamatan 1–{len(pertama)} (halaman 1 dari ")
    dilihat = list(pertama)
    halaman = 1
    while len(dilihat) < len(kantor):
        halaman += 1
        pager.locator("a.page-link").filter(has_text=re.compile(rf"^{halaman}$")).click()
        tunggu_js(page, f"document.querySelector('#katalog-jumlah').innerText.includes('(halaman {halaman} dari')")
        dilihat += page.evaluate(KARTU)
    assert dilihat == kantor  # every office once, in the catalogue's order
    # a new search starts at the first page
    page.fill("#katalog-cari", "kecamatan")
    page.keyboard.press("Enter")
    tunggu_js(page, "document.querySelector('#katalog-halaman li.active') && "
                    "document.querySelector('#katalog-halaman li.active').innerText.trim().startsWith('1')")
