"""DATA DEMO: a plausible DPA for the example office of each demo kabupaten (Poncokusumo, Muara Papalik), made for
the demo; not the offices' real budgets. Programs, kegiatan and sub kegiatan in the style of the Kepmendagri 050
nomenclature for kecamatan (urusan 7.01), pagu in the hundreds of millions, each sub kegiatan linked to a sasaran of
the office's IKU (seed/iku.toml), with the realisation of every quarter that has ended.

Written through the domain (models.perencanaan.anggaran.simpan_anggaran): checked and audited like a person's entry.
"""
from __future__ import annotations

import random
from datetime import date

from sqlmodel import Session, select

from models.perencanaan.anggaran import IsianAnggaran, baris_dpa, simpan_anggaran
from models.tables import Kecamatan, User
from models.umum.periode import akhir_triwulan

KANTOR_DPA = {"Malang": "Poncokusumo", "Tanjung Jabung Barat": "Muara Papalik"}

# The sasaran each kind of work serves, as each kabupaten's IKU name them (seed/iku.toml).
SASARAN = {
    "Malang": {
        "perencanaan": "Meningkatnya kualitas perencanaan pembangunan partisipatif di kecamatan",
        "pelayanan": "Meningkatnya kualitas pelayanan administrasi kependudukan",
        "desa": "Meningkatnya kualitas penyelenggaraan pemerintahan desa",  # Poncokusumo's own IKU-7
        "trantib": "Meningkatnya ketentraman dan ketertiban masyarakat",
    },
    "Tanjung Jabung Barat": {
        "perencanaan": "Meningkatnya kualitas perencanaan pembangunan partisipatif di kecamatan",
        "pelayanan": "Meningkatnya kualitas pelayanan administrasi terpadu kecamatan",
        "desa": "Meningkatnya kualitas penyelenggaraan pemerintahan desa",
        "trantib": "Meningkatnya ketenteraman dan ketertiban masyarakat",
    },
}

# (kode program, program, [(kode kegiatan, kegiatan, [(kode sub kegiatan, sub kegiatan, sasaran, pagu in millions)])])
DPA = (
    ("7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", (
        ("7.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", (
            ("7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "perencanaan", 85),
            ("7.01.01.2.01.0006", "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja "
                                  "SKPD", "perencanaan", 60),
            ("7.01.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "perencanaan", 45),
        )),
        ("7.01.01.2.08", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah", (
            ("7.01.01.2.08.0004", "Penyediaan Jasa Pelayanan Umum Kantor", "pelayanan", 240),
        )),
    )),
    ("7.01.02", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", (
        ("7.01.02.2.01", "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan", (
            ("7.01.02.2.01.0002", "Fasilitasi Pelayanan Administrasi Terpadu Kecamatan", "pelayanan", 180),
            ("7.01.02.2.01.0004", "Pembinaan dan Pengawasan Penyelenggaraan Pemerintahan Desa", "desa", 150),
        )),
        ("7.01.02.2.02", "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum", (
            ("7.01.02.2.02.0001", "Sinergi dengan Kepolisian, TNI dan Instansi Vertikal di Wilayah Kecamatan",
             "trantib", 120),
            ("7.01.02.2.02.0003", "Pembinaan Siskamling dan Poskamling", "trantib", 95),
        )),
    )),
    ("7.01.03", "Program Pemberdayaan Masyarakat Desa dan Kelurahan", (
        ("7.01.03.2.01", "Koordinasi Kegiatan Pemberdayaan Desa", (
            ("7.01.03.2.01.0001", "Fasilitasi Musyawarah Perencanaan Pembangunan Kecamatan", "perencanaan", 210),
            ("7.01.03.2.01.0003", "Fasilitasi Penyusunan Laporan Penyelenggaraan Pemerintahan Desa", "desa", 130),
        )),
    )),
)
# Share of the pagu spent in each quarter (drawn around these), as a kecamatan's budget usually runs: slow at the
# start of the year, most of it in the second half.
SERAPAN = ((0.08, 0.16), (0.20, 0.28), (0.22, 0.30), (0.24, 0.32))


def _ribu(x: float) -> int:
    return int(round(x / 1000.0)) * 1000


def buat_dpa(s: Session, kec: Kecamatan, *, kabupaten: str, tahun: list[int], hari_ini: date,
             rng: random.Random) -> int:
    """The office's DPA for each year (an existing year is left alone), with the realisation of every quarter
    ended before `hari_ini`. Returns the number of sub kegiatan written."""
    oleh = next((u for peran in ("kasubag_renkeu", "kasubag_evapor", "camat")
                 for u in s.exec(select(User).where(User.kecamatan_id == kec.id).where(User.role_kode == peran)
                                 .where(User.aktif == True))), None)  # noqa: E712
    if oleh is None:
        return 0
    sasaran = SASARAN[kabupaten]
    n = 0
    for th in tahun:
        if baris_dpa(s, kec.id, th):
            continue
        tumbuh = 1 + 0.06 * (th - tahun[0])
        for kode_p, program, kegiatan in DPA:
            for kode_k, nama_k, sub in kegiatan:
                for kode_s, nama_s, jenis, juta in sub:
                    pagu = _ribu(juta * 1_000_000 * tumbuh * rng.uniform(0.9, 1.1))
                    realisasi: list[int | None] = []
                    sisa = pagu * 0.985
                    for tw, (bawah, atas) in enumerate(SERAPAN, start=1):
                        if akhir_triwulan(th, tw) >= hari_ini:
                            realisasi.append(None)
                            continue
                        nilai = min(sisa, pagu * rng.uniform(bawah, atas))
                        realisasi.append(_ribu(max(0.0, nilai)))
                        sisa -= realisasi[-1] or 0
                    simpan_anggaran(s, kecamatan_id=kec.id, tahun=th, oleh=oleh, isian=IsianAnggaran(
                        kode_program=kode_p, program=program, kode_kegiatan=kode_k, kegiatan=nama_k,
                        kode_sub_kegiatan=kode_s, sub_kegiatan=nama_s, sasaran=sasaran[jenis], pagu=pagu,
                        realisasi=(realisasi[0], realisasi[1], realisasi[2], realisasi[3])))
                    n += 1
    return n


def dpa_kantor_contoh(s: Session, kantor: list[Kecamatan], *, kabupaten: str, tahun: list[int], hari_ini: date,
                      seed: int) -> int:
    """The DPA of the kabupaten's example office, when it is among `kantor`."""
    nama = KANTOR_DPA.get(kabupaten)
    return sum(buat_dpa(s, k, kabupaten=kabupaten, tahun=tahun, hari_ini=hari_ini,
                        rng=random.Random(f"{seed}/{kabupaten}/{k.nama}/dpa")) for k in kantor if k.nama == nama)
