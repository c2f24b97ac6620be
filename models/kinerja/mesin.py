"""The capaian engine: achievement of an indicator against its target, quarter by quarter. Pure and typed.

T = target, R = realisasi. Higher is better (positif): R / T × 100. Lower is better (negatif): (2T − R) / T × 100
by default, T / R × 100 as an option. Quarters combine as the indicator says (kumulatif, terakhir, rata-rata) and
are compared with the target in force for the period: quarter N with quarter N's target from the Rencana Aksi when
there is one (for a kumulatif indicator, what should be reached by the end of quarter N; otherwise the quarter's own
target), else with the year's target; the year with the year's target. The result says which (`terhadap`). It is
floored at 0 and capped when the indicator has a cap. Whatever cannot be computed is `tidak tersedia` with the
reason, never 0 and never a band.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from models.umum.angka import bulatkan
from models.umum.periode import ROMAWI

Polaritas = Literal["positif", "negatif"]
RumusNegatif = Literal["2T-R", "T/R"]
Agregasi = Literal["kumulatif", "terakhir", "rata-rata"]

POLARITAS: tuple[str, ...] = ("positif", "negatif")
RUMUS_NEGATIF: tuple[str, ...] = ("2T-R", "T/R")
AGREGASI: tuple[str, ...] = ("kumulatif", "terakhir", "rata-rata")


@dataclass(frozen=True)
class Predikat:
    nama: str
    di_atas: float | None  # the band holds values above this (None: the lowest band, everything else)
    warna: str


# "91–100 Sangat Baik, 76–90 Baik, 66–75 Cukup, 51–65 Kurang, ≤ 50 Sangat Kurang", read for decimals.
PREDIKAT_BAKU: tuple[Predikat, ...] = (
    Predikat("Sangat Baik", 90, "#1a7f37"),
    Predikat("Baik", 75, "#4c9a2a"),
    Predikat("Cukup", 65, "#d4a72c"),
    Predikat("Kurang", 50, "#e16f24"),
    Predikat("Sangat Kurang", None, "#cf222e"),
)


@dataclass(frozen=True)
class Realisasi:
    """One quarter's figure: a value, or a numerator over a denominator (a percentage)."""

    nilai: float
    pembilang: float | None = None
    penyebut: float | None = None


@dataclass(frozen=True)
class Capaian:
    """Capaian in percent, or None with the reason it is not available."""

    persen: float | None
    alasan: str | None = None
    realisasi: float | None = None  # the combined realisasi compared with the target
    terhadap: str | None = None  # the target it is measured against: "target triwulan II" or "target tahun"
    target: float | None = None  # that target's value

    @property
    def tersedia(self) -> bool:
        return self.persen is not None

    @property
    def sesuai_rencana(self) -> bool | None:
        """Against a quarter's own target (the Rencana Aksi): whether the office is on plan (capaian of at least
        100 %, as printed); None when measured against the year's target or not available.

        >>> [Capaian(p, terhadap="target triwulan II").sesuai_rencana for p in (100.0, 120.0, 99.994)]
        [True, True, False]
        >>> Capaian(100.0, terhadap="target tahun").sesuai_rencana, Capaian(None, terhadap="target triwulan I").sesuai_rencana
        (None, None)
        """
        if self.persen is None or not (self.terhadap or "").startswith("target triwulan"):
            return None
        return bulatkan(self.persen) >= 100


TERHADAP_TAHUN = "target tahun"


def terhadap_triwulan(triwulan: int) -> str:
    """>>> terhadap_triwulan(2)
    'target triwulan II'
    """
    return f"target triwulan {ROMAWI[triwulan]}"


def keterangan_rencana(c: Capaian) -> str | None:
    """Whether the office is on track against its Rencana Aksi, in words; None when the quarter has no target of its
    own (nothing to say) or no capaian.

    >>> [keterangan_rencana(Capaian(p, terhadap="target triwulan I")) for p in (100.0, 50.0)]
    ['Sesuai rencana aksi', 'Di bawah rencana aksi']
    >>> keterangan_rencana(Capaian(25.0, terhadap="target tahun")) is None
    True
    """
    s = c.sesuai_rencana
    return None if s is None else ("Sesuai rencana aksi" if s else "Di bawah rencana aksi")


def tidak_tersedia(alasan: str) -> Capaian:
    return Capaian(None, alasan)


def predikat(persen: float | None, pita: Sequence[Predikat] = PREDIKAT_BAKU) -> Predikat | None:
    """The band of a capaian, judged on the value as printed (two decimals); None when not available.

    >>> [predikat(x).nama for x in (100, 90.004, 90.01, 75, 75.5, 65, 50.01, 50, 0)]
    ['Sangat Baik', 'Baik', 'Sangat Baik', 'Cukup', 'Baik', 'Kurang', 'Kurang', 'Sangat Kurang', 'Sangat Kurang']
    >>> predikat(None) is None
    True
    """
    if persen is None:
        return None
    x = bulatkan(persen)
    for p in pita:
        if p.di_atas is None or x > p.di_atas:
            return p
    return pita[-1]


def nilai_realisasi(pembilang: float, penyebut: float | None) -> float:
    """A quarter's value: the count itself, or numerator / denominator × 100 for a ratio indicator.

    >>> nilai_realisasi(45, 50), nilai_realisasi(12, None)
    (90.0, 12)
    """
    if penyebut is None:
        return pembilang
    return pembilang / penyebut * 100 if penyebut else 0.0


def gabung(realisasi: Sequence[Realisasi | None], sampai: int, agregasi: Agregasi) -> float | str:
    """Combine quarters 1..`sampai`; a string is the reason they cannot be combined.

    kumulatif sums the quarters (for a ratio: Σ numerators / Σ denominators × 100); terakhir takes quarter
    `sampai`; rata-rata averages the quarters' values. A missing quarter in the range makes kumulatif and
    rata-rata unavailable: an empty quarter is not zero.

    >>> r = [Realisasi(10), Realisasi(20), None, Realisasi(40)]
    >>> gabung(r, 2, "kumulatif"), gabung(r, 2, "rata-rata"), gabung(r, 4, "terakhir")
    (30, 15.0, 40)
    >>> gabung(r, 4, "kumulatif")
    'triwulan III belum ada realisasi yang disetujui'
    >>> round(gabung([Realisasi(90, 45, 50), Realisasi(50, 5, 10)], 2, "kumulatif"), 2)  # 50 / 60, not 140 / 2
    83.33
    """
    if agregasi not in AGREGASI:
        raise ValueError(f"agregasi tidak dikenal: {agregasi}")
    bagian = list(realisasi[:sampai])
    if agregasi == "terakhir":
        r = bagian[sampai - 1] if len(bagian) >= sampai else None
        return r.nilai if r is not None else f"triwulan {ROMAWI[sampai]} belum ada realisasi yang disetujui"
    for i in range(sampai):
        if i >= len(bagian) or bagian[i] is None:
            return f"triwulan {ROMAWI[i + 1]} belum ada realisasi yang disetujui"
    ada = [r for r in bagian if r is not None]  # every quarter of the range, as checked above
    if agregasi == "rata-rata":
        return sum(r.nilai for r in ada) / sampai
    penyebut = [r.penyebut for r in ada if r.penyebut is not None]
    if len(penyebut) == len(ada):
        return sum(r.pembilang or 0.0 for r in ada) / sum(penyebut) * 100 if sum(penyebut) else 0.0
    return sum(r.nilai for r in ada)




def capaian(target: float | None, realisasi: float | None, *, polaritas: Polaritas = "positif",
            rumus_negatif: RumusNegatif = "2T-R", batas_atas: float | None = None) -> Capaian:
    """Capaian of one realisasi against one target.

    >>> capaian(80, 60).persen, capaian(80, 100).persen
    (75.0, 125.0)
    >>> capaian(10, 12, polaritas="negatif").persen, capaian(10, 8, polaritas="negatif", rumus_negatif="T/R").persen
    (80.0, 125.0)
    >>> capaian(10, 25, polaritas="negatif").persen  # (2T − R) / T below zero: floored
    0.0
    >>> capaian(100, 130, batas_atas=120).persen
    120.0

    A zero target: a lower-is-better indicator whose realisasi is also 0 has met it; anything else is not
    available, and neither is a missing target or figure.

    >>> capaian(0, 0, polaritas="negatif").persen
    100.0
    >>> capaian(0, 2, polaritas="negatif").alasan
    'target 0: capaian tidak dapat dihitung karena realisasi lebih dari 0'
    >>> capaian(0, 5).alasan, capaian(None, 5).alasan, capaian(50, None).alasan
    ('target 0: capaian tidak dapat dihitung', 'belum ada target', 'belum ada realisasi yang disetujui')
    >>> capaian(5, 0, polaritas="negatif", rumus_negatif="T/R").alasan
    'realisasi 0: rumus T/R tidak dapat dihitung'
    """
    if polaritas not in POLARITAS:
        raise ValueError(f"polaritas tidak dikenal: {polaritas}")
    if rumus_negatif not in RUMUS_NEGATIF:
        raise ValueError(f"rumus negatif tidak dikenal: {rumus_negatif}")
    if target is None:
        return tidak_tersedia("belum ada target")
    if realisasi is None:
        return tidak_tersedia("belum ada realisasi yang disetujui")
    if target < 0 or realisasi < 0:
        return tidak_tersedia("target atau realisasi negatif")
    if target == 0:
        if polaritas == "negatif" and realisasi == 0:
            return Capaian(100.0, realisasi=realisasi)
        if polaritas == "negatif":
            return tidak_tersedia("target 0: capaian tidak dapat dihitung karena realisasi lebih dari 0")
        return tidak_tersedia("target 0: capaian tidak dapat dihitung")
    if polaritas == "positif":
        persen = realisasi / target * 100
    elif rumus_negatif == "2T-R":
        persen = (2 * target - realisasi) / target * 100
    elif realisasi == 0:
        return tidak_tersedia("realisasi 0: rumus T/R tidak dapat dihitung")
    else:
        persen = target / realisasi * 100
    persen = max(persen, 0.0)
    if batas_atas is not None:
        persen = min(persen, float(batas_atas))
    return Capaian(persen, realisasi=realisasi)


def target_nol_bermakna(polaritas: Polaritas) -> bool:
    """Whether a target of 0 can ever give a capaian (`capaian`): only for a lower-is-better indicator, met when its
    realisasi is 0 too; higher-is-better divides by the target, so against 0 it is never computed, whatever the unit.

    >>> [target_nol_bermakna(p) for p in ("positif", "negatif")]
    [False, True]
    """
    return capaian(0, 0, polaritas=polaritas).tersedia


BATAS_RERATA_BAKU = 120.0  # PermenPAN-RB 8/2021 caps an individual score at 120


def rata_rata_dibatasi(persen: Iterable[float | None], batas: float | None = BATAS_RERATA_BAKU) -> float | None:
    """The average of capaian across indicators or offices, each counted up to `batas` (None: uncapped), so that
    one lower-is-better indicator at 250 % does not decide a rank; None when there is none to average.

    >>> rata_rata_dibatasi([250.0, 80.0]), rata_rata_dibatasi([250.0, 80.0], None), rata_rata_dibatasi([None])
    (100.0, 165.0, None)
    """
    nilai = [min(p, batas) if batas is not None else p for p in persen if p is not None]
    return sum(nilai) / len(nilai) if nilai else None


@dataclass(frozen=True)
class Posisi:
    """One office's capaian among its kabupaten's offices for one indicator."""

    median: float | None  # of the offices that have a capaian
    tertinggi: float | None
    peringkat: int | None  # 1 + the offices with a higher capaian; None when the office has none
    jumlah: int  # offices that have a capaian


def posisi(sendiri: float | None, semua: Iterable[float | None]) -> Posisi:
    """Where `sendiri` stands among the offices' capaian `semua` (its own included): the median and the highest of
    those that have one, and its rank (a lower-is-better indicator's capaian already reads higher as better).

    >>> posisi(90.0, [80.0, 90.0, None, 100.0, 95.0])
    Posisi(median=92.5, tertinggi=100.0, peringkat=3, jumlah=4)
    >>> posisi(None, [80.0]), posisi(None, [])
    (Posisi(median=80.0, tertinggi=80.0, peringkat=None, jumlah=1), Posisi(median=None, tertinggi=None, peringkat=None, jumlah=0))
    """
    nilai = sorted(v for v in semua if v is not None)
    n = len(nilai)
    median = None if not n else (nilai[n // 2] if n % 2 else (nilai[n // 2 - 1] + nilai[n // 2]) / 2)
    peringkat = None if sendiri is None else sum(1 for v in nilai if v > sendiri) + 1
    return Posisi(median, nilai[-1] if nilai else None, peringkat, n)


@dataclass(frozen=True)
class Indikator:
    """What the engine needs to know of an indicator."""

    polaritas: Polaritas = "positif"
    rumus_negatif: RumusNegatif = "2T-R"
    agregasi: Agregasi = "kumulatif"
    batas_atas: float | None = None


def target_pada(target_tahun: float | None, target_triwulan: Sequence[float | None], triwulan: int
                ) -> tuple[float | None, str]:
    """The target quarter `triwulan` is measured against, and its name: the quarter's own when set, else the year's.

    >>> target_pada(40, [10, 20, None, None], 2), target_pada(40, [10, 20, None, None], 3), target_pada(40, [], 1)
    ((20, 'target triwulan II'), (40, 'target tahun'), (40, 'target tahun'))
    """
    tw = target_triwulan[triwulan - 1] if len(target_triwulan) >= triwulan else None
    return (tw, terhadap_triwulan(triwulan)) if tw is not None else (target_tahun, TERHADAP_TAHUN)


def capaian_triwulan(ind: Indikator, target_tahun: float | None, realisasi: Sequence[Realisasi | None],
                     triwulan: int, target_triwulan: Sequence[float | None] = ()) -> Capaian:
    """Capaian up to and including quarter `triwulan` (1–4): the quarters combined as the indicator says, against
    the quarter's own target when the Rencana Aksi sets one (`target_triwulan`, quarters 1..4, None for none),
    otherwise against the year's target. The result names the target (`terhadap`).

    Not available when that quarter itself has no approved figure.

    >>> ind = Indikator(agregasi="kumulatif")
    >>> capaian_triwulan(ind, 100, [Realisasi(20), Realisasi(30)], 2).persen
    50.0
    >>> capaian_triwulan(ind, 100, [Realisasi(20), None], 2).alasan
    'triwulan II belum ada realisasi yang disetujui'

    A count of 10 a quarter against a year of 40, with the Rencana Aksi's 10/20/30/40: on plan every quarter.

    >>> c = capaian_triwulan(ind, 40, [Realisasi(10)] * 2, 2, [10, 20, 30, 40])
    >>> c.persen, c.realisasi, c.target, c.terhadap
    (100.0, 20, 20, 'target triwulan II')
    >>> c = capaian_triwulan(ind, 40, [Realisasi(10)], 1)
    >>> c.persen, c.terhadap
    (25.0, 'target tahun')

    A last value or an average: the quarter's own target against the quarter's own value. An average on plan
    (targets 60/70/80/90, figures 60/70/80/90) is 100 % every quarter, not its running average (75) against 90;
    without a target of its own the quarter compares the running average with the year's target, as before.

    >>> capaian_triwulan(Indikator(agregasi="terakhir"), 90, [Realisasi(70), Realisasi(80)], 2, [None, 80]).persen
    100.0
    >>> rata = Indikator(agregasi="rata-rata")
    >>> [capaian_triwulan(rata, 90, [Realisasi(v) for v in (60, 70, 80, 90)], n, [60, 70, 80, 90]).persen
    ...  for n in (1, 2, 3, 4)]
    [100.0, 100.0, 100.0, 100.0]
    >>> capaian_triwulan(rata, 90, [Realisasi(v) for v in (60, 70, 80, 90)], 4).persen  # 75 against 90
    83.33333333333334
    """
    if not 1 <= triwulan <= 4:
        raise ValueError("triwulan harus 1 sampai 4")
    target, terhadap = target_pada(target_tahun, target_triwulan, triwulan)
    sendiri = ind.agregasi == "rata-rata" and terhadap != TERHADAP_TAHUN
    c = _capaian_triwulan(Indikator(ind.polaritas, ind.rumus_negatif, "terakhir", ind.batas_atas) if sendiri
                          else ind, target, realisasi, triwulan)
    return Capaian(c.persen, c.alasan, c.realisasi, terhadap, target)  # not dataclasses.replace: this runs often


def _capaian_triwulan(ind: Indikator, target: float | None, realisasi: Sequence[Realisasi | None],
                      triwulan: int) -> Capaian:
    if len(realisasi) < triwulan or realisasi[triwulan - 1] is None:
        return tidak_tersedia(f"triwulan {ROMAWI[triwulan]} belum ada realisasi yang disetujui")
    if target is None:
        return tidak_tersedia("belum ada target")
    r = gabung(realisasi, triwulan, ind.agregasi)
    if isinstance(r, str):
        return tidak_tersedia(r)
    return capaian(target, r, polaritas=ind.polaritas, rumus_negatif=ind.rumus_negatif,
                   batas_atas=ind.batas_atas)


def capaian_tahun(ind: Indikator, target_tahun: float | None, realisasi: Sequence[Realisasi | None]) -> Capaian:
    """The year's capaian, against the year's target (never a quarter's): needs all four quarters.

    >>> capaian_tahun(Indikator(), 100, [Realisasi(25)] * 3 + [None]).alasan
    'triwulan IV belum ada realisasi yang disetujui'
    """
    for i in range(4):
        if len(realisasi) <= i or realisasi[i] is None:
            return tidak_tersedia(f"triwulan {ROMAWI[i + 1]} belum ada realisasi yang disetujui")
    return capaian_triwulan(ind, target_tahun, realisasi, 4)


def proyeksi_tahun(ind: Indikator, target_tahun: float | None, realisasi: Sequence[Realisasi | None]) -> Capaian:
    """A projection of the year's capaian from the quarters reported so far (quarters 1..n, in a row).

    The quarters not yet reported are assumed to be like the average of those reported (the run rate): a sum
    grows by that average, a ratio keeps its pooled numerator over denominator, an average and a last value stay.
    Not available without a first quarter.

    >>> proyeksi_tahun(Indikator(agregasi="kumulatif"), 100, [Realisasi(20), Realisasi(30)]).persen  # 50 + 2 × 25
    100.0
    >>> round(proyeksi_tahun(Indikator(), 90, [Realisasi(80, 40, 50), Realisasi(90, 45, 50)]).persen, 2)  # 85 / 90
    94.44
    >>> proyeksi_tahun(Indikator(agregasi="terakhir"), 80, [Realisasi(60), Realisasi(72), None, None]).persen
    90.0
    >>> proyeksi_tahun(Indikator(), 80, [None, Realisasi(72)]).alasan
    'triwulan I belum ada realisasi yang disetujui'
    """
    ada: list[Realisasi] = []
    for r in list(realisasi)[:4]:
        if r is None:
            break
        ada.append(r)
    if not ada:
        return tidak_tersedia("triwulan I belum ada realisasi yang disetujui")
    n = len(ada)
    if all(r.penyebut is not None for r in ada):
        rata = Realisasi(sum(r.nilai for r in ada) / n, sum(r.pembilang or 0.0 for r in ada) / n,
                         sum(r.penyebut or 0.0 for r in ada) / n)
    else:
        rata = Realisasi(sum(r.nilai for r in ada) / n)
    lengkap = ada + [ada[-1] if ind.agregasi == "terakhir" else rata] * (4 - n)
    return capaian_tahun(ind, target_tahun, lengkap)
