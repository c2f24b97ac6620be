"""An SOP uploaded in the browser: read, previewed with every problem named, corrected, then saved whole.

Who may upload: the admin for any office, the Camat or the Sekretaris Camat for their own office only. The preview
shows each procedure of the document with the pelaksana of each step (read from the flowchart marks, or suggested
from the wording), the difference from the office's revision in force, and the problems that keep it from being
saved (where in the document, in Indonesian). The person may correct the pelaksana of any step; saving stores every
procedure of the document or none (one transaction, audited as "sop.impor"), each as a new SOP or a new revision of
the office's SOP of the same name, the old revision kept.

Pure of the web: the callbacks pass the bytes, the user and the corrections; the same reading serves preview and
save, so what is saved is what was shown.

A document is parsed once per process (baca_sekali): the three callbacks of the page (preview, a correction's
redraw, save) each receive the same upload again, and find its reading in a small cache keyed by the file's
SHA-256, its name and the minutes of a working day. The reading is pure of the user and of the database (who may
upload for which office is decided after it, every time), so one person's reading serves another's identical
file; each caller gets its own copy, since the preview fills in the office.
"""
from __future__ import annotations

import copy
import difflib
import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from models.sop.berkas import UNGGAH_SOP, baca_berkas
from models.sop.dokumen import DokumenTidakTerbaca, Prosedur, kunci_nama, tandai_duplikat
from models.sop.durasi import MENIT_PER_HARI_BAKU, beda_total_tercetak, format_menit
from models.sop.nomor import nomor_langkah
from models.sop.register import (
    HasilImpor,
    LangkahDetail,
    Penetapan,
    detail_sop,
    kolom_peran,
    pastikan_peran,
    penetapan_otomatis,
    peta_alias,
    prosedur_tersimpan,
    simpan_prosedur,
)
from models.tables import Kabupaten, Kecamatan, Sop, SopRevisi, User
from models.umum.penolakan import Ditolak

PERAN_UNGGAH_KANTOR = frozenset({"camat", "sekcam"})
PERAN_UNGGAH = PERAN_UNGGAH_KANTOR | {"admin"}
PESAN_PERAN = "Hanya Admin, Camat atau Sekretaris Camat yang dapat mengunggah SOP."
SUMBER_LABEL = {"tanda": "dari diagram alir", "saran": "saran dari uraian", "koreksi": "dikoreksi", "kurasi": "kurasi"}
# Readings kept per process: each is bounded by the reader's bounds (models.sop.docx_baca), a few MB at the most.
MAKS_BACAAN_TERSIMPAN = 8

# A refusal is kept as its parts, not as the exception (whose traceback would keep the bytes and the parser's tree).
_Tolak = tuple[str, int | None, str, str | None]
_bacaan: OrderedDict[tuple[str, str, int], list[Prosedur] | _Tolak] = OrderedDict()
_kunci_bacaan = threading.Lock()


def baca_sekali(nama_berkas: str, data: bytes, *, menit_per_hari: int = MENIT_PER_HARI_BAKU) -> list[Prosedur]:
    """The procedures of an uploaded document (models.sop.berkas.baca_berkas), parsed once per process for the same
    bytes, name and working day; a copy each call. A document that cannot be read is refused the same way again
    without being parsed again."""
    kunci = (hashlib.sha256(data).hexdigest(), nama_berkas, menit_per_hari)
    with _kunci_bacaan:
        hasil = _bacaan.get(kunci)
        if hasil is not None:
            _bacaan.move_to_end(kunci)
    if hasil is None:
        try:
            hasil = baca_berkas(nama_berkas, data, menit_per_hari=menit_per_hari)
        except DokumenTidakTerbaca as e:
            hasil = (e.sumber, e.baris, e.pesan, e.letak)
        with _kunci_bacaan:
            _bacaan[kunci] = hasil
            while len(_bacaan) > MAKS_BACAAN_TERSIMPAN:
                _bacaan.popitem(last=False)
    if isinstance(hasil, tuple):
        sumber, baris, pesan, letak = hasil
        raise DokumenTidakTerbaca(sumber, baris, pesan, letak=letak)
    return copy.deepcopy(hasil)




@dataclass(frozen=True)
class Selisih:
    jenis: str  # identitas | tambah | hapus | ubah
    no_lama: str | None
    no_baru: str | None
    kegiatan: str
    rincian: tuple[str, ...] = ()

    @property
    def kalimat(self) -> str:
        if self.jenis == "identitas":
            return f"{self.kegiatan} diubah: {'; '.join(self.rincian)}"
        lama, baru = nomor_langkah(self.no_lama or ""), nomor_langkah(self.no_baru or "")
        if self.jenis == "tambah":
            return f"Langkah {baru} ditambahkan: {self.kegiatan}"
        if self.jenis == "hapus":
            return f"Langkah {lama} dihapus: {self.kegiatan}"
        nomor = baru if lama == baru else f"{lama} → {baru}"
        return f"Langkah {nomor} diubah: {'; '.join(self.rincian)}"


@dataclass
class ProsedurPratinjau:
    indeks: int
    prosedur: Prosedur
    kecamatan_id: int | None  # None: an office new to the product (created on save) or none chosen
    kecamatan: str | None
    kabupaten: str | None
    penetapan: list[Penetapan]
    masalah: list[str] = field(default_factory=list)
    sop_id: int | None = None  # the office's SOP of this name, when it has one in force
    revisi_berlaku: int | None = None  # revisi_ke of the office's revision in force of this name
    selisih: list[Selisih] | None = None  # None: a new SOP
    duplikat: bool = False
    peringatan: list[str] = field(default_factory=list)  # what the SOP page will say of it, saving allowed

    @property
    def judul(self) -> str:
        return self.prosedur.nama

    @property
    def sama(self) -> bool:
        """As the office's revision in force: saving stores nothing for it."""
        return self.revisi_berlaku is not None and self.selisih == []

    @property
    def akan_disimpan(self) -> bool:
        return not self.duplikat and not self.sama


@dataclass
class Pratinjau:
    berkas: str
    prosedur: list[ProsedurPratinjau]
    masalah: list[str] = field(default_factory=list)  # the document's own (unreadable, nothing found)

    @property
    def semua_masalah(self) -> list[str]:
        return [*self.masalah, *(f"{p.judul}: {m}" for p in self.prosedur for m in p.masalah)]

    @property
    def bisa_disimpan(self) -> bool:
        return not self.semua_masalah and any(p.akan_disimpan for p in self.prosedur)


def _kantor_pengguna(session: Session, oleh: User) -> tuple[Kecamatan | None, Kabupaten | None]:
    kec = session.get(Kecamatan, oleh.kecamatan_id) if oleh.kecamatan_id else None
    return kec, session.get(Kabupaten, kec.kabupaten_id) if kec else None


def _kunci_langkah(teks: str) -> str:
    return " ".join(teks.lower().split())


def selisih_langkah(lama: list[LangkahDetail], baru: Prosedur, penetapan: list[Penetapan],
                    menit_per_hari: int = MENIT_PER_HARI_BAKU) -> list[Selisih]:
    """The steps added, removed and changed against the revision in force, matched by their kegiatan (a step
    whose wording changed but whose place did not is a change, not a removal and an addition)."""
    a = [_kunci_langkah(lk.kegiatan) for lk in lama]
    b = [_kunci_langkah(lk.kegiatan) for lk in baru.langkah]
    hasil: list[Selisih] = []

    def banding(i: int, j: int) -> None:
        lk_lama = lama[i]
        lk_baru, t = baru.langkah[j], penetapan[j]
        rincian = []
        if _kunci_langkah(lk_lama.kegiatan) != _kunci_langkah(lk_baru.kegiatan):
            rincian.append(f'kegiatan "{lk_lama.kegiatan}" menjadi "{lk_baru.kegiatan}"')
        if lk_lama.waktu_menit != lk_baru.waktu_menit:
            rincian.append(f"waktu {format_menit(lk_lama.waktu_menit, menit_per_hari=menit_per_hari)} menjadi "
                           f"{format_menit(lk_baru.waktu_menit, menit_per_hari=menit_per_hari)}")
        for nama, x, y in (("kelengkapan", lk_lama.kelengkapan, lk_baru.kelengkapan),
                           ("output", lk_lama.output, lk_baru.output),
                           ("keterangan", lk_lama.keterangan, lk_baru.keterangan)):
            if _kunci_langkah(x) != _kunci_langkah(y):
                rincian.append(f'{nama} "{x or "-"}" menjadi "{y or "-"}"')
        if list(lk_lama.pelaksana) != list(t.pelaksana):
            rincian.append(f"pelaksana {', '.join(lk_lama.pelaksana) or '-'} menjadi {', '.join(t.pelaksana)}")
        if lk_lama.keputusan != t.keputusan:
            rincian.append("menjadi langkah keputusan" if t.keputusan else "bukan lagi langkah keputusan")
        elif t.keputusan and lk_lama.kembali_ke != t.kembali_ke:
            rincian.append(f"jika tidak, kembali ke langkah {t.kembali_ke} (sebelumnya {lk_lama.kembali_ke})")
        if rincian:
            hasil.append(Selisih("ubah", lk_lama.no, lk_baru.no, lk_baru.kegiatan, tuple(rincian)))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                banding(i1 + k, j1 + k)
        elif op == "replace" and i2 - i1 == j2 - j1:  # the same places, reworded
            for k in range(i2 - i1):
                banding(i1 + k, j1 + k)
        else:
            hasil += [Selisih("hapus", lama[i].no, None, lama[i].kegiatan) for i in range(i1, i2)]
            hasil += [Selisih("tambah", None, baru.langkah[j].no, baru.langkah[j].kegiatan) for j in range(j1, j2)]
    return hasil


def _teks(nilai) -> str:
    if isinstance(nilai, list):
        return "; ".join(nilai) or "-"
    return str(nilai) if nilai not in (None, "") else "-"


def selisih_identitas(rev: SopRevisi, p: Prosedur) -> list[Selisih]:
    """What the identity page changes against the revision in force."""
    pasangan = (("Nama SOP", rev.nama, p.nama), ("Nomor SOP", rev.nomor, p.nomor),
                ("Tanggal pembuatan", rev.tanggal_pembuatan, p.tanggal_pembuatan),
                ("Tanggal revisi", rev.tanggal_revisi, p.tanggal_revisi),
                ("Tanggal efektif", rev.tanggal_efektif, p.tanggal_efektif),
                ("Disahkan oleh", [rev.disahkan_jabatan or "", rev.disahkan_nama or "", rev.disahkan_nip or ""],
                 [p.disahkan_oleh.get("jabatan") or "", p.disahkan_oleh.get("nama") or "",
                  p.disahkan_oleh.get("nip") or ""]),
                ("Kolom pelaksana", list(rev.pelaksana), p.pelaksana),
                ("Dasar hukum", list(rev.dasar_hukum or []), p.dasar_hukum),
                ("Kualifikasi pelaksana", list(rev.kualifikasi_pelaksana or []), p.kualifikasi_pelaksana),
                ("Keterkaitan", list(rev.keterkaitan or []), p.keterkaitan),
                ("Peralatan/perlengkapan", list(rev.peralatan or []), p.peralatan),
                ("Peringatan", rev.peringatan, p.peringatan), ("Pencatatan dan pendataan", rev.pencatatan, p.pencatatan))
    return [Selisih("identitas", None, None, nama, (f'"{_teks(lama)}" menjadi "{_teks(baru)}"',))
            for nama, lama, baru in pasangan if (lama or None) != (baru or None)
            and not (isinstance(lama, list) and isinstance(baru, list) and not any(lama) and not any(baru))]


def pratinjau(session: Session, data: bytes, nama_berkas: str, oleh: User, *, kecamatan_id: int | None = None,
              koreksi: dict[tuple[int, int], list[str]] | None = None,
              kembali: dict[tuple[int, int], int | None] | None = None,
              menit_per_hari: int = MENIT_PER_HARI_BAKU) -> Pratinjau:
    """Read an uploaded document for `oleh` and say what saving it would do. `kecamatan_id`: the office the admin
    chose for a document that names none; `koreksi`: (procedure index, step position) → printed labels;
    `kembali`: (procedure index, position of a decision step) → the step its "tidak" goes back to."""
    if oleh.role_kode not in PERAN_UNGGAH:
        raise Ditolak(PESAN_PERAN)
    UNGGAH_SOP.periksa(nama_berkas, len(data))
    pastikan_peran(session)
    try:
        prosedur = baca_sekali(nama_berkas, data, menit_per_hari=menit_per_hari)
    except DokumenTidakTerbaca as e:
        return Pratinjau(nama_berkas, [], [str(e)])
    # Only a procedure without an identity of its own can be a copy: the stored ones read are those its steps match.
    dicari = {p.sidik_langkah() for p in prosedur if not p.punya_identitas}
    tandai_duplikat(prosedur, sebelumnya=prosedur_tersimpan(session, dicari))
    alias = peta_alias(session)
    kantor_sendiri, kab_sendiri = _kantor_pengguna(session, oleh)
    pilihan = session.get(Kecamatan, kecamatan_id) if kecamatan_id else None
    hasil = Pratinjau(nama_berkas, [])
    for indeks, p in enumerate(prosedur):
        masalah: list[str] = []
        kec: Kecamatan | None = None
        if oleh.role_kode in PERAN_UNGGAH_KANTOR:
            if kantor_sendiri is None:
                raise Ditolak(PESAN_PERAN)
            if p.kecamatan and kunci_nama(p.kecamatan) != kunci_nama(kantor_sendiri.nama):
                masalah.append(f"{p.tempat()}: dokumen menyebut Kecamatan {p.kecamatan}; Anda hanya dapat mengunggah "
                               f"SOP Kecamatan {kantor_sendiri.nama}.")
            kec = kantor_sendiri
            p.kecamatan, p.kabupaten = kantor_sendiri.nama, kab_sendiri.nama if kab_sendiri else p.kabupaten
        elif p.kecamatan and p.kabupaten:
            kec = session.exec(select(Kecamatan).join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
                               .where(Kecamatan.nama == p.kecamatan).where(Kabupaten.nama == p.kabupaten)).first()
        elif pilihan is not None:
            kec = pilihan
            kab_pilihan = session.get(Kabupaten, pilihan.kabupaten_id)
            assert kab_pilihan is not None  # an office's kabupaten (foreign key)
            p.kecamatan, p.kabupaten = pilihan.nama, kab_pilihan.nama
        else:
            masalah.append(f"{p.tempat()}: dokumen tidak menyebut kecamatan dan kabupatennya; pilih kecamatan tujuan.")
        kolom, asing = kolom_peran(p, alias)
        for label in asing:
            masalah.append(f'{p.tempat()}: pelaksana "{label}" belum dikenal; gunakan nama jabatan yang dikenal '
                           "(mis. Camat, Sekretaris Camat, Kasubag Evapor, Kasi Pemerintahan) atau minta Admin "
                           "menambahkan padanannya.")
        penetapan: list[Penetapan] = []
        if not asing:
            penetapan, _ = penetapan_otomatis(p, kolom)
            for urutan, lk in enumerate(p.langkah, start=1):
                dipilih = (koreksi or {}).get((indeks, urutan))
                if dipilih is None:
                    continue
                luar = [x for x in dipilih if x not in kolom]
                if luar:
                    masalah.append(f'langkah {nomor_langkah(lk.no)}: "{luar[0]}" bukan kolom pelaksana SOP ini.')
                elif not dipilih:
                    masalah.append(f"langkah {nomor_langkah(lk.no)}: pilih sedikitnya satu pelaksana.")
                elif list(dipilih) != list(penetapan[urutan - 1].pelaksana):
                    lama = penetapan[urutan - 1]
                    penetapan[urutan - 1] = Penetapan(tuple(dipilih), lama.keputusan, lama.kembali_ke, "koreksi")
            for (i, urutan), ke in (kembali or {}).items():
                if i != indeks or not 1 <= urutan <= len(penetapan) or not penetapan[urutan - 1].keputusan:
                    continue
                lama, no = penetapan[urutan - 1], p.langkah[urutan - 1].no
                if ke is None or not 1 <= int(ke) < urutan:
                    masalah.append(f"langkah {nomor_langkah(no)}: jika tidak, harus kembali ke salah satu langkah sebelumnya.")
                elif int(ke) != lama.kembali_ke:
                    penetapan[urutan - 1] = Penetapan(lama.pelaksana, lama.keputusan, int(ke), "koreksi")
        pr = ProsedurPratinjau(indeks, p, kec.id if kec else None, p.kecamatan, p.kabupaten, penetapan, masalah,
                               duplikat=bool(p.duplikat_dari))
        beda = beda_total_tercetak(p.total_tercetak, p.total_menit, menit_per_hari=menit_per_hari)
        pr.peringatan += [beda] if beda else []
        if kec is not None and penetapan:
            sop_id = session.exec(select(Sop.id).where(Sop.kecamatan_id == kec.id)
                                  .where(Sop.kunci == kunci_nama(p.nama))).first()
            berlaku = detail_sop(session, sop_id) if sop_id is not None else None
            if berlaku is not None:
                pr.sop_id, pr.revisi_berlaku = sop_id, berlaku.revisi.revisi_ke
                pr.selisih = selisih_identitas(berlaku.revisi, p) + selisih_langkah(berlaku.langkah, p, penetapan,
                                                                                  menit_per_hari)
        hasil.prosedur.append(pr)
    if not hasil.prosedur:
        hasil.masalah.append(f"{nama_berkas}: tidak ada prosedur dalam dokumen ini.")
    return hasil


def simpan(session: Session, pr: Pratinjau, oleh: User) -> list[HasilImpor]:
    """Save every procedure of a preview, in the caller's transaction; any problem refuses the whole document."""
    if oleh.role_kode not in PERAN_UNGGAH:
        raise Ditolak(PESAN_PERAN)
    if pr.semua_masalah:
        raise Ditolak("Dokumen belum dapat disimpan: " + " ".join(pr.semua_masalah) + " Tidak ada yang disimpan.")
    if not any(p.akan_disimpan for p in pr.prosedur):
        raise Ditolak(f"{pr.berkas}: setiap prosedurnya sama dengan revisi yang berlaku atau salinan; tidak ada yang "
                      "disimpan.")
    alias = peta_alias(session)
    hasil = []
    for p in pr.prosedur:
        if p.duplikat:
            hasil.append(HasilImpor(p.prosedur, "duplikat"))
            continue
        if p.sama:  # as in force: nothing to store
            hasil.append(HasilImpor(p.prosedur, "sama", p.sop_id, p.revisi_berlaku))
            continue
        try:
            hasil.append(simpan_prosedur(session, p.prosedur, alias=alias, kurasi={}, oleh=oleh, penetapan=p.penetapan,
                                 sumber_audit="unggah"))
        except Ditolak as e:
            raise Ditolak(f"{e} Tidak ada yang disimpan.") from None
    session.flush()
    return hasil
