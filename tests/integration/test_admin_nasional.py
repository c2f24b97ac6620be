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
# Persetujuan's paged list hides itself under the overview, which asks for a kabupaten.
TERSEMBUNYI = {"callbacks.persetujuan.daftar": "persetujuan-antrian"}


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
        elif nama in TERSEMBUNYI:
            jawaban = r.get_json()["response"]
            assert jawaban[TERSEMBUNYI[nama]]["hidden"] is True and not jawaban[f"{TERSEMBUNYI[nama]}-tabel"]["children"]
        else:
            # the request to choose, in the content or at the top of the page (a page with its own words for it)
            pilih = teks + str(r.get_json().get("sideUpdate", ""))
            assert PESAN_PILIH_KABUPATEN in pilih or "Pilih satu kecamatan" in pilih, nama


def test_a_download_over_every_kabupaten_asks_for_one(client, demo):
    masuk(client, "admin")
    r = client.get("/unduh/beranda-kabupaten.csv?tahun=2026&triwulan=2")
    assert r.status_code == 400 and PESAN_PILIH_KABUPATEN in r.get_data(as_text=True)


def _tautan(r, awal: str) -> list[str]:
    """Every address in a callback's answer that starts with `awal`."""
    hasil = []

    def cari(x):
        if isinstance(x, dict):
            href = x.get("href")
            if isinstance(href, str) and href.startswith(awal):
                hasil.append(href)
            for v in x.values():
                cari(v)
        elif isinstance(x, list):
            for v in x:
                cari(v)

    cari(r.get_json())
    return hasil


def test_the_downloads_of_a_chosen_kabupaten_hold_its_offices(client, app, demo):
    masuk(client, "admin")
    kunci = _filter_kantor(app)
    r = panggil(client, app, kunci["callbacks.beranda.isi"], kecamatan="kabupaten:Malang", tahun=2026, triwulan=2)
    unduh = _tautan(r, "/unduh/")
    assert unduh and all("kecamatan=kabupaten%3AMalang" in u for u in unduh), unduh
    for alamat in unduh:
        jawab = client.get(alamat)
        assert jawab.status_code == 200, (alamat, jawab.get_data(as_text=True)[:200])
    csv = client.get(next(u for u in unduh if u.startswith("/unduh/beranda-kabupaten.csv"))).data.decode("utf-8-sig")
    assert "Poncokusumo" in csv and "Muara Papalik" not in csv
    r = panggil(client, app, kunci["callbacks.perbandingan.tampil"], kecamatan="kabupaten:Tanjung Jabung Barat",
                tahun=2026, triwulan=2)
    for alamat in _tautan(r, "/unduh/"):
        jawab = client.get(alamat)
        assert jawab.status_code == 200, (alamat, jawab.get_data(as_text=True)[:200])


def test_an_office_name_two_kabupaten_share_is_chosen_by_its_id(client, app, demo):
    from sqlmodel import select

    from dashboard.components.saringan import pilihan_kantor_nasional
    from models.dasbor.kueri import baca_saringan, nilai_kantor
    from models.db import session_scope
    from models.tables import Kabupaten, Kecamatan

    with session_scope(demo) as s:
        tjb = s.exec(select(Kabupaten).where(Kabupaten.nama == "Tanjung Jabung Barat")).one()
        kembar = Kecamatan(nama="Poncokusumo", kabupaten_id=tjb.id)
        s.add(kembar)
        s.flush()
        asli = s.exec(select(Kecamatan).where(Kecamatan.nama == "Poncokusumo")
                      .where(Kecamatan.kabupaten_id != tjb.id)).one()
        assert nilai_kantor(s, kembar.id) == str(kembar.id) and nilai_kantor(s, asli.id) == str(asli.id)
        assert nilai_kantor(s, s.exec(select(Kecamatan.id).where(Kecamatan.nama == "Kalipare")).one()) == "Kalipare"
        sar = baca_saringan(s, lingkup=None, args={"kecamatan": str(kembar.id)}, kantor_sendiri=None)
        assert (sar.kecamatan_id, sar.kecamatan_ids) == (kembar.id, [kembar.id])
        pilihan, nilai = pilihan_kantor_nasional(s, sar)
        assert nilai == str(kembar.id)
        assert {"label": "· Kec. Poncokusumo", "value": str(kembar.id)} in pilihan
        assert {"label": "· Kec. Poncokusumo", "value": str(asli.id)} not in pilihan  # Malang's is not listed


def test_monitoring_sops_summary_for_the_admin_is_titled_by_its_semester(client, app, demo):
    masuk(client, "admin")
    kunci = _filter_kantor(app)["callbacks.monitoring_sop.tampil"]
    for semester, judul in ((1, "Ringkasan per kabupaten, Semester I 2026"),
                            (2, "Ringkasan per kabupaten, Semester II 2026")):
        teks = teks_jawaban(panggil(client, app, kunci, kecamatan="", tahun=2026, semester=semester))
        assert judul in teks and "triwulan" not in teks.split("Ringkasan per kabupaten")[1][:40], teks[:300]
        assert "SOP dimonitor" in teks
