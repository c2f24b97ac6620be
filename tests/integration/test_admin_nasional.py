"""Before the admin chooses a kabupaten, every view over offices answers: the summary per kabupaten where the page
has one, else the request to choose; never a 500, never every office of every kabupaten."""
from __future__ import annotations

from models.dasbor.kueri import PESAN_PILIH_KABUPATEN
from tests.conftest import masuk
from tests.dash_util import buka_halaman, daftar_callback, nama_argumen, panggil, teks_jawaban

RINGKASAN = {"callbacks.beranda.isi", "callbacks.perbandingan.tampil", "callbacks.monitoring_sop.tampil",
             "callbacks.tindak_lanjut.tampil"}
# Perbandingan's other parts stay empty under its summary.
KOSONG = {"callbacks.perbandingan.tampil_capaian", "callbacks.perbandingan.tampil_tindak",
          "callbacks.perbandingan.tampil_proses"}


def _filter_kantor(app) -> dict[str, str]:
    """The callbacks whose first input is a page's office filter, by their function's name."""
    hasil = {}
    for kunci, cb in daftar_callback(app).items():
        masukan = cb["inputs"]
        if masukan and str(masukan[0]["id"]).endswith("-kecamatan") and masukan[0]["property"] == "value" \
                and nama_argumen(cb)[0] == "kecamatan":
            f = cb["callback"]
            hasil[f"{f.__module__}.{f.__name__}"] = kunci
    return hasil


def test_every_view_over_offices_answers_the_admin_before_a_kabupaten_is_chosen(client, app, demo):
    masuk(client, "admin")
    for alamat in ("/", "/capaian", "/siklus", "/perbandingan", "/persetujuan", "/tindak-lanjut", "/monitoring-sop",
                   "/perjanjian-kinerja", "/laporan-kinerja", "/evaluasi-akip", "/anggaran", "/sop"):
        assert buka_halaman(client, alamat).status_code == 200, alamat
    kunci = _filter_kantor(app)
    assert RINGKASAN <= set(kunci), sorted(kunci)
    for nama, k in sorted(kunci.items()):
        r = panggil(client, app, k, kecamatan="", tahun=2026, triwulan=2)
        assert r.status_code == 200, (nama, r.get_data(as_text=True)[:200])
        teks = teks_jawaban(r)
        assert "Poncokusumo" not in teks and "Muara Papalik" not in teks, nama  # no office drawn
        if nama in RINGKASAN:
            assert "tabel-nasional" in r.get_data(as_text=True), nama
        elif nama in KOSONG:
            assert next(iter(r.get_json()["response"].values()))["children"]["props"] == {"children": None}, nama
        else:
            # the request to choose, in the content or at the top of the page (a page with its own words for it)
            pilih = teks + str(r.get_json().get("sideUpdate", ""))
            assert PESAN_PILIH_KABUPATEN in pilih or "Pilih satu kecamatan" in pilih, nama


def test_a_download_over_every_kabupaten_asks_for_one(client, demo):
    masuk(client, "admin")
    r = client.get("/unduh/beranda-kabupaten.csv?tahun=2026&triwulan=2")
    assert r.status_code == 400 and PESAN_PILIH_KABUPATEN in r.get_data(as_text=True)
