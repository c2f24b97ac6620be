"""An office's people from a spreadsheet: one account per row (nama, NIP, jabatan, username), each with the role its
jabatan maps to (the alias table the SOP columns use), previewed first, created all or nothing, each with a
first-login password the person replaces at their first sign-in.

The admin imports for any office; a kabupaten user for the offices of its kabupaten, and never a Camat or a
Sekretaris Camat (models.akun.pengguna.PERAN_TUNGGAL: the admin's, one active per office). Every problem is named by
its row, and nothing is written while one remains.

The preview says whether a username or NIP is taken only among the accounts of the caller's scope (their kabupaten's
offices and the kabupaten's own accounts): whether one exists elsewhere is not the caller's to learn, so an
existing username outside it reads as a made-up one. Saving refuses any taken one with the same neutral message;
so that saving cannot tell either, anyone but the admin names an office's accounts within the office's own
namespace, usernames ending in its suffix (`akhiran_kantor`, ".kalipare"): a taken one is then one of the office's.

A first-login password is shown once, to be printed as one slip per person; it is noted when and from which device
it was issued (models.akun.pembatas.terbitkan_sandi_awal): it expires after 72 hours and does not sign in from
that device, so it does not stay usable by whoever imported it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl import Workbook
from sqlmodel import Session, col, select

from models.akun.pengguna import (
    PERAN_TUNGGAL,
    baca_jabatan,
    baca_nama,
    baca_nip_akun,
    baca_username,
    buat_pengguna,
    lingkup,
)
from models.akun.peran import ALIAS_PER_KUNCI, NAMA_PERAN, PERAN_KANTOR, kunci_label
from models.akun.sandi import sandi_awal
from models.tables import Kabupaten, Kecamatan, RoleAlias, User
from models.umum.audit import catat
from models.umum.isian import nomor_id
from models.umum.lembar_kerja import baca_baris, buka_xlsx, simpan_xlsx
from models.umum.nip import format_nip
from models.umum.penolakan import Ditolak

KOLOM = ("nama", "nip", "jabatan", "username")
KEPALA = ("Nama", "NIP", "Jabatan", "Username")
MAKS_BARIS = 300
PESAN_LINGKUP = "Kecamatan ini di luar lingkup Anda."
PERAN_IMPOR = frozenset({"admin", "kabupaten"})
PESAN_PERAN = "Hanya Admin atau pengguna kabupaten yang dapat mengimpor pegawai."


def pesan_username_terpakai(baris: int, username: str) -> str:
    """The one message for a taken username, in the preview (within the caller's scope) and at saving (any)."""
    return f'Baris {baris}: nama pengguna "{username}" tidak dapat dipakai; pilih nama lain.'


def pesan_nip_terpakai(baris: int, nip: str) -> str:
    return f"Baris {baris}: NIP {format_nip(nip)} tidak dapat dipakai; periksa lagi NIP-nya."




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
        raise Ditolak(PESAN_PERAN)
    kec = session.get(Kecamatan, nomor_id(kecamatan_id, label="Kecamatan")) if kecamatan_id else None
    if kec is None:
        raise Ditolak("Pilih kecamatan yang pegawainya diimpor.")
    ids = lingkup(session, oleh).kecamatan_ids
    if ids is not None and kec.id not in ids:
        raise Ditolak(PESAN_LINGKUP)
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
    dalam = _akun_lingkup(session, oleh)
    ada_username = set(session.exec(select(User.username).where(dalam)).all())
    ada_nip = set(session.exec(select(User.nip).where(dalam).where(col(User.nip).is_not(None))).all())
    pemegang = {role: list(session.exec(select(User.username).where(User.kecamatan_id == kec.id)
                                        .where(User.role_kode == role).where(User.aktif == True)))  # noqa: E712
                for role in PERAN_TUNGGAL}
    admin = oleh.role_kode == "admin"
    akhiran = None if admin else akhiran_kantor(session, kec)
    hasil = PratinjauPegawai(kec.id, [])
    username_baris: dict[str, int] = {}
    nip_baris: dict[str, int] = {}
    tunggal_baris: dict[str, int] = {}
    for n, row in enumerate(isi[1:], start=2):
        nama, nip_teks, jabatan, username = (_teks(v) for v in (list(row) + [None] * 4)[:4])
        if not any((nama, nip_teks, jabatan, username)):
            continue
        if n > MAKS_BARIS + 1:
            hasil.masalah.append(f"Lembar berisi lebih dari {MAKS_BARIS} pegawai; bagi menjadi beberapa berkas.")
            break
        pesan: list[str] = []
        nama, nip, jabatan, username = (_baca(fungsi, nilai, pesan, n) for fungsi, nilai in (
            (baca_nama, nama), (baca_nip_akun, nip_teks), (baca_jabatan, jabatan), (baca_username, username)))
        role = alias.get(kunci_label(jabatan)) if jabatan else None
        b = BarisPegawai(n, nama or "", nip, jabatan or "", username or "", role if role in PERAN_KANTOR else None,
                         pesan)
        if nip is not None and nip in nip_baris:
            b.pesan.append(f"Baris {n}: NIP {format_nip(nip)} sama dengan baris {nip_baris[nip]}.")
        elif nip is not None and nip in ada_nip:
            b.pesan.append(pesan_nip_terpakai(n, nip))
        if not jabatan:
            if not any("Jabatan" in p for p in pesan):
                b.pesan.append(f"Baris {n}: jabatan wajib diisi.")
        elif b.role_kode is None:
            b.pesan.append(f'Baris {n}: jabatan "{jabatan}" belum dikenal; gunakan jabatan seperti pada kolom '
                           "pelaksana SOP (mis. Camat, Sekretaris Camat, Kasubag Evapor, Kasi Pemerintahan, Staf).")
        elif b.role_kode in PERAN_TUNGGAL:
            peran = NAMA_PERAN[b.role_kode]
            if not admin:
                b.pesan.append(f"Baris {n}: akun {peran} hanya dapat dibuat atau diganti oleh Admin (halaman "
                               "Pengguna).")
            elif b.role_kode in tunggal_baris:
                b.pesan.append(f"Baris {n}: {peran} sudah ada di baris {tunggal_baris[b.role_kode]}; satu kantor "
                               f"hanya punya satu {peran} aktif.")
            elif pemegang[b.role_kode]:
                b.pesan.append(f"Baris {n}: Kecamatan {kec.nama} sudah punya {peran} aktif "
                               f"({', '.join(pemegang[b.role_kode])}); penggantiannya di halaman Pengguna.")
            tunggal_baris.setdefault(b.role_kode, n)
        if username and akhiran and not username.endswith(akhiran):
            b.pesan.append(f'Baris {n}: nama pengguna "{username}" harus berakhir dengan "{akhiran}" (akun '
                           f"Kecamatan {kec.nama}), mis. \"{username.split('.')[0]}{akhiran}\".")
        elif username and username in username_baris:
            b.pesan.append(f'Baris {n}: nama pengguna "{username}" sama dengan baris {username_baris[username]}.')
        elif username and username in ada_username:
            b.pesan.append(pesan_username_terpakai(n, username))
        if username:
            username_baris.setdefault(username, n)
        if nip:
            nip_baris.setdefault(nip, n)
        hasil.baris.append(b)
    if not hasil.baris and not hasil.masalah:
        hasil.masalah.append("Lembar tidak berisi pegawai (isi mulai baris 2).")
    return hasil


def akhiran_kantor(session: Session, kec: Kecamatan) -> str:
    """The ending of the usernames of an office's accounts a non-admin imports: "." and the office's name in lower
    case letters and digits; with the kabupaten's the same way when another office in the database has that name.

    Kept to an office's namespace, a username a kabupaten user tries can only be taken by an account of that office,
    which the user may see: saving reveals nothing of other kabupaten."""
    def bersih(nama: str) -> str:
        return "".join(c for c in nama.lower() if c.isascii() and c.isalnum())

    sendiri = bersih(kec.nama)
    kembar = any(bersih(nama) == sendiri for nama in
                 session.exec(select(Kecamatan.nama).where(Kecamatan.id != kec.id)))
    if not kembar:
        return f".{sendiri}"
    kab = session.get(Kabupaten, kec.kabupaten_id)
    return f".{sendiri}.{bersih(kab.nama) if kab else kec.kabupaten_id}"


def _baca(fungsi, nilai: str, pesan: list[str], n: int):
    """One cell through the account's own check (models.akun.pengguna); its refusal becomes the row's message."""
    try:
        return fungsi(nilai)
    except Ditolak as e:
        pesan.append(f"Baris {n}: {e}")
        return None


def _akun_lingkup(session: Session, oleh: User):
    """The accounts whose usernames and NIPs the caller may learn of: every one for the admin; else those of the
    offices in the caller's scope and of the caller's own kabupaten."""
    ids = lingkup(session, oleh).kecamatan_ids
    if ids is None:
        return True
    return col(User.kecamatan_id).in_(ids) | (col(User.kabupaten_id) == oleh.kabupaten_id)


def simpan_pegawai(session: Session, data: bytes, *, kecamatan_id: int | None,
                   oleh: User, alamat: str | None = None) -> list[tuple[User, str]]:
    """Create every account of a clean sheet in the caller's transaction (the sheet is read again: what is saved
    is what is checked); any problem refuses the whole sheet. Returns each account with its first-login password,
    shown once and never stored in the clear; its issue (time, the issuing device `alamat`) is noted."""
    pr = baca_pegawai(session, data, kecamatan_id=kecamatan_id, oleh=oleh)
    if not pr.bersih:
        raise Ditolak("Belum ada akun yang dibuat: " + " ".join(pr.semua_masalah or ["lembar kosong."])
                                  + " Perbaiki lembarnya lalu unggah lagi.")
    semua_username = {b.username for b in pr.baris}
    terpakai = set(session.exec(select(User.username).where(col(User.username).in_(semua_username))).all())
    semua_nip = {b.nip for b in pr.baris if b.nip}
    nip_terpakai = set(session.exec(select(User.nip).where(col(User.nip).in_(semua_nip))).all()) if semua_nip \
        else set()
    for b in pr.baris:  # taken anywhere: the same message as the preview gives within the caller's scope
        if b.username in terpakai:
            raise Ditolak(pesan_username_terpakai(b.baris, b.username) + " Belum ada akun yang dibuat.")
        if b.nip in nip_terpakai:
            raise Ditolak(pesan_nip_terpakai(b.baris, b.nip or "") + " Belum ada akun yang dibuat.")
    hasil = []
    for b in pr.baris:
        sandi = sandi_awal(username=b.username, nama=b.nama)
        try:
            u = buat_pengguna(session, username=b.username, nama=b.nama, password=sandi, role_kode=b.role_kode or "",
                              kecamatan_id=pr.kecamatan_id, oleh=oleh, sandi_awal_dari=alamat or "-")
        except Ditolak as e:
            raise Ditolak(f"Baris {b.baris}: {e} Belum ada akun yang dibuat.") from None
        u.nip, u.jabatan = b.nip, b.jabatan
        session.add(u)
        hasil.append((u, sandi))
    session.flush()
    catat(session, aksi="pengguna.impor", oleh=oleh, objek="kecamatan", objek_id=pr.kecamatan_id,
          kecamatan_id=pr.kecamatan_id, sesudah={"akun": [u.username for u, _ in hasil]})
    return hasil
