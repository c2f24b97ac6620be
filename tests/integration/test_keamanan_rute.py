"""The guard's public paths are exact and an unknown address is a 404 for everyone; a hostile `next=`, an id too
large for any column and a very long search answer plainly, never a 500; /siap tells a stranger only whether the
app is ready."""
from __future__ import annotations

import re

import pytest

from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, teks_jawaban

BESAR = str(2**63)
RAKSASA = "9" * 5000
TIDAK_ADA = "Halaman tidak ditemukan"


def _shell_dash(teks: str) -> bool:
    return "_dash-renderer" in teks or "dash_renderer" in teks or "_dash-config" in teks


@pytest.mark.parametrize("alamat", ["/loginx", "/login/x", "/sehatx", "/siap/abc", "/siapx", "/logoutx",
                                    "/_dash-component-suites/nope/x.js",
                                    "/_dash-component-suites/dash/tidak-ada.v1m1.js",
                                    "/vendor/bootstrap/css/tidak-ada.css", "/assets/tidak-ada.css",
                                    "/tidak-ada", "/capaianx", "/publik/malang/x", "/favicon.icox"])
def test_an_unknown_address_is_404_without_a_session(client, demo, alamat):
    r = client.get(alamat)
    teks = r.get_data(as_text=True)
    assert r.status_code == 404, (alamat, r.status_code)
    assert not _shell_dash(teks), alamat
    if not alamat.startswith(("/vendor/", "/assets/", "/_dash-component-suites/")):
        assert TIDAK_ADA in teks and 'lang="id"' in teks, alamat


def test_public_paths_still_open_and_pages_still_ask_for_login(client, demo):
    assert client.get("/login").status_code == 200
    assert client.get("/sehat").status_code == 200
    assert client.get("/siap").status_code == 200
    assert client.get("/vendor/bootstrap/css/bootstrap.min.css").status_code == 200
    assert client.get("/assets/app.css").status_code == 200
    assert client.get("/_favicon.ico").status_code == 200
    assert client.get("/favicon.ico").status_code == 200
    assert client.get("/publik/malang").status_code == 200
    for alamat in ("/", "/capaian", "/sop/4", "/capaian?tahun=2025"):
        r = client.get(alamat)
        assert r.status_code == 302 and r.headers["Location"].startswith("/login?next="), alamat
    for alamat in ("/_dash-layout", "/_dash-dependencies"):
        assert client.get(alamat).status_code == 401, alamat


def test_dash_resources_open_exactly(client, app, demo):
    masuk(client, "camat.poncokusumo")
    halaman = client.get("/capaian").get_data(as_text=True)
    skrip = re.findall(r'src="(/_dash-component-suites/[^"]+)"', halaman)
    assert skrip
    for s in skrip[:3]:  # without a session
        assert app.server.test_client().get(s).status_code == 200, s


def test_an_unknown_address_is_404_when_signed_in_and_the_pages_still_work(client, demo):
    masuk(client, "camat.poncokusumo")
    for alamat in ("/tidak-ada", "/loginx", "/siap/abc", "/capaian/x/y", "/_dash-component-suites/nope/x.js"):
        r = client.get(alamat)
        assert r.status_code == 404, (alamat, r.status_code)
    r = client.get("/tidak-ada")  # the page shell (its navbar), whose pages router shows the 404 page
    assert r.status_code == 404 and _shell_dash(r.get_data(as_text=True))
    r = client.get("/_dash-component-suites/nope/x.js")
    assert TIDAK_ADA in r.get_data(as_text=True)
    for alamat in ("/", "/capaian", "/sop", "/sop/4", "/_dash-layout", "/_dash-dependencies", "/_reload-hash",
                   "/vendor/bootstrap/css/bootstrap.min.css", "/assets/app.css"):
        assert client.get(alamat).status_code == 200, alamat


def _login_dengan(client, tujuan: str, username: str = "camat.poncokusumo"):
    halaman = client.get("/login", query_string={"next": tujuan}).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', halaman).group(1)
    return client.post("/login", query_string={"next": tujuan},
                       data={"username": username, "password": "demo12345", "csrf_token": token})


@pytest.mark.parametrize("tujuan", ["/\r\nLocation: http://jahat.invalid/", "/capaian\r\nSet-Cookie: a=b",
                                    "\r\n/x", "/\nx", "//jahat.invalid/", "/\\jahat.invalid", "http://jahat.invalid/",
                                    "/\x00", "/%0D%0ALocation:%20http://jahat.invalid/"])
def test_login_next_with_control_characters_is_a_safe_redirect(client, demo, tujuan):
    r = _login_dengan(client, tujuan)
    assert r.status_code == 302
    lokasi = r.headers["Location"]
    assert lokasi.startswith("/") and not lokasi.startswith(("//", "/\\"))
    assert not any(ord(c) < 32 or ord(c) == 127 for c in lokasi)
    # Percent-encoded, CR/LF stay text of a path on this site; every other hostile target goes to the Beranda.
    assert lokasi == (tujuan if tujuan.startswith("/%0D") else "/")
    assert client.get("/").status_code == 200  # signed in


def test_login_next_keeps_a_plain_path(client, demo):
    r = _login_dengan(client, "/capaian?tahun=2025&triwulan=1")
    assert r.status_code == 302 and r.headers["Location"] == "/capaian?tahun=2025&triwulan=1"


def test_ids_too_large_for_a_column_are_404_or_refused(client, demo):
    masuk(client, "camat.poncokusumo")
    for angka in (str(2**31), BESAR, RAKSASA, "99999999999999999999"):  # 2^31: beyond PostgreSQL's INTEGER
        for alamat in (f"/lampiran/{angka}", f"/cetak/sop/{angka}.pdf", f"/cetak/sop/{angka}.docx",
                       f"/cetak/pk/{angka}/2026.pdf", f"/cetak/pk/2/{angka}.pdf", f"/cetak/lhe/{angka}/2025.docx",
                       f"/cetak/lkj/2/{angka}.pdf", f"/publik/malang/dokumen/pk/{angka}"):
            r = client.get(alamat)
            assert r.status_code == 404, (alamat[:60], r.status_code)
        r = client.get(f"/sop/{angka}")  # a page's address: refused by the page's policy, as /sop/abc is
        assert r.status_code == 403 and "Akses ditolak" in r.get_data(as_text=True)
    # numbers in the query: answered, never a 500
    for alamat in (f"/cetak/sop/4.pdf?revisi={BESAR}", f"/cetak/sop/4.docx?revisi={RAKSASA}",
                   "/cetak/sop/4.pdf?revisi=%C2%B2", f"/cetak/pk/2/2026.pdf?perubahan={BESAR}",
                   f"/cetak/pk/2/2026.docx?perubahan={RAKSASA}", "/cetak/pk/2/2026.pdf?perubahan=%C2%B2",
                   f"/realisasi/templat.xlsx?tahun={RAKSASA}&triwulan=1", "/realisasi/templat.xlsx?tahun=%C2%B2",
                   f"/unduh/perbandingan.csv?kabupaten={BESAR}&tahun=2025&triwulan=1",
                   "/unduh/perbandingan.csv?kabupaten=%C2%B2&tahun=2025&triwulan=1",
                   f"/evaluasi-akip/rekap.xlsx?kabupaten={BESAR}&tahun=2025",
                   f"/cetak/sop/4.pdf?revisi={2**31}", f"/unduh/perbandingan.csv?kabupaten={2**31}&tahun=2025&triwulan=1",
                   f"/evaluasi-akip/rekap.xlsx?kabupaten={2**31}&tahun=2025"):
            r = client.get(alamat)
            assert r.status_code in (200, 400, 403, 404), (alamat[:60], r.status_code)


def _katalog(app) -> str:
    return next(k for k, cb in daftar_callback(app).items() if cb["callback"].__name__ == "tampilkan"
                and cb["callback"].__module__ == "callbacks.katalog")


def test_a_very_long_catalogue_search_is_refused_in_words(client, app, demo):
    masuk(client, "camat.poncokusumo")
    client.get("/_dash-layout")
    kunci = _katalog(app)
    r = panggil(client, app, kunci, cari="renstra " * 12_500, kecamatan=None)
    teks = teks_jawaban(r)
    assert "Teks pencarian terlalu panjang: 99999 karakter, paling banyak 200." in teks
    assert "0 SOP" in teks


def test_catalogue_search_takes_like_wildcards_literally(client, app, demo):
    masuk(client, "camat.poncokusumo")
    client.get("/_dash-layout")
    kunci = _katalog(app)
    semua = teks_jawaban(panggil(client, app, kunci, cari="", kecamatan=None))
    assert "Tidak ada SOP yang cocok" not in semua and "Penyusunan Renstra" in semua
    for pola in ("%", "_", "%%", "\\"):
        teks = teks_jawaban(panggil(client, app, kunci, cari=pola, kecamatan=None))
        assert "Tidak ada SOP yang cocok dengan pencarian ini." in teks, pola
    teks = teks_jawaban(panggil(client, app, kunci, cari="renstra", kecamatan=None))
    assert "Penyusunan Renstra" in teks


def test_readiness_tells_a_stranger_only_the_status(client, demo):
    r = client.get("/siap")
    assert r.status_code == 200 and r.get_json() == {"status": "siap"}
    masuk(client, "camat.poncokusumo")
    assert client.get("/siap").get_json() == {"status": "siap"}


@pytest.mark.parametrize("cara, alamat", [("POST", "/sehat"), ("PUT", "/login"), ("POST", "/_dash-layout")])
def test_a_method_an_address_does_not_take_is_answered_in_indonesian(client, demo, cara, alamat):
    r = client.open(alamat, method=cara)
    assert r.status_code == 405
    teks = r.get_data(as_text=True)
    assert "Cara permintaan ini tidak didukung untuk alamat ini." in teks and "Method Not Allowed" not in teks


def test_the_admin_resetting_their_own_password_keeps_it_their_own(client, app, demo):
    """A password the admin sets for someone else is a first-login one; the admin's own stays the admin's."""
    from tests.dash_util import panggil, teks_jawaban
    from tests.fabrik import akun, lepas

    masuk(client, "admin")
    admin = lepas(demo, akun, username="admin")
    teks = teks_jawaban(panggil(client, app, "..kelola-pesan.children...pengguna-versi.data..", user_id=admin.id,
                                peran="admin", kantor=None, aktif=True, sandi="Kopi-Hitam-Pagi-77", versi=0))
    assert "Perubahan admin disimpan dan kata sandi diganti." in teks and "kata sandi awal" not in teks
    assert lepas(demo, akun, username="admin").ganti_sandi is False
    klien = app.server.test_client()
    assert masuk(klien, "admin", "Kopi-Hitam-Pagi-77").status_code == 302
    assert klien.get("/").status_code == 200
