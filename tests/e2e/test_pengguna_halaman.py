"""In Chromium: the admin searches the accounts, moves through the pages the database serves, and picks one account
by typing in the chooser."""
from __future__ import annotations

import re

from sqlmodel import select

from dashboard import ids
from models.db import session_scope
from models.tables import Kecamatan, User
from tests.e2e.conftest import tunggu_js

JUMLAH = 60


def _isi(engine) -> int:
    """60 inactive accounts of Kalipare (inactive, so they take no part in the other tests' work)."""
    with session_scope(engine) as s:
        if s.exec(select(User).where(User.username == "uji000.halaman")).first() is None:
            kec = s.exec(select(Kecamatan).where(Kecamatan.nama == "Kalipare")).one()
            for i in range(JUMLAH):
                s.add(User(username=f"uji{i:03d}.halaman", nama=f"Pegawai Halaman {i:03d}", password_hash="x",
                           role_kode="staf", kecamatan_id=kec.id, aktif=False))
        return len(s.exec(select(User)).all())


def _baris(page) -> list[str]:
    return page.locator(f"#{ids.PENGGUNA_TABEL} tbody tr td:first-child").all_inner_texts()


def test_the_admin_searches_pages_and_picks_an_account(page, server_url, e2e_engine):
    semua = _isi(e2e_engine)
    page.goto(server_url + "/pengguna")
    keterangan = page.locator(f"#{ids.PENGGUNA_KETERANGAN}")
    keterangan.get_by_text(re.compile(r"^Menampilkan 1–25 dari ")).wait_for()
    assert keterangan.inner_text() == f"Menampilkan 1–25 dari {semua} pengguna."
    assert len(_baris(page)) == 25

    page.fill(f"#{ids.PENGGUNA_CARI}", "pegawai halaman")
    page.press(f"#{ids.PENGGUNA_CARI}", "Enter")
    keterangan.get_by_text(f"Menampilkan 1–25 dari 60 pengguna (disaring dari {semua}).").wait_for()
    page.click(f"#{ids.PENGGUNA_URUT}")
    page.get_by_role("option", name="Urut: Nama pengguna").click()
    tunggu_js(page, "s => document.querySelector(s).textContent === 'uji000.halaman'",
              f"#{ids.PENGGUNA_TABEL} tbody tr td:first-child")
    page.locator(f"#{ids.PENGGUNA_HALAMAN}").get_by_text("3", exact=True).click()
    keterangan.get_by_text(f"Menampilkan 51–60 dari 60 pengguna (disaring dari {semua}).").wait_for()
    assert _baris(page) == [f"uji{i:03d}.halaman" for i in range(50, 60)]
    assert page.locator(f"#{ids.PENGGUNA_HALAMAN} .active").inner_text().startswith("3")

    # The chooser asks the database for what is typed: an account on no page shown is found all the same.
    page.click(f"#{ids.KELOLA_PENGGUNA}")
    page.keyboard.type("uji007.hal")
    page.get_by_role("option", name="uji007.halaman · Staf · Kec. Kalipare (Kab. Malang)").click()
    tunggu_js(page, "s => !document.querySelector(s).checked", f"#{ids.KELOLA_AKTIF}")
    assert "Staf" in page.locator(f"#{ids.KELOLA_PERAN}").inner_text()
    assert "Kec. Kalipare (Kab. Malang)" in page.locator(f"#{ids.KELOLA_KANTOR}").inner_text()

    page.fill(f"#{ids.PENGGUNA_CARI}", "tidak-ada-orang-ini")
    page.press(f"#{ids.PENGGUNA_CARI}", "Enter")
    page.locator(f"#{ids.PENGGUNA_TABEL}").get_by_text("Tidak ada pengguna yang cocok dengan pencarian.").wait_for()
