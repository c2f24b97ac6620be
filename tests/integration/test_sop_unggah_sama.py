"""Unggah SOP's preview says what the SOP page will say of the saved revision (one function for both), and an
upload that would store nothing cannot be saved: Simpan stays disabled and the server refuses it."""
from __future__ import annotations

import pytest

from dashboard.components.unggah_sop import tampil_pratinjau
from models.db import session_scope
from models.sop.durasi import beda_total_tercetak
from models.sop.register import detail_sop
from models.sop.unggah import pratinjau, simpan
from models.umum.penolakan import Ditolak
from tests.dash_util import sidik_basis_data
from tests.fabrik import pengguna
from tests.integration.test_sop_unggah import NAMA, _kalipare


def _dicetak(p):
    p.langkah[1].waktu, p.langkah[1].waktu_menit = "30 Menit", 30  # a new revision
    p.total_menit = sum(lk.waktu_menit for lk in p.langkah)
    p.total_tercetak = "2 jam 10 menit"  # the steps add up to something else
    return p


def test_the_preview_warns_of_a_printed_total_as_the_sop_page_does_after_saving(demo):
    """Kalipare's Musrenbangcam SOP with "JUMLAH WAKTU PENYELESAIAN 2 jam 10 menit" printed under steps
    whose times add up to 60 + 30 + 60 + 15 + 15 + 5 = 185 minutes, 3 jam 5 menit (step 2 made 30 minutes)."""
    with session_scope(demo) as s:
        admin = pengguna(s, peran="admin")
        pr = pratinjau(s, _kalipare(ubah_prosedur=_dicetak), "kalipare.docx", admin)
        musren = next(pp for pp in pr.prosedur if pp.judul == NAMA)
        pesan = ('Dokumen mencetak jumlah waktu "2 jam 10 menit", berbeda dengan jumlah waktu langkah-langkahnya '
                 "(3 jam 5 menit).")
        assert musren.peringatan == [pesan]
        assert pr.bisa_disimpan and not musren.masalah  # a warning, not a problem: it may be saved
        assert pesan in str(tampil_pratinjau(pr, 480))
        (hasil,) = [h for h in simpan(s, pr, admin) if h.prosedur.nama == NAMA]
        rev = detail_sop(s, hasil.sop_id).revisi
        # The SOP page's warning (dashboard/pages/sop_detail.py) is the same sentence.
        assert beda_total_tercetak(rev.total_tercetak, rev.total_menit, menit_per_hari=480) == pesan


def test_an_identical_upload_leaves_simpan_disabled_and_is_refused_by_the_server(demo):
    with session_scope(demo) as s:
        admin = pengguna(s, peran="admin")
        pr = pratinjau(s, _kalipare(), "kalipare.docx", admin)
        assert [pp.sama for pp in pr.prosedur] == [True, True, True]
        assert not pr.bisa_disimpan and pr.semua_masalah == []
        assert "tidak ada yang akan disimpan" in str(tampil_pratinjau(pr, 480))
        sebelum = sidik_basis_data(demo)
        with pytest.raises(Ditolak) as e:
            simpan(s, pr, admin)
        assert str(e.value) == ("kalipare.docx: setiap prosedurnya sama dengan revisi yang berlaku atau salinan; "
                                "tidak ada yang disimpan.")
    assert sidik_basis_data(demo) == sebelum
