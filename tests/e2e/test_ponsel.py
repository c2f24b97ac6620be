"""In Chromium on a phone's screen (390 × 844): the menu folds behind the toggler so the page's title is on the first
screen, the toggler opens it and a link of it moves to its page; no page scrolls sideways (a wide table scrolls in
its own box); what is tapped is at least 32 px high. At 1280 px the menu is open as before."""
from __future__ import annotations

import pytest
from sqlmodel import select

from dashboard import ids
from models.dasbor.kueri import antrian_terbuka
from models.db import session_scope
from models.tables import Kecamatan
from tests.e2e.conftest import masuk_sebagai, tunggu_js

HALAMAN = {"/": "Beranda", "/persetujuan": "Persetujuan", "/realisasi": "Isi Realisasi IKU", "/capaian": "Capaian IKU",
           "/perbandingan": "Perbandingan Kecamatan"}
PENGGUNA = ("camat.poncokusumo", "evapor.poncokusumo", "kabupaten.malang")


@pytest.fixture
def ponsel(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID", has_touch=True, is_mobile=True)
    pg = ctx.new_page()
    masalah: list[str] = []
    pg.on("pageerror", lambda e: masalah.append(f"pageerror: {e}"))
    pg.on("console", lambda m: m.type == "error" and masalah.append(f"console: {m.text}"))
    yield pg
    ctx.close()
    assert masalah == []


def _masuk(pg, url: str, username: str) -> None:
    """Log in through the form; on a phone the person's name is in the folded menu, present but not shown."""
    pg.goto(url + "/login")
    pg.fill("input[name=username]", username)
    pg.fill("input[name=password]", "demo12345")
    pg.click("button[type=submit]")
    pg.wait_for_selector("#pengguna-aktif", state="attached")


def _tinggi(pg, pilih: str) -> list[tuple[str, float]]:
    """The height of every visible element `pilih` finds, with its text."""
    return pg.evaluate("""s => [...document.querySelectorAll(s)].filter(e => e.offsetParent !== null)
        .map(e => [e.textContent.trim() || e.getAttribute('aria-label'), e.getBoundingClientRect().height])""", pilih)


def _tunggu_halaman(pg, judul: str) -> None:
    pg.wait_for_selector(f"h1:text-is('{judul}'), h2:text-is('{judul}')", timeout=20000)
    pg.wait_for_load_state("networkidle")


@pytest.mark.parametrize("username", PENGGUNA)
def test_on_a_phone_the_menu_folds_and_no_page_scrolls_sideways(ponsel, riwayat_url, username):
    pg = ponsel
    _masuk(pg, riwayat_url, username)
    for alamat, judul in HALAMAN.items():
        if alamat == "/realisasi" and username == "kabupaten.malang":
            continue  # an office's page: the kabupaten's menu has no Realisasi
        pg.goto(riwayat_url + alamat)
        _tunggu_halaman(pg, judul)
        # The title is on the first screen, the menu and the person's name folded away.
        atas = pg.evaluate("t => [...document.querySelectorAll('h1, h2')].find(h => h.textContent.trim() === t)"
                           ".getBoundingClientRect().bottom", judul)
        assert atas < 200, (alamat, atas)
        assert not pg.locator(f"#{ids.MENU_LIPAT} .nav-link").first.is_visible()
        assert not pg.locator("#pengguna-aktif").is_visible()
        assert not pg.locator("#tombol-keluar").is_visible()
        # Nothing pushes the page sideways.
        lebar = pg.evaluate("document.documentElement.scrollWidth")
        assert lebar <= 390, (username, alamat, lebar)


@pytest.mark.parametrize("username, peran", [("camat.poncokusumo", "camat"), ("kabupaten.malang", "kabupaten")])
def test_no_menu_page_scrolls_sideways_on_a_phone(ponsel, riwayat_url, username, peran):
    """Every page of the menu, not only the ones above: a wide table or a chart stays within the screen."""
    from dashboard.components.navbar import menu_untuk

    pg = ponsel
    _masuk(pg, riwayat_url, username)
    lebar = {}
    for nama, alamat in menu_untuk(peran):
        pg.goto(riwayat_url + alamat)
        pg.wait_for_selector("h1, h2", timeout=20000)
        pg.wait_for_load_state("networkidle")
        lebar[nama] = pg.evaluate("document.documentElement.scrollWidth")
    assert {nama: w for nama, w in lebar.items() if w > 390} == {}, username


def test_the_toggler_opens_the_menu_and_a_link_moves_to_its_page(ponsel, riwayat_url, riwayat_engine):
    with session_scope(riwayat_engine) as s:
        antre = {k.nama: len(antrian_terbuka(s, kecamatan_ids=[k.id])) for k in s.exec(select(Kecamatan))}
    kantor = max(antre, key=lambda n: antre[n])
    assert antre[kantor] > 0
    pg = ponsel
    _masuk(pg, riwayat_url, f"camat.{kantor.lower().replace(' ', '')}")  # the camat may act on any waiting step
    pg.goto(riwayat_url + "/")
    _tunggu_halaman(pg, "Beranda")
    toggler = pg.locator(f"#{ids.MENU_TOGGLER}")
    assert toggler.is_visible()
    assert toggler.get_attribute("aria-label") == "Menu"
    assert toggler.bounding_box()["height"] >= 32
    toggler.click()
    tautan = pg.locator(f"#{ids.MENU_LIPAT} .nav-link", has_text="Persetujuan")
    tautan.wait_for(state="visible")
    assert toggler.get_attribute("aria-expanded") == "true"
    # The person, Ganti sandi and Keluar are in the folded part too.
    for pilih in ("#pengguna-aktif", "#tautan-sandi", "#tombol-keluar"):
        assert pg.locator(f"#{ids.MENU_LIPAT} {pilih}").is_visible(), pilih
    for teks, tinggi in _tinggi(pg, f"#{ids.MENU_LIPAT} .nav-link, #tautan-sandi, #tombol-keluar, #{ids.MENU_TOGGLER}"):
        assert tinggi >= 32, (teks, tinggi)
    tautan.click()
    pg.wait_for_url("**/persetujuan")
    _tunggu_halaman(pg, "Persetujuan")
    # Moving to a page folds the menu again; the approve and return buttons are within a thumb's reach.
    tunggu_js(pg, "s => { const e = document.querySelector(s); return e && !e.classList.contains('show'); }",
              f"#{ids.MENU_LIPAT}")
    pg.wait_for_timeout(500)  # the collapse's transition
    assert not tautan.is_visible()
    pg.locator(".daftar-tugas label").first.click()
    pg.wait_for_selector("#tugas-rinci h5")
    for pilih in (f"#{ids.TUGAS_SETUJU}", f"#{ids.TUGAS_KEMBALI}"):
        kotak = pg.locator(pilih).bounding_box()
        assert kotak["height"] >= 32, (pilih, kotak)
        assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 390, (pilih, kotak)


def test_at_1280_the_menu_is_open_without_a_toggler(page, server_url):
    masuk_sebagai(page, server_url, "camat.poncokusumo")
    page.goto(server_url + "/")
    _tunggu_halaman(page, "Beranda")
    assert not page.locator(f"#{ids.MENU_TOGGLER}").is_visible()
    assert page.locator(".navbar .nav-link", has_text="Persetujuan").is_visible()
    assert page.locator("#pengguna-aktif").is_visible() and page.locator("#tombol-keluar").is_visible()
    # As before: the menu starts in the bar's first row; the person, Ganti sandi and Keluar side by side at its right.
    menu = page.locator(".navbar .nav-link", has_text="Beranda").bounding_box()
    assert menu["y"] < 30
    tengah = [(k["y"] + k["height"] / 2, k["x"]) for k in (page.locator(p).bounding_box()
                                                          for p in ("#pengguna-aktif", "#tautan-sandi", "#tombol-keluar"))]
    assert max(y for y, _ in tengah) - min(y for y, _ in tengah) < 5
    assert [x for _, x in tengah] == sorted(x for _, x in tengah)
    assert page.locator("#tombol-keluar").bounding_box()["x"] > 1280 - 100


def test_isi_realisasi_opens_an_indicator_with_the_thumb(ponsel, riwayat_url):
    """The row's Isi/Ubah/Lihat button is on the screen beside the indicator, without scrolling the table."""
    pg = ponsel
    _masuk(pg, riwayat_url, "camat.poncokusumo")
    pg.goto(riwayat_url + "/realisasi")
    _tunggu_halaman(pg, "Isi Realisasi IKU")
    tombol = pg.locator(".tabel-realisasi tbody tr").first.locator("td:last-child a.btn")
    kotak = tombol.bounding_box()
    assert kotak["height"] >= 32 and kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 390, kotak
    alamat = tombol.get_attribute("href")
    tombol.click()
    pg.wait_for_url("**" + alamat)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390
