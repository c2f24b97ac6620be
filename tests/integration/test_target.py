"""IKU & Target page: the Kasubag Evapor sets a target; a change needs a reason; the history shows both."""
from __future__ import annotations

from sqlmodel import select

from models.db import session_scope
from models.tables import Indikator, Kecamatan, Target
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil


def test_target_set_then_revised_with_a_reason(client, app, demo):
    masuk(client, "evapor.poncokusumo")
    with session_scope(demo) as s:
        kec = s.exec(select(Kecamatan).where(Kecamatan.nama == "Poncokusumo")).one()
        kec_id = kec.id
        ind_id = s.exec(select(Indikator.id).where(Indikator.kode == "IKU-3")
                        .where(Indikator.kabupaten_id == kec.kabupaten_id)).one()
    kunci = next(k for k in daftar_callback(app) if k.startswith("..target-pesan.children"))

    def simpan(nilai, alasan=None):
        r = panggil(client, app, kunci, indikator_id=ind_id, tahun=2031, nilai=nilai, alasan=alasan)
        assert r.status_code == 200
        return r.get_data(as_text=True)

    assert "Target 2031 disimpan: 72,5." in simpan("72,5")
    assert ("IKU-3 Persentase poskamling aktif, target 2031: perubahan target wajib disertai alasan"
            in simpan("80"))
    assert 'Target: \\"delapan\\" bukan angka' in simpan("delapan", "x")
    assert "Target 2031 disimpan: 80." in simpan("80", "Perjanjian Kinerja perubahan")
    with session_scope(demo) as s:
        rows = s.exec(select(Target).where(Target.kecamatan_id == kec_id).where(Target.tahun == 2031)
                      .order_by(Target.id)).all()
        assert [(t.nilai, t.berlaku, t.alasan) for t in rows] == [(72.5, False, None),
                                                                  (80.0, True, "Perjanjian Kinerja perubahan")]
    riwayat = panggil(client, app, "target-riwayat.children", indikator_id=ind_id, tahun=2031).get_data(as_text=True)
    assert "Perjanjian Kinerja perubahan" in riwayat and "(diganti)" in riwayat
