"""The records of the whole product. Every piece of work is an execution of an SOP: an `Eksekusi` of one
revision of the office's SOP, with one `CatatanLangkah` per attempt at each step, whatever its subject (a
figure, an evaluation, a document).

Times are aware datetimes stored in UTC (SQLModel's UTCDateTime); each kecamatan carries its time zone for display and the work calendar.
Dates that offices print as a month only ("Januari 2022") are kept as ISO text (YYYY-MM or YYYY-MM-DD).
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, timezone
from typing import Any, Optional

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON))


# ---------------------------------------------------------------- offices, roles, people


class Kabupaten(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    nama: str = Field(max_length=120, unique=True)  # without the word "Kabupaten": "Malang"
    # Settings the kabupaten keeps (models.perencanaan.pengaturan); its capaian bands are PredikatKabupaten's.
    bupati_nama: Optional[str] = Field(default=None, max_length=160)  # pihak kedua of the Camat's Perjanjian Kinerja
    batas_rerata: float = 120.0  # averages and ranks across indicators count each capaian up to this, percent
    reviu_lkj: str = Field(default="sekcam", max_length=20)  # who reviews its offices' LKj: sekcam | inspektorat
    diubah_oleh: Optional[int] = None  # who last changed the settings (no foreign key: pengguna refers to kabupaten)
    diubah_pada: Optional[datetime] = None


class RpjmdKabupaten(SQLModel, table=True):
    """The day a kabupaten's RPJMD of a five-year period was set: its offices' Renstra of that period is due a month
    later. One row per period, so recording the next RPJMD leaves the earlier Renstra's due date as it was."""

    __table_args__ = (UniqueConstraint("kabupaten_id", "tahun_awal"),)
    id: int = Field(default=None, primary_key=True)
    kabupaten_id: int = Field(foreign_key="kabupaten.id", index=True)
    tahun_awal: int
    ditetapkan: date
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


class PredikatKabupaten(SQLModel, table=True):
    """The capaian bands a kabupaten judges by from a year on: a year is judged by the set with the latest
    `berlaku_mulai` not after it, so past years keep the bands they were judged by. None at all: the common scale."""

    __table_args__ = (UniqueConstraint("kabupaten_id", "berlaku_mulai"),)
    id: int = Field(default=None, primary_key=True)
    kabupaten_id: int = Field(foreign_key="kabupaten.id", index=True)
    berlaku_mulai: int
    # [{"nama": "Sangat Baik", "di_atas": 90, "warna": "#1a7f37"}, ...], highest first; the last has di_atas None.
    pita: list = _json_list()
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


class Kecamatan(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("kabupaten_id", "nama"),)
    id: int = Field(default=None, primary_key=True)
    kabupaten_id: int = Field(foreign_key="kabupaten.id", index=True)
    nama: str = Field(max_length=120)  # without the word "Kecamatan": "Poncokusumo"
    zona_waktu: str = Field(default="Asia/Jakarta", max_length=40)


class Role(SQLModel, table=True):
    kode: str = Field(primary_key=True, max_length=40)
    nama: str = Field(max_length=120)
    urutan: int = 0
    di_sop: bool = True
    dinamis: bool = False


class RoleAlias(SQLModel, table=True):
    """A label an SOP table prints for a role, compared in models.akun.peran.kunci_label form."""

    kunci: str = Field(primary_key=True, max_length=160)
    label: str = Field(max_length=160)
    role_kode: str = Field(foreign_key="role.kode")


class User(SQLModel, table=True):
    __tablename__ = "pengguna"  # "user" is reserved in PostgreSQL
    id: int = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True)
    nama: str = Field(max_length=160)
    password_hash: str = Field(max_length=255)
    role_kode: str = Field(foreign_key="role.kode")
    kecamatan_id: Optional[int] = Field(default=None, foreign_key="kecamatan.id", index=True)
    kabupaten_id: Optional[int] = Field(default=None, foreign_key="kabupaten.id", index=True)
    aktif: bool = True
    nip: Optional[str] = Field(default=None, max_length=18)  # the civil servant number, 18 digits
    jabatan: Optional[str] = Field(default=None, max_length=160)  # as the office writes it (signature blocks)
    ganti_sandi: bool = False  # signed in with a first-login password: must set their own first
    # Every session carries this token; a new one (logout, a password change or reset, deactivation) ends them all.
    sesi_token: str = Field(default_factory=lambda: secrets.token_hex(16), max_length=32)
    dibuat_pada: datetime = Field(default_factory=utcnow)


class PercobaanMasuk(SQLModel, table=True):
    """Login attempts counted per key within a window (models.akun.pembatas), and the devices known to have
    signed an account in; counted atomically before a password is checked."""

    kunci: str = Field(primary_key=True, max_length=200)
    jumlah: int = 0
    mulai: datetime


class HariLibur(SQLModel, table=True):
    """Cuti bersama and other days off an admin enters; national holidays come from the holidays library."""

    id: int = Field(default=None, primary_key=True)
    tanggal: date = Field(unique=True)
    keterangan: str = Field(max_length=200)
    dibuat_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")


# ---------------------------------------------------------------- the SOP register


class Sop(SQLModel, table=True):
    """One office's procedure; its revisions share this key and one of them is in force."""

    __table_args__ = (UniqueConstraint("kecamatan_id", "kunci"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    kunci: str = Field(max_length=300)  # models.sop.dokumen.kunci_nama of the name
    nama: str = Field(max_length=300)
    dibuat_pada: datetime = Field(default_factory=utcnow)


class SopRevisi(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("sop_id", "revisi_ke"),)
    id: int = Field(default=None, primary_key=True)
    sop_id: int = Field(foreign_key="sop.id", index=True)
    revisi_ke: int = 1
    berlaku: bool = True
    nama: str = Field(max_length=300)
    nomor: Optional[str] = Field(default=None, max_length=120)
    tanggal_pembuatan: Optional[str] = Field(default=None, max_length=10)
    tanggal_revisi: Optional[str] = Field(default=None, max_length=10)
    tanggal_efektif: Optional[str] = Field(default=None, max_length=10)
    disahkan_jabatan: Optional[str] = Field(default=None, max_length=200)
    disahkan_nama: Optional[str] = Field(default=None, max_length=200)
    disahkan_pangkat: Optional[str] = Field(default=None, max_length=120)
    disahkan_nip: Optional[str] = Field(default=None, max_length=40)
    dasar_hukum: list = _json_list()
    kualifikasi_pelaksana: list = _json_list()
    keterkaitan: list = _json_list()
    peralatan: list = _json_list()
    peringatan: Optional[str] = Field(default=None, sa_column=Column(Text))
    pencatatan: Optional[str] = Field(default=None, sa_column=Column(Text))
    pelaksana: list = _json_list()  # role columns as printed, in order
    judul_tabel: Optional[str] = Field(default=None, max_length=300)
    total_menit: int = 0
    total_tercetak: Optional[str] = Field(default=None, max_length=80)
    sumber: Optional[str] = Field(default=None, max_length=200)
    sidik: str = Field(max_length=64, index=True)  # sha256 of the parsed content
    diimpor_pada: datetime = Field(default_factory=utcnow)
    diimpor_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")


class SopLangkah(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("revisi_id", "urutan"),)
    id: int = Field(default=None, primary_key=True)
    revisi_id: int = Field(foreign_key="soprevisi.id", index=True)
    urutan: int  # 1..n in table order; "no" is the number as printed, which may restart
    no: str = Field(max_length=10)
    kegiatan: str = Field(sa_column=Column(Text, nullable=False))
    kelengkapan: str = Field(default="", sa_column=Column(Text, nullable=False))
    waktu: str = Field(max_length=60)
    waktu_menit: int
    output: str = Field(default="", sa_column=Column(Text, nullable=False))
    keterangan: str = Field(default="", sa_column=Column(Text, nullable=False))
    keputusan: bool = False
    kembali_ke_urutan: Optional[int] = None  # for a decision: the step a return goes back to


class SopPelaksana(SQLModel, table=True):
    """Who carries out a step (the curated assignment); the printed column label is kept beside the role."""

    __table_args__ = (UniqueConstraint("langkah_id", "role_kode"),)
    id: int = Field(default=None, primary_key=True)
    langkah_id: int = Field(foreign_key="soplangkah.id", index=True)
    role_kode: str = Field(foreign_key="role.kode")
    label: str = Field(max_length=160)
    urutan: int = 1  # a step with several actors passes through them in this order
    sumber: str = Field(default="saran", max_length=20)  # tanda (the Word file's flowchart marks) | kurasi | saran | admin


# ---------------------------------------------------------------- executions of SOPs


class Eksekusi(SQLModel, table=True):
    __table_args__ = (Index("ix_eksekusi_kantor_periode", "kecamatan_id", "tahun", "triwulan"),)
    id: int = Field(default=None, primary_key=True)
    revisi_id: int = Field(foreign_key="soprevisi.id", index=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id")
    subjek_jenis: str = Field(max_length=20)  # realisasi | evaluasi | dokumen
    subjek_id: Optional[int] = None
    judul: str = Field(max_length=300)
    tahun: int
    triwulan: Optional[int] = None
    status: str = Field(default="berjalan", max_length=20)  # berjalan | selesai | dibatalkan
    dimulai_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dimulai_pada: datetime = Field(default_factory=utcnow)
    selesai_pada: Optional[datetime] = None
    demo: bool = False


class CatatanLangkah(SQLModel, table=True):
    """One attempt at one step of an execution (StepRecord)."""

    __table_args__ = (Index("ix_catatan_terbuka", "eksekusi_id", "selesai_pada"),)
    id: int = Field(default=None, primary_key=True)
    eksekusi_id: int = Field(foreign_key="eksekusi.id", index=True)
    langkah_id: int = Field(foreign_key="soplangkah.id", index=True)
    percobaan: int = 1
    role_kode: str = Field(foreign_key="role.kode", index=True)
    diterima_pada: datetime
    dimulai_pada: Optional[datetime] = None
    selesai_pada: Optional[datetime] = None
    pelaku_id: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    hasil: Optional[str] = Field(default=None, max_length=20)  # selesai | disetujui | dikembalikan
    catatan: Optional[str] = Field(default=None, sa_column=Column(Text))
    bukti: list = _json_list()  # items of the step's kelengkapan ticked as present


# ---------------------------------------------------------------- indicators and figures


class Indikator(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    kabupaten_id: Optional[int] = Field(default=None, foreign_key="kabupaten.id", index=True)  # shared set
    kecamatan_id: Optional[int] = Field(default=None, foreign_key="kecamatan.id", index=True)  # office's own
    kode: str = Field(max_length=30)
    nama: str = Field(max_length=300)
    sasaran: Optional[str] = Field(default=None, sa_column=Column(Text))
    definisi: Optional[str] = Field(default=None, sa_column=Column(Text))
    satuan: str = Field(default="%", max_length=40)
    pembilang: str = Field(max_length=200)
    penyebut: Optional[str] = Field(default=None, max_length=200)
    polaritas: str = Field(default="positif", max_length=10)  # positif | negatif
    rumus_negatif: str = Field(default="2T-R", max_length=10)  # 2T-R | T/R
    agregasi: str = Field(default="kumulatif", max_length=12)  # kumulatif | terakhir | rata-rata
    batas_atas: Optional[float] = None  # optional cap on capaian, percent
    role_penanggung_jawab: Optional[str] = Field(default=None, foreign_key="role.kode")
    sop_kunci: Optional[str] = Field(default=None, max_length=300)  # the collection SOP, by kunci_nama
    aktif: bool = True


class Target(SQLModel, table=True):
    """A target value; a revision adds a row and marks the old one as no longer in force."""

    __table_args__ = (
        Index("ix_target_berlaku", "indikator_id", "kecamatan_id", "tahun", "triwulan", "berlaku"),
        # Exactly one target in force per indicator, office, year and quarter (the year's own: triwulan 0).
        Index("ux_target_satu_berlaku", "indikator_id", "kecamatan_id", "tahun", text("coalesce(triwulan, 0)"),
              unique=True, sqlite_where=text("berlaku"), postgresql_where=text("berlaku")),
    )
    id: int = Field(default=None, primary_key=True)
    indikator_id: int = Field(foreign_key="indikator.id")
    kecamatan_id: int = Field(foreign_key="kecamatan.id")
    tahun: int
    triwulan: Optional[int] = None  # None: the year's target from the Perjanjian Kinerja
    nilai: float
    berlaku: bool = True
    alasan: Optional[str] = Field(default=None, sa_column=Column(Text))
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)
    menggantikan_id: Optional[int] = Field(default=None, foreign_key="target.id")


class Realisasi(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("indikator_id", "kecamatan_id", "tahun", "triwulan"),)
    id: int = Field(default=None, primary_key=True)
    indikator_id: int = Field(foreign_key="indikator.id", index=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    tahun: int
    triwulan: int
    pembilang: Optional[float] = None
    penyebut: Optional[float] = None
    nilai: Optional[float] = None
    catatan: Optional[str] = Field(default=None, sa_column=Column(Text))
    bukti: list = _json_list()  # items of the first step's kelengkapan ticked as present
    status: str = Field(default="draf", max_length=20)  # draf | diajukan | dikembalikan | resmi | dibuka
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: Optional[datetime] = None
    versi: int = 1  # optimistic locking: a save names the version it read
    eksekusi_id: Optional[int] = Field(default=None, foreign_key="eksekusi.id")
    dibuat_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dibuat_pada: datetime = Field(default_factory=utcnow)
    disahkan_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    disahkan_pada: Optional[datetime] = None
    demo: bool = False


class PengumpulanIku(SQLModel, table=True):
    """Which of its SOPs an office collects an indicator with (instead of the kabupaten's default, Indikator.sop_kunci),
    and whether that SOP carries one indicator's quarter or all the indicators it collects in one quarter."""

    __table_args__ = (UniqueConstraint("kecamatan_id", "indikator_id"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    indikator_id: int = Field(foreign_key="indikator.id")
    sop_id: int = Field(foreign_key="sop.id")
    per_triwulan: bool = False
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


class TargetRenstra(SQLModel, table=True):
    """The end-of-period target of an IKU in an office's Renstra (e.g. 2025–2029)."""

    __table_args__ = (UniqueConstraint("indikator_id", "kecamatan_id", "tahun_akhir"),)
    id: int = Field(default=None, primary_key=True)
    indikator_id: int = Field(foreign_key="indikator.id")
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    tahun_awal: int
    tahun_akhir: int
    nilai: float
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


class Lampiran(SQLModel, table=True):
    """A file attached as evidence (to a figure, a follow-up or a step record)."""

    id: int = Field(default=None, primary_key=True)
    # realisasi | tindak_lanjut | catatan_langkah | perjanjian_kinerja | laporan_kinerja | jawaban_lke
    pemilik_jenis: str = Field(max_length=20)
    pemilik_id: int = Field(index=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id")
    nama_berkas: str = Field(max_length=255)
    jenis: str = Field(max_length=100)
    ukuran: int
    lokasi: str = Field(max_length=500)
    diunggah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diunggah_pada: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- the year's plan: Perjanjian Kinerja, Rencana Aksi, Anggaran


class PerjanjianKinerja(SQLModel, table=True):
    """One Perjanjian Kinerja of an office's year: the Camat's with the Bupati, or the Sekretaris Camat's or a
    Kasi's with the Camat (`role_kode`: pihak pertama). A PK perubahan (after a budget change) is a new row with
    the next `perubahan_ke`; the earlier ones stay as they were signed. `isi` freezes what was signed (sasaran,
    indicators, targets, programs and pagu, the names of both parties)."""

    __table_args__ = (UniqueConstraint("kecamatan_id", "tahun", "role_kode", "perubahan_ke"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    tahun: int
    role_kode: str = Field(foreign_key="role.kode")
    perubahan_ke: int = 0  # 0: the PK; 1, 2, ...: its revisions
    status: str = Field(default="draf", max_length=20)  # draf | ditandatangani
    alasan: Optional[str] = Field(default=None, sa_column=Column(Text))  # why a perubahan was made
    isi: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    eksekusi_id: Optional[int] = Field(default=None, foreign_key="eksekusi.id")
    dibuat_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dibuat_pada: datetime = Field(default_factory=utcnow)
    ditandatangani_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    ditandatangani_pada: Optional[datetime] = None  # when the signed scan was attached
    tanggal: Optional[date] = None  # the date printed on the signed document
    dipublikasikan_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dipublikasikan_pada: Optional[datetime] = None  # shown on the public page from then on (signed PKs only)


class IndikatorPk(SQLModel, table=True):
    """An indicator of a lower Perjanjian Kinerja (the Sekretaris Camat's, a Kasi's) for a year: its target and
    the Camat's IKU (and so sasaran) it supports."""

    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    tahun: int
    role_kode: str = Field(foreign_key="role.kode")
    indikator_id: int = Field(foreign_key="indikator.id")  # the IKU it supports
    nama: str = Field(max_length=300)
    satuan: str = Field(default="%", max_length=40)
    target: float
    urutan: int = 0
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


class RencanaAksi(SQLModel, table=True):
    """What the office plans and does in one quarter towards an IKU's target (the Rencana Aksi), and who."""

    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    indikator_id: int = Field(foreign_key="indikator.id")
    tahun: int
    triwulan: int
    kegiatan: str = Field(sa_column=Column(Text, nullable=False))
    role_kode: str = Field(foreign_key="role.kode")  # who carries it out
    terlaksana: Optional[str] = Field(default=None, sa_column=Column(Text))  # what was done, once done
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


class Anggaran(SQLModel, table=True):
    """One sub kegiatan of an office's DPA for a year, under its program and kegiatan: its pagu, what was spent in
    each quarter (not cumulative) and the sasaran it serves (as the office's IKU name it). Whole rupiah."""

    __table_args__ = (UniqueConstraint("kecamatan_id", "tahun", "kode_sub_kegiatan"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    tahun: int
    kode_program: str = Field(max_length=40)
    program: str = Field(max_length=300)
    kode_kegiatan: str = Field(max_length=40)
    kegiatan: str = Field(max_length=300)
    kode_sub_kegiatan: str = Field(max_length=40)
    sub_kegiatan: str = Field(max_length=300)
    sasaran: Optional[str] = Field(default=None, sa_column=Column(Text))
    pagu: int = Field(sa_column=Column(BigInteger, nullable=False))
    realisasi_1: Optional[int] = Field(default=None, sa_column=Column(BigInteger))
    realisasi_2: Optional[int] = Field(default=None, sa_column=Column(BigInteger))
    realisasi_3: Optional[int] = Field(default=None, sa_column=Column(BigInteger))
    realisasi_4: Optional[int] = Field(default=None, sa_column=Column(BigInteger))
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- the year's report: Laporan Kinerja


class LaporanKinerja(SQLModel, table=True):
    """An office's Laporan Kinerja (LKj) of a year: its numbers come from the engine when it is read or printed;
    this row holds its course (reviu, the Camat's signature with the signed scan as a Lampiran, publication)."""

    __table_args__ = (UniqueConstraint("kecamatan_id", "tahun"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    tahun: int
    status: str = Field(default="draf", max_length=20)  # draf | direviu | ditandatangani
    eksekusi_id: Optional[int] = Field(default=None, foreign_key="eksekusi.id")
    reviu_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    reviu_pada: Optional[datetime] = None
    catatan_reviu: Optional[str] = Field(default=None, sa_column=Column(Text))
    ditandatangani_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    ditandatangani_pada: Optional[datetime] = None
    tanggal: Optional[date] = None  # the date printed on the signed report
    dipublikasikan_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dipublikasikan_pada: Optional[datetime] = None
    dibuat_pada: datetime = Field(default_factory=utcnow)


class TeksLkj(SQLModel, table=True):
    """One passage the office writes in its LKj of a year (`bagian`: e.g. "profil", "tugas_fungsi", "struktur",
    "isu_strategis", "penyebab", "upaya", "hambatan", "simpulan", "perbaikan"; per indicator where
    `indikator_id` is set), with who wrote it and when. Bab I's passages carry over from the year before."""

    __table_args__ = (UniqueConstraint("kecamatan_id", "tahun", "bagian", "indikator_id"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    tahun: int
    bagian: str = Field(max_length=40)
    indikator_id: Optional[int] = Field(default=None, foreign_key="indikator.id")
    isi: str = Field(sa_column=Column(Text, nullable=False))
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- the kabupaten's Evaluasi AKIP (LKE)


class Lke(SQLModel, table=True):
    """A Lembar Kerja Evaluasi a kabupaten adopts from a year on (components, sub-components with their weights,
    criteria with their answer scale; models.tindak_lanjut.lke reads and checks `isi`). None adopted: the
    regulation's, seed/lke.toml."""

    __table_args__ = (UniqueConstraint("kabupaten_id", "berlaku_mulai"),)
    id: int = Field(default=None, primary_key=True)
    kabupaten_id: int = Field(foreign_key="kabupaten.id", index=True)
    berlaku_mulai: int
    nama: str = Field(max_length=200)
    isi: dict = Field(default_factory=dict, sa_column=Column(JSON))
    dibuat_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dibuat_pada: datetime = Field(default_factory=utcnow)


class EvaluasiAkip(SQLModel, table=True):
    """The kabupaten's Evaluasi AKIP of one office's year: the LKE it is answered on (frozen in `lke` when
    opened), its course, and once final its score, predicate and LHE (recommendations: Evaluasi `evaluasi_id`)."""

    __table_args__ = (UniqueConstraint("kecamatan_id", "tahun"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    tahun: int
    lke: dict = Field(default_factory=dict, sa_column=Column(JSON))
    status: str = Field(default="mandiri", max_length=20)  # mandiri | reviu | final
    dikirim_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")  # the self-assessment sent
    dikirim_pada: Optional[datetime] = None
    evaluator_id: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    nilai: Optional[float] = None  # frozen when final
    predikat: Optional[str] = Field(default=None, max_length=2)
    temuan: Optional[str] = Field(default=None, sa_column=Column(Text))  # the LHE's findings
    tanggal_lhe: Optional[date] = None
    difinalkan_pada: Optional[datetime] = None
    dirilis_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dirilis_pada: Optional[datetime] = None  # the predicate shown on the public page from then on
    evaluasi_id: Optional[int] = Field(default=None, foreign_key="evaluasi.id")
    dibuat_pada: datetime = Field(default_factory=utcnow)


class JawabanLke(SQLModel, table=True):
    """One criterion of an Evaluasi AKIP: the office's answer with its note (proof: Lampiran "jawaban_lke"), the
    evaluator's answer and note, and the desk review's question when the criterion is sent back to the office."""

    __table_args__ = (UniqueConstraint("evaluasi_akip_id", "kode"),)
    id: int = Field(default=None, primary_key=True)
    evaluasi_akip_id: int = Field(foreign_key="evaluasiakip.id", index=True)
    kode: str = Field(max_length=20)  # "2.2.4": component.sub-component.criterion
    mandiri: Optional[str] = Field(default=None, max_length=2)  # Y | T | A..E
    catatan_mandiri: Optional[str] = Field(default=None, sa_column=Column(Text))
    mandiri_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    mandiri_pada: Optional[datetime] = None
    evaluator: Optional[str] = Field(default=None, max_length=2)
    catatan_evaluator: Optional[str] = Field(default=None, sa_column=Column(Text))
    evaluator_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    evaluator_pada: Optional[datetime] = None
    pertanyaan: Optional[str] = Field(default=None, sa_column=Column(Text))  # sent back with this question
    dikembalikan: bool = False  # waiting for the office's answer to `pertanyaan`


# ---------------------------------------------------------------- monitoring, evaluation, follow-up


class Evaluasi(SQLModel, table=True):
    """An evaluation whose recommendations are followed up: the office's own of a quarter (pemantauan, evaluasi)
    or the kabupaten's Evaluasi AKIP of a year (evaluasi_akip, no quarter: its LHE's recommendations)."""

    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    jenis: str = Field(max_length=20)  # pemantauan | evaluasi | evaluasi_akip
    tahun: int
    triwulan: Optional[int] = None  # None: an Evaluasi AKIP, of the whole year
    tanggal: Optional[date] = None
    peserta: Optional[str] = Field(default=None, sa_column=Column(Text))
    temuan: Optional[str] = Field(default=None, sa_column=Column(Text))
    berita_acara: Optional[str] = Field(default=None, sa_column=Column(Text))
    eksekusi_id: Optional[int] = Field(default=None, foreign_key="eksekusi.id")
    dibuat_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dibuat_pada: datetime = Field(default_factory=utcnow)
    demo: bool = False


class Rekomendasi(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    evaluasi_id: int = Field(foreign_key="evaluasi.id", index=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    teks: str = Field(sa_column=Column(Text, nullable=False))
    indikator_id: Optional[int] = Field(default=None, foreign_key="indikator.id")
    sop_id: Optional[int] = Field(default=None, foreign_key="sop.id")
    role_kode: str = Field(foreign_key="role.kode")
    user_id: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    jatuh_tempo: date
    status: str = Field(default="baru", max_length=20)  # baru|dalam proses|diserahkan|dikembalikan|diverifikasi|selesai
    dibuat_pada: datetime = Field(default_factory=utcnow)
    selesai_pada: Optional[datetime] = None


class TindakLanjut(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    rekomendasi_id: int = Field(foreign_key="rekomendasi.id", index=True)
    uraian: str = Field(sa_column=Column(Text, nullable=False))
    bukti: list = _json_list()
    oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    pada: datetime = Field(default_factory=utcnow)
    keputusan: Optional[str] = Field(default=None, max_length=20)  # diterima | dikembalikan
    alasan: Optional[str] = Field(default=None, sa_column=Column(Text))
    diperiksa_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diperiksa_pada: Optional[datetime] = None


class MonitoringSop(SQLModel, table=True):
    """The six-monthly "Monitoring Pelaksanaan SOP AP" row for one SOP."""

    __table_args__ = (UniqueConstraint("sop_id", "tahun", "semester"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    sop_id: int = Field(foreign_key="sop.id")
    tahun: int
    semester: int
    berjalan_baik: bool
    catatan: Optional[str] = Field(default=None, sa_column=Column(Text))
    tindakan: Optional[str] = Field(default=None, sa_column=Column(Text))
    penilai_id: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dinilai_pada: datetime = Field(default_factory=utcnow)


class EvaluasiSop(SQLModel, table=True):
    """The yearly evaluation of one SOP against the seven Yes/No criteria of PermenPAN-RB 35/2012."""

    __table_args__ = (UniqueConstraint("sop_id", "tahun"),)
    id: int = Field(default=None, primary_key=True)
    kecamatan_id: int = Field(foreign_key="kecamatan.id", index=True)
    sop_id: int = Field(foreign_key="sop.id")
    tahun: int
    mendorong_kinerja: bool
    mudah_dipahami: bool
    mudah_dilaksanakan: bool
    semua_dapat_berperan: bool
    mengatasi_permasalahan: bool
    menjawab_kebutuhan: bool
    sinergi: bool
    catatan: Optional[str] = Field(default=None, sa_column=Column(Text))
    penilai_id: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    dinilai_pada: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- the SAKIP calendar


class JadwalSakip(SQLModel, table=True):
    """One obligation of a kabupaten's SAKIP calendar: which SOP runs for it, how often, and by when it must end.

    Quarterly obligations are due `tenggat_hari_kerja` working days after the quarter's last day and open the day
    after it. Yearly and five-yearly ones open and are due on dates relative to the period's (first) year:
    (geser_tahun, bulan, tanggal), e.g. the Laporan Kinerja of 2026 due (+1, 2, 28) = 28 Februari 2027."""

    __table_args__ = (UniqueConstraint("kabupaten_id", "kewajiban"),)
    id: int = Field(default=None, primary_key=True)
    kabupaten_id: int = Field(foreign_key="kabupaten.id", index=True)
    kewajiban: str = Field(max_length=40)  # pengumpulan | pengukuran | pemantauan | evaluasi | renja | ...
    nama: str = Field(max_length=120)
    siklus: str = Field(max_length=12)  # triwulan | tahun | renstra
    sop_nama: Optional[str] = Field(default=None, max_length=300)  # the SOP that fulfils it, by name; None: none
    tenggat_hari_kerja: Optional[int] = None
    mulai_geser_tahun: Optional[int] = None
    mulai_bulan: Optional[int] = None
    mulai_tanggal: Optional[int] = None
    tenggat_geser_tahun: Optional[int] = None
    tenggat_bulan: Optional[int] = None
    tenggat_tanggal: Optional[int] = None
    urutan: int = 0
    diubah_oleh: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    diubah_pada: datetime = Field(default_factory=utcnow)


# ---------------------------------------------------------------- audit


class AuditLog(SQLModel, table=True):
    __table_args__ = (Index("ix_audit_objek", "objek", "objek_id"),)
    id: int = Field(default=None, primary_key=True)
    waktu: datetime = Field(default_factory=utcnow, index=True)
    user_id: Optional[int] = Field(default=None, foreign_key="pengguna.id")
    username: Optional[str] = Field(default=None, max_length=80)
    aksi: str = Field(max_length=60)
    objek: Optional[str] = Field(default=None, max_length=40)
    objek_id: Optional[int] = None
    kecamatan_id: Optional[int] = Field(default=None, foreign_key="kecamatan.id")
    sebelum: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    sesudah: Optional[dict] = Field(default=None, sa_column=Column(JSON))
    keterangan: Optional[str] = Field(default=None, sa_column=Column(Text))


# ---------------------------------------------------------------- the views' shared cache (models.umum.tembolok)


class VersiData(SQLModel, table=True):
    """One row: a counter raised after every commit that changed what the views show (a cached answer of an older
    version is never served)."""

    id: int = Field(default=1, primary_key=True)
    versi: int = Field(default=1, sa_column=Column(BigInteger, nullable=False))


class Tembolok(SQLModel, table=True):
    """A read-only view's answer as the browser receives it (zlib-compressed JSON), shared by every worker."""

    kunci: str = Field(primary_key=True, max_length=64)  # sha256 hex of the view, the user, the inputs, the day
    versi: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    dibuat: datetime = Field(default_factory=utcnow, index=True)
    nilai: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
