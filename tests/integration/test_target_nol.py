"""A target of 0 where the capaian engine can never measure against it: a higher-is-better indicator's capaian is
realisasi ÷ target × 100 (models.kinerja.mesin.capaian: "target 0: capaian tidak dapat dihitung"), so 0 is refused
with that reason on IKU & Target, for a quarter, and through the Excel import
(test_target_excel.test_a_zero_in_the_excel_template_names_the_row_and_nothing_is_written); a lower-is-better indicator's 0 is
kept (met when its realisasi is 0 too)."""
from __future__ import annotations

import pytest
from sqlmodel import select

from models.db import session_scope
from models.perencanaan.target import ubah_target
from models.tables import AuditLog, Target
from models.umum.penolakan import Ditolak
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data, teks_jawaban
from tests.fabrik import indikator, kantor, nama_pengguna, pengguna

IKU3 = "IKU-3 Persentase poskamling aktif"
ALASAN = ("makin tinggi makin baik: capaiannya realisasi ÷ target × 100, yang tidak dapat dihitung terhadap target 0. "
          "Isi target lebih dari 0")


def test_a_zero_year_target_of_a_higher_is_better_percentage_is_refused_on_the_page_and_nothing_written(
        client, app, demo):
    masuk(client, nama_pengguna("kasubag_evapor"))
    with session_scope(demo) as s:
        ind_id = indikator(s, kode="IKU-3").id
    kunci = next(k for k in daftar_callback(app) if k.startswith("..target-pesan.children"))
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, kunci, indikator_id=ind_id, tahun=2027, nilai="0", alasan=None)
    pesan = f"{IKU3}, target 2027: target tidak boleh 0. IKU-3 {ALASAN}."
    assert r.get_json()["response"]["target-pesan"]["children"]["props"]["children"] == pesan
    assert "disimpan" not in teks_jawaban(r)
    assert sidik_basis_data(demo) == sebelum
    with session_scope(demo) as s:
        assert s.exec(select(AuditLog).where(AuditLog.aksi == "aksi.ditolak")
                      .order_by(AuditLog.id.desc())).first().keterangan == pesan


def test_a_zero_quarter_target_is_refused_and_told_to_leave_the_quarter_empty_instead(demo):
    sebelum = sidik_basis_data(demo)
    with pytest.raises(Ditolak) as e, session_scope(demo) as s:
        ubah_target(s, indikator_id=indikator(s, kode="IKU-3").id, kecamatan_id=kantor(s).id, tahun=2027,
                    triwulan=2, nilai=0, oleh=pengguna(s, peran="camat"))
    assert str(e.value) == (f"{IKU3}, target triwulan II 2027: target tidak boleh 0. IKU-3 {ALASAN}, atau kosongkan "
                            "target triwulan ini agar triwulan itu diukur terhadap target tahun.")
    assert sidik_basis_data(demo) == sebelum


def test_a_lower_is_better_indicator_keeps_its_zero_target(demo):
    with session_scope(demo) as s:
        ind = indikator(s, kode="IKU-8", nama="Jumlah gangguan trantib yang tidak tertangani")
        ind.polaritas = "negatif"
        h = ubah_target(s, indikator_id=ind.id, kecamatan_id=kantor(s).id, tahun=2027, nilai=0,
                        oleh=pengguna(s, peran="camat"))
        assert h.target is not None and h.target.nilai == 0
    with session_scope(demo) as s:
        assert s.exec(select(Target).where(Target.tahun == 2027).where(Target.nilai == 0)).one().berlaku
