"""In Chromium: the admin imports Karangploso's people from a sheet: the problems are shown by row and no account
is made; the corrected sheet makes the accounts and shows each first-login password once; the new Sekretaris signs
in with it and is taken to set a password of their own before anything else."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import User
from tests.e2e.conftest import keluar, masuk_sebagai
from tests.integration.test_impor_pegawai import BERSIH, _lembar


def test_the_admin_imports_an_office_s_people_and_a_new_account_sets_its_own_password(page, server_url, e2e_engine,
                                                                                     tmp_path):
    pg = page
    masuk_sebagai(pg, server_url, "admin")
    pg.goto(server_url + "/pegawai")
    pg.locator("#pegawai-kantor").click()
    pg.locator("[role=listbox] [role=option]", has_text="Karangploso").click()
    pg.keyboard.press("Escape")
    kotor = tmp_path / "kotor.xlsx"
    kotor.write_bytes(_lembar([BERSIH[0], ("Ani Lestari", "123", "Juru Masak", "ani.dau")]))
    pg.set_input_files("#pegawai-berkas input[type=file]", str(kotor))
    pg.wait_for_selector("#tabel-pegawai", timeout=20000)
    teks = pg.inner_text("#pegawai-pratinjau")
    assert 'Baris 3: NIP "123" harus 18 angka.' in teks and 'Baris 3: jabatan "Juru Masak" belum dikenal' in teks
    assert pg.locator("#pegawai-simpan").is_disabled()
    with session_scope(e2e_engine) as s:
        assert s.exec(select(User).where(User.username == "budi.dau")).first() is None

    bersih = tmp_path / "bersih.xlsx"
    bersih.write_bytes(_lembar(BERSIH))
    pg.set_input_files("#pegawai-berkas input[type=file]", str(bersih))
    pg.wait_for_selector("text=4 pegawai siap dibuat akunnya.", timeout=20000)
    pg.click("#pegawai-simpan")
    pg.wait_for_selector("#tabel-sandi-awal", timeout=20000)
    baris = {r.split("\t")[1]: r.split("\t")[3] for r in pg.locator("#tabel-sandi-awal tbody tr").all_inner_texts()}
    assert set(baris) == {"budi.dau", "sri.dau", "agus.dau", "rina.dau"}

    keluar(pg, server_url)
    pg.goto(server_url + "/login")
    pg.fill("input[name=username]", "sri.dau")
    pg.fill("input[name=password]", baris["sri.dau"])
    pg.click("button[type=submit]")
    pg.wait_for_url("**/ganti-sandi")
    pg.goto(server_url + "/capaian")  # nothing else opens yet
    pg.wait_for_url("**/ganti-sandi")
    pg.fill("#sandi_lama", baris["sri.dau"])
    pg.fill("#sandi_baru", "rahasia-sri-2026")
    pg.fill("#ulangi", "rahasia-sri-2026")
    pg.click("#simpan-sandi")
    pg.wait_for_selector("#pengguna-aktif", timeout=20000)
    assert "Sri Wahyuni" in pg.inner_text("#pengguna-aktif")
