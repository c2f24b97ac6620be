"""In Chromium: Ganti kata sandi refuses a common password with its message, then, given a good one, lands on the
Beranda saying "Kata sandi berhasil diganti."; the new password signs in."""
from __future__ import annotations

from models.akun.pengguna import buat_pengguna
from models.db import session_scope
from tests.e2e.conftest import keluar, masuk_sebagai
from tests.fabrik import kantor


def test_changing_one_s_password_refuses_a_common_one_and_says_when_it_is_changed(page, server_url, e2e_engine):
    with session_scope(e2e_engine) as s:
        buat_pengguna(s, username="uji.ganti.e2e", nama="Pegawai Uji", password="sandi-lama-2026",
                      role_kode="staf", kecamatan_id=kantor(s, nama="Kalipare").id)
    pg = page
    masuk_sebagai(pg, server_url, "uji.ganti.e2e", "sandi-lama-2026")
    pg.goto(server_url + "/ganti-sandi")
    for baru, pesan in (("12345678", "Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain."),
                        ("pegawai-2026", "Kata sandi tidak boleh memuat nama pengguna atau nama Anda.")):
        pg.fill("#sandi_lama", "sandi-lama-2026")
        pg.fill("#sandi_baru", baru)
        pg.fill("#ulangi", baru)
        pg.click("#simpan-sandi")
        assert pg.inner_text("#pesan-sandi") == pesan
    assert pg.locator("#sandi_baru").get_attribute("maxlength") == "128"
    pg.masalah.clear()  # the 400 answers are logged by the browser as console errors
    pg.fill("#sandi_lama", "sandi-lama-2026")
    pg.fill("#sandi_baru", "lampu-merah-di-kalipare")
    pg.fill("#ulangi", "lampu-merah-di-kalipare")
    pg.click("#simpan-sandi")
    pg.wait_for_selector("#sandi-diganti", timeout=20000)
    assert pg.inner_text("#sandi-diganti").strip() == "Kata sandi berhasil diganti."
    assert "/?sandi=diganti" in pg.url
    keluar(pg, server_url)
    masuk_sebagai(pg, server_url, "uji.ganti.e2e", "lampu-merah-di-kalipare")
    assert "Pegawai Uji" in pg.inner_text("#pengguna-aktif")
