"""The Lembar Kerja Evaluasi (LKE) of the Evaluasi AKIP as data, and its arithmetic (PermenPAN-RB 88/2021).

An LKE is four components, each with sub-components weighted as a share of the component, each with criteria
answered on a scale (Y/T, or A to E). The regulation's LKE is seed/lke.toml; a kabupaten may adopt a revised one
from a year on (`Lke` rows), and an evaluation freezes the LKE it is answered on. A sub-component scores its
weight times the average value of its criteria; a component the sum of its sub-components; the total the sum of
the components. Sums are exact (Decimal) and rounded half up to two decimals only where a reader sees them; the
predicate is read from the total as printed.
"""
from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from models.tables import Kecamatan, Lke
from models.umum.penolakan import Ditolak

BERKAS_BAWAAN = Path(__file__).resolve().parents[2] / "seed" / "lke.toml"

SKALA: dict[str, dict[str, Decimal]] = {
    "YT": {"Y": Decimal(1), "T": Decimal(0)},
    "AE": {"A": Decimal(1), "B": Decimal("0.75"), "C": Decimal("0.5"), "D": Decimal("0.25"), "E": Decimal(0)},
}
LABEL_SKALA = {"YT": "Y/T", "AE": "A/B/C/D/E"}

# Predicate from the total: AA above 90, A above 80 up to 90, ... D 30 or less.
PREDIKAT_AKIP: tuple[tuple[str, Decimal], ...] = (
    ("AA", Decimal(90)), ("A", Decimal(80)), ("BB", Decimal(70)), ("B", Decimal(60)), ("CC", Decimal(50)),
    ("C", Decimal(30)),
)
PREDIKAT_TERENDAH = "D"
ARTI_PREDIKAT = {"AA": "Sangat Memuaskan", "A": "Memuaskan", "BB": "Sangat Baik", "B": "Baik", "CC": "Cukup",
                 "C": "Kurang", "D": "Sangat Kurang"}


@dataclass(frozen=True)
class Kriteria:
    kode: str  # "2.2.4"
    teks: str
    skala: str  # YT | AE


@dataclass(frozen=True)
class SubKomponen:
    kode: str  # "2.2"
    nama: str
    bobot: Decimal  # points: the component's weight times its share
    persen: Decimal
    kriteria: tuple[Kriteria, ...]
    keterangan: str | None = None


@dataclass(frozen=True)
class Komponen:
    kode: str  # "2"
    nama: str
    bobot: Decimal
    sub: tuple[SubKomponen, ...]


@dataclass(frozen=True)
class StrukturLke:
    nama: str
    komponen: tuple[Komponen, ...]

    def kriteria(self) -> list[Kriteria]:
        return [k for km in self.komponen for s in km.sub for k in s.kriteria]

    def cari(self, kode: str) -> Kriteria | None:
        return next((k for k in self.kriteria() if k.kode == kode), None)


def _teks(nilai: Any, apa: str) -> str:
    if not isinstance(nilai, str) or not nilai.strip():
        raise Ditolak(f"LKE tidak sah: {apa} harus berisi teks.")
    return nilai.strip()


def _desimal(nilai: Any, apa: str) -> Decimal:
    if isinstance(nilai, bool) or not isinstance(nilai, int | float | str):
        raise Ditolak(f"LKE tidak sah: {apa} harus berupa angka.")
    try:
        d = Decimal(str(nilai).replace(",", "."))
    except ArithmeticError:
        raise Ditolak(f"LKE tidak sah: {apa} harus berupa angka.") from None
    if not d.is_finite() or d <= 0:
        raise Ditolak(f"LKE tidak sah: {apa} harus lebih dari 0.")
    return d


PANJANG_KODE = 20  # JawabanLke.kode


def _kode(nilai: Any, apa: str, induk: str | None = None) -> str:
    kode = _teks(nilai, apa)
    if len(kode) > PANJANG_KODE - 4:  # room for ".<criterion>" under a sub-component
        raise Ditolak(f"LKE tidak sah: {apa} {kode} terlalu panjang (paling banyak {PANJANG_KODE - 4} karakter).")
    if induk is not None and not kode.startswith(f"{induk}."):
        raise Ditolak(f"LKE tidak sah: kode subkomponen {kode} harus diawali kode komponennya, {induk}.")
    return kode


def _skala(nilai: Any, apa: str) -> str:
    if nilai not in SKALA:
        raise Ditolak(f"LKE tidak sah: skala {apa} harus YT (Y/T) atau AE (A/B/C/D/E).")
    return str(nilai)


def baca_struktur(isi: Mapping[str, Any]) -> StrukturLke:
    """Check an LKE given as data (the shape of seed/lke.toml) and read it; anything amiss is refused by name.

    >>> s = baca_struktur({"nama": "Uji", "komponen": [{"kode": "1", "nama": "K", "bobot": 100, "sub": [
    ...     {"kode": "1.1", "nama": "S", "persen": 100, "skala": "YT", "kriteria": ["a", {"teks": "b", "skala": "AE"}]}]}]})
    >>> [(k.kode, k.skala) for k in s.kriteria()], s.komponen[0].sub[0].bobot
    ([('1.1.1', 'YT'), ('1.1.2', 'AE')], Decimal('100'))
    >>> baca_struktur({"nama": "Uji", "komponen": []})
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: LKE tidak sah: tidak ada komponen.
    >>> dua = [{"kode": "1", "nama": n, "bobot": 50, "sub": [{"kode": "1.1", "nama": "S", "persen": 100,
    ...         "kriteria": ["a"]}]} for n in ("K", "L")]
    >>> baca_struktur({"nama": "Uji", "komponen": dua})  # a second "1" would overwrite the first one's score
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: LKE tidak sah: kode 1 dipakai dua kali.
    >>> dua[1]["kode"] = "2"
    >>> baca_struktur({"nama": "Uji", "komponen": dua})
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: LKE tidak sah: kode subkomponen 1.1 harus diawali kode komponennya, 2.
    """
    if not isinstance(isi, Mapping):
        raise Ditolak("LKE tidak sah: isinya harus berupa tabel komponen.")
    nama = _teks(isi.get("nama"), "nama LKE")
    daftar = isi.get("komponen")
    if not isinstance(daftar, list) or not daftar:
        raise Ditolak("LKE tidak sah: tidak ada komponen.")
    komponen: list[Komponen] = []
    kode_ada: set[str] = set()
    for km in daftar:
        if not isinstance(km, Mapping):
            raise Ditolak("LKE tidak sah: setiap komponen harus berupa tabel.")
        kk = _kode(km.get("kode"), "kode komponen")
        if kk in kode_ada:
            raise Ditolak(f"LKE tidak sah: kode {kk} dipakai dua kali.")
        kode_ada.add(kk)
        bobot = _desimal(km.get("bobot"), f"bobot komponen {kk}")
        subs_data = km.get("sub")
        if not isinstance(subs_data, list) or not subs_data:
            raise Ditolak(f"LKE tidak sah: komponen {kk} tidak punya subkomponen.")
        subs: list[SubKomponen] = []
        for sd in subs_data:
            if not isinstance(sd, Mapping):
                raise Ditolak(f"LKE tidak sah: subkomponen komponen {kk} harus berupa tabel.")
            sk = _kode(sd.get("kode"), "kode subkomponen", kk)
            persen = _desimal(sd.get("persen"), f"persen subkomponen {sk}")
            skala_sub = _skala(sd.get("skala", "AE"), f"subkomponen {sk}")
            kr_data = sd.get("kriteria")
            if not isinstance(kr_data, list) or not kr_data:
                raise Ditolak(f"LKE tidak sah: subkomponen {sk} tidak punya kriteria.")
            kriteria = []
            for i, kd in enumerate(kr_data, start=1):
                kode = f"{sk}.{i}"
                if isinstance(kd, Mapping):
                    kriteria.append(Kriteria(kode, _teks(kd.get("teks"), f"kriteria {kode}"),
                                             _skala(kd.get("skala", skala_sub), f"kriteria {kode}")))
                else:
                    kriteria.append(Kriteria(kode, _teks(kd, f"kriteria {kode}"), skala_sub))
            for kode in (sk, *(k.kode for k in kriteria)):
                if kode in kode_ada:
                    raise Ditolak(f"LKE tidak sah: kode {kode} dipakai dua kali.")
                kode_ada.add(kode)
            ket = sd.get("keterangan")
            subs.append(SubKomponen(sk, _teks(sd.get("nama"), f"nama subkomponen {sk}"), bobot * persen / 100,
                                    persen, tuple(kriteria), ket.strip() if isinstance(ket, str) and ket.strip()
                                    else None))
        if sum(s.persen for s in subs) != 100:
            raise Ditolak(f"LKE tidak sah: persen subkomponen komponen {kk} berjumlah "
                          f"{sum(s.persen for s in subs)}, bukan 100.")
        komponen.append(Komponen(kk, _teks(km.get("nama"), f"nama komponen {kk}"), bobot, tuple(subs)))
    total = sum(k.bobot for k in komponen)
    if total != 100:
        raise Ditolak(f"LKE tidak sah: bobot komponen berjumlah {total}, bukan 100.")
    return StrukturLke(nama, tuple(komponen))


def isi_bawaan() -> dict[str, Any]:
    """The regulation's LKE as data (seed/lke.toml)."""
    return tomllib.loads(BERKAS_BAWAAN.read_text(encoding="utf-8"))


def lke_berlaku(session: Session, kecamatan_id: int, tahun: int) -> tuple[dict[str, Any], Lke | None]:
    """The LKE an office's year is evaluated on: the kabupaten's latest adopted from that year or before, else
    the regulation's (then the row is None)."""
    kab_id = session.get(Kecamatan, kecamatan_id).kabupaten_id  # type: ignore[union-attr]
    row = session.exec(select(Lke).where(Lke.kabupaten_id == kab_id, col(Lke.berlaku_mulai) <= tahun)
                       .order_by(col(Lke.berlaku_mulai).desc())).first()
    return (dict(row.isi), row) if row else (isi_bawaan(), None)


def nilai_jawaban(skala: str, jawaban: str | None) -> Decimal | None:
    """The value of one answer on its scale; None when unanswered; an answer off the scale is refused.

    >>> nilai_jawaban("AE", "B"), nilai_jawaban("YT", "T"), nilai_jawaban("AE", None)
    (Decimal('0.75'), Decimal('0'), None)
    >>> nilai_jawaban("YT", "B")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Jawaban "B" tidak ada pada skala Y/T.
    """
    if jawaban is None or jawaban == "":
        return None
    nilai = SKALA[skala].get(str(jawaban).strip().upper())
    if nilai is None:
        raise Ditolak(f'Jawaban "{jawaban}" tidak ada pada skala {LABEL_SKALA[skala]}.')
    return nilai


@dataclass(frozen=True)
class NilaiLke:
    """Scores of one set of answers: per sub-component and component (None while any criterion is unanswered),
    the total (None likewise), and the criteria still unanswered."""

    sub: dict[str, Decimal | None]
    komponen: dict[str, Decimal | None]
    total: Decimal | None
    belum: tuple[str, ...]

    @property
    def predikat(self) -> str | None:
        return predikat_akip(self.total) if self.total is not None else None


def hitung_nilai(struktur: StrukturLke, jawaban: Mapping[str, str | None]) -> NilaiLke:
    """Score a set of answers (criterion code to Y/T/A..E).

    >>> s = baca_struktur(isi_bawaan())
    >>> semua = {k.kode: ("Y" if k.skala == "YT" else "A") for k in s.kriteria()}
    >>> n = hitung_nilai(s, semua); bulat(n.total), n.predikat
    (Decimal('100.00'), 'AA')
    >>> semua["2.2.4"] = "C"  # 2.2 (9 points, 7 criteria): 9 x 6,5/7 = 8,357142...
    >>> n = hitung_nilai(s, semua); bulat(n.sub["2.2"]), bulat(n.komponen["2"]), bulat(n.total)
    (Decimal('8.36'), Decimal('29.36'), Decimal('99.36'))
    >>> del semua["1.1.1"]
    >>> n = hitung_nilai(s, semua); n.sub["1.1"], n.komponen["1"], n.total, n.belum
    (None, None, None, ('1.1.1',))
    """
    sub: dict[str, Decimal | None] = {}
    komponen: dict[str, Decimal | None] = {}
    belum: list[str] = []
    for km in struktur.komponen:
        jumlah: Decimal | None = Decimal(0)
        for s in km.sub:
            nilai = [nilai_jawaban(k.skala, jawaban.get(k.kode)) for k in s.kriteria]
            kosong = [k.kode for k, v in zip(s.kriteria, nilai, strict=True) if v is None]
            belum.extend(kosong)
            skor = None if kosong else s.bobot * sum(v for v in nilai if v is not None) / len(nilai)
            sub[s.kode] = skor
            jumlah = None if jumlah is None or skor is None else jumlah + skor
        komponen[km.kode] = jumlah
    total = None if any(v is None for v in komponen.values()) else sum(v for v in komponen.values() if v is not None)
    return NilaiLke(sub, komponen, Decimal(total) if total is not None else None, tuple(belum))


def bulat(x: Decimal) -> Decimal:
    """Two decimals, half up, as the LKE prints a score.

    >>> bulat(Decimal("70.005")), bulat(Decimal("8.357142857"))
    (Decimal('70.01'), Decimal('8.36'))
    """
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def predikat_akip(total: Decimal | float) -> str:
    """The predicate of a total as printed (two decimals): AA above 90, A above 80 up to 90, BB above 70 up to
    80, B above 60 up to 70, CC above 50 up to 60, C above 30 up to 50, D 30 or less.

    >>> [predikat_akip(Decimal(x)) for x in ("90.01", "90", "80.004", "70.005", "60", "50.5", "30.01", "30")]
    ['AA', 'A', 'BB', 'BB', 'CC', 'CC', 'C', 'D']
    """
    t = bulat(Decimal(str(total)))
    return next((p for p, batas in PREDIKAT_AKIP if t > batas), PREDIKAT_TERENDAH)
