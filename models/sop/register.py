"""The SOP register: storing parsed procedures (idempotently, with revisions), reading them back, copying one
to another office."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.akun.peran import ALIAS_BAKU, PERAN, kunci_label
from models.db import pilih
from models.sop.berkas import baca_berkas
from models.sop.dokumen import DokumenTidakTerbaca, Langkah, Prosedur, kunci_nama, tandai_duplikat
from models.sop.nomor import nomor_langkah
from models.sop.pelaksana import LangkahKurasi, kembali_ke_disarankan, sarankan_pelaksana, urutan_tanda
from models.tables import (
    Kabupaten,
    Kecamatan,
    Role,
    RoleAlias,
    Sop,
    SopLangkah,
    SopPelaksana,
    SopRevisi,
    User,
)
from models.umum.audit import catat
from models.umum.isian import MAKS_CARI, MAKS_KALIMAT, teks
from models.umum.penolakan import Ditolak


def pastikan_peran(session: Session) -> None:
    """Insert the canonical roles and their printed labels that the database does not have yet."""
    ada = {r.kode for r in session.exec(select(Role))}
    for p in PERAN:
        if p.kode not in ada:
            session.add(Role(kode=p.kode, nama=p.nama, urutan=p.urutan, di_sop=p.di_sop, dinamis=p.dinamis))
    session.flush()
    alias_ada = {a.kunci for a in session.exec(select(RoleAlias))}
    for label, kode in ALIAS_BAKU.items():
        kunci = kunci_label(label)
        if kunci not in alias_ada:
            session.add(RoleAlias(kunci=kunci, label=label, role_kode=kode))
            alias_ada.add(kunci)
    session.flush()


def peta_alias(session: Session) -> dict[str, str]:
    return {a.kunci: a.role_kode for a in session.exec(select(RoleAlias))}


def pastikan_kabupaten(session: Session, nama: str, *, oleh: User | None = None) -> Kabupaten:
    """The kabupaten row, created (and audited) when it is met for the first time."""
    kab = session.exec(select(Kabupaten).where(Kabupaten.nama == nama)).first()
    if kab is None:
        kab = Kabupaten(nama=nama)
        session.add(kab)
        session.flush()
        catat(session, aksi="kabupaten.buat", oleh=oleh, objek="kabupaten", objek_id=kab.id, sesudah={"nama": nama})
    return kab


def pastikan_kantor(session: Session, kabupaten: str, kecamatan: str, *, oleh: User | None = None) -> Kecamatan:
    """The kecamatan row, created with its kabupaten when the register meets it for the first time."""
    kab = pastikan_kabupaten(session, kabupaten, oleh=oleh)
    kec = session.exec(
        select(Kecamatan).where(Kecamatan.kabupaten_id == kab.id, Kecamatan.nama == kecamatan)
    ).first()
    if kec is None:
        kec = Kecamatan(kabupaten_id=kab.id, nama=kecamatan)
        session.add(kec)
        session.flush()
        catat(session, aksi="kecamatan.buat", oleh=oleh, objek="kecamatan", objek_id=kec.id,
              kecamatan_id=kec.id, sesudah={"nama": kecamatan, "kabupaten": kabupaten})
    return kec


def sidik_prosedur(p: Prosedur, penetapan: list[Penetapan] | None = None) -> str:
    """What a revision is recognised by: the contract, less the copy mark and the empty flowchart marks (a text
    export carries none, so its procedures keep the fingerprint they had before Word files were read), plus who
    does each step when a person settled it or the document's marks said more (their order, a return)."""
    data = p.as_json()
    data.pop("duplikat_dari", None)
    for lk, asal in zip(data["langkah"], p.langkah):
        if not lk["pelaksana_tanda"]:
            lk.pop("pelaksana_tanda")
        elif asal.pelaksana_urut or asal.kembali_ke:  # what the shapes' alternative text adds
            lk.update(pelaksana_urut=asal.pelaksana_urut, kembali_ke=asal.kembali_ke)
    if penetapan is not None and any(t.sumber == "koreksi" for t in penetapan):
        data["penetapan"] = [[list(t.pelaksana), t.keputusan, t.kembali_ke] for t in penetapan]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class HasilImpor:
    prosedur: Prosedur
    status: str  # baru | revisi | sama | duplikat
    sop_id: int | None = None
    revisi_ke: int | None = None
    catatan: list[str] = field(default_factory=list)

    def kalimat(self) -> str:
        nama = f"{self.prosedur.nama} ({self.prosedur.kecamatan or 'tanpa kecamatan'})"
        if self.status == "baru":
            return f"Disimpan: {nama}, {len(self.prosedur.langkah)} langkah."
        if self.status == "revisi":
            return f"Revisi ke-{self.revisi_ke} disimpan: {nama}; revisi lama tetap tersimpan."
        if self.status == "sama":
            return f"Tidak berubah: {nama} sudah tersimpan persis sama."
        asal = self.prosedur.duplikat_dari or {}
        return f"Tidak disimpan: salinan dari \"{asal.get('nama')}\" ({asal.get('kecamatan')})."


def prosedur_tersimpan(session: Session, sidik: Collection[tuple] | None = None) -> list[Prosedur]:
    """Stored procedures in force, as Prosedur objects, to recognise copies brought in a later import. `sidik`: only
    those whose steps have one of these fingerprints (Prosedur.sidik_langkah), the only ones a copy can match; only
    the revisions with as many steps as one of them are read."""
    hasil = []
    q_rev = (select(SopRevisi, Kecamatan).join(Sop, col(Sop.id) == SopRevisi.sop_id)
             .join(Kecamatan, col(Kecamatan.id) == Sop.kecamatan_id).where(SopRevisi.berlaku == True)  # noqa: E712
             .order_by(col(SopRevisi.id)))
    q_langkah = (select(SopLangkah).join(SopRevisi, col(SopRevisi.id) == SopLangkah.revisi_id)
                 .where(SopRevisi.berlaku == True)  # noqa: E712
                 .order_by(col(SopLangkah.revisi_id), col(SopLangkah.urutan)))
    if sidik is not None:
        jumlah = {len(s) for s in sidik}
        if not jumlah:
            return []
        if 0 not in jumlah:  # a revision without steps has no row to count
            cocok = (select(SopLangkah.revisi_id).join(SopRevisi, col(SopRevisi.id) == SopLangkah.revisi_id)
                     .where(SopRevisi.berlaku == True)  # noqa: E712
                     .group_by(col(SopLangkah.revisi_id)).having(func.count().in_(sorted(jumlah))))
            q_rev = q_rev.where(col(SopRevisi.id).in_(cocok))
            q_langkah = q_langkah.where(col(SopLangkah.revisi_id).in_(cocok))
    baris = session.exec(q_rev).all()
    langkah_per_revisi: dict[int, list[SopLangkah]] = {}
    for lk in session.exec(q_langkah):
        langkah_per_revisi.setdefault(lk.revisi_id, []).append(lk)
    for rev, kec in baris:
        langkah = [
            Langkah(lk.no, lk.kegiatan, lk.kelengkapan, lk.waktu, lk.waktu_menit, lk.output, lk.keterangan,
                    lk.keputusan)
            for lk in langkah_per_revisi.get(rev.id, [])
        ]
        hasil.append(Prosedur(
            kabupaten=None, kecamatan=kec.nama, nomor=rev.nomor, nama=rev.nama, tanggal_pembuatan=None,
            tanggal_revisi=None, tanggal_efektif=None, disahkan_oleh={}, dasar_hukum=[],
            kualifikasi_pelaksana=[], keterkaitan=[], peralatan=[], peringatan=None, pencatatan=None,
            pelaksana=list(rev.pelaksana), langkah=langkah, total_menit=rev.total_menit, punya_identitas=True,
        ))
    if sidik is not None:
        dicari = set(sidik)
        hasil = [p for p in hasil if p.sidik_langkah() in dicari]
    return hasil


def impor_dokumen(
    session: Session,
    dokumen: list[tuple[str, str | bytes]],
    *,
    kurasi: dict[tuple[str, str], list[LangkahKurasi]] | None = None,
    oleh: User | None = None,
    menit_per_hari: int = 480,
) -> list[HasilImpor]:
    """Parse and store documents in the caller's transaction; any error raises before anything is kept.

    Importing the same document twice changes nothing; a changed document becomes a new revision of the same
    SOP (same office, same name), the old revision kept but no longer in force. A procedure without an identity
    of its own that copies a stored one, or one earlier in the call, is reported and not stored twice.
    """
    pastikan_peran(session)
    alias = peta_alias(session)
    prosedur: list[Prosedur] = []
    for sumber, isi in dokumen:
        prosedur.extend(baca_berkas(sumber, isi, menit_per_hari=menit_per_hari))
    tandai_duplikat(prosedur, sebelumnya=prosedur_tersimpan(session))

    hasil = []
    for p in prosedur:
        if p.duplikat_dari:
            hasil.append(HasilImpor(p, "duplikat"))
            continue
        if not p.kecamatan or not p.kabupaten:
            raise DokumenTidakTerbaca(
                p.sumber, p.baris,
                f'prosedur "{p.nama}" tidak menyebut kabupaten dan kecamatannya (blok identitas SOP tidak ada)',
            )
        hasil.append(simpan_prosedur(session, p, alias=alias, kurasi=kurasi or {}, oleh=oleh))
    session.flush()
    return hasil


@dataclass(frozen=True)
class Penetapan:
    """Who carries out one step (printed labels, in the order the work passes), whether it decides, where a
    "tidak" goes back to (position, 1-based), and where that came from: tanda | kurasi | saran | koreksi."""

    pelaksana: tuple[str, ...]
    keputusan: bool
    kembali_ke: int | None
    sumber: str


def kolom_peran(p: Prosedur, alias: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The procedure's pelaksana columns by role code, and the labels no role is known by."""
    kolom, asing = {}, []
    for label in p.pelaksana:
        kode = alias.get(kunci_label(label))
        if kode is None:
            asing.append(label)
        else:
            kolom[label] = kode
    return kolom, asing


def penetapan_otomatis(p: Prosedur, kolom: dict[str, str],
                       dikurasi: list[LangkahKurasi] | None = None) -> tuple[list[Penetapan], list[str]]:
    """Who does each step, in this order: the document's flowchart marks, a curated assignment (seed texts), the
    wording. Returns the assignment and notes for the importer."""
    catatan = []
    if any(lk.pelaksana_tanda for lk in p.langkah):  # the marks decide, as on paper
        dikurasi = None
    elif dikurasi is not None and [k.no for k in dikurasi] != [lk.no for lk in p.langkah]:
        catatan.append("penetapan pelaksana kurasi tidak cocok dengan langkah dokumen; dipakai saran")
        dikurasi = None
    hasil: list[Penetapan] = []
    aktor: list[list[str]] = []
    for urutan, lk in enumerate(p.langkah, start=1):
        k = dikurasi[urutan - 1] if dikurasi else None
        if lk.pelaksana_tanda:  # in the order their alternative text or the flowchart's arrow says
            label_aktor = lk.pelaksana_urut or urutan_tanda(lk.pelaksana_tanda, p.pelaksana, aktor[-1] if aktor else None)
            sumber = "tanda"
        else:
            label_aktor = list(k.pelaksana) if k else sarankan_pelaksana(lk.kegiatan, kolom)
            sumber = "kurasi" if k else "saran"
        if not label_aktor:  # nothing in the wording: the work stays with whoever had it, until corrected
            label_aktor = list(aktor[-1]) if aktor else [p.pelaksana[0]]
        aktor.append(list(label_aktor))
        keputusan = k.keputusan if k and k.keputusan is not None else lk.keputusan
        kembali = lk.kembali_ke or ((k.kembali_ke if k and k.kembali_ke else None) if k else None)
        if keputusan and kembali is None:
            kembali = kembali_ke_disarankan(urutan, lk.kegiatan, aktor[:-1], kolom)
        hasil.append(Penetapan(tuple(label_aktor), bool(keputusan), kembali if keputusan else None, sumber))
    return hasil, catatan


MAKS_NAMA_SOP = 300  # an SOP's name (the Kalender SAKIP names SOPs within the same bound)
KOLOM_LANGKAH = (("kegiatan", "kegiatan"), ("kelengkapan", "kelengkapan"), ("waktu", "waktu"), ("output", "output"),
                 ("keterangan", "keterangan"))


def periksa_panjang(p: Prosedur) -> None:
    """An SOP's name and every text of its steps within their bounds (Ditolak naming the file, the SOP and the
    step), before anything is written."""
    tempat = f"{p.sumber}, {p.tempat()}" if p.sumber else p.tempat()
    teks(p.nama, label=f"{tempat}: nama SOP", maks=MAKS_NAMA_SOP)
    for lk in p.langkah:
        for atribut, label in KOLOM_LANGKAH:
            teks(getattr(lk, atribut), label=f"{tempat}: langkah {nomor_langkah(lk.no)}, {label}", maks=MAKS_KALIMAT)


def simpan_prosedur(session: Session, p: Prosedur, *, alias: dict[str, str],
            kurasi: dict[tuple[str, str], list[LangkahKurasi]], oleh: User | None,
            penetapan: list[Penetapan] | None = None, sumber_audit: str | None = None) -> HasilImpor:
    """Store one procedure as a new SOP or a new revision of the office's SOP of that name. `penetapan`: who does
    each step as a person settled it (the upload's preview); else penetapan_otomatis decides."""
    periksa_panjang(p)
    kolom, asing = kolom_peran(p, alias)
    if asing:
        raise Ditolak(
            f'{p.sumber}, {p.tempat()}: pelaksana "{asing[0]}" pada SOP "{p.nama}" belum dikenal; '
            "tambahkan padanannya pada daftar peran lalu impor ulang"
        )

    kec = pastikan_kantor(session, p.kabupaten or "", p.kecamatan or "", oleh=oleh)
    kunci = kunci_nama(p.nama)
    catatan: list[str] = []
    if penetapan is None:
        penetapan, catatan = penetapan_otomatis(p, kolom, kurasi.get(((p.kecamatan or "").lower(), kunci)))
    sop = session.exec(select(Sop).where(Sop.kecamatan_id == kec.id, Sop.kunci == kunci)).first()
    sidik = sidik_prosedur(p, penetapan)
    revisi_ke = 1
    status = "baru"
    if sop is None:
        sop = Sop(kecamatan_id=kec.id, kunci=kunci, nama=p.nama)
        session.add(sop)
        session.flush()
    else:
        revisi = session.exec(select(SopRevisi).where(SopRevisi.sop_id == sop.id)).all()
        if any(r.sidik == sidik and r.berlaku for r in revisi):
            return HasilImpor(p, "sama", sop.id, max(r.revisi_ke for r in revisi))
        for r in revisi:
            r.berlaku = False
            session.add(r)
        revisi_ke = max((r.revisi_ke for r in revisi), default=0) + 1
        status = "revisi"
        sop.nama = p.nama
        session.add(sop)
        session.flush()

    rev = SopRevisi(
        sop_id=sop.id, revisi_ke=revisi_ke, berlaku=True, nama=p.nama, nomor=p.nomor,
        tanggal_pembuatan=p.tanggal_pembuatan, tanggal_revisi=p.tanggal_revisi,
        tanggal_efektif=p.tanggal_efektif, disahkan_jabatan=p.disahkan_oleh.get("jabatan"),
        disahkan_nama=p.disahkan_oleh.get("nama"), disahkan_nip=p.disahkan_oleh.get("nip"),
        disahkan_pangkat=p.pangkat, dasar_hukum=p.dasar_hukum, kualifikasi_pelaksana=p.kualifikasi_pelaksana,
        keterkaitan=p.keterkaitan, peralatan=p.peralatan, peringatan=p.peringatan, pencatatan=p.pencatatan,
        pelaksana=p.pelaksana, judul_tabel=p.judul_tabel, total_menit=p.total_menit,
        total_tercetak=p.total_tercetak, sumber=Path(p.sumber).name, sidik=sidik,
        diimpor_oleh=oleh.id if oleh else None,
    )
    session.add(rev)
    session.flush()

    hasil = HasilImpor(p, status, sop.id, revisi_ke, catatan=catatan)
    for urutan, (lk, t) in enumerate(zip(p.langkah, penetapan, strict=True), start=1):
        for label in t.pelaksana:
            if label not in kolom:
                raise Ditolak(f'pelaksana "{label}" langkah {nomor_langkah(lk.no)} SOP "{p.nama}" bukan kolom tabelnya')
        if t.kembali_ke is not None and not 1 <= t.kembali_ke < urutan:
            raise Ditolak(f'langkah {nomor_langkah(lk.no)} SOP "{p.nama}": kembali_ke {t.kembali_ke} bukan langkah sebelumnya')
        row = SopLangkah(
            revisi_id=rev.id, urutan=urutan, no=lk.no, kegiatan=lk.kegiatan, kelengkapan=lk.kelengkapan,
            waktu=lk.waktu, waktu_menit=lk.waktu_menit, output=lk.output, keterangan=lk.keterangan,
            keputusan=t.keputusan, kembali_ke_urutan=t.kembali_ke if t.keputusan else None,
        )
        session.add(row)
        session.flush()
        for n, label in enumerate(t.pelaksana, start=1):
            session.add(SopPelaksana(langkah_id=row.id, role_kode=kolom[label], label=label, urutan=n,
                                     sumber=t.sumber))
    catat(session, aksi="sop.impor", oleh=oleh, objek="sop_revisi", objek_id=rev.id, kecamatan_id=kec.id,
          sesudah={"nama": p.nama, "revisi_ke": revisi_ke, "langkah": len(p.langkah), "sidik": sidik,
                   "sumber": rev.sumber, **({"cara": sumber_audit} if sumber_audit else {})})
    return hasil


# ---------------------------------------------------------------- reading the register


@dataclass
class BarisKatalog:
    sop_id: int
    kabupaten: str
    kecamatan: str
    kecamatan_id: int
    nama: str
    nomor: str | None
    tanggal_efektif: str | None
    revisi_ke: int
    jumlah_langkah: int
    total_menit: int




def pola_like(t: str) -> str:
    r"""`t` matched literally inside a LIKE pattern with ESCAPE '\' (its %, _ and \ escaped).

    >>> print(pola_like("50%_a\\b"))
    50\%\_a\\b
    """
    return t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _jumlah_langkah():
    """Steps per revision, a subquery."""
    return (select(SopLangkah.revisi_id, func.count(col(SopLangkah.id)).label("n"))
            .group_by(col(SopLangkah.revisi_id)).subquery())


def _kueri_katalog(q, jumlah, *, kecamatan_ids: list[int] | None, cari: object, nama_kecamatan: str | None):
    """`q` (from Sop) joined to the revision in force, its office and kabupaten and its count of steps (`jumlah`),
    narrowed as the catalogue is: the offices the reader may see, one office's name, the search."""
    q = (
        q.join(SopRevisi, (col(SopRevisi.sop_id) == Sop.id) & (col(SopRevisi.berlaku) == True))  # noqa: E712
        .join(Kecamatan, col(Kecamatan.id) == Sop.kecamatan_id)
        .join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
        .join(jumlah, jumlah.c.revisi_id == SopRevisi.id)
    )
    if kecamatan_ids is not None:
        q = q.where(col(Sop.kecamatan_id).in_(kecamatan_ids))
    if nama_kecamatan:
        q = q.where(Kecamatan.nama == nama_kecamatan)
    kata = teks(cari, label="Teks pencarian", maks=MAKS_CARI)
    if kata:
        pola = "%" + pola_like(kata.lower()) + "%"
        q = q.where(func.lower(SopRevisi.nama).like(pola, escape="\\")
                    | func.lower(Kecamatan.nama).like(pola, escape="\\")
                    | func.lower(func.coalesce(SopRevisi.nomor, "")).like(pola, escape="\\"))
    return q


def daftar_sop(session: Session, *, kecamatan_ids: list[int] | None = None, cari: object = None,
               nama_kecamatan: str | None = None) -> list[BarisKatalog]:
    """SOPs in force, by office then name; `kecamatan_ids` limits to the offices the reader may see. `cari` (at most
    MAKS_CARI characters, else Ditolak) is found literally in the name, the number or the office's name."""
    jumlah = _jumlah_langkah()
    q = _kueri_katalog(pilih(Sop, SopRevisi, Kecamatan, Kabupaten, jumlah.c.n), jumlah, kecamatan_ids=kecamatan_ids,
                       cari=cari, nama_kecamatan=nama_kecamatan)
    q = q.order_by(col(Kabupaten.nama), col(Kecamatan.nama), col(Sop.id))
    return [
        BarisKatalog(sop.id, kab.nama, kec.nama, kec.id, rev.nama, rev.nomor, rev.tanggal_efektif, rev.revisi_ke,
                     n, rev.total_menit)
        for sop, rev, kec, kab, n in session.exec(q).all()
    ]


# SOP rows the catalogue draws at once: the browser's drawing of a page grows faster than its rows (measured in
# Chromium: about 2 s for 100 rows, 40 s for 300), so a kabupaten's or the country's catalogue is read a page of
# offices at a time.
BARIS_HALAMAN_KATALOG = 50


@dataclass(frozen=True)
class HalamanKatalog:
    """One page of the catalogue: whole offices, as many as fit in `per_halaman` rows (at least one)."""

    baris: list[BarisKatalog]
    halaman: int
    jumlah_halaman: int
    kantor_dari: int  # the page's first office, counted from 1
    kantor_sampai: int
    kantor: int  # offices holding an SOP that matches
    sop: int  # SOPs that match


def halaman_katalog(session: Session, *, kecamatan_ids: list[int] | None = None, cari: object = None,
                    nama_kecamatan: str | None = None, halaman: object = 1,
                    per_halaman: int | None = None) -> HalamanKatalog:
    """The catalogue a page of offices at a time, counted in the database: the matching SOPs per office (one grouped
    query), the offices cut into pages of at most `per_halaman` rows (BARIS_HALAMAN_KATALOG), then only the page's
    SOPs read."""
    per_halaman = per_halaman or BARIS_HALAMAN_KATALOG
    jumlah = _jumlah_langkah()
    q = _kueri_katalog(select(Kecamatan.id, func.count(col(Sop.id))).select_from(Sop), jumlah,
                       kecamatan_ids=kecamatan_ids, cari=cari, nama_kecamatan=nama_kecamatan)
    q = (q.group_by(col(Kabupaten.nama), col(Kecamatan.nama), col(Kecamatan.id))
         .order_by(col(Kabupaten.nama), col(Kecamatan.nama), col(Kecamatan.id)))
    halaman_kantor: list[list[int]] = []
    terisi = 0
    jumlah_sop = 0
    for kec_id, n in session.exec(q).all():
        if not halaman_kantor or terisi + n > per_halaman:
            halaman_kantor.append([])
            terisi = 0
        halaman_kantor[-1].append(kec_id)
        terisi += n
        jumlah_sop += n
    if not halaman_kantor:
        return HalamanKatalog([], 1, 1, 0, 0, 0, 0)
    try:
        h = min(max(int(halaman), 1), len(halaman_kantor))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        h = 1
    sebelum = sum(len(k) for k in halaman_kantor[:h - 1])
    baris = daftar_sop(session, kecamatan_ids=halaman_kantor[h - 1], cari=cari, nama_kecamatan=nama_kecamatan)
    return HalamanKatalog(baris, h, len(halaman_kantor), sebelum + 1, sebelum + len(halaman_kantor[h - 1]),
                          sum(len(k) for k in halaman_kantor), jumlah_sop)


def kantor_katalog(session: Session, kecamatan_ids: list[int] | None = None) -> list[tuple[str, str]]:
    """(kabupaten, kecamatan) of the offices holding an SOP in force, by kabupaten then name: the catalogue's office
    filter, read without reading the SOPs."""
    q = (select(Kabupaten.nama, Kecamatan.nama).join(Kabupaten, col(Kabupaten.id) == Kecamatan.kabupaten_id)
         .where(col(Kecamatan.id).in_(select(Sop.kecamatan_id).join(
             SopRevisi, (col(SopRevisi.sop_id) == Sop.id) & (col(SopRevisi.berlaku) == True))))  # noqa: E712
         .order_by(col(Kabupaten.nama), col(Kecamatan.nama)))
    if kecamatan_ids is not None:
        q = q.where(col(Kecamatan.id).in_(kecamatan_ids))
    return [(kab, kec) for kab, kec in session.exec(q).all()]


@dataclass
class LangkahDetail(Langkah):
    """A stored step: the printed fields, its place in the table, and who carries it out."""

    id: int = 0
    urutan: int = 0
    kembali_ke: int | None = None
    pelaksana: list[str] = field(default_factory=list)  # printed labels, in order
    peran: list[str] = field(default_factory=list)  # canonical role codes, in order
    sumber_pelaksana: str = "belum"


@dataclass
class DetailSop:
    sop: Sop
    revisi: SopRevisi
    kecamatan: Kecamatan
    kabupaten: Kabupaten
    langkah: list[LangkahDetail]
    revisi_lain: list[SopRevisi]


def detail_sop(session: Session, sop_id: int, *, kecamatan_ids: list[int] | None = None,
               revisi_ke: int | None = None) -> DetailSop | None:
    """One SOP with the revision in force (or the one asked for); None when absent or outside the reader's offices."""
    sop = session.get(Sop, sop_id)
    if sop is None or (kecamatan_ids is not None and sop.kecamatan_id not in kecamatan_ids):
        return None
    semua = session.exec(select(SopRevisi).where(SopRevisi.sop_id == sop.id).order_by(col(SopRevisi.revisi_ke))).all()
    dipilih = [r for r in semua if (r.revisi_ke == revisi_ke if revisi_ke else r.berlaku)]
    if not dipilih:
        return None
    rev = dipilih[0]
    kec = session.get(Kecamatan, sop.kecamatan_id)
    assert kec is not None  # the SOP's office (foreign key)
    kab = session.get(Kabupaten, kec.kabupaten_id)
    assert kab is not None  # the office's kabupaten (foreign key)
    baris = session.exec(
        select(SopLangkah).where(SopLangkah.revisi_id == rev.id).order_by(col(SopLangkah.urutan))
    ).all()
    aktor: dict[int, list[SopPelaksana]] = {}
    if baris:
        for a in session.exec(
            select(SopPelaksana).where(col(SopPelaksana.langkah_id).in_([b.id for b in baris]))
            .order_by(col(SopPelaksana.langkah_id), col(SopPelaksana.urutan))
        ):
            aktor.setdefault(a.langkah_id, []).append(a)
    langkah = []
    for b in baris:
        pel = aktor.get(b.id, [])
        langkah.append(LangkahDetail(
            no=b.no, kegiatan=b.kegiatan, kelengkapan=b.kelengkapan, waktu=b.waktu, waktu_menit=b.waktu_menit,
            output=b.output, keterangan=b.keterangan, keputusan=b.keputusan, id=b.id, urutan=b.urutan,
            kembali_ke=b.kembali_ke_urutan, pelaksana=[x.label for x in pel], peran=[x.role_kode for x in pel],
            sumber_pelaksana=", ".join(sorted({x.sumber for x in pel})) or "belum",
        ))
    return DetailSop(sop, rev, kec, kab, langkah, [r for r in semua if r.id != rev.id])


def ubah_pelaksana(session: Session, *, langkah_id: int, label: list[str], oleh: User,
                   kecamatan_ids: list[int] | None = None) -> SopLangkah:
    """Correct who carries out a step (labels from the SOP's columns, in order); audited."""
    lk = session.get(SopLangkah, langkah_id)
    if lk is None:
        raise Ditolak("Langkah SOP tidak ditemukan.")
    rev = session.get(SopRevisi, lk.revisi_id)
    assert rev is not None  # the step's revision (foreign key)
    sop = session.get(Sop, rev.sop_id)
    assert sop is not None  # the revision's SOP (foreign key)
    if kecamatan_ids is not None and sop.kecamatan_id not in kecamatan_ids:
        raise Ditolak("Langkah SOP ini bukan milik kecamatan Anda.", aksi="sop.koreksi_pelaksana", objek="sop_langkah",
                      objek_id=lk.id, kecamatan_id=sop.kecamatan_id)
    if not label:
        raise Ditolak("Pilih sedikitnya satu pelaksana untuk langkah ini.")
    alias = peta_alias(session)
    for x in label:
        if x not in rev.pelaksana:
            raise Ditolak(f'"{x}" bukan kolom pelaksana SOP ini.')
    lama = session.exec(select(SopPelaksana).where(SopPelaksana.langkah_id == lk.id)
                        .order_by(col(SopPelaksana.urutan))).all()
    sebelum = [a.label for a in lama]
    if sebelum == list(label):
        return lk
    for a in lama:
        session.delete(a)
    session.flush()
    for n, x in enumerate(label, start=1):
        session.add(SopPelaksana(langkah_id=lk.id, role_kode=alias[kunci_label(x)], label=x, urutan=n,
                                 sumber="admin"))
    catat(session, aksi="sop.pelaksana.ubah", oleh=oleh, objek="sop_langkah", objek_id=lk.id,
          kecamatan_id=sop.kecamatan_id, sebelum={"pelaksana": sebelum}, sesudah={"pelaksana": list(label)},
          keterangan=f"{rev.nama}, langkah {nomor_langkah(lk.no)} (urutan {lk.urutan})")
    session.flush()
    return lk


def salin_sop(session: Session, *, sop_id: int, ke_kecamatan_id: int, oleh: User | None) -> Sop:
    """Copy an SOP's revision in force, with its steps and pelaksana (their sumber kept), to another office.

    The copy is the procedure, not the source office's decree: nomor, dates and who signed it stay empty until
    the receiving office adopts it. Refused when that office already has an SOP of the same name. Audited.
    """
    asal = session.get(Sop, sop_id)
    if asal is None:
        raise Ditolak("SOP yang akan disalin tidak ditemukan.")
    rev = session.exec(select(SopRevisi).where(SopRevisi.sop_id == asal.id)
                       .where(SopRevisi.berlaku == True)).first()  # noqa: E712
    if rev is None:
        raise Ditolak(f'SOP "{asal.nama}" tidak memiliki revisi yang berlaku untuk disalin.')
    tujuan = session.get(Kecamatan, ke_kecamatan_id)
    if tujuan is None:
        raise Ditolak("Kecamatan tujuan salinan tidak ditemukan.")
    if session.exec(select(Sop).where(Sop.kecamatan_id == tujuan.id, Sop.kunci == asal.kunci)).first():
        raise Ditolak(f'Kecamatan {tujuan.nama} sudah memiliki SOP "{asal.nama}"; salinan tidak dibuat.')
    kec_asal = session.get(Kecamatan, asal.kecamatan_id)
    sop = Sop(kecamatan_id=tujuan.id, kunci=asal.kunci, nama=asal.nama)
    session.add(sop)
    session.flush()
    baru = SopRevisi(
        sop_id=sop.id, revisi_ke=1, berlaku=True, nama=rev.nama, dasar_hukum=list(rev.dasar_hukum),
        kualifikasi_pelaksana=list(rev.kualifikasi_pelaksana), keterkaitan=list(rev.keterkaitan),
        peralatan=list(rev.peralatan), peringatan=rev.peringatan, pencatatan=rev.pencatatan,
        pelaksana=list(rev.pelaksana), judul_tabel=rev.judul_tabel, total_menit=rev.total_menit,
        total_tercetak=rev.total_tercetak, sumber=rev.sumber, sidik=rev.sidik, diimpor_oleh=oleh.id if oleh else None,
    )
    session.add(baru)
    session.flush()
    langkah = session.exec(select(SopLangkah).where(SopLangkah.revisi_id == rev.id)
                           .order_by(col(SopLangkah.urutan))).all()
    aktor: dict[int, list[SopPelaksana]] = {}
    if langkah:
        for a in session.exec(select(SopPelaksana).where(col(SopPelaksana.langkah_id).in_([lk.id for lk in langkah]))
                              .order_by(col(SopPelaksana.langkah_id), col(SopPelaksana.urutan))):
            aktor.setdefault(a.langkah_id, []).append(a)
    for lk in langkah:
        salinan = SopLangkah(
            revisi_id=baru.id, urutan=lk.urutan, no=lk.no, kegiatan=lk.kegiatan, kelengkapan=lk.kelengkapan,
            waktu=lk.waktu, waktu_menit=lk.waktu_menit, output=lk.output, keterangan=lk.keterangan,
            keputusan=lk.keputusan, kembali_ke_urutan=lk.kembali_ke_urutan,
        )
        session.add(salinan)
        session.flush()
        for a in aktor.get(lk.id, []):
            session.add(SopPelaksana(langkah_id=salinan.id, role_kode=a.role_kode, label=a.label, urutan=a.urutan,
                                     sumber=a.sumber))
    session.flush()
    catat(session, aksi="sop.salin", oleh=oleh, objek="sop_revisi", objek_id=baru.id, kecamatan_id=tujuan.id,
          sesudah={"nama": rev.nama, "langkah": len(langkah), "dari_sop": asal.id, "dari_revisi": rev.revisi_ke,
                   "dari_kecamatan": kec_asal.nama if kec_asal else None})
    return sop
