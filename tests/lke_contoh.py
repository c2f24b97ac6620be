"""A hand-worked LKE of one office (the regulation's LKE, seed/lke.toml), shared by the tests of the Evaluasi AKIP
workflow, its page, the LHE print and the kabupaten's recap.

The office (mandiri) answers Y on every Y/T criterion and B on every A..E criterion. The evaluator answers:

    1.1  (6 points, 7 criteria Y/T)    T Y Y Y Y Y Y          6 x 6/7              = 5,142857  -> 5,14
    1.2  (9 points, 10 criteria A..E)  A A B B B B C C C D    9 x 6,75/10          = 6,075     -> 6,08
    1.3  (15 points, 8 criteria)       A B B B B C C C        15 x 5,5/8           = 10,3125   -> 10,31
    komponen 1 = 5,142857 + 6,075 + 10,3125                                        = 21,530357 -> 21,53
    2.1  (6 points, 3 criteria Y/T)    Y Y Y                  6 x 3/3              = 6         -> 6,00
    2.2  (9 points, 7 criteria)        A A A B B B C          9 x 5,75/7           = 7,392857  -> 7,39
    2.3  (15 points, 10 criteria)      B B B B C C C C D D    15 x 5,5/10          = 8,25      -> 8,25
    komponen 2 = 6 + 7,392857 + 8,25                                               = 21,642857 -> 21,64
    3.1  (3 points, 6 criteria Y/T)    Y Y Y Y T Y            3 x 5/6              = 2,5       -> 2,50
    3.2  (4,5 points, 9 criteria)      A A A B B B C C C      4,5 x 6,75/9         = 3,375     -> 3,38
    3.3  (7,5 points, 7 criteria)      B B B B B B B          7,5 x 5,25/7         = 5,625     -> 5,63
    komponen 3 = 2,5 + 3,375 + 5,625                                               = 11,5      -> 11,50
    4.1  (5 points, 3 criteria Y/T)    Y Y T                  5 x 2/3              = 3,333333  -> 3,33
    4.2  (7,5 points, 5 criteria)      A B B C C              7,5 x 3,5/5          = 5,25      -> 5,25
    4.3  (12,5 points, 5 criteria)     B B C C D              12,5 x 2,75/5        = 6,875     -> 6,88
    komponen 4 = 3,333333 + 5,25 + 6,875                                           = 15,458333 -> 15,46
    total = 21,530357 + 21,642857 + 11,5 + 15,458333 = 70,131548 -> 70,13: predikat BB (above 70 up to 80).

The office's own answers score each Y/T sub-component at its full weight and each A..E one at 0,75 of it:
komponen 1 = 6 + 6,75 + 11,25 = 24; komponen 2 = 6 + 6,75 + 11,25 = 24; komponen 3 = 3 + 3,375 + 5,625 = 12;
komponen 4 = 5 + 5,625 + 9,375 = 20; total 80,00: predikat BB (80 is not above 80).
"""
from __future__ import annotations

from decimal import Decimal

_EVALUATOR = {
    "1.1": "TYYYYYY", "1.2": "AABBBBCCCD", "1.3": "ABBBBCCC",
    "2.1": "YYY", "2.2": "AAABBBC", "2.3": "BBBBCCCCDD",
    "3.1": "YYYYTY", "3.2": "AAABBBCCC", "3.3": "BBBBBBB",
    "4.1": "YYT", "4.2": "ABBCC", "4.3": "BBCCD",
}

# criterion code -> (the office's answer, the evaluator's answer)
JAWABAN: dict[str, tuple[str, str]] = {
    f"{sub}.{i}": ("Y" if sub.endswith(".1") else "B", j)
    for sub, urutan in _EVALUATOR.items() for i, j in enumerate(urutan, start=1)
}

# The evaluator's scores, rounded as printed (two decimals, half up).
SUB = {"1.1": Decimal("5.14"), "1.2": Decimal("6.08"), "1.3": Decimal("10.31"),
       "2.1": Decimal("6.00"), "2.2": Decimal("7.39"), "2.3": Decimal("8.25"),
       "3.1": Decimal("2.50"), "3.2": Decimal("3.38"), "3.3": Decimal("5.63"),
       "4.1": Decimal("3.33"), "4.2": Decimal("5.25"), "4.3": Decimal("6.88")}
KOMPONEN = {"1": Decimal("21.53"), "2": Decimal("21.64"), "3": Decimal("11.50"), "4": Decimal("15.46")}
TOTAL = Decimal("70.13")
PREDIKAT = "BB"

# The office's own (mandiri) scores.
KOMPONEN_MANDIRI = {"1": Decimal("24.00"), "2": Decimal("24.00"), "3": Decimal("12.00"), "4": Decimal("20.00")}
TOTAL_MANDIRI = Decimal("80.00")
PREDIKAT_MANDIRI = "BB"


def jawaban_evaluator() -> dict[str, str]:
    return {k: e for k, (_m, e) in JAWABAN.items()}


def jawaban_mandiri() -> dict[str, str]:
    return {k: m for k, (m, _e) in JAWABAN.items()}
