"""The pinned access of every writing callback and of every Flask route.

The callback attack tests (test_akses.py) trust each callback's declared policy; here the roles that may call each
writing callback are written down, so a `peran=` dropped or widened by mistake fails. The Flask routes are
enumerated from the running app like the callbacks: a route nobody classified fails, and every file route is tried
without a session and from another office.
"""
from __future__ import annotations

import pytest

from tests.conftest import masuk
from tests.dash_util import daftar_callback

KANTOR = frozenset({"analis_perencanaan", "camat", "kasi_ekbang", "kasi_pem", "kasi_trantib", "kasubag_evapor",
                    "kasubag_renkeu", "kasubag_umum", "sekcam", "staf", "tim"})
PENGISI = frozenset({"camat", "kasi_ekbang", "kasi_pem", "kasi_trantib", "kasubag_evapor", "kasubag_renkeu"})
PENCATAT = frozenset({"camat", "kasubag_evapor", "kasubag_renkeu", "sekcam", "tim"})
PENILAI_SOP = frozenset({"camat", "kasubag_evapor", "sekcam", "tim"})
ADMIN = frozenset({"admin"})
PENGELOLA_ANGGARAN = frozenset({"camat", "kasubag_evapor", "kasubag_renkeu", "kasubag_umum", "sekcam"})

# Every callback that writes, with the only roles that may call it.
MENULIS = {
    "callbacks.hari_libur.tambah": ADMIN,
    "callbacks.hari_libur.hapus": ADMIN,
    "callbacks.iku.simpan": frozenset({"camat", "kasubag_evapor", "kasubag_renkeu"}),
    "callbacks.iku.simpan_pengumpul": frozenset({"camat", "kasubag_evapor", "kasubag_renkeu"}),
    "callbacks.iku.simpan_renstra": frozenset({"camat"}),
    "callbacks.iku.impor_target": frozenset({"camat", "kasubag_evapor", "kasubag_renkeu"}),
    "callbacks.monitoring_sop.simpan_monitoring": PENILAI_SOP,
    "callbacks.monitoring_sop.simpan_evaluasi": PENILAI_SOP,
    "callbacks.pekerjaan.mulai": KANTOR,
    "callbacks.pekerjaan.batal": frozenset({"camat"}),
    "callbacks.pengguna.buat": ADMIN,
    "callbacks.pengguna.simpan": ADMIN,
    "callbacks.persetujuan.bertindak": KANTOR,
    "callbacks.persetujuan.unggah": KANTOR,
    "callbacks.persetujuan.lampirkan_dokumen": KANTOR,
    "callbacks.kalender_sakip.simpan": frozenset({"admin", "kabupaten"}),
    "callbacks.pengaturan_kabupaten.simpan": frozenset({"admin", "kabupaten"}),
    "callbacks.pengaturan_kabupaten.simpan_pita": frozenset({"admin", "kabupaten"}),
    "callbacks.realisasi.buka": frozenset({"camat"}),
    # Every office role reaches saving a figure and attaching to it; the domain then says whether this figure is
    # theirs (its collector, or the role a returned figure came back to): tests/integration/test_realisasi.py.
    "callbacks.realisasi.simpan": KANTOR,
    "callbacks.realisasi.terapkan_excel": PENGISI,
    "callbacks.realisasi.unggah_lampiran": KANTOR,
    "callbacks.sop.simpan": ADMIN,
    "callbacks.tindak_lanjut.bertindak": KANTOR,
    "callbacks.tindak_lanjut.simpan_evaluasi": PENCATAT,
    "callbacks.unggah_sop.simpan_semua": frozenset({"admin", "camat", "sekcam"}),
    "callbacks.anggaran.simpan": PENGELOLA_ANGGARAN,
    "callbacks.anggaran.hapus": PENGELOLA_ANGGARAN,
    "callbacks.anggaran.impor": PENGELOLA_ANGGARAN,
    # The Camat signs the Camat's PK; a lower PK's own pihak pertama may record theirs (the domain checks which).
    "callbacks.perjanjian_kinerja.tanda_tangani": frozenset({"camat", "sekcam", "kasi_pem", "kasi_ekbang",
                                                            "kasi_trantib"}),
    "callbacks.perjanjian_kinerja.mulai": KANTOR,
    "callbacks.perjanjian_kinerja.draf": frozenset({"camat", "sekcam"}),
    "callbacks.perjanjian_kinerja.perubahan": frozenset({"camat", "sekcam"}),
    "callbacks.perjanjian_kinerja.simpan_indikator": frozenset({"camat", "sekcam"}),
    "callbacks.perjanjian_kinerja.hapus_ip": frozenset({"camat", "sekcam"}),
    # Every office role reaches saving a kegiatan: its pelaksana fills in what was done (the domain checks).
    "callbacks.perjanjian_kinerja.simpan_kegiatan": KANTOR,
    "callbacks.perjanjian_kinerja.hapus_kegiatan": frozenset({"camat", "sekcam", "kasubag_evapor", "kasubag_renkeu"}),
    # The kabupaten's evaluator only; the domain checks it is the office's kabupaten and the evaluation final.
    "callbacks.rekomendasi_lhe.simpan": frozenset({"evaluator"}),
    # The office's Camat, Sekretaris Camat or Kasubag Evapor publish its signed PK (and LKj).
    "callbacks.publikasi.publikasi_pk": frozenset({"camat", "sekcam", "kasubag_evapor"}),
    # The kabupaten's users or its Inspektorat's evaluators release a final Evaluasi AKIP predicate.
    "callbacks.rekap_akip.rilis": frozenset({"kabupaten", "evaluator"}),
    # Evaluasi AKIP: the office's column by its Sekretaris Camat or Kasubag Evapor, the evaluator's column, desk review
    # and final by the kabupaten's evaluator only; either may open one (the domain checks the office and kabupaten).
    "callbacks.evaluasi_akip.buka": frozenset({"sekcam", "kasubag_evapor", "evaluator"}),
    "callbacks.evaluasi_akip.simpan_mandiri": frozenset({"sekcam", "kasubag_evapor"}),
    "callbacks.evaluasi_akip.unggah_bukti": frozenset({"sekcam", "kasubag_evapor"}),
    "callbacks.evaluasi_akip.pakai_usulan": frozenset({"sekcam", "kasubag_evapor"}),
    "callbacks.evaluasi_akip.kirim": frozenset({"sekcam", "kasubag_evapor"}),
    "callbacks.evaluasi_akip.simpan_evaluator": frozenset({"evaluator"}),
    "callbacks.evaluasi_akip.kembalikan": frozenset({"evaluator"}),
    "callbacks.evaluasi_akip.finalkan": frozenset({"evaluator"}),
    "callbacks.evaluasi_akip.adopsi_lke": frozenset({"kabupaten", "evaluator"}),
    # The office's staff write the LKj's passages; the Sekretaris Camat or the Inspektorat's evaluator records the
    # reviu (the kabupaten's setting, checked by the domain); the Camat signs.
    "callbacks.laporan_kinerja.pilih_bagian": KANTOR,
    "callbacks.laporan_kinerja.simpan": KANTOR,
    "callbacks.laporan_kinerja.catat_reviu": frozenset({"sekcam", "evaluator"}),
    "callbacks.laporan_kinerja.tanda_tangani": frozenset({"camat"}),
}

# Every Flask route, by rule: the framework's and the public ones, then the file routes with an address that
# names Poncokusumo (or one of its records), which a Kalipare user and another kabupaten must be refused.
RUTE_KERANGKA = {"/static/<path:filename>", "/vendor/bootstrap/<path:berkas>", "/favicon.ico",
                 "/assets/<path:filename>",
                 "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>", "/_dash-layout",
                 "/_dash-dependencies", "/_dash-update-component", "/_reload-hash", "/_favicon.ico", "/",
                 "/<path:path>", "/login", "/logout", "/ganti-sandi", "/sehat", "/siap",
                 # a kabupaten's public page: only published documents (tests/integration/test_publik.py)
                 "/publik/<kabupaten>", "/publik/<kabupaten>/dokumen/<jenis>/<int:dok_id>"}
RUTE_BERKAS = {
    "/realisasi/templat.xlsx": "/realisasi/templat.xlsx?tahun=2025&triwulan=1",
    "/iku/templat-target.xlsx": "/iku/templat-target.xlsx?tahun=2025",
    "/unduh/<nama>.<format_berkas>": "/unduh/iku-triwulan.csv?kecamatan=Poncokusumo&tahun=2025&triwulan=1",
    "/lampiran/<int:lampiran_id>": "/lampiran/999999",
    "/monitoring-sop/cetak": "/monitoring-sop/cetak?kecamatan=Poncokusumo&tahun=2025&semester=1",
    "/monitoring-sop/cetak.pdf": "/monitoring-sop/cetak.pdf?kecamatan=Poncokusumo&tahun=2025&semester=1",
    "/monitoring-sop/evaluasi/cetak": "/monitoring-sop/evaluasi/cetak?kecamatan=Poncokusumo&tahun=2025",
    "/monitoring-sop/evaluasi/cetak.pdf": "/monitoring-sop/evaluasi/cetak.pdf?kecamatan=Poncokusumo&tahun=2025",
    # SOP 4 is Poncokusumo's Penyusunan Renstra in the demo (the seed documents' order)
    "/cetak/sop/<int:sop_id>.pdf": "/cetak/sop/4.pdf",
    "/cetak/sop/<int:sop_id>.docx": "/cetak/sop/4.docx",
    # office 2 is Poncokusumo in the demo
    "/cetak/pk/<int:kecamatan_id>/<int:tahun>.pdf": "/cetak/pk/2/2026.pdf",
    "/cetak/pk/<int:kecamatan_id>/<int:tahun>.docx": "/cetak/pk/2/2026.docx?role=sekcam",
    "/cetak/lhe/<int:kecamatan_id>/<int:tahun>.pdf": "/cetak/lhe/2/2025.pdf",
    "/cetak/lhe/<int:kecamatan_id>/<int:tahun>.docx": "/cetak/lhe/2/2025.docx",
    # kabupaten 1 is Malang (Poncokusumo's) in the demo
    "/evaluasi-akip/rekap.<format_berkas>": "/evaluasi-akip/rekap.xlsx?kabupaten=1&tahun=2025",
    "/cetak/lkj/<int:kecamatan_id>/<int:tahun>.pdf": "/cetak/lkj/2/2025.pdf",
    "/cetak/lkj/<int:kecamatan_id>/<int:tahun>.docx": "/cetak/lkj/2/2025.docx",
}


def _nama(cb: dict) -> str:
    f = cb["callback"]
    return f"{f.__module__}.{f.__name__}"


def test_every_writing_callback_admits_exactly_its_pinned_roles(client, app, demo):
    client.get("/_dash-layout")
    semua = {_nama(cb): cb["callback"].kebijakan for cb in daftar_callback(app).values()
             if hasattr(cb["callback"], "kebijakan")}
    hilang = sorted(set(MENULIS) - set(semua))
    assert hilang == [], f"callback penulis yang tidak terdaftar lagi: {hilang}"
    salah = {nama: sorted(semua[nama].peran or ["(semua peran)"]) for nama, peran in MENULIS.items()
             if semua[nama].peran is None or frozenset(semua[nama].peran) != peran}
    assert salah == {}, f"peran callback penulis berubah: {salah}"


def test_every_route_is_classified(app):
    aturan = {r.rule for r in app.server.url_map.iter_rules()}
    assert aturan == RUTE_KERANGKA | set(RUTE_BERKAS), (
        f"rute baru tanpa kelas akses: {sorted(aturan - RUTE_KERANGKA - set(RUTE_BERKAS))}; "
        f"rute yang hilang: {sorted(RUTE_KERANGKA | set(RUTE_BERKAS) - aturan)}")


def test_file_routes_without_a_session_send_to_login(client, app, demo):
    for alamat in RUTE_BERKAS.values():
        r = client.get(alamat)
        assert r.status_code == 302 and r.headers["Location"].startswith("/login"), alamat


@pytest.mark.parametrize("username", ["camat.kalipare", "evapor.kalipare", "kabupaten.tanjungjabungbarat",
                                      "inspektorat.tanjungjabungbarat"])
def test_file_routes_naming_another_office_are_refused(client, app, demo, username):
    masuk(client, username)
    for rule, alamat in RUTE_BERKAS.items():
        if rule in ("/realisasi/templat.xlsx", "/iku/templat-target.xlsx") and \
                not username.endswith("tanjungjabungbarat"):
            continue  # an office user's template is always their own office's
        r = client.get(alamat)
        teks = r.get_data(as_text=True)
        assert r.status_code == 403, (alamat, r.status_code)
        assert "Poncokusumo" not in teks, alamat
