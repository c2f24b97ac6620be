"""Reading SOP documents (PermenPAN-RB 35/2012) converted from Word to text.

Tables are tab-separated; the identity page is a two-column table with HTML fragments and may stand before or
after the procedure table (it is matched by its Nama SOP). Two table layouts are read: a "Pelaksana ... Mutu Baku"
header over a second header row of roles, and a single header row whose time column is "Waktu (menit)".

Pure: text in, dataclasses out; nothing here touches the database.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from models.sop.durasi import MENIT_PER_HARI_BAKU, parse_waktu
from models.sop.nomor import nomor_langkah
from models.umum.penolakan import Ditolak

BULAN = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
}


class DokumenTidakTerbaca(Ditolak):
    """A document that cannot be read; the message is Indonesian and names the file and the line."""

    def __init__(self, sumber: str, baris: int | None, pesan: str, *, letak: str | None = None) -> None:
        """`letak`: where in a Word document (e.g. "tabel 2 baris 5"), in place of a line number."""
        tempat = f"{sumber}, {letak}" if letak else (f"{sumber}, baris {baris}" if baris else sumber)
        super().__init__(f"{tempat}: {pesan}")
        self.sumber, self.baris, self.pesan, self.letak = sumber, baris, pesan, letak


@dataclass
class Langkah:
    no: str
    kegiatan: str
    kelengkapan: str
    waktu: str
    waktu_menit: int
    output: str
    keterangan: str
    keputusan: bool
    # The printed labels of the pelaksana columns whose cell holds a flowchart shape, in column order (a Word
    # document read by models.sop.docx_baca); empty when the document carries no marks.
    pelaksana_tanda: list[str] = field(default_factory=list)
    # Not part of the JSON contract: the line it was read from, the kinds of its shapes, and what their alternative
    # text says (the order the work passes through the marked columns; a decision's return step, by position).
    baris: int = field(default=0, repr=False, compare=False)
    bentuk: list[str] = field(default_factory=list, repr=False, compare=False)
    pelaksana_urut: list[str] = field(default_factory=list, repr=False, compare=False)
    kembali_ke: int | None = field(default=None, repr=False, compare=False)


KUNCI_LUAR_KONTRAK = ("baris", "bentuk", "pelaksana_urut", "kembali_ke")


@dataclass
class IdentitasSop:
    """The identity page of an SOP, declared once: what the reader gives (`Prosedur`) and what the printer lays out
    (models.sop.cetak_sop.SopCetak). `pangkat`, the approver's rank printed under the name, is not in the parse
    contract."""

    kabupaten: str | None
    kecamatan: str | None
    nomor: str | None
    nama: str
    tanggal_pembuatan: str | None
    tanggal_revisi: str | None
    tanggal_efektif: str | None
    disahkan_oleh: dict[str, str | None]  # "jabatan", "nama", "nip" of who approved it
    dasar_hukum: list[str]
    kualifikasi_pelaksana: list[str]
    keterkaitan: list[str]
    peralatan: list[str]
    peringatan: str | None
    pencatatan: str | None
    pangkat: str | None = field(default=None, repr=False, kw_only=True)


@dataclass
class Prosedur(IdentitasSop):
    pelaksana: list[str]
    langkah: list[Langkah]
    total_menit: int
    duplikat_dari: dict[str, str | None] | None = None
    # Not part of the JSON contract: where it came from, for messages and the catalog.
    sumber: str = field(default="", repr=False)
    baris: int = field(default=0, repr=False)
    judul_tabel: str = field(default="", repr=False)
    total_tercetak: str | None = field(default=None, repr=False)
    punya_identitas: bool = field(default=False, repr=False)
    letak: dict[int, str] = field(default_factory=dict, repr=False)  # a Word document's line → table and row

    def as_json(self) -> dict[str, Any]:
        """The parse contract: the fields above the line, in order."""
        data = asdict(self)
        for kunci in ("sumber", "baris", "judul_tabel", "total_tercetak", "pangkat", "punya_identitas", "letak"):
            data.pop(kunci)
        for lk in data["langkah"]:
            for kunci in KUNCI_LUAR_KONTRAK:
                lk.pop(kunci)
        return data

    def tempat(self, baris: int | None = None) -> str:
        """Where a line of this procedure is, for a message: "tabel 2 baris 5" in Word, "baris 40" in text."""
        baris = baris or self.baris
        return self.letak.get(baris) or f"baris {baris}"

    def sidik_langkah(self) -> tuple[tuple[str, ...], ...]:
        """What two procedures must share to be copies of each other: the steps as printed."""
        return tuple(
            (lk.no.rstrip("."), _kunci_teks(lk.kegiatan), _kunci_teks(lk.kelengkapan), _kunci_teks(lk.waktu),
             _kunci_teks(lk.output), _kunci_teks(lk.keterangan))
            for lk in self.langkah
        )


# ---------------------------------------------------------------- text helpers

_TAG = re.compile(r"<[^>]+>")


def bersihkan(teks: str | None) -> str:
    """Text of a cell without HTML tags, entities, markdown emphasis or a leading ':'; spaces folded."""
    if not teks:
        return ""
    teks = _TAG.sub(" ", teks)
    teks = html.unescape(teks).replace("\xa0", " ")
    teks = teks.replace("**", " ").strip()
    teks = " ".join(teks.split())
    teks = re.sub(r"^:\s*", "", teks)
    teks = re.sub(r"\s*:$", "", teks)
    return teks.strip()


def _kunci_teks(teks: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", teks.lower()).split())


def _daftar(teks: str) -> list[str]:
    """A list cell: <li> items, or "1. … 2. …" numbered items, or one line of text."""
    if not teks or not bersihkan(teks):
        return []
    butir = re.findall(r"<li[^>]*>(.*?)</li>", teks, flags=re.IGNORECASE | re.DOTALL)
    if not butir:
        polos = bersihkan(teks)
        butir = _pecah_bernomor(polos)
    hasil = []
    for b in butir:
        b = bersihkan(b)
        b = re.sub(r"^\d+[.)]\s+", "", b)
        if b:
            hasil.append(b)
    return hasil


def _pecah_bernomor(teks: str) -> list[str]:
    """Split "1. A 2. B 3. C" at enumerators that count up from 1; other numbers stay in the text."""
    posisi, berikut = [], 1
    for m in re.finditer(r"(?:^|\s)(\d+)\.\s", teks):
        if int(m.group(1)) == berikut:
            posisi.append(m.start(1))
            berikut += 1
    if len(posisi) < 1 or posisi[0] > 0:
        return [teks]
    posisi.append(len(teks))
    return [teks[a:b].strip() for a, b in zip(posisi, posisi[1:])]


def parse_tanggal(teks: str) -> str | None:
    """ISO date of "01 Januari 2016" (YYYY-MM-DD) or "Januari 2022" (YYYY-MM); None for empty or "-".

    >>> parse_tanggal("01 Agustus 2019"), parse_tanggal(": Februari 2022"), parse_tanggal("-")
    ('2019-08-01', '2022-02', None)
    """
    t = bersihkan(teks).strip(" -").lower()
    if not t:
        return None
    m = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", t)
    if m and m.group(2) in BULAN:
        hari, bulan, tahun = int(m.group(1)), BULAN[m.group(2)], int(m.group(3))
        try:
            return dt.date(tahun, bulan, hari).isoformat()
        except ValueError:
            raise ValueError(f'tanggal "{bersihkan(teks)}" tidak ada di kalender') from None
    m = re.fullmatch(r"([a-z]+)\s+(\d{4})", t)
    if m and m.group(1) in BULAN:
        return f"{int(m.group(2)):04d}-{BULAN[m.group(1)]:02d}"
    m = re.fullmatch(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})", t)
    if m:
        try:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            pass
    raise ValueError(f'tanggal "{bersihkan(teks)}" tidak dapat dibaca')


def _judul_case(nama: str) -> str:
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in nama.split())


def baca_kantor(teks: str) -> tuple[str | None, str | None]:
    """(kabupaten, kecamatan) named in an office header, title case, without the words Kabupaten/Kecamatan."""
    t = bersihkan(teks).upper()
    kab = re.search(r"\bKABUPATEN\s+([A-Z][A-Z .'-]*?)(?=\s+(?:KANTOR|KECAMATAN|KEC\.)\b|\s*$)", t)
    kec = re.search(r"\b(?:KECAMATAN|KANTOR CAMAT)\s+([A-Z][A-Z .'-]*?)(?=\s+(?:KABUPATEN|KAB\.)\b|\s*$)", t)
    return (
        _judul_case(kab.group(1).strip()) if kab else None,
        _judul_case(kec.group(1).strip()) if kec else None,
    )


def kantor_kop(baris: list[str]) -> tuple[str | None, str | None]:
    """(kabupaten, kecamatan) named by the lines of a letterhead, each line read on its own and the first name of
    each kind kept: "PEMERINTAH KABUPATEN MALANG" then "KECAMATAN PONCOKUSUMO", or both on one line; an address
    line naming its kecamatan later does not override the heading.

    >>> kantor_kop(["PEMERINTAH KABUPATEN MALANG", "KECAMATAN PONCOKUSUMO", "Jl. Raya No. 1, Kecamatan Tumpang"])
    ('Malang', 'Poncokusumo')
    >>> kantor_kop(["STANDAR OPERASIONAL PROSEDUR"])
    (None, None)
    """
    kab = kec = None
    for teks in baris:
        k, c = baca_kantor(teks)
        kab, kec = kab or k, kec or c
    return kab, kec


KOP_DI_ATAS = 4  # the heading lines read above an identity block that does not name its office


def _kop_di_atas(baris: list[str], mulai: int) -> tuple[str | None, str | None]:
    """The office named by the paragraphs right above line `mulai` (a heading over the identity table), up to
    KOP_DI_ATAS of them and never past a table row."""
    kop: list[str] = []
    for j in range(mulai - 1, -1, -1):
        if "\t" in baris[j] or len(kop) == KOP_DI_ATAS:
            break
        if baris[j].strip():
            kop.insert(0, baris[j])
    return kantor_kop(kop)


def kunci_nama(nama: str) -> str:
    """The form an SOP name is matched in: no "Standar Operasional Prosedur"/"SOP"/"Prosedur" prefix, no case.

    >>> kunci_nama("**Prosedur Pengumpulan Data Kinerja**")
    'pengumpulan data kinerja'
    """
    t = _kunci_teks(bersihkan(nama))
    t = re.sub(r"^(standar t? operasional prosedur|standart? operating procedure|standar operasional prosedur)\s*", "", t)
    t = re.sub(r"^(sop\s+)?(prosedur\s+)?", "", t)
    return t.strip()


# ---------------------------------------------------------------- decision steps

_KEPUTUSAN = (
    r"\bjika\s+setuju\b",
    r"\b(jika|apabila|bila)\s+tidak\b",
    r"\bapakah\b.*\batau\b",
    r"\bmelakukan\s+persetujuan\b",
    r"\b(jika|apabila)\s+terdapat\s+permasalahan\b",
)


def apakah_keputusan(kegiatan: str) -> bool:
    """True when the step decides between going on and returning the work for correction.

    >>> apakah_keputusan("Memeriksa konsep Renja. Jika setuju, diserahkan kepada Tim. Jika tidak, diperbaiki.")
    True
    >>> apakah_keputusan("Menyusun konsep Renja")
    False
    """
    t = kegiatan.lower()
    return any(re.search(p, t) for p in _KEPUTUSAN)


# ---------------------------------------------------------------- the reader


@dataclass
class _Identitas:
    baris: int
    kabupaten: str | None = None
    kecamatan: str | None = None
    nomor: str | None = None
    nama: str | None = None
    tanggal_pembuatan: str | None = None
    tanggal_revisi: str | None = None
    tanggal_efektif: str | None = None
    disahkan: dict[str, str | None] = field(default_factory=lambda: {"jabatan": None, "nama": None, "nip": None})
    pangkat: str | None = None
    dasar_hukum: list[str] = field(default_factory=list)
    kualifikasi_pelaksana: list[str] = field(default_factory=list)
    keterkaitan: list[str] = field(default_factory=list)
    peralatan: list[str] = field(default_factory=list)
    peringatan: str | None = None
    pencatatan: str | None = None
    dipakai: bool = False


@dataclass
class _Tabel:
    baris: int
    judul: str
    pelaksana: list[str]
    langkah: list[Langkah]
    total_tercetak: str | None


_LABEL_IDENTITAS = {
    "nomor sop": "nomor",
    "no sop": "nomor",
    "tanggal pembuatan": "tanggal_pembuatan",
    "tgl pembuatan": "tanggal_pembuatan",
    "tanggal revisi": "tanggal_revisi",
    "tgl revisi": "tanggal_revisi",
    "tanggal efektif": "tanggal_efektif",
    "tgl efektif": "tanggal_efektif",
    "tanggal pengesahan": "tanggal_efektif",
    "tgl pengesahan": "tanggal_efektif",
    "disahkan oleh": "disahkan",
    "nama sop": "nama",
}
_PASANGAN = {
    ("dasar hukum", "kualifikasi pelaksana"): ("dasar_hukum", "kualifikasi_pelaksana"),
    ("keterkaitan", "peralatan perlengkapan"): ("keterkaitan", "peralatan"),
    ("peringatan", "pencatatan dan pendataan"): ("peringatan", "pencatatan"),
}
_TEKS_TUNGGAL = {"peringatan", "pencatatan"}


def _sel(baris: str) -> list[str]:
    return baris.rstrip("\r\n").split("\t")


def _label(teks: str) -> str:
    return _kunci_teks(bersihkan(teks).rstrip(":"))


def _baca_pengesah(teks: str) -> tuple[dict[str, str | None], str | None]:
    """{jabatan, nama, nip} and the pangkat from the "Disahkan oleh" cell."""
    nip_m = re.search(r"\bNIP\.?\s*:?\s*([\d ]+\d)", html.unescape(_TAG.sub(" ", teks)), flags=re.IGNORECASE)
    nip = " ".join(nip_m.group(1).split()) if nip_m else None
    nama_m = re.search(r"<(u|del|strong)>(.*?)</\1>", teks, flags=re.IGNORECASE | re.DOTALL)
    polos = bersihkan(teks)
    polos_tanpa_nip = re.split(r"\bNIP\b", polos, flags=re.IGNORECASE)[0].strip()
    jabatan: str | None
    nama: str | None
    pangkat: str | None
    if nama_m:
        nama = bersihkan(nama_m.group(2))
        awal = bersihkan(teks[: nama_m.start()])
        akhir = bersihkan(teks[nama_m.end():])
        akhir = re.split(r"\bNIP\b", akhir, flags=re.IGNORECASE)[0].strip()
        jabatan, pangkat = awal or None, akhir or None
    else:
        potong = [bersihkan(p) for p in re.split(r"</p>|<br\s*/?>|\s{2,}", teks) if bersihkan(p)]
        potong = [p for p in potong if not re.match(r"NIP\b", p, flags=re.IGNORECASE)]
        jabatan = potong[0] if potong else None
        nama = potong[1] if len(potong) > 1 else None
        pangkat = potong[2] if len(potong) > 2 else None
        if not potong and polos_tanpa_nip:
            jabatan = polos_tanpa_nip
    kosong = re.compile(r"[.\s_…:-]*")  # a blank left to fill in by hand ("........") is no value
    jabatan, nama, pangkat = (None if x is None or kosong.fullmatch(x) else x for x in (jabatan, nama, pangkat))
    return {"jabatan": jabatan, "nama": nama or None, "nip": nip}, pangkat


def _baca_identitas(baris: list[str], mulai: int, sumber: str) -> tuple[_Identitas, int]:
    """Read an identity block starting at the line holding "Nomor SOP"; return it and the next line index."""
    ident = _Identitas(baris=mulai + 1)
    sel0 = _sel(baris[mulai])
    ident.kabupaten, ident.kecamatan = baca_kantor(sel0[0])
    if not ident.kecamatan:  # the office named in a heading above the block (a letterhead), not in it
        kab, ident.kecamatan = _kop_di_atas(baris, mulai)
        ident.kabupaten = ident.kabupaten or kab
    i = mulai
    menunggu: tuple[str, str] | None = None
    while i < len(baris):
        sel = _sel(baris[i])
        label_sel = [_label(s) for s in sel]
        if menunggu:
            if not baris[i].strip() and "\t" not in baris[i]:  # a blank line; a row of empty cells is content
                i += 1
                continue
            kiri, kanan = (sel + ["", ""])[:2]
            for nama_field, isi in zip(menunggu, (kiri, kanan)):
                if nama_field in _TEKS_TUNGGAL:
                    setattr(ident, nama_field, bersihkan(isi) or None)
                else:
                    setattr(ident, nama_field, _daftar(isi))
            selesai = menunggu[0] == "peringatan"
            menunggu = None
            i += 1
            if selesai:
                break
            continue
        isi_label = tuple(x for x in label_sel if x)
        if isi_label in _PASANGAN:
            menunggu = _PASANGAN[isi_label]
            i += 1
            continue
        ditemukan = False
        for k, lab in enumerate(label_sel):
            if lab in _LABEL_IDENTITAS and (i == mulai or k <= 2):
                tujuan = _LABEL_IDENTITAS[lab]
                nilai = sel[k + 1] if k + 1 < len(sel) else ""
                ditemukan = True
                try:
                    if tujuan.startswith("tanggal"):
                        setattr(ident, tujuan, parse_tanggal(nilai))
                    elif tujuan == "disahkan":
                        ident.disahkan, ident.pangkat = _baca_pengesah(nilai)
                    else:
                        setattr(ident, tujuan, bersihkan(nilai) or None)
                except ValueError as e:
                    raise DokumenTidakTerbaca(sumber, i + 1, str(e)) from None
                break
        if not ditemukan:
            if not baris[i].strip() and ident.nama is None:
                i += 1
                continue
            if i > mulai and (_baris_kepala_tabel(sel) or (baris[i].strip() and "\t" not in baris[i])):
                break
        i += 1
    if not ident.nama:
        raise DokumenTidakTerbaca(sumber, mulai + 1, "identitas SOP tidak memuat Nama SOP")
    return ident, i


def _baris_kepala_tabel(sel: list[str]) -> bool:
    return (
        len(sel) >= 4
        and _label(sel[0]) in ("no", "nomor")
        and _label(sel[1]) in ("kegiatan", "aktivitas", "uraian kegiatan")
    )


def _baca_tabel(baris: list[str], mulai: int, sumber: str, judul: str, menit_per_hari: int) -> tuple[_Tabel, int]:
    kepala = _sel(baris[mulai])
    label = [_label(s) for s in kepala]
    if "kelengkapan" in label:
        kepala_peran, idx_peran_mulai, i = kepala, 2, mulai + 1
    else:
        if mulai + 1 >= len(baris):
            raise DokumenTidakTerbaca(sumber, mulai + 1, "kepala tabel prosedur terputus")
        kepala_peran, idx_peran_mulai, i = _sel(baris[mulai + 1]), 2, mulai + 2
    label_peran = [_label(s) for s in kepala_peran]
    if "kelengkapan" not in label_peran:
        raise DokumenTidakTerbaca(sumber, i, "kepala tabel prosedur tidak memuat kolom Kelengkapan")
    idx_kel = label_peran.index("kelengkapan")
    waktu_label = label_peran[idx_kel + 1] if idx_kel + 1 < len(label_peran) else ""
    if not waktu_label.startswith("waktu"):
        raise DokumenTidakTerbaca(sumber, i, "kepala tabel prosedur tidak memuat kolom Waktu sesudah Kelengkapan")
    pelaksana = [bersihkan(s) for s in kepala_peran[idx_peran_mulai:idx_kel] if bersihkan(s)]
    if not pelaksana:
        raise DokumenTidakTerbaca(sumber, i, "kepala tabel prosedur tidak memuat kolom pelaksana")

    langkah: list[Langkah] = []
    total_tercetak = None
    while i < len(baris):
        teks = baris[i]
        if not teks.strip():
            i += 1
            continue
        sel = _sel(teks)
        no = bersihkan(sel[0])
        if re.fullmatch(r"\d+\.?", no):
            langkah.append(_baca_langkah(sel, i + 1, sumber, menit_per_hari))
            i += 1
            continue
        if re.match(r"jumlah\b", _label(sel[0])):
            tercetak = [bersihkan(s) for s in sel[1:] if bersihkan(s)]
            total_tercetak = tercetak[0] if tercetak else None
            i += 1
        break
    if not langkah:
        raise DokumenTidakTerbaca(sumber, mulai + 1, "tabel prosedur tidak memuat satu langkah pun")
    return _Tabel(mulai + 1, judul, pelaksana, langkah, total_tercetak), i


def _baca_langkah(sel: list[str], nomor_baris: int, sumber: str, menit_per_hari: int) -> Langkah:
    no = bersihkan(sel[0])
    kegiatan = bersihkan(sel[1])
    if not kegiatan:
        raise DokumenTidakTerbaca(sumber, nomor_baris, f"langkah {nomor_langkah(no)} tidak memuat kegiatan")
    # Columns are read from the right (Kelengkapan, Waktu, Output, Keterangan): rows of one table do not always
    # carry the same number of empty pelaksana cells, and trailing empty cells may be missing.
    pilihan = [sel + [""] * k for k in range(3) if len(sel) + k - 4 >= 2]
    kolom = next((c for c in pilihan if _waktu_terbaca(c[-3], menit_per_hari)), pilihan[0] if pilihan else sel)
    kelengkapan, waktu, output, keterangan = (bersihkan(s) for s in kolom[-4:])
    try:
        menit = parse_waktu(waktu, menit_per_hari=menit_per_hari)
    except Ditolak as e:
        raise DokumenTidakTerbaca(sumber, nomor_baris, f"langkah {nomor_langkah(no)}: {e}") from None
    return Langkah(no, kegiatan, kelengkapan, waktu, menit, output, keterangan, apakah_keputusan(kegiatan),
                   baris=nomor_baris)


def _waktu_terbaca(teks: str, menit_per_hari: int) -> bool:
    try:
        parse_waktu(teks, menit_per_hari=menit_per_hari)
        return True
    except Ditolak:
        return False


def _judul_sebelum(baris: list[str], idx: int) -> str:
    for j in range(idx - 1, max(-1, idx - 15), -1):
        t = baris[j]
        if not t.strip():
            continue
        if "\t" in t:
            return ""
        judul = bersihkan(re.sub(r"^#+\s*", "", t.strip()))
        if judul:
            return judul
    return ""


def baca_dokumen(teks: str, sumber: str = "dokumen", *, menit_per_hari: int = MENIT_PER_HARI_BAKU) -> list[Prosedur]:
    """Every procedure of one document, its identity attached; raises DokumenTidakTerbaca naming the line."""
    baris = teks.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    identitas: list[_Identitas] = []
    tabel: list[_Tabel] = []
    i = 0
    while i < len(baris):
        sel = _sel(baris[i])
        if any(_label(s) in ("nomor sop", "no sop") for s in sel[:3]):
            dibaca, i = _baca_identitas(baris, i, sumber)
            identitas.append(dibaca)
            continue
        if _baris_kepala_tabel(sel):
            t, i = _baca_tabel(baris, i, sumber, _judul_sebelum(baris, i), menit_per_hari)
            tabel.append(t)
            continue
        i += 1
    if not tabel:
        raise DokumenTidakTerbaca(
            sumber, None, 'tidak ditemukan tabel prosedur (kepala tabel "No" dan "Kegiatan"/"Aktivitas")'
        )

    pasangan = _pasangkan(identitas, tabel)
    kantor = {(x.kabupaten, x.kecamatan) for x in identitas if x.kecamatan}
    kantor_dokumen = next(iter(kantor)) if len(kantor) == 1 else (None, None)

    hasil = []
    for t in tabel:
        ident = pasangan.get(id(t))
        kab, kec = (ident.kabupaten, ident.kecamatan) if ident and ident.kecamatan else kantor_dokumen
        hasil.append(
            Prosedur(
                kabupaten=kab,
                kecamatan=kec,
                nomor=ident.nomor if ident else None,
                nama=(ident.nama if ident else None) or t.judul or f"Prosedur baris {t.baris}",
                tanggal_pembuatan=ident.tanggal_pembuatan if ident else None,
                tanggal_revisi=ident.tanggal_revisi if ident else None,
                tanggal_efektif=ident.tanggal_efektif if ident else None,
                disahkan_oleh=dict(ident.disahkan) if ident else {"jabatan": None, "nama": None, "nip": None},
                dasar_hukum=ident.dasar_hukum if ident else [],
                kualifikasi_pelaksana=ident.kualifikasi_pelaksana if ident else [],
                keterkaitan=ident.keterkaitan if ident else [],
                peralatan=ident.peralatan if ident else [],
                peringatan=ident.peringatan if ident else None,
                pencatatan=ident.pencatatan if ident else None,
                pelaksana=t.pelaksana,
                langkah=t.langkah,
                total_menit=sum(lk.waktu_menit for lk in t.langkah),
                sumber=sumber,
                baris=t.baris,
                judul_tabel=t.judul,
                total_tercetak=t.total_tercetak,
                pangkat=ident.pangkat if ident else None,
                punya_identitas=ident is not None,
            )
        )
    return hasil


def _pasangkan(identitas: list[_Identitas], tabel: list[_Tabel]) -> dict[int, _Identitas]:
    """Attach identity blocks to tables: by Nama SOP first, then the unused block next to a table."""
    pasangan: dict[int, _Identitas] = {}
    for t in tabel:
        for ident in identitas:
            if not ident.dipakai and kunci_nama(ident.nama or "") == kunci_nama(t.judul):
                pasangan[id(t)] = ident
                ident.dipakai = True
                break
    batas = [t.baris for t in tabel]
    for n, t in enumerate(tabel):
        if id(t) in pasangan:
            continue
        awal = batas[n - 1] if n > 0 else 0
        akhir = batas[n + 1] if n + 1 < len(tabel) else 10**9
        calon = [x for x in identitas if not x.dipakai and awal < x.baris < t.baris]
        calon = calon or [x for x in identitas if not x.dipakai and t.baris < x.baris < akhir]
        if calon:
            ident = max(calon, key=lambda x: x.baris) if calon[0].baris < t.baris else calon[0]
            pasangan[id(t)] = ident
            ident.dipakai = True
    return pasangan


def tandai_duplikat(prosedur: list[Prosedur], sebelumnya: list[Prosedur] | None = None) -> None:
    """Set duplikat_dari on each procedure without an identity that copies an earlier one's steps."""
    dikenal: dict[tuple, Prosedur] = {}
    for p in sebelumnya or []:
        dikenal.setdefault(p.sidik_langkah(), p)
    for p in prosedur:
        sidik = p.sidik_langkah()
        asal = dikenal.get(sidik)
        sama_diri = asal is not None and asal.kecamatan == p.kecamatan and kunci_nama(asal.nama) == kunci_nama(p.nama)
        if asal is not None and not p.punya_identitas and not sama_diri:
            p.duplikat_dari = {"kecamatan": asal.kecamatan, "nama": asal.nama}
        else:
            dikenal.setdefault(sidik, p)
