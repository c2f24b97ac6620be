"""A step's number as every page and message names it: the SOP tables print "1.", "2." … "10" (Muara Papalik)
or "1", "2" (Poncokusumo); a reference reads "langkah 3", never "langkah 3."."""
from __future__ import annotations


def nomor_langkah(no: str | int | None) -> str:
    """The printed number without its trailing period or spaces.

    >>> nomor_langkah("3."), nomor_langkah(" 10 "), nomor_langkah("2a."), nomor_langkah(4), nomor_langkah(None)
    ('3', '10', '2a', '4', '')
    """
    return str(no if no is not None else "").strip().rstrip(".").strip()

