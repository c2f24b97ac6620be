"""The year's targets and the Rencana Aksi's quarterly targets through the Excel template of IKU & Target.

The hand-worked fixture is the one of test_target_triwulan: Poncokusumo's own count indicator IKU-9 (kumulatif),
year target 40, quarterly targets 10 / 20 / 30 / 40, 10 achieved and official in each quarter of 2026, so every
quarter reads 100 % against its own target. Changing quarter II's target to 40 would make it 20 / 40 = 50 %: a
change of an official capaian, the Camat's. Removing quarter IV's target measures it against the year's 40, with the
cumulative 40: still 100 %, so anyone who may set targets may remove it (with a reason).
"""
from __future__ import annotations

import base64
import io

import pytest
from openpyxl import load_workbook
from sqlmodel import col, select

from models.db import session_scope
from models.kinerja.iku import atur_pengumpul, iku_kantor, per_triwulan, sop_pengumpul, target_berlaku
from models.perencanaan.target import ubah_target
from models.perencanaan.target_excel import BARIS_JUDUL, KOLOM
from models.tables import AuditLog, Target
from models.umum.angka import tulis_angka
from tests.conftest import keluar, masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data, tabel_jawaban, teks_jawaban
from tests.fabrik import indikator, kantor, nama_pengguna, pengguna, realisasi

TAHUN = 2026
KODE = "IKU-9"
NAMA = "Jumlah desa yang menyampaikan laporan tepat waktu"
TARGET_TW = {1: 10.0, 2: 20.0, 3: 30.0, 4: 40.0}
K = {judul: i for i, judul in enumerate(KOLOM)}  # column index by header
ALAMAT = f"/iku/templat-target.xlsx?tahun={TAHUN}"


@pytest.fixture
def hitungan(demo):
    """IKU-9 with its year and quarterly targets and four official quarters of 10; (office id, indicator id)."""
    with session_scope(demo) as s:
        ind = indikator(s, kode=KODE, nama=NAMA, pembilang="Desa yang menyampaikan laporan tepat waktu",
                        penyebut=None, target={TAHUN: 40})
        ind.satuan, ind.agregasi = "desa", "kumulatif"
        kec = kantor(s)
        camat = pengguna(s, peran="camat")
        iku1 = indikator(s, kode="IKU-1")
        atur_pengumpul(s, kecamatan_id=kec.id, indikator_id=ind.id, sop_id=sop_pengumpul(s, iku1, kec.id).sop_id,
                       per_triwulan=per_triwulan(s, iku1, kec.id), oleh=camat)
        for n, nilai in TARGET_TW.items():
            ubah_target(s, indikator_id=ind.id, kecamatan_id=kec.id, tahun=TAHUN, triwulan=n, nilai=nilai, oleh=camat)
        for n in range(1, 5):
            realisasi(s, indikator=ind, tahun=TAHUN, triwulan=n, status="resmi", pembilang="10")
        return kec.id, ind.id


def _unduh(client) -> bytes:
    r = client.get(ALAMAT)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    assert r.headers["Content-Disposition"] == f"attachment; filename=target-poncokusumo-{TAHUN}.xlsx"
    return r.data


def _baris(data: bytes) -> dict[str, list]:
    """The template's IKU rows by code (every column, the hidden ids included)."""
    ws = load_workbook(io.BytesIO(data))["Target"]
    rows = [list(x) for x in ws.iter_rows(min_row=BARIS_JUDUL + 1, values_only=True)]
    return {r[0]: r for r in rows if r[0]}


def _isi(data: bytes, perubahan: dict[str, dict[str, object]]) -> bytes:
    """The template with cells changed: {kode: {judul kolom: nilai}}."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Target"]
    for baris in ws.iter_rows(min_row=BARIS_JUDUL + 1):
        kode = baris[0].value
        for judul, nilai in perubahan.get(kode, {}).items():
            baris[K[judul]].value = nilai
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _unggah(client, app, data: bytes, nama: str = "target.xlsx"):
    kunci = next(k for k in daftar_callback(app) if k.startswith("..target-xlsx-hasil.children"))
    isi = "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + \
        base64.b64encode(data).decode()
    return panggil(client, app, kunci, isi=isi, nama=nama)


def _nomor_baris(data: bytes, kode: str) -> int:
    ws = load_workbook(io.BytesIO(data))["Target"]
    return next(r[0].row for r in ws.iter_rows(min_row=BARIS_JUDUL + 1) if r[0].value == kode)


def test_the_template_holds_every_iku_with_the_year_and_quarter_targets_in_force(client, demo, hitungan):
    kec_id, ind_id = hitungan
    masuk(client, nama_pengguna("kasubag_evapor"))
    data = _unduh(client)
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Target"]
    assert ws["B2"].value == TAHUN
    assert [c.value for c in ws[BARIS_JUDUL]] == KOLOM
    assert ws["D3"].value == ("Agregasi kumulatif: target TW N adalah yang harus tercapai sampai akhir triwulan N. "
                              "Agregasi terakhir dan rata-rata: target triwulan itu sendiri.")
    hidden = [h for h, d in ws.column_dimensions.items() if d.hidden]
    assert sorted(hidden) == ["K", "L", "M", "N", "O"]  # the ids of the targets in force
    baris = _baris(data)
    with session_scope(demo) as s:
        iku = iku_kantor(s, kec_id)
        assert list(baris) == [i.kode for i in iku]
        for ind in iku:
            berlaku = [target_berlaku(s, indikator_id=ind.id, kecamatan_id=kec_id, tahun=TAHUN, triwulan=tw)
                       for tw in (None, 1, 2, 3, 4)]
            r = baris[ind.kode]
            assert r[K["Indikator"]] == ind.nama and r[K["Satuan"]] == ind.satuan
            assert r[K["Target tahun"]:K["Target TW IV"] + 1] == [t.nilai if t else None for t in berlaku], ind.kode
            assert r[K["Id target tahun"]:] == [t.id if t else None for t in berlaku], ind.kode
    r = baris[KODE]
    assert r[K["Agregasi"]] == "kumulatif: target s.d. triwulan N"
    assert r[K["Target tahun"]:K["Target TW IV"] + 1] == [40, 10, 20, 30, 40]


def test_a_filled_template_is_imported_old_targets_kept_and_audited(client, app, demo, hitungan):
    kec_id, ind_id = hitungan
    masuk(client, nama_pengguna("kasubag_evapor"))
    data = _unduh(client)
    with session_scope(demo) as s:
        iku1 = indikator(s, kode="IKU-1")
        iku1_id = iku1.id
        tahun_lama = target_berlaku(s, indikator_id=iku1.id, kecamatan_id=kec_id, tahun=TAHUN)
    assert tahun_lama is not None
    baru_tahun = tahun_lama.nilai + 1
    isi = _isi(data, {
        "IKU-1": {"Target tahun": baru_tahun, "Target TW I": "25,5", "Target TW II": 50, "Target TW III": 75,
                  "Target TW IV": 90, "Alasan perubahan": "Rencana Aksi 2026"},
        KODE: {"Target TW IV": None, "Alasan perubahan": "TW IV diukur terhadap target tahun"},
    })
    r = _unggah(client, app, isi)
    hasil = teks_jawaban(r)
    n1, n9 = _nomor_baris(isi, "IKU-1"), _nomor_baris(isi, KODE)
    assert "Target 2026 diimpor: 2 dari" in hasil and "(4 target ditetapkan, 1 diubah, 1 dihapus)." in hasil
    assert (f"Target tahun: {tulis_angka(tahun_lama.nilai)} menjadi {tulis_angka(baru_tahun)}; Target TW I ditetapkan 25,5; "
            "Target TW II ditetapkan 50; Target TW III ditetapkan 75; Target TW IV ditetapkan 90.") in hasil
    assert "Target TW IV dihapus (sebelumnya 40)." in hasil
    tabel = tabel_jawaban(r, "target-impor-tabel")
    assert tabel[0] == ["Baris", "IKU", "Hasil"]
    per_baris = {b[1]: (int(b[0]), b[2]) for b in tabel[1:]}
    assert per_baris[KODE] == (n9, "Target TW IV dihapus (sebelumnya 40).")
    assert per_baris["IKU-1"][0] == n1
    assert {h for k, (_, h) in per_baris.items() if k not in ("IKU-1", KODE)} == {"Tidak berubah."}
    with session_scope(demo) as s:
        tw = {n: target_berlaku(s, indikator_id=iku1_id, kecamatan_id=kec_id, tahun=TAHUN, triwulan=n)
              for n in (1, 2, 3, 4)}
        assert {n: t.nilai for n, t in tw.items() if t} == {1: 25.5, 2: 50.0, 3: 75.0, 4: 90.0}
        assert all(t.alasan == "Rencana Aksi 2026" for t in tw.values() if t)
        rows = s.exec(select(Target).where(Target.indikator_id == iku1_id).where(Target.kecamatan_id == kec_id)
                      .where(Target.tahun == TAHUN).where(Target.triwulan == None)  # noqa: E711
                      .order_by(col(Target.id))).all()
        assert [(t.nilai, t.berlaku) for t in rows][-2:] == [(tahun_lama.nilai, False), (baru_tahun, True)]
        assert rows[-1].menggantikan_id == tahun_lama.id and rows[-1].alasan == "Rencana Aksi 2026"
        tw4 = s.exec(select(Target).where(Target.indikator_id == ind_id).where(Target.triwulan == 4)).all()
        assert [(t.nilai, t.berlaku) for t in tw4] == [(40.0, False)]
        assert target_berlaku(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=TAHUN, triwulan=3).nilai == 30.0
        audit = s.exec(select(AuditLog).where(col(AuditLog.aksi).startswith("target."))
                       .order_by(col(AuditLog.id).desc())).all()
        impor = audit[0]
        assert impor.aksi == "target.impor" and impor.kecamatan_id == kec_id
        assert impor.sesudah["baris_berubah"] == 2 and (impor.sesudah["ditetapkan"], impor.sesudah["diubah"],
                                                       impor.sesudah["dihapus"]) == (4, 1, 1)
        assert sorted(a.aksi for a in audit[1:7]) == ["target.hapus", "target.tetapkan", "target.tetapkan",
                                                     "target.tetapkan", "target.tetapkan", "target.ubah"]
    # The same sheet again: nothing to change, nothing written but the import's own audit row.
    data2 = _unduh(client)
    sebelum = sidik_basis_data(demo)
    assert "0 dari" in teks_jawaban(_unggah(client, app, data2))
    assert sidik_basis_data(demo) == sebelum


def test_a_sheet_with_one_broken_row_writes_nothing_and_names_the_row(client, app, demo, hitungan):
    masuk(client, nama_pengguna("camat"))
    data = _unduh(client)
    isi = _isi(data, {"IKU-1": {"Target TW I": 30, "Alasan perubahan": "Rencana Aksi"},
                      KODE: {"Target TW II": "abc", "Alasan perubahan": "Rencana Aksi"}})
    sebelum = sidik_basis_data(demo)
    r = _unggah(client, app, isi, nama="target-rusak.xlsx")
    teks = teks_jawaban(r)
    n = _nomor_baris(isi, KODE)
    assert "target-rusak.xlsx: 1 baris bermasalah; tidak ada yang disimpan." in teks
    assert f'Baris {n} ({KODE}) Target TW II: "abc" bukan angka.' in teks
    assert sidik_basis_data(demo) == sebelum  # IKU-1's valid row was not written either
    with session_scope(demo) as s:
        tolak = s.exec(select(AuditLog).where(AuditLog.aksi == "aksi.ditolak")
                       .order_by(col(AuditLog.id).desc())).first()
        assert tolak is not None and "bukan angka" in (tolak.keterangan or str(tolak.sesudah))


def test_a_non_camat_changing_an_official_capaian_through_the_sheet_is_refused_naming_the_quarter(
        client, app, demo, hitungan):
    kec_id, ind_id = hitungan
    masuk(client, nama_pengguna("kasubag_evapor"))
    data = _unduh(client)
    n = _nomor_baris(data, KODE)
    sebelum = sidik_basis_data(demo)
    # The year's target: the quarters are measured against their own, so no official capaian changes.
    tanpa_alasan = _isi(data, {KODE: {"Target tahun": 45}})
    teks = teks_jawaban(_unggah(client, app, tanpa_alasan))
    assert (f"Baris {n} ({KODE}): {KODE} {NAMA}, target {TAHUN}: perubahan target wajib disertai alasan (mis. "
            "perubahan Perjanjian Kinerja).") in teks
    isi = _isi(data, {KODE: {"Target TW II": 40, "Alasan perubahan": "Rencana Aksi perubahan"}})
    teks = teks_jawaban(_unggah(client, app, isi))
    assert (f"Baris {n} ({KODE}): {KODE} target triwulan II {TAHUN}: perubahan ini mengubah capaian yang sudah "
            "resmi (triwulan II: 100,00% menjadi 50,00%); hanya Camat yang dapat mengubahnya.") in teks
    assert sidik_basis_data(demo) == sebelum
    keluar(client)
    masuk(client, nama_pengguna("camat"))
    teks = teks_jawaban(_unggah(client, app, isi))
    assert "Target TW II: 20 menjadi 40; capaian resmi triwulan II: 100,00% menjadi 50,00%." in teks
    with session_scope(demo) as s:
        assert target_berlaku(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=TAHUN, triwulan=2).nilai == 40.0


def test_a_template_made_before_someone_elses_change_is_refused_for_that_row(client, app, demo, hitungan):
    kec_id, ind_id = hitungan
    masuk(client, nama_pengguna("camat"))
    data = _unduh(client)
    with session_scope(demo) as s:
        ubah_target(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=TAHUN, triwulan=3, nilai=32,
                    oleh=pengguna(s, peran="camat"), alasan="Perubahan lain")
    sebelum = sidik_basis_data(demo)
    teks = teks_jawaban(_unggah(client, app, _isi(data, {KODE: {"Target TW I": 12, "Alasan perubahan": "x"}})))
    assert (f"Baris {_nomor_baris(data, KODE)} ({KODE}): {KODE} target triwulan III {TAHUN}: target ini baru saja "
            "diubah orang lain; muat ulang halaman lalu periksa lagi.") in teks
    assert sidik_basis_data(demo) == sebelum


def test_the_template_route_is_refused_to_a_kabupaten_user_and_serves_only_ones_own_office(client, demo, hitungan):
    masuk(client, "kabupaten.malang")
    r = client.get(ALAMAT)
    assert r.status_code == 403 and "Poncokusumo" not in r.get_data(as_text=True)
    keluar(client)
    masuk(client, nama_pengguna("camat", "Kalipare"))
    r = client.get(ALAMAT)
    assert r.status_code == 200 and r.headers["Content-Disposition"].endswith(f"target-kalipare-{TAHUN}.xlsx")
    ws = load_workbook(io.BytesIO(r.data))["Target"]
    assert ws["A1"].value == "Target IKU dan Rencana Aksi Kecamatan Kalipare"
    assert KODE not in {row[0] for row in ws.iter_rows(min_row=BARIS_JUDUL + 1, values_only=True)}
    keluar(client)
    r = client.get(ALAMAT)
    assert r.status_code == 302 and r.headers["Location"].startswith("/login")


@pytest.mark.parametrize("username", ["kabupaten.malang", nama_pengguna("staf"), nama_pengguna("kasi_pem")])
def test_the_import_is_refused_to_the_kabupaten_and_to_roles_that_may_not_set_targets(client, app, demo, hitungan,
                                                                                       username):
    masuk(client, nama_pengguna("camat"))
    isi = _isi(_unduh(client), {KODE: {"Target TW I": 12, "Alasan perubahan": "x"}})
    keluar(client)
    masuk(client, username)
    sebelum = sidik_basis_data(demo)
    r = _unggah(client, app, isi)
    assert r.status_code == 403
    assert sidik_basis_data(demo) == sebelum


def test_another_offices_camat_cannot_import_poncokusumos_sheet(client, app, demo, hitungan):
    masuk(client, nama_pengguna("camat"))
    isi = _isi(_unduh(client), {KODE: {"Target TW I": 12, "Alasan perubahan": "x"},
                                "IKU-1": {"Target TW I": 12, "Alasan perubahan": "x"}})
    keluar(client)
    masuk(client, nama_pengguna("camat", "Kalipare"))
    sebelum = sidik_basis_data(demo)
    teks = teks_jawaban(_unggah(client, app, isi))
    assert f'kode "{KODE}" bukan IKU kantor ini.' in teks  # Poncokusumo's own indicator
    # A shared indicator's targets are Kalipare's own rows: the ids the sheet carries are not theirs.
    assert "IKU-1 target" in teks and "baru saja diubah orang lain" in teks
    assert sidik_basis_data(demo) == sebelum


def test_next_years_template_is_offered_and_sets_next_years_targets(client, app, demo, hitungan):
    """In December the office drafts next year's Perjanjian Kinerja: IKU & Target offers the template of this year
    and of the next, and a filled 2027 sheet sets 2027's targets, leaving 2026's as they were."""
    from dashboard.pages.iku import _excel

    kec_id, ind_id = hitungan
    tautan = {a.id: (a.children, a.href) for a in _excel(2026, boleh_impor=True).children.children
              if getattr(a, "href", None)}
    assert tautan == {"unduh-templat-target": ("Unduh templat target 2026", "/iku/templat-target.xlsx?tahun=2026"),
                      "unduh-templat-target-depan": ("Unduh templat target 2027",
                                                     "/iku/templat-target.xlsx?tahun=2027")}
    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/_dash-layout")
    r = client.get("/iku/templat-target.xlsx?tahun=2027")
    assert r.headers["Content-Disposition"] == "attachment; filename=target-poncokusumo-2027.xlsx"
    assert load_workbook(io.BytesIO(r.data))["Target"]["B2"].value == 2027
    isi = _isi(r.data, {KODE: {"Target tahun": 48, "Target TW I": 12, "Target TW II": 24, "Target TW III": 36,
                               "Target TW IV": 48}})
    assert "Target 2027 diimpor: 1 dari" in teks_jawaban(_unggah(client, app, isi))
    with session_scope(demo) as s:
        baru = [target_berlaku(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=2027, triwulan=n) for n in
                (None, 1, 2, 3, 4)]
        assert [t.nilai if t else None for t in baru] == [48, 12, 24, 36, 48]
        lama = [target_berlaku(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun=TAHUN, triwulan=n) for n in
                (None, 1, 2, 3, 4)]
        assert [t.nilai for t in lama if t] == [40, 10, 20, 30, 40]


def test_a_zero_in_the_excel_template_names_the_row_and_nothing_is_written(client, app, demo, hitungan):
    masuk(client, nama_pengguna("camat"))
    data = _unduh(client)
    isi = _isi(data, {KODE: {"Target TW I": 0, "Alasan perubahan": "Rencana Aksi"}})
    sebelum = sidik_basis_data(demo)
    teks = teks_jawaban(_unggah(client, app, isi, nama="target-nol.xlsx"))
    n = _nomor_baris(isi, KODE)
    assert "target-nol.xlsx: 1 baris bermasalah; tidak ada yang disimpan." in teks
    # A higher-is-better count: a quarter's capaian against 0 cannot be computed (models.kinerja.mesin.capaian).
    assert (f"Baris {n} ({KODE}): {KODE} {NAMA}, target triwulan I 2026: target tidak boleh 0. {KODE} makin tinggi "
            "makin baik: capaiannya realisasi ÷ target × 100, yang tidak dapat dihitung terhadap target 0. Isi target "
            "lebih dari 0, atau kosongkan target triwulan ini agar triwulan itu diukur terhadap target tahun.") in teks
    assert sidik_basis_data(demo) == sebelum
