"""The public page /publik/<kabupaten>, without login: it lists only published, signed documents of that kabupaten's
offices and released predicates, and its document route serves only those scans: every other id (unpublished,
unsigned, another kabupaten's, attachments of other kinds, ids that do not exist) answers 404 with no bytes."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import update
from sqlmodel import func, select

from models.db import session_scope
from models.perencanaan.perjanjian_kinerja import buat_draf
from models.perencanaan.publikasi import rilis_predikat, tarik, tarik_rilis, terbitkan
from models.tables import EvaluasiAkip, Lampiran, LaporanKinerja, PerjanjianKinerja
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data
from tests.fabrik import PDF_TTD, kantor, pengguna, perjanjian
from tests.fabrik_akip import PDF_LKJ, evaluasi_akip, laporan_kinerja, semua

PADA = datetime(2026, 1, 20, 2, tzinfo=timezone.utc)


def _folder(app):
    return app.server.extensions["sakip_settings"].upload_dir


@pytest.fixture
def terbit(app, demo):
    """Poncokusumo (Malang): the Camat's PK 2026 and the LKj 2025 published; the PK 2025 and the LKj 2024 signed but
    not published; a draft PK 2027 and a draft LKj 2026. Muara Papalik (Tanjung Jabung Barat): its PK 2026 and LKj
    2025 published. Evaluasi AKIP 2025: Poncokusumo final (80,00, BB) and released, Kalipare final (100, AA) not
    released, Karangploso in reviu."""
    f = _folder(app)
    with session_scope(demo) as s:
        ids = {}
        camat = pengguna(s, peran="camat")
        ids["pk_pub"] = perjanjian(s, tahun=2026, pada=PADA, folder=f).id
        ids["pk_tidak"] = perjanjian(s, tahun=2025, pada=datetime(2025, 1, 20, 2, tzinfo=timezone.utc), folder=f).id
        ids["pk_draf"] = buat_draf(s, kecamatan_id=kantor(s).id, tahun=2027, role_kode="camat", oleh=camat).id
        ids["lkj_pub"] = laporan_kinerja(s, kecamatan="Poncokusumo", tahun=2025, folder=f).id
        ids["lkj_tidak"] = laporan_kinerja(s, kecamatan="Poncokusumo", tahun=2024, folder=f).id
        ids["lkj_draf"] = laporan_kinerja(s, kecamatan="Poncokusumo", tahun=2026, ditandatangani=False, folder=f).id
        terbitkan(s, jenis="pk", id=ids["pk_pub"], oleh=camat, pada=PADA)
        terbitkan(s, jenis="lkj", id=ids["lkj_pub"], oleh=camat, pada=PADA)
        camat_mp = pengguna(s, peran="camat", kecamatan="Muara Papalik")
        ids["pk_tjb"] = perjanjian(s, kecamatan="Muara Papalik", tahun=2026, pada=PADA, folder=f).id
        ids["lkj_tjb"] = laporan_kinerja(s, kecamatan="Muara Papalik", tahun=2025, folder=f).id
        terbitkan(s, jenis="pk", id=ids["pk_tjb"], oleh=camat_mp, pada=PADA)
        terbitkan(s, jenis="lkj", id=ids["lkj_tjb"], oleh=camat_mp, pada=PADA)
        ev = evaluasi_akip(s, kecamatan="Poncokusumo", tahun=2025, jawaban=semua("Y", "B"))
        rilis_predikat(s, evaluasi_akip_id=ev.id, oleh=pengguna(s, peran="kabupaten"), pada=PADA)
        ids["ev_kalipare"] = evaluasi_akip(s, kecamatan="Kalipare", tahun=2025).id
        evaluasi_akip(s, kecamatan="Karangploso", tahun=2025, status="reviu")
    return ids


def test_the_public_page_opens_without_login_and_lists_only_what_is_published(client, terbit):
    r = client.get("/publik/malang")
    assert r.status_code == 200
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]  # the app's headers, no script needed
    assert "<script" not in r.get_data(as_text=True) and "https://" not in r.get_data(as_text=True)
    teks = r.get_data(as_text=True)
    assert "Kabupaten Malang" in teks
    assert f'href="/publik/malang/dokumen/pk/{terbit["pk_pub"]}"' in teks
    assert f'href="/publik/malang/dokumen/lkj/{terbit["lkj_pub"]}"' in teks
    assert "Perjanjian Kinerja Camat 2026" in teks and "Laporan Kinerja 2025" in teks
    assert "ditandatangani 20 Januari 2026 · dipublikasikan\n20 Januari 2026" in teks
    for lain in ("pk_tidak", "pk_draf", "lkj_tidak", "lkj_draf", "pk_tjb", "lkj_tjb"):
        jenis = lain.split("_")[0]
        assert f"/dokumen/{jenis}/{terbit[lain]}\"" not in teks, lain
    assert "Perjanjian Kinerja Camat 2025" not in teks and "Laporan Kinerja 2024" not in teks
    # Poncokusumo's released predicate; Kalipare's (final, not released) and Karangploso's (reviu) are not shown
    assert '<tr data-kantor="Poncokusumo"><td class="text-end">1</td><td>Poncokusumo</td>' in teks
    assert "<strong>80,00</strong>, predikat\n<strong>BB</strong> (Sangat Baik)" in teks
    assert "Kalipare" not in teks and "Karangploso" not in teks and "100,00" not in teks
    assert "Muara Papalik" not in teks
    tjb = client.get("/publik/tanjung-jabung-barat").get_data(as_text=True)
    assert f'href="/publik/tanjung-jabung-barat/dokumen/pk/{terbit["pk_tjb"]}"' in tjb
    assert "Poncokusumo" not in tjb and "Belum ada nilai Evaluasi AKIP yang dirilis." in tjb


def test_every_other_document_id_answers_404_and_no_bytes(client, demo, terbit):
    with session_scope(demo) as s:  # drafts marked published by a write around the domain: still never served
        for model, ident in ((PerjanjianKinerja, terbit["pk_draf"]), (LaporanKinerja, terbit["lkj_draf"])):
            s.execute(update(model).where(model.id == ident).values(dipublikasikan_pada=PADA))
    with session_scope(demo) as s:
        n = max(s.exec(select(func.max(PerjanjianKinerja.id))).one(), s.exec(select(func.max(LaporanKinerja.id))).one(),
                s.exec(select(func.max(Lampiran.id))).one(), s.exec(select(func.max(EvaluasiAkip.id))).one())
        jenis_lampiran = set(s.exec(select(Lampiran.pemilik_jenis)).all())
    assert {"perjanjian_kinerja", "laporan_kinerja"} <= jenis_lampiran
    boleh = {("malang", "pk", terbit["pk_pub"]): PDF_TTD, ("malang", "lkj", terbit["lkj_pub"]): PDF_LKJ,
             ("tanjung-jabung-barat", "pk", terbit["pk_tjb"]): PDF_TTD,
             ("tanjung-jabung-barat", "lkj", terbit["lkj_tjb"]): PDF_LKJ}
    dicoba = 0
    for kab in ("malang", "tanjung-jabung-barat", "bogor"):
        for jenis in ("pk", "lkj", "lampiran", "evaluasi"):
            for ident in range(0, n + 3):
                alamat = f"/publik/{kab}/dokumen/{jenis}/{ident}"
                r = client.get(alamat)
                data = r.get_data()
                dicoba += 1
                if (kab, jenis, ident) in boleh:
                    assert r.status_code == 200, alamat
                    assert data == boleh[(kab, jenis, ident)] and r.mimetype == "application/pdf"
                    assert "inline" in r.headers["Content-Disposition"]
                    continue
                assert r.status_code in (404, 302), alamat  # an address shape the guard does not open: login
                assert b"%PDF" not in data, alamat
                if jenis in ("pk", "lkj"):
                    assert r.status_code == 404 and "Dokumen tidak ditemukan atau tidak dipublikasikan." in \
                        r.get_data(as_text=True), alamat
    assert dicoba > 100


def test_an_unknown_kabupaten_and_other_addresses_under_publik(client, terbit):
    r = client.get("/publik/bogor")
    assert r.status_code == 404
    assert "Kabupaten yang Anda cari tidak dikenal. Periksa kembali alamatnya." in r.get_data(as_text=True)
    assert 'lang="id"' in r.get_data(as_text=True)
    for alamat in ("/publik", "/publik/", "/publik/Malang", "/publik/malang/", "/publik/malang/perbandingan",
                   f"/publik/malang/dokumen/pk/{terbit['pk_pub']}.pdf", "/publik/malang/dokumen/pk/-1"):
        r = client.get(alamat)  # no such address: a 404 in Indonesian, without the app's page shell
        teks = r.get_data(as_text=True)
        assert r.status_code == 404 and "Halaman tidak ditemukan" in teks and "_dash-config" not in teks, alamat


def test_a_document_withdrawn_and_a_predicate_released_or_withdrawn(client, demo, terbit):
    alamat = f"/publik/malang/dokumen/pk/{terbit['pk_pub']}"
    assert client.get(alamat).status_code == 200
    assert "Kalipare" not in client.get("/publik/malang").get_data(as_text=True)
    with session_scope(demo) as s:
        tarik(s, jenis="pk", id=terbit["pk_pub"], oleh=pengguna(s, peran="sekcam"))
        rilis_predikat(s, evaluasi_akip_id=terbit["ev_kalipare"], oleh=pengguna(s, peran="kabupaten"))
    r = client.get(alamat)
    assert r.status_code == 404 and b"%PDF" not in r.get_data()
    teks = client.get("/publik/malang").get_data(as_text=True)
    assert "Perjanjian Kinerja Camat 2026" not in teks
    assert '<tr data-kantor="Kalipare"><td class="text-end">1</td><td>Kalipare</td>\n<td class="text-end">100,00</td>' \
        in teks
    assert '<tr data-kantor="Poncokusumo"><td class="text-end">2</td>' in teks
    with session_scope(demo) as s:
        tarik_rilis(s, evaluasi_akip_id=terbit["ev_kalipare"], oleh=pengguna(s, peran="kabupaten"))
    assert "Kalipare" not in client.get("/publik/malang").get_data(as_text=True)


def test_the_pk_pages_button_publishes_and_another_office_is_refused(client, app, demo, terbit):
    client.get("/_dash-layout")
    kunci = next(k for k, cb in daftar_callback(app).items() if cb["callback"].__name__ == "publikasi_pk")
    masuk(client, "camat.kalipare")
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, kunci, dok_id=str(terbit["pk_tidak"]), aksi="terbitkan")
    assert r.status_code == 403
    assert sidik_basis_data(demo) == sebelum
    masuk(client, "evapor.poncokusumo")
    r = panggil(client, app, kunci, dok_id=str(terbit["pk_tidak"]), aksi="terbitkan")
    assert r.status_code == 200
    assert "Perjanjian Kinerja Camat 2025 dipublikasikan di " in r.get_data(as_text=True)
    assert "Tarik publikasi" in r.get_data(as_text=True)
    assert client.get(f"/publik/malang/dokumen/pk/{terbit['pk_tidak']}").get_data() == PDF_TTD
    r = panggil(client, app, kunci, dok_id=str(terbit["pk_draf"]), aksi="terbitkan")
    assert "Perjanjian Kinerja Camat 2027 belum ditandatangani" in r.get_data(as_text=True)
    r = panggil(client, app, kunci, dok_id=str(terbit["pk_tidak"]), aksi="tarik")
    assert "Perjanjian Kinerja Camat 2025 ditarik dari halaman publik." in r.get_data(as_text=True)
    assert client.get(f"/publik/malang/dokumen/pk/{terbit['pk_tidak']}").status_code == 404


def test_the_public_page_reads_a_bounded_number_of_queries(demo, terbit):
    """Six statements (offices, PKs, LKjs, the scans of each kind, the released evaluations), whatever is published."""
    from sqlalchemy import event

    from models.perencanaan.publikasi import halaman_publik
    from tests.fabrik import kabupaten

    jumlah: list[str] = []

    def hitung(conn, cursor, statement, *args):
        jumlah.append(statement)

    with session_scope(demo) as s:
        kab = kabupaten(s, nama="Malang")
        event.listen(demo, "before_cursor_execute", hitung)
        try:
            h = halaman_publik(s, kab)
        finally:
            event.remove(demo, "before_cursor_execute", hitung)
    assert len(jumlah) == 6 and [k.nama for k in h.kantor if k.tahun] == ["Poncokusumo"]
