"""Logging in as office, kabupaten and admin users in Chromium: each sees its own offices."""
from __future__ import annotations

from sqlalchemy import update

from models.db import session_scope
from models.tables import PercobaanMasuk
from tests.e2e.conftest import keluar, masuk_sebagai


def test_wrong_password_shows_the_message(page, server_url):
    keluar(page, server_url)
    page.goto(server_url + "/sop")
    assert "/login" in page.url
    page.fill("input[name=username]", "camat.poncokusumo")
    page.fill("input[name=password]", "bukan-sandinya")
    page.click("button[type=submit]")
    assert page.locator(".alert-danger").inner_text() == "Nama pengguna atau kata sandi salah."
    page.masalah.clear()  # the 401 answer of the refused login is logged by the browser as a console error


def test_office_user_sees_only_its_office(page, server_url):
    masuk_sebagai(page, server_url, "camat.poncokusumo")
    assert "Camat Poncokusumo" in page.locator("#pengguna-aktif").inner_text()
    page.goto(server_url + "/sop")
    page.wait_for_selector(".kantor")
    assert page.locator("#katalog-jumlah").inner_text() == "10 SOP di 1 kecamatan"
    assert page.locator(".kantor").get_attribute("data-kecamatan") == "Poncokusumo"
    assert page.locator("#koreksi-pelaksana-kartu").count() == 0


def test_kabupaten_user_sees_its_kecamatan(page, server_url):
    masuk_sebagai(page, server_url, "kabupaten.tanjungjabungbarat")
    page.goto(server_url + "/sop")
    page.wait_for_selector(".kantor")
    assert page.locator("#katalog-jumlah").inner_text() == "3 SOP di 1 kecamatan"


def test_admin_corrects_a_pelaksana_in_the_page(page, server_url):
    page.goto(server_url + "/sop?kecamatan=Poncokusumo")
    page.wait_for_selector(".kantor")
    page.get_by_role("link", name="Pengukuran Kinerja").click()
    page.wait_for_selector("#koreksi-pelaksana-kartu")
    baris6 = page.locator(".tabel-langkah tbody tr").nth(5).locator("td").nth(2)
    assert baris6.inner_text() == "Sub. Evapor"
    page.click("#koreksi-langkah")
    page.get_by_text("6. Pendokumentasian dan penyimpanan hasil", exact=False).click()
    page.locator("#koreksi-pelaksana").get_by_text("Sub. Evapor").wait_for()  # the current pelaksana, prefilled
    page.click("#koreksi-pelaksana")
    page.get_by_role("option", name="Sekretaris").click()
    page.click("#koreksi-simpan")
    page.wait_for_selector("#koreksi-pesan .alert-success")
    assert "Pelaksana langkah 6 disimpan" in page.locator("#koreksi-pesan").inner_text()
    assert page.locator(".tabel-langkah tbody tr").nth(5).locator("td").nth(2).inner_text() == "Sub. Evapor → Sekretaris"


def _semua_pengguna_demo(engine) -> list[tuple[str, str, set[str]]]:
    """(username, role, the offices the user may see) for every demo user: each office's, as the demo made them
    (one per role its SOPs name, and the basic ones), the two kabupaten and the admin."""
    from sqlmodel import select

    from models.db import session_scope
    from models.tables import Kecamatan, User

    kantor = {"Kalipare", "Karangploso", "Muara Papalik", "Poncokusumo"}
    def dari_demo(username: str, kecamatan: str) -> bool:
        """The demo names an office's accounts "<role>.<office>"; other tests add their own (staf2.kalipare,
        budi.dau, uji.ganti.e2e)."""
        peran, _, akhiran = username.partition(".")
        return peran.replace("_", "").isalpha() and akhiran == kecamatan.lower().replace(" ", "")

    with session_scope(engine) as s:
        hasil = [(u.username, u.role_kode, {k.nama}) for u, k in s.exec(
            select(User, Kecamatan).join(Kecamatan, Kecamatan.id == User.kecamatan_id).order_by(User.id))
            if dari_demo(u.username, k.nama)]
    assert {nama for _, _, (nama,) in hasil} == kantor
    hasil += [("kabupaten.malang", "kabupaten", {"Kalipare", "Karangploso", "Poncokusumo"}),
              ("kabupaten.tanjungjabungbarat", "kabupaten", {"Muara Papalik"}),
              ("admin", "admin", kantor)]
    return hasil


def test_every_demo_user_sees_its_menu_and_only_its_offices(page, server_url, e2e_engine):
    from dashboard.components.navbar import menu_untuk

    semua = _semua_pengguna_demo(e2e_engine)
    assert len(semua) == 39
    assert {(u, r) for u, r, _ in semua} >= {("renkeu.muarapapalik", "kasubag_renkeu"),
                                             ("analis.muarapapalik", "analis_perencanaan")}
    for username, role, kantor in semua:
        masuk_sebagai(page, server_url, username)
        if role == "admin":  # one row per kabupaten, no office's
            page.wait_for_selector("#tabel-nasional", timeout=20000)
            assert page.locator("#tabel-nasional tbody td:first-child").all_inner_texts() == [
                "Malang", "Tanjung Jabung Barat"]
            assert page.locator("#beranda-isi [data-kantor]").count() == 0
            continue
        page.wait_for_selector("#beranda-isi [data-kantor]", timeout=20000)
        menu = page.locator(".navbar .nav-link").all_inner_texts()
        assert menu == [nama for nama, _ in menu_untuk(role)], username
        # Beranda shows one office's view, or its kabupaten's offices side by side
        terlihat = set(page.locator("#beranda-isi [data-kantor]").evaluate_all("es => es.map(e => e.dataset.kantor)"))
        assert terlihat == kantor, username


def test_admin_manages_users_and_others_are_refused_the_page(page, server_url, e2e_engine):
    page.goto(server_url + "/pengguna")
    page.wait_for_selector("#pengguna-tabel table")
    page.fill("#baru-username", "staf2.kalipare")
    page.fill("#baru-nama", "Budi Santoso")
    page.click("#baru-peran")
    page.get_by_role("option", name="Staf", exact=True).click()
    page.click("#baru-kantor")
    page.get_by_role("option", name="Kec. Kalipare (Kab. Malang)").click()
    page.fill("#baru-sandi", "sandi-awal-1")
    page.click("#baru-simpan")
    page.wait_for_selector("#baru-pesan .alert-success")
    assert page.locator("#baru-pesan").inner_text() == (
        "Pengguna staf2.kalipare dibuat. Kata sandi ini kata sandi awal: berlaku 72 jam, tidak dapat dipakai dari "
        "perangkat ini, dan harus diganti pemiliknya saat pertama masuk.")
    page.locator("#pengguna-tabel").get_by_text("staf2.kalipare").wait_for()
    # Budi signs in from his own device (the browser and the server share an address here, so the password is made
    # to read as issued from another one) and sets his own password before anything opens.
    with session_scope(e2e_engine) as s:
        s.exec(update(PercobaanMasuk).where(PercobaanMasuk.kunci.startswith("p:staf2.kalipare|"))
               .values(kunci="p:staf2.kalipare|192.0.2.1"))
    page.wait_for_load_state("networkidle")
    keluar(page, server_url)
    page.goto(server_url + "/login")
    page.fill("input[name=username]", "staf2.kalipare")
    page.fill("input[name=password]", "sandi-awal-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/ganti-sandi")
    page.fill("#sandi_lama", "sandi-awal-1")
    page.fill("#sandi_baru", "Kopi-Hitam-Pagi-77")
    page.fill("#ulangi", "Kopi-Hitam-Pagi-77")
    page.click("#simpan-sandi")
    page.wait_for_selector("#pengguna-aktif", timeout=20000)
    assert "Budi Santoso" in page.locator("#pengguna-aktif").inner_text()
    r = page.goto(server_url + "/pengguna")
    assert r.status == 403
    assert page.locator(".alert-danger").inner_text() == "Peran Anda tidak berwenang melakukan tindakan ini."
    page.masalah.clear()  # the browser logs the 403 of the refused address


def test_the_navbar_signs_out_with_a_post_and_the_page_works_under_the_csp(page, server_url):
    masuk_sebagai(page, server_url, "camat.poncokusumo")
    page.wait_for_selector("#beranda-isi [data-kantor]", timeout=20000)
    kepala = page.request.get(server_url + "/").headers
    assert "frame-ancestors 'none'" in kepala["content-security-policy"]
    page.click("#tombol-keluar")
    page.wait_for_url("**/login")
    page.goto(server_url + "/")
    assert "/login" in page.url


def test_the_print_sheet_s_button_prints_under_the_csp(page, server_url):
    """No inline handler runs under the policy: the button is bound from a file, and clicking it calls print."""
    masuk_sebagai(page, server_url, "camat.poncokusumo")
    page.goto(server_url + "/monitoring-sop/cetak?tahun=2026&semester=1")
    page.wait_for_selector("#tombol-cetak")
    page.evaluate("() => { window.__dicetak = 0; window.print = () => { window.__dicetak += 1; }; }")
    page.click("#tombol-cetak")
    assert page.evaluate("window.__dicetak") == 1
