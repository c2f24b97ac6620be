"""An office's people from a spreadsheet: one account per row (nama, NIP, jabatan, username), each with the role its
jabatan maps to (the alias table the SOP columns use), previewed first, created all or nothing, each with a
first-login password the person replaces at their first sign-in.

The admin imports for any office; a kabupaten user for the offices of its kabupaten. Every problem is named by its
row, and nothing is written while one remains.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from openpyxl import Workbook
from sqlmodel import Session, col, select

from models.akun.pengguna import buat_pengguna, lingkup
from models.akun.peran import ALIAS_PER_KUNCI, PERAN_KANTOR, kunci_label
from models.tables import Kecamatan, RoleAlias, User
from models.umum.audit import catat
from models.umum.lembar_kerja import baca_baris, buka_xlsx, simpan_xlsx
from models.umum.nip import baca_nip, format_nip
from models.umum.penolakan import Ditolak

KOLOM = ("nama", "nip", "jabatan", "username")
KEPALA = ("Nama", "NIP", "Jabatan", "Username")
MAKS_BARIS = 300
POLA_USERNAME = re.compile(r"[a-z0-9._-]{3,80}")
HURUF_SANDI = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I to misread
PESAN_LINGKUP = "Kecamatan ini di luar lingkup Anda."
PERAN_IMPOR = frozenset({"admin", "kabupaten"})
PESAN_PERAN = "Hanya Admin atau pengguna kabupaten yang dapat mengimpor pegawai."




@dataclass
class BarisPegawai:
    baris: int  # the sheet's row number
    nama: str
    nip: str | None  # 18 digits, spaces removed
    jabatan: str
    username: str
    role_kode: str | None
    pesan: list[str] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        return not self.pesan


@dataclass
class PratinjauPegawai:
    kecamatan_id: int
    baris: list[BarisPegawai]
    masalah: list[str] = field(default_factory=list)  # the sheet's own

    @property
    def semua_masalah(self) -> list[str]:
        return [*self.masalah, *(p for b in self.baris for p in b.pesan)]

    @property
    def bersih(self) -> bool:
        return bool(self.baris) and not self.semua_masalah


def templat_xlsx() -> bytes:
    """The sheet to fill: its header row and one example row to overwrite."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append(KEPALA)
    ws.append(("Nama Lengkap, S.Sos", "19800101 200501 1 001", "Sekretaris Camat", "nama.pengguna"))
    for kolom, lebar in zip("ABCD", (34, 24, 30, 22)):
        ws.column_dimensions[kolom].width = lebar
    return simpan_xlsx(wb)


def _teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split())


def _periksa_kantor(session: Session, kecamatan_id: int | None, oleh: User) -> Kecamatan:
    if oleh.role_kode not in PERAN_IMPOR:
        raise PermissionError(PESAN_PERAN)
    kec = session.get(Kecamatan, kecamatan_id) if kecamatan_id else None
    if kec is None:
        raise Ditolak("Pilih kecamatan yang pegawainya diimpor.")
    ids = lingkup(session, oleh).kecamatan_ids
    if ids is not None and kec.id not in ids:
        raise PermissionError(PESAN_LINGKUP)
    return kec


def baca_pegawai(session: Session, data: bytes, *, kecamatan_id: int | None, oleh: User) -> PratinjauPegawai:
    """Read and check the sheet for one office; nothing is written."""
    kec = _periksa_kantor(session, kecamatan_id, oleh)
    try:
        wb = buka_xlsx(data)
        isi = baca_baris(wb, wb.sheetnames[0], baris=MAKS_BARIS + 2, kolom=len(KOLOM))
    except Ditolak as e:
        return PratinjauPegawai(kec.id, [], [str(e)])
    kepala = [_teks(v).lower() for v in (isi[0] if isi else ())]
    if [k for k in kepala[:4]] != list(KOLOM):
        return PratinjauPegawai(kec.id, [], ["Baris 1 harus berisi kolom Nama, NIP, Jabatan, Username (unduh "
                                             "templatnya dari halaman ini)."])
    alias = {**ALIAS_PER_KUNCI, **{a.kunci: a.role_kode for a in session.exec(select(RoleAlias))}}
    ada_username = set(session.exec(select(User.username)).all())
    ada_nip = {nip: u for nip, u in session.exec(select(User.nip, User.username).where(col(User.nip).is_not(None)))}
    hasil = PratinjauPegawai(kec.id, [])
    username_baris: dict[str, int] = {}
    nip_baris: dict[str, int] = {}
    for n, row in enumerate(isi[1:], start=2):
        nama, nip_teks, jabatan, username = (_teks(v) for v in (list(row) + [None] * 4)[:4])
        if not any((nama, nip_teks, jabatan, username)):
            continue
        if n > MAKS_BARIS + 1:
            hasil.masalah.append(f"Lembar berisi lebih dari {MAKS_BARIS} pegawai; bagi menjadi beberapa berkas.")
            break
        username = username.lower()
        try:
            nip, nip_salah = baca_nip(nip_teks), None
        except ValueError as e:
            nip, nip_salah = None, str(e)
        role = alias.get(kunci_label(jabatan)) if jabatan else None
        b = BarisPegawai(n, nama, nip, jabatan, username, role if role in PERAN_KANTOR else None)
        if not nama:
            b.pesan.append(f"Baris {n}: nama wajib diisi.")
        if nip_salah:
            b.pesan.append(f"Baris {n}: {nip_salah}")
        elif nip is not None and nip in nip_baris:
            b.pesan.append(f"Baris {n}: NIP {format_nip(nip)} sama dengan baris {nip_baris[nip]}.")
        elif nip is not None and nip in ada_nip:
            b.pesan.append(f'Baris {n}: NIP {format_nip(nip)} sudah dipakai akun "{ada_nip[nip]}".')
        if not jabatan:
            b.pesan.append(f"Baris {n}: jabatan wajib diisi.")
        elif b.role_kode is None:
            b.pesan.append(f'Baris {n}: jabatan "{jabatan}" belum dikenal; gunakan jabatan seperti pada kolom '
                           "pelaksana SOP (mis. Camat, Sekretaris Camat, Kasubag Evapor, Kasi Pemerintahan, Staf).")
        if not POLA_USERNAME.fullmatch(username):
            b.pesan.append(f'Baris {n}: nama pengguna "{username}" hanya boleh huruf kecil, angka, titik, garis '
                           "bawah atau tanda hubung (3–80 karakter).")
        elif username in username_baris:
            b.pesan.append(f'Baris {n}: nama pengguna "{username}" sama dengan baris {username_baris[username]}.')
        elif username in ada_username:
            b.pesan.append(f'Baris {n}: nama pengguna "{username}" sudah dipakai.')
        username_baris.setdefault(username, n)
        if nip:
            nip_baris.setdefault(nip, n)
        hasil.baris.append(b)
    if not hasil.baris and not hasil.masalah:
        hasil.masalah.append("Lembar tidak berisi pegawai (isi mulai baris 2).")
    return hasil


def sandi_awal() -> str:
    """A first-login password: 10 characters nobody misreads when it is handed over on paper."""
    return "".join(secrets.choice(HURUF_SANDI) for _ in range(10))


def simpan_pegawai(session: Session, data: bytes, *, kecamatan_id: int | None,
                   oleh: User) -> list[tuple[User, str]]:
    """Create every account of a clean sheet in the caller's transaction (the sheet is read again: what is saved
    is what is checked); any problem refuses the whole sheet. Returns each account with its first-login password,
    shown once and never stored in the clear."""
    pr = baca_pegawai(session, data, kecamatan_id=kecamatan_id, oleh=oleh)
    if not pr.bersih:
        raise Ditolak("Belum ada akun yang dibuat: " + " ".join(pr.semua_masalah or ["lembar kosong."])
                                  + " Perbaiki lembarnya lalu unggah lagi.")
    hasil = []
    for b in pr.baris:
        sandi = sandi_awal()
        try:
            u = buat_pengguna(session, username=b.username, nama=b.nama, password=sandi, role_kode=b.role_kode or "",
                              kecamatan_id=pr.kecamatan_id, oleh=oleh)
        except Ditolak as e:
            raise Ditolak(f"Baris {b.baris}: {e} Belum ada akun yang dibuat.") from None
        u.nip, u.jabatan, u.ganti_sandi = b.nip, b.jabatan, True
        session.add(u)
        hasil.append((u, sandi))
    session.flush()
    catat(session, aksi="pengguna.impor", oleh=oleh, objek="kecamatan", objek_id=pr.kecamatan_id,
          kecamatan_id=pr.kecamatan_id, sesudah={"akun": [u.username for u, _ in hasil]})
    return hasil
