"""What a kabupaten shows the public: the signed PKs and LKjs an office publishes, and each office's Evaluasi AKIP
predicate once the kabupaten releases it (the LKE asks whether the PK and the LKj are published).

- `terbitkan` / `tarik`: the Camat, the Sekretaris Camat or the Kasubag Evapor of the office (who keep the office's
  SAKIP documents; a Kasi signs a lower PK but does not speak for the office) publish a signed document, or
  withdraw it. Only a signed one (status "ditandatangani") with its signed scan attached: the public reads that
  scan, never a draft nor a print of the engine's current numbers.
- `rilis_predikat` / `tarik_rilis`: the kabupaten's users, or its Inspektorat's evaluators, release the score and
  predicate of a final Evaluasi AKIP (from then on on the public page), or withdraw it.
- `halaman_publik` / `berkas_publik`: what /publik/<kabupaten> lists and serves, read only from published rows of
  that kabupaten's offices; anything else is None (the route answers 404 and sends no bytes).

Each write is one compare-and-set UPDATE with its audit row in the caller's transaction; a refusal raises Ditolak
and writes nothing.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import update
from sqlmodel import Session, col, select

from models.perencanaan.perjanjian_kinerja import PEMILIK_SCAN as SCAN_PK
from models.perencanaan.perjanjian_kinerja import PIHAK_PERTAMA, judul_pk
from models.tables import EvaluasiAkip, Kabupaten, Kecamatan, Lampiran, LaporanKinerja, PerjanjianKinerja, User, utcnow
from models.umum.audit import catat
from models.umum.penolakan import Ditolak
from models.umum.status import StatusEvaluasiAkip, StatusPerjanjian
from models.umum.tanggal import pastikan_sadar_zona

Jenis = Literal["pk", "lkj"]
JENIS: tuple[Jenis, ...] = ("pk", "lkj")
SCAN_LKJ = "laporan_kinerja"  # Lampiran.pemilik_jenis of an LKj's signed scan
SCAN = {"pk": SCAN_PK, "lkj": SCAN_LKJ}
OBJEK = {"pk": "perjanjian_kinerja", "lkj": "laporan_kinerja"}  # the audit log's name of each kind
DITANDATANGANI = str(StatusPerjanjian.DITANDATANGANI)  # the signed state of a PK and of an LKj alike
AKIP_FINAL = str(StatusEvaluasiAkip.FINAL)

PENERBIT = frozenset({"camat", "sekcam", "kasubag_evapor"})  # who publishes the office's signed documents
PERILIS = frozenset({"kabupaten", "evaluator"})  # who releases a predicate (of their own kabupaten)

PESAN_JENIS = "Jenis dokumen tidak dikenal."
PESAN_PENERBIT = ("Hanya Camat, Sekretaris Camat atau Kasubag Evapor kecamatan ini yang dapat mempublikasikan atau "
                  "menarik publikasi dokumennya.")
PESAN_PERILIS = ("Hanya pengguna kabupaten atau Evaluator Inspektorat kabupaten ini yang dapat merilis atau menarik "
                 "predikat Evaluasi AKIP.")
PESAN_BERUBAH = "Dokumen ini baru saja diubah orang lain; muat ulang halaman."


def judul_dokumen(jenis: str, dok: PerjanjianKinerja | LaporanKinerja) -> str:
    """How a page names a published document.

    >>> judul_dokumen("lkj", LaporanKinerja(kecamatan_id=1, tahun=2025))
    'Laporan Kinerja 2025'
    >>> judul_dokumen("pk", PerjanjianKinerja(kecamatan_id=1, tahun=2026, role_kode="camat"))
    'Perjanjian Kinerja Camat 2026'
    """
    if isinstance(dok, PerjanjianKinerja):
        return judul_pk(dok.role_kode, dok.tahun, dok.perubahan_ke)
    return f"Laporan Kinerja {dok.tahun}"


def _jenis(jenis: Any) -> Jenis:
    if jenis == "pk" or jenis == "lkj":
        return jenis
    raise Ditolak(PESAN_JENIS)


def _ambil(session: Session, jenis: Jenis, dok_id: int) -> PerjanjianKinerja | LaporanKinerja | None:
    if jenis == "pk":
        return session.get(PerjanjianKinerja, dok_id)
    return session.get(LaporanKinerja, dok_id)


def scan_dokumen(session: Session, jenis: Jenis, dok: PerjanjianKinerja | LaporanKinerja) -> Lampiran | None:
    """The signed scan of a document: the latest Lampiran of its kind for it, of its own office."""
    return session.exec(select(Lampiran).where(Lampiran.pemilik_jenis == SCAN[jenis])
                        .where(Lampiran.pemilik_id == dok.id).where(Lampiran.kecamatan_id == dok.kecamatan_id)
                        .order_by(col(Lampiran.id).desc())).first()


def _dokumen(session: Session, jenis: Any, dok_id: Any, oleh: User) -> tuple[Jenis, PerjanjianKinerja | LaporanKinerja]:
    j = _jenis(jenis)
    if isinstance(dok_id, bool) or not isinstance(dok_id, int):
        raise Ditolak("Dokumen tidak ditemukan.")
    dok = _ambil(session, j, dok_id)
    if dok is None:
        raise Ditolak("Dokumen tidak ditemukan.")
    if not oleh.aktif or oleh.kecamatan_id != dok.kecamatan_id or oleh.role_kode not in PENERBIT:
        raise Ditolak(PESAN_PENERBIT, objek=OBJEK[j], objek_id=dok.id, kecamatan_id=dok.kecamatan_id)
    return j, dok


def terbitkan(session: Session, *, jenis: Any, id: Any, oleh: User,  # noqa: A002  # the brief's name
              pada: datetime | None = None) -> PerjanjianKinerja | LaporanKinerja:
    """Publish a signed PK or LKj of the user's own office: from now on the public page lists it and serves its
    signed scan. Audited; the caller commits."""
    j, dok = _dokumen(session, jenis, id, oleh)
    judul = judul_dokumen(j, dok)
    aksi = f"{OBJEK[j]}.publikasikan"
    if dok.status != DITANDATANGANI:
        raise Ditolak(f"{judul} belum ditandatangani; hanya dokumen yang sudah ditandatangani yang dapat "
                      "dipublikasikan.", aksi=aksi, objek=OBJEK[j], objek_id=dok.id,
                      kecamatan_id=dok.kecamatan_id)
    if scan_dokumen(session, j, dok) is None:
        raise Ditolak(f"{judul} belum memiliki scan yang ditandatangani; lampirkan scannya lebih dahulu.",
                      aksi=aksi, objek=OBJEK[j], objek_id=dok.id, kecamatan_id=dok.kecamatan_id)
    if dok.dipublikasikan_pada is not None:
        raise Ditolak(f"{judul} sudah dipublikasikan.", aksi=aksi, objek=OBJEK[j], objek_id=dok.id,
                      kecamatan_id=dok.kecamatan_id)
    t = pastikan_sadar_zona(pada or utcnow())
    _tulis(session, dok, cas_kosong=True, nilai={"dipublikasikan_oleh": oleh.id, "dipublikasikan_pada": t})
    catat(session, aksi=aksi, oleh=oleh, objek=OBJEK[j], objek_id=dok.id,
          kecamatan_id=dok.kecamatan_id, sebelum={"dipublikasikan_pada": None},
          sesudah={"dipublikasikan_pada": t.isoformat(), "judul": judul})
    return dok


def tarik(session: Session, *, jenis: Any, id: Any, oleh: User) -> PerjanjianKinerja | LaporanKinerja:  # noqa: A002
    """Withdraw a published document from the public page (it stays signed). Audited; the caller commits."""
    j, dok = _dokumen(session, jenis, id, oleh)
    judul = judul_dokumen(j, dok)
    aksi = f"{OBJEK[j]}.tarik_publikasi"
    if dok.dipublikasikan_pada is None:
        raise Ditolak(f"{judul} belum dipublikasikan.", aksi=aksi, objek=OBJEK[j], objek_id=dok.id,
                      kecamatan_id=dok.kecamatan_id)
    sebelum = pastikan_sadar_zona(dok.dipublikasikan_pada).isoformat()
    _tulis(session, dok, cas_kosong=False, nilai={"dipublikasikan_oleh": None, "dipublikasikan_pada": None})
    catat(session, aksi=aksi, oleh=oleh, objek=OBJEK[j], objek_id=dok.id,
          kecamatan_id=dok.kecamatan_id, sebelum={"dipublikasikan_pada": sebelum},
          sesudah={"dipublikasikan_pada": None, "judul": judul})
    return dok


def _tulis(session: Session, row: Any, *, cas_kosong: bool, nilai: dict[str, Any], kolom: str = "dipublikasikan_pada",
           pesan: str = PESAN_BERUBAH) -> None:
    """One UPDATE that requires `kolom` still empty (or still set) as read: the second of two people acting at
    once changes nothing and is refused."""
    tabel: Any = getattr(type(row), "__table__")  # noqa: B009
    c = tabel.c[kolom]
    q = update(tabel).where(tabel.c.id == row.id).where(c.is_(None) if cas_kosong else c.is_not(None))
    session.flush()
    hasil: Any = session.execute(q.values(**nilai).execution_options(synchronize_session=False))
    if hasil.rowcount != 1:
        session.expire(row)
        raise Ditolak(pesan)
    for k, v in nilai.items():
        setattr(row, k, v)
    session.flush()


# ---------------------------------------------------------------- the kabupaten's release of a predicate


def _evaluasi(session: Session, evaluasi_akip_id: Any, oleh: User) -> tuple[EvaluasiAkip, Kecamatan]:
    if isinstance(evaluasi_akip_id, bool) or not isinstance(evaluasi_akip_id, int):
        raise Ditolak("Evaluasi AKIP tidak ditemukan.")
    ev = session.get(EvaluasiAkip, evaluasi_akip_id)
    if ev is None:
        raise Ditolak("Evaluasi AKIP tidak ditemukan.")
    kec = session.get(Kecamatan, ev.kecamatan_id)
    assert kec is not None  # foreign key
    if not oleh.aktif or oleh.role_kode not in PERILIS or oleh.kabupaten_id != kec.kabupaten_id:
        raise Ditolak(PESAN_PERILIS, objek="evaluasiakip", objek_id=ev.id, kecamatan_id=ev.kecamatan_id)
    return ev, kec


def rilis_predikat(session: Session, *, evaluasi_akip_id: Any, oleh: User,
                   pada: datetime | None = None) -> EvaluasiAkip:
    """Release a final Evaluasi AKIP's score and predicate to the public page. Audited; the caller commits."""
    ev, kec = _evaluasi(session, evaluasi_akip_id, oleh)
    nama = f"Evaluasi AKIP Kecamatan {kec.nama} tahun {ev.tahun}"
    pesan = (f"{nama} belum final; predikat dirilis setelah evaluasi final." if ev.status != AKIP_FINAL else
             f"Predikat {nama} sudah dirilis." if ev.dirilis_pada is not None else None)
    if pesan:
        raise Ditolak(pesan, aksi="evaluasi_akip.rilis", objek="evaluasiakip", objek_id=ev.id,
                      kecamatan_id=ev.kecamatan_id)
    t = pastikan_sadar_zona(pada or utcnow())
    _tulis(session, ev, cas_kosong=True, kolom="dirilis_pada", nilai={"dirilis_oleh": oleh.id, "dirilis_pada": t},
           pesan="Evaluasi AKIP ini baru saja diubah orang lain; muat ulang halaman.")
    catat(session, aksi="evaluasi_akip.rilis", oleh=oleh, objek="evaluasiakip", objek_id=ev.id,
          kecamatan_id=ev.kecamatan_id, sebelum={"dirilis_pada": None},
          sesudah={"dirilis_pada": t.isoformat(), "nilai": ev.nilai, "predikat": ev.predikat})
    return ev


def tarik_rilis(session: Session, *, evaluasi_akip_id: Any, oleh: User) -> EvaluasiAkip:
    """Withdraw a released predicate from the public page. Audited; the caller commits."""
    ev, kec = _evaluasi(session, evaluasi_akip_id, oleh)
    nama = f"Evaluasi AKIP Kecamatan {kec.nama} tahun {ev.tahun}"
    if ev.dirilis_pada is None:
        raise Ditolak(f"Predikat {nama} belum dirilis.", aksi="evaluasi_akip.tarik_rilis", objek="evaluasiakip",
                      objek_id=ev.id, kecamatan_id=ev.kecamatan_id)
    sebelum = pastikan_sadar_zona(ev.dirilis_pada).isoformat()
    _tulis(session, ev, cas_kosong=False, kolom="dirilis_pada", nilai={"dirilis_oleh": None, "dirilis_pada": None},
           pesan="Evaluasi AKIP ini baru saja diubah orang lain; muat ulang halaman.")
    catat(session, aksi="evaluasi_akip.tarik_rilis", oleh=oleh, objek="evaluasiakip", objek_id=ev.id,
          kecamatan_id=ev.kecamatan_id, sebelum={"dirilis_pada": sebelum}, sesudah={"dirilis_pada": None})
    return ev


# ---------------------------------------------------------------- the public page


def slug(nama: str) -> str:
    """A kabupaten's name as an address: lower case, words joined by hyphens, letters and digits only.

    >>> slug("Malang"), slug("Tanjung Jabung Barat"), slug("  Kepulauan   Seribu "), slug("Toba Samosir (Tobasa)")
    ('malang', 'tanjung-jabung-barat', 'kepulauan-seribu', 'toba-samosir-tobasa')
    """
    ascii_ = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def kabupaten_dari_slug(session: Session, alamat: str) -> Kabupaten | None:
    """The kabupaten whose name gives that address; None for any other text."""
    if not isinstance(alamat, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", alamat):
        return None
    return next((k for k in session.exec(select(Kabupaten)).all() if slug(k.nama) == alamat), None)


@dataclass(frozen=True)
class DokumenPublik:
    jenis: Jenis
    id: int
    judul: str
    tanggal: date | None  # the date printed on the signed document
    dipublikasikan_pada: datetime
    nama_berkas: str
    jenis_berkas: str  # MIME type of the signed scan


@dataclass(frozen=True)
class PredikatPublik:
    nilai: float | None
    predikat: str | None
    dirilis_pada: datetime


@dataclass
class TahunPublik:
    tahun: int
    dokumen: list[DokumenPublik] = field(default_factory=list)
    evaluasi: PredikatPublik | None = None


@dataclass
class KantorPublik:
    kecamatan_id: int
    nama: str
    tahun: list[TahunPublik]  # newest first; only years with something published


@dataclass(frozen=True)
class HalamanPublik:
    kabupaten: Kabupaten
    kantor: list[KantorPublik]  # every office of the kabupaten, by name (an office without anything: no years)


def _scan_banyak(session: Session, jenis: Jenis, rows: Sequence[PerjanjianKinerja | LaporanKinerja]
                 ) -> dict[int, Lampiran]:
    """Per document, its signed scan (the latest of its own office), in one query."""
    if not rows:
        return {}
    kantor = {r.id: r.kecamatan_id for r in rows}
    hasil: dict[int, Lampiran] = {}
    for lam in session.exec(select(Lampiran).where(Lampiran.pemilik_jenis == SCAN[jenis])
                            .where(col(Lampiran.pemilik_id).in_(list(kantor))).order_by(col(Lampiran.id))).all():
        if kantor.get(lam.pemilik_id) == lam.kecamatan_id:
            hasil[lam.pemilik_id] = lam
    return hasil


def halaman_publik(session: Session, kabupaten: Kabupaten) -> HalamanPublik:
    """What the public page of a kabupaten lists: per office and year (newest first) its published, signed PKs
    and LKj with a scan, and its Evaluasi AKIP score and predicate once released. Six queries whatever the
    number of offices."""
    kec = list(session.exec(select(Kecamatan).where(Kecamatan.kabupaten_id == kabupaten.id)
                            .order_by(col(Kecamatan.nama))).all())
    ids = [k.id for k in kec]
    per: dict[tuple[int, int], TahunPublik] = {}

    def tahun(k: int, th: int) -> TahunPublik:
        return per.setdefault((k, th), TahunPublik(th))

    urut = {r: n for n, r in enumerate(PIHAK_PERTAMA)}
    pk = sorted(session.exec(select(PerjanjianKinerja).where(col(PerjanjianKinerja.kecamatan_id).in_(ids))
                             .where(col(PerjanjianKinerja.dipublikasikan_pada).is_not(None))
                             .where(PerjanjianKinerja.status == DITANDATANGANI)).all(),
                key=lambda p: (urut.get(p.role_kode, 99), p.perubahan_ke))
    lkj = list(session.exec(select(LaporanKinerja).where(col(LaporanKinerja.kecamatan_id).in_(ids))
                            .where(col(LaporanKinerja.dipublikasikan_pada).is_not(None))
                            .where(LaporanKinerja.status == DITANDATANGANI)).all())
    for j, rows in (("lkj", lkj), ("pk", pk)):
        scan = _scan_banyak(session, j, rows)  # type: ignore[arg-type]
        for r in rows:
            lam = scan.get(r.id)
            if lam is None or r.dipublikasikan_pada is None:
                continue
            tahun(r.kecamatan_id, r.tahun).dokumen.append(DokumenPublik(
                j, r.id, judul_dokumen(j, r), r.tanggal, pastikan_sadar_zona(r.dipublikasikan_pada),  # type: ignore[arg-type]
                lam.nama_berkas, lam.jenis))
    for ev in session.exec(select(EvaluasiAkip).where(col(EvaluasiAkip.kecamatan_id).in_(ids))
                           .where(col(EvaluasiAkip.dirilis_pada).is_not(None))
                           .where(EvaluasiAkip.status == AKIP_FINAL)).all():
        assert ev.dirilis_pada is not None
        tahun(ev.kecamatan_id, ev.tahun).evaluasi = PredikatPublik(ev.nilai, ev.predikat,
                                                                   pastikan_sadar_zona(ev.dirilis_pada))
    kantor = [KantorPublik(k.id, k.nama, sorted((t for (ki, _), t in per.items() if ki == k.id),
                                                key=lambda t: -t.tahun)) for k in kec]
    return HalamanPublik(kabupaten, kantor)


def berkas_publik(session: Session, *, kabupaten: Kabupaten, jenis: str, dok_id: int) -> Lampiran | None:
    """The signed scan the public may read: only of a signed, published PK or LKj of an office of that kabupaten;
    None for anything else (another kind, another kabupaten, unpublished, unsigned, no scan, no such id)."""
    if jenis != "pk" and jenis != "lkj":
        return None
    j: Jenis = "pk" if jenis == "pk" else "lkj"
    dok = _ambil(session, j, dok_id)
    if dok is None or dok.dipublikasikan_pada is None or dok.status != DITANDATANGANI:
        return None
    kec = session.get(Kecamatan, dok.kecamatan_id)
    if kec is None or kec.kabupaten_id != kabupaten.id:
        return None
    return scan_dokumen(session, j, dok)
