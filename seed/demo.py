"""The demo database: the seed offices, their SOPs, and one user per role (seed/riwayat.py adds history)."""
from __future__ import annotations

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from models.akun.pengguna import KATA_SANDI_DEMO, buat_pengguna
from models.db import session_scope
from models.kinerja.iku import iku_kantor, pastikan_iku, tetapkan_target
from models.sop.register import impor_dokumen
from models.tables import Kabupaten, Kecamatan, Sop, User
from models.umum import periode
from models.umum.audit import catat
from seed import dokumen_seed, iku_awal, kurasi_pelaksana

# The year's targets (Perjanjian Kinerja) the demo offices start with, per IKU code.
TARGET_DEMO = {"IKU-1": 90.0, "IKU-2": 95.0, "IKU-3": 75.0}


DEMO_PASSWORD = KATA_SANDI_DEMO
# username prefix -> role, one user per role in every demo kecamatan
PENGGUNA_KANTOR = (
    ("camat", "camat", "Camat"), ("sekcam", "sekcam", "Sekretaris Camat"), ("evapor", "kasubag_evapor", "Kasubag Evapor"),
    ("umum", "kasubag_umum", "Kasubag Umum"), ("kasipem", "kasi_pem", "Kasi Pemerintahan"),
    ("kasiekbang", "kasi_ekbang", "Kasi Ekbang"), ("kasitrantib", "kasi_trantib", "Kasi Trantib"),
    ("tim", "tim", "Tim Akuntabilitas Kinerja"), ("staf", "staf", "Staf"),
)


def _nama_login(teks: str) -> str:
    return "".join(teks.lower().split())


def buat_pengguna_kantor(session, kec: Kecamatan, *, oleh: User | None = None) -> list[User]:
    """One demo user per role of one kecamatan ("camat.poncokusumo", ...); password demo12345."""
    return [buat_pengguna(session, username=f"{awalan}.{_nama_login(kec.nama)}", nama=f"{jabatan} {kec.nama}",
                          password=DEMO_PASSWORD, role_kode=role, kecamatan_id=kec.id, oleh=oleh)
            for awalan, role, jabatan in PENGGUNA_KANTOR]


def buat_pengguna_demo(session) -> int:
    """One user per role in each demo kecamatan, one per kabupaten, and the admin; password demo12345."""
    n = 0
    for kec in session.exec(select(Kecamatan).order_by(Kecamatan.nama)):
        n += len(buat_pengguna_kantor(session, kec))
    for kab in session.exec(select(Kabupaten).order_by(Kabupaten.nama)):
        buat_pengguna(session, username=f"kabupaten.{_nama_login(kab.nama)}", nama=f"Kabupaten {kab.nama}",
                      password=DEMO_PASSWORD, role_kode="kabupaten", kabupaten_id=kab.id)
        n += 1
    buat_pengguna(session, username="admin", nama="Admin Sistem", password=DEMO_PASSWORD, role_kode="admin")
    return n + 1


def target_demo(session, tahun: int) -> None:
    """The year's targets of the shared IKU for every demo office, set by its Kasubag Evapor."""
    for kec in session.exec(select(Kecamatan).order_by(Kecamatan.nama)):
        evapor = session.exec(select(User).where(User.kecamatan_id == kec.id)
                              .where(User.role_kode == "kasubag_evapor")).first()
        for ind in iku_kantor(session, kec.id):
            if ind.kode in TARGET_DEMO and evapor is not None:
                tetapkan_target(session, indikator_id=ind.id, kecamatan_id=kec.id, tahun=tahun,
                                nilai=TARGET_DEMO[ind.kode], oleh=evapor)


class BasisDataTidakKosong(RuntimeError):
    """The demo is loaded only into an empty database."""


def basis_data_kosong(engine: Engine) -> bool:
    with session_scope(engine) as s:
        return (s.exec(select(func.count(Sop.id))).one() or 0) == 0


def muat_demo(engine: Engine, *, menit_per_hari: int = 480) -> str:
    """Fill an empty database with the demo; one transaction."""
    if not basis_data_kosong(engine):
        raise BasisDataTidakKosong("Basis data sudah berisi SOP; data demo hanya dimuat ke basis data kosong.")
    dokumen = [(p.name, p.read_text(encoding="utf-8")) for p in dokumen_seed()]
    with session_scope(engine) as s:
        hasil = impor_dokumen(s, dokumen, kurasi=kurasi_pelaksana(), menit_per_hari=menit_per_hari)
        pengguna = buat_pengguna_demo(s)
        pastikan_iku(s, iku_awal())
        for tahun in (periode.hari_ini().year - 1, periode.hari_ini().year):
            target_demo(s, tahun)
        catat(s, aksi="demo.muat", keterangan="data demo: SOP contoh dan pengguna per peran")
    disimpan = sum(1 for h in hasil if h.status in ("baru", "revisi"))
    kantor = len({h.prosedur.kecamatan for h in hasil if h.status == "baru"})
    return f"Data demo dimuat: {disimpan} SOP dari {kantor} kecamatan, {pengguna} pengguna (kata sandi {DEMO_PASSWORD})."
