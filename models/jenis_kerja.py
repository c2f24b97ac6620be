"""Every kind of work an SOP run can be about, in one list, with its hooks.

The state machine (models.sop.alur) knows nothing of its subjects: it asks the kind of a run who stands in, which
Kasi is "Kasi terkait", what a decision means for the subject, and pages ask it for its name, its link and the
figures it carries. `muat()` registers the list; `create_app` calls it, and so does everything else that runs the
domain outside the app (the command line goes through `create_app`; the test suite's conftest calls it).

Adding a kind of work: add a member to models.umum.status.JenisKerja, declare its `JenisSubjek` beside its domain
functions, and list it here.
"""
from __future__ import annotations

from models.kinerja.realisasi import SUBJEK_PENGUMPULAN, SUBJEK_REALISASI
from models.perencanaan.keluaran_kinerja import SUBJEK_DOKUMEN
from models.perencanaan.perjanjian_kinerja import SUBJEK_PERJANJIAN
from models.sop.alur import JenisSubjek, daftarkan_subjek
from models.tindak_lanjut.evaluasi import SUBJEK_EVALUASI
from models.umum.status import JenisKerja

JENIS_KERJA: dict[JenisKerja, JenisSubjek] = {
    JenisKerja.REALISASI: SUBJEK_REALISASI,
    JenisKerja.PENGUMPULAN: SUBJEK_PENGUMPULAN,
    JenisKerja.EVALUASI: SUBJEK_EVALUASI,
    JenisKerja.DOKUMEN: SUBJEK_DOKUMEN,
    JenisKerja.PERJANJIAN_KINERJA: SUBJEK_PERJANJIAN,
}


def muat() -> None:
    """Register every kind with the state machine (idempotent)."""
    tanpa = set(JenisKerja) - set(JENIS_KERJA)
    if tanpa:
        raise LookupError(f"jenis pekerjaan tanpa kait: {sorted(tanpa)}")
    for nama, jenis in JENIS_KERJA.items():
        daftarkan_subjek(nama, jenis)
