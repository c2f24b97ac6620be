"""The demo database: the seed offices, their SOPs, and one user per role (seed/riwayat.py adds history)."""
from __future__ import annotations

import math
from datetime import datetime, timezone

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from models.akun.pengguna import KATA_SANDI_DEMO, buat_pengguna
from models.db import session_scope
from models.kinerja.iku import atur_pengumpul, iku_kantor, pastikan_iku, tetapkan_target
from models.sop.dokumen import kunci_nama
from models.sop.register import impor_dokumen
from models.tables import Indikator, Kabupaten, Kecamatan, Sop, SopLangkah, SopPelaksana, SopRevisi, User, utcnow
from models.umum import periode
from models.umum.audit import catat
from seed import dokumen_demo, dokumen_seed, iku_awal, kurasi_pelaksana
from seed.lkj_demo import bab_i_demo

# The year's targets (Perjanjian Kinerja) the demo offices start with, per kabupaten and IKU code.
TARGET_DEMO = {
    "Malang": {"IKU-1": 90.0, "IKU-2": 95.0, "IKU-3": 75.0, "IKU-7": 60.0},
    "Tanjung Jabung Barat": {"IKU-1": 85.0, "IKU-2": 90.0, "IKU-3": 70.0, "IKU-4": 10.0, "IKU-5": 24.0},
}
# The Rencana Aksi's quarterly targets of the offices' own count indicators (kumulatif: what should be reached by the
# end of each quarter), for the year's target above; another year's scale with its target.
TARGET_TRIWULAN_DEMO = {
    "Malang": {"IKU-7": (15.0, 30.0, 45.0, 60.0)},
    "Tanjung Jabung Barat": {"IKU-5": (6.0, 12.0, 18.0, 24.0)},
}


DEMO_PASSWORD = KATA_SANDI_DEMO
# Pihak kedua of each Camat's Perjanjian Kinerja, named by office as the demo accounts are ("Camat Poncokusumo").
BUPATI_DEMO = {"Malang": "Bupati Malang", "Tanjung Jabung Barat": "Bupati Tanjung Jabung Barat"}
# username prefix -> role: every role a demo office's SOPs name, plus the Camat, the Sekretaris, the three Kasi and
# a staff member; a Malang office also has the Kasubag Evapor, the Kasubag Umum and the Tim.
PENGGUNA_KANTOR = (
    ("camat", "camat", "Camat"), ("sekcam", "sekcam", "Sekretaris Camat"), ("evapor", "kasubag_evapor", "Kasubag Evapor"),
    ("umum", "kasubag_umum", "Kasubag Umum"), ("renkeu", "kasubag_renkeu", "Kasubag Perencanaan dan Keuangan"),
    ("analis", "analis_perencanaan", "Analis Perencanaan"), ("kasipem", "kasi_pem", "Kasi Pemerintahan"),
    ("kasiekbang", "kasi_ekbang", "Kasi Ekbang"), ("kasitrantib", "kasi_trantib", "Kasi Trantib"),
    ("tim", "tim", "Tim Akuntabilitas Kinerja"), ("staf", "staf", "Staf"),
)
PERAN_DASAR = frozenset({"camat", "sekcam", "kasi_pem", "kasi_ekbang", "kasi_trantib", "staf"})
PERAN_KABUPATEN = {"Malang": frozenset({"kasubag_evapor", "kasubag_umum", "tim"})}

# A synthetic kabupaten (seed/sintetis.py), added to try the product at a province's scale, is named after the real
# kabupaten whose configuration and histories it copies: "Sintetis Malang 01"; its offices are "Sintetis 01-07".
AWALAN_SINTETIS = "Sintetis"


def nama_kabupaten_sintetis(pola: str, nomor: int) -> str:
    return f"{AWALAN_SINTETIS} {pola} {nomor:02d}"


def pola_kabupaten(nama: str) -> str:
    """The real kabupaten whose demo configuration a kabupaten follows: itself, or the one a synthetic name carries.

    >>> pola_kabupaten("Malang"), pola_kabupaten("Sintetis Tanjung Jabung Barat 03")
    ('Malang', 'Tanjung Jabung Barat')
    """
    if nama.startswith(AWALAN_SINTETIS + " "):
        return nama[len(AWALAN_SINTETIS) + 1:].rsplit(" ", 1)[0]
    return nama


def nama_login(teks: str) -> str:
    """An office's name as it ends its demo usernames: "Sumbermanjing Wetan" → "sumbermanjingwetan"."""
    return "".join(teks.lower().split())


def peran_kantor(session, kec: Kecamatan) -> frozenset[str]:
    """The roles a demo office has people in: the basic ones, its kabupaten's, and every role its SOPs name."""
    kab = session.get(Kabupaten, kec.kabupaten_id)
    disebut = set(session.exec(select(SopPelaksana.role_kode).join(SopLangkah, SopLangkah.id == SopPelaksana.langkah_id)
                               .join(SopRevisi, SopRevisi.id == SopLangkah.revisi_id)
                               .join(Sop, Sop.id == SopRevisi.sop_id).where(Sop.kecamatan_id == kec.id)))
    return PERAN_DASAR | PERAN_KABUPATEN.get(pola_kabupaten(kab.nama), frozenset()) | (disebut - {"kasi_terkait"})


def buat_pengguna_kantor(session, kec: Kecamatan, *, oleh: User | None = None) -> list[User]:
    """One demo user per role of one kecamatan ("camat.poncokusumo", ...); password demo12345."""
    peran = peran_kantor(session, kec)
    return [buat_pengguna(session, username=f"{awalan}.{nama_login(kec.nama)}", nama=f"{jabatan} {kec.nama}",
                          password=DEMO_PASSWORD, role_kode=role, kecamatan_id=kec.id, oleh=oleh)
            for awalan, role, jabatan in PENGGUNA_KANTOR if role in peran]


def buat_pengguna_demo(session) -> int:
    """The demo users of each office, one per kabupaten, and the admin; password demo12345."""
    n = 0
    for kec in session.exec(select(Kecamatan).order_by(Kecamatan.nama)):
        n += len(buat_pengguna_kantor(session, kec))
    for kab in session.exec(select(Kabupaten).order_by(Kabupaten.nama)):
        buat_pengguna_kabupaten(session, kab)
        buat_evaluator_kabupaten(session, kab)
        n += 2
    buat_pengguna(session, username="admin", nama="Admin Sistem", password=DEMO_PASSWORD, role_kode="admin")
    return n + 1


def buat_pengguna_kabupaten(session, kab: Kabupaten) -> User:
    """The kabupaten's demo user ("kabupaten.malang"); password demo12345."""
    return buat_pengguna(session, username=f"kabupaten.{nama_login(kab.nama)}", nama=f"Kabupaten {kab.nama}",
                         password=DEMO_PASSWORD, role_kode="kabupaten", kabupaten_id=kab.id)


# The demo evaluators: a person each, who signs the LHE as the Inspektur (fictional names and NIP).
EVALUATOR_DEMO = {"Malang": ("Drs. Heru Santoso, M.Si.", "196805121994031007"),
                  "Tanjung Jabung Barat": ("Hj. Nurhasanah, S.E., M.M.", "197203081998032004")}


def buat_evaluator_kabupaten(session, kab: Kabupaten) -> User:
    """The kabupaten's Inspektorat evaluator of the Evaluasi AKIP ("inspektorat.malang"); password demo12345."""
    nama, nip = EVALUATOR_DEMO.get(kab.nama, (f"Inspektorat Kabupaten {kab.nama}", None))
    u = buat_pengguna(session, username=f"inspektorat.{nama_login(kab.nama)}", nama=nama, password=DEMO_PASSWORD,
                      role_kode="evaluator", kabupaten_id=kab.id)
    u.nip, u.jabatan = nip, f"Inspektur Kabupaten {kab.nama}"
    session.add(u)
    return u


def pengatur_target(session, kecamatan_id: int) -> User | None:
    """The office's user who sets its targets: the Kasubag Evapor, else the Kasubag Perencanaan dan Keuangan."""
    for role in ("kasubag_evapor", "kasubag_renkeu"):
        u = session.exec(select(User).where(User.kecamatan_id == kecamatan_id).where(User.role_kode == role)
                         .where(User.aktif == True).order_by(User.id)).first()  # noqa: E712
        if u is not None:
            return u
    return None


def target_demo(session, tahun: int) -> None:
    """The year's targets of the shared IKU for every demo office, set by its target setter in the second week of
    January, when the Perjanjian Kinerja is signed (or now, for a year that has not yet reached it)."""
    pada = min(datetime(tahun, 1, 12, 2, 0, tzinfo=timezone.utc), utcnow())
    for kec in session.exec(select(Kecamatan).order_by(Kecamatan.nama)):
        nilai = TARGET_DEMO.get(session.get(Kabupaten, kec.kabupaten_id).nama, {})
        oleh = pengatur_target(session, kec.id)
        for ind in iku_kantor(session, kec.id):
            if ind.kode in nilai and oleh is not None:
                tetapkan_target(session, indikator_id=ind.id, kecamatan_id=kec.id, tahun=tahun,
                                nilai=nilai[ind.kode], oleh=oleh, pada=pada)
                target_triwulan_demo(session, kec, ind, tahun, nilai[ind.kode], oleh=oleh, pada=pada)


def target_triwulan_demo(session, kec: Kecamatan, ind: Indikator, tahun: int, target_tahun: float, *, oleh: User,
                         pada: datetime) -> None:
    """The Rencana Aksi's quarterly targets of an indicator the demo gives them (TARGET_TRIWULAN_DEMO), scaled to
    the year's target and rounded to whole units."""
    pola = TARGET_TRIWULAN_DEMO.get(pola_kabupaten(session.get(Kabupaten, kec.kabupaten_id).nama), {})
    if ind.kode not in pola:
        return
    dasar = pola[ind.kode]
    for n, x in enumerate(dasar, start=1):
        tetapkan_target(session, indikator_id=ind.id, kecamatan_id=kec.id, tahun=tahun, triwulan=n, oleh=oleh,
                        nilai=float(math.floor(x * target_tahun / dasar[-1] + 0.5)), pada=pada)


def pengumpulan_demo(session, kec: Kecamatan) -> None:
    """Indicators the seed says are collected per quarter (`sop_per_triwulan`): the office collects them through
    its SOP of that name, all together each quarter, when it has one."""
    kab = session.get(Kabupaten, kec.kabupaten_id)
    for d in iku_awal():
        if d["kabupaten"] != pola_kabupaten(kab.nama) or not d.get("sop_per_triwulan"):
            continue
        sop = session.exec(select(Sop).where(Sop.kecamatan_id == kec.id).where(Sop.kunci == kunci_nama(d["sop"]))).first()
        pemilik = (Indikator.kecamatan_id == kec.id) if d.get("kecamatan") else (Indikator.kabupaten_id == kab.id)
        if d.get("kecamatan") not in (None, kec.nama):
            continue
        ind = session.exec(select(Indikator).where(pemilik).where(Indikator.kode == d["kode"])).first()
        if sop is not None and ind is not None:
            atur_pengumpul(session, kecamatan_id=kec.id, indikator_id=ind.id, sop_id=sop.id, per_triwulan=True,
                           oleh=None)


class BasisDataTidakKosong(RuntimeError):
    """The demo is loaded only into an empty database."""


def basis_data_kosong(engine: Engine) -> bool:
    with session_scope(engine) as s:
        return (s.exec(select(func.count(Sop.id))).one() or 0) == 0


def muat_demo(engine: Engine, *, menit_per_hari: int = 480) -> str:
    """Fill an empty database with the demo; one transaction."""
    if not basis_data_kosong(engine):
        raise BasisDataTidakKosong("Basis data sudah berisi SOP; data demo hanya dimuat ke basis data kosong.")
    dokumen = [(p.name, p.read_text(encoding="utf-8")) for p in dokumen_seed() + dokumen_demo()]
    with session_scope(engine) as s:
        hasil = impor_dokumen(s, dokumen, kurasi=kurasi_pelaksana(), menit_per_hari=menit_per_hari)
        pengguna = buat_pengguna_demo(s)
        pastikan_iku(s, iku_awal())
        for kab in s.exec(select(Kabupaten).where(col(Kabupaten.nama).in_(list(BUPATI_DEMO)))).all():
            kab.bupati_nama = kab.bupati_nama or BUPATI_DEMO[kab.nama]
        for kec in s.exec(select(Kecamatan).order_by(Kecamatan.nama)).all():
            pengumpulan_demo(s, kec)
        for tahun in (periode.hari_ini().year - 1, periode.hari_ini().year):
            target_demo(s, tahun)
        # The LKj's Bab I, written in January for last year's report and carried over to later years.
        tahun_lalu = periode.hari_ini().year - 1
        bab_i_demo(s, tahun_lalu, min(datetime(tahun_lalu + 1, 1, 12, 2, 0, tzinfo=timezone.utc), utcnow()))
        catat(s, aksi="demo.muat", keterangan="data demo: SOP contoh dan pengguna per peran")
    disimpan = sum(1 for h in hasil if h.status in ("baru", "revisi"))
    kantor = len({h.prosedur.kecamatan for h in hasil if h.status == "baru"})
    return f"Data demo dimuat: {disimpan} SOP dari {kantor} kecamatan, {pengguna} pengguna (kata sandi {DEMO_PASSWORD})."
