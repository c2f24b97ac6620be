"""In Chromium: Muara Papalik's Camat publishes a signed PK from the Perjanjian Kinerja page, and anyone, without
logging in, reads it on /publik/tanjung-jabung-barat and opens its scan; the kabupaten's user reads the Rekap
Evaluasi AKIP and releases a predicate, which then appears on /publik/malang (in a year no other test uses)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from models.db import session_scope
from tests.e2e.conftest import _halaman, _server, masuk_sebagai
from tests.fabrik import PDF_TTD, perjanjian
from tests.fabrik_akip import evaluasi_akip, semua
from tests.integration.test_rekap_akip import jawaban_poncokusumo

TAHUN_AKIP = 2019


@pytest.fixture(scope="module")
def publik_url(e2e_engine, tmp_path_factory):
    """The demo server with a signed PK of Muara Papalik 2025 (its scan in this server's upload folder) and the
    Evaluasi AKIP 2019 of three Malang offices: Poncokusumo final (58,17 CC, the hand-worked answers of
    tests/integration/test_rekap_akip.py), Kalipare final (100,00 AA), Karangploso in reviu."""
    folder = tmp_path_factory.mktemp("unggahan-publik")
    with session_scope(e2e_engine) as s:
        pk = perjanjian(s, kecamatan="Muara Papalik", tahun=2025, pada=datetime(2025, 1, 20, 2, tzinfo=timezone.utc),
                        folder=folder)
        pk_id = pk.id
        evaluasi_akip(s, kecamatan="Poncokusumo", tahun=TAHUN_AKIP, jawaban=jawaban_poncokusumo)
        evaluasi_akip(s, kecamatan="Kalipare", tahun=TAHUN_AKIP, jawaban=semua("Y", "A"))
        evaluasi_akip(s, kecamatan="Karangploso", tahun=TAHUN_AKIP, status="reviu")
    for url in _server(e2e_engine, folder):
        yield url, pk_id


@pytest.fixture
def pg(browser, publik_url):
    yield from _halaman(browser, publik_url[0])


def test_the_camat_publishes_a_pk_and_the_public_reads_it_without_login(pg, browser, publik_url):
    url, pk_id = publik_url
    masuk_sebagai(pg, url, "camat.muarapapalik")
    pg.goto(url + "/perjanjian-kinerja?tahun=2025")
    baris = pg.locator(f"[data-pk='{pk_id}']")
    baris.locator("button", has_text="Publikasikan").click()
    baris.locator(".text-success", has_text="Perjanjian Kinerja Camat 2025 dipublikasikan di "
                                            "/publik/tanjung-jabung-barat.").wait_for()
    baris.locator("button", has_text="Tarik publikasi").wait_for()

    tamu = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    try:
        p = tamu.new_page()
        p.goto(url + "/publik/tanjung-jabung-barat")
        assert "/login" not in p.url
        tautan = p.locator(f"a[href='/publik/tanjung-jabung-barat/dokumen/pk/{pk_id}']")
        assert tautan.inner_text() == "Perjanjian Kinerja Camat 2025"
        assert "Kecamatan Muara Papalik" in p.inner_text("#publik-kantor")
        r = p.request.get(url + f"/publik/tanjung-jabung-barat/dokumen/pk/{pk_id}")
        assert r.status == 200 and r.body() == PDF_TTD
        assert p.request.get(url + f"/publik/malang/dokumen/pk/{pk_id}").status == 404  # not Malang's
        p.goto(url + "/publik/bogor")
        assert "Kabupaten yang Anda cari tidak dikenal." in p.inner_text("main")
    finally:
        tamu.close()


def test_the_kabupaten_reads_the_recap_and_releases_a_predicate(pg, browser, publik_url):
    url, _ = publik_url
    masuk_sebagai(pg, url, "kabupaten.malang")
    pg.goto(url + f"/evaluasi-akip/rekap?tahun={TAHUN_AKIP}")
    ponco = pg.locator("#tabel-rekap-akip tr[data-kantor=Poncokusumo]")
    ponco.wait_for()
    teks = ponco.inner_text()
    assert "58,17" in teks and "CC" in teks and "24,00" in teks and "20,50" in teks and "5,42" in teks
    assert pg.locator("#tabel-rekap-akip tr[data-kantor=Kalipare] td").first.inner_text() == "1"
    karang = pg.locator("#tabel-rekap-akip tr[data-kantor=Karangploso]")
    assert karang.get_attribute("data-keadaan") == "reviu" and "Evaluasi belum final" in karang.inner_text()
    pg.locator("#grafik-rekap-akip .main-svg").first.wait_for()
    ponco.locator("button", has_text="Rilis predikat").click()
    ponco.locator(".text-success", has_text="Predikat CC dirilis ke halaman publik.").wait_for()

    tamu = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    try:
        p = tamu.new_page()
        p.goto(url + "/publik/malang")
        nilai = p.locator("#publik-nilai tr[data-kantor=Poncokusumo]")
        assert "58,17" in nilai.inner_text() and "CC" in nilai.inner_text()
        assert p.locator("#publik-nilai tr[data-kantor=Kalipare]").count() == 0  # final, not released
    finally:
        tamu.close()
