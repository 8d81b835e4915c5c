"""Cut the official files down to the four sample CCGs, for the demo database.

    .venv/bin/python data/sample/official/make_official.py ../shared/nhs-data

epraccur lines are copied byte for byte; the ePCN workbook keeps its sheet names, header cells
and cell values (numbers stay numbers), for the practices of the sample CCGs only.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
SAMPLE_CCGS = {"02X", "08C", "04K", "02N"}


def register(data: Path) -> set[str]:
    """epraccur lines of the sample CCGs' GP practices; returns their codes."""
    kept, codes = [], set()
    for line in (data / "ods" / "epraccur_2019-09.csv").read_bytes().splitlines(keepends=True):
        fields = next(csv.reader([line.decode("cp1252")]))
        if fields[14] in SAMPLE_CCGS and fields[25] == "4":
            kept.append(line)
            codes.add(fields[0])
    (HERE / "epraccur_2019-09.csv").write_bytes(b"".join(kept))
    print(f"epraccur_2019-09.csv: {len(kept)} practices")
    return codes


def networks(data: Path, practices: set[str]) -> None:
    """ePCN_2019-12.xlsx with the spells of `practices` and the PCNs they belong to."""
    original = openpyxl.load_workbook(data / "epcn" / "ePCN_2019-12.xlsx", read_only=True, data_only=True)
    details_name, partners_name = original.sheetnames
    partners = list(original[partners_name].iter_rows(values_only=True))
    spells = [row for row in partners[1:] if row[0] in practices]
    pcn_codes = {row[4] for row in spells}
    details = list(original[details_name].iter_rows(values_only=True))
    pcns = [row for row in details[1:] if row[0] in pcn_codes]
    excerpt = openpyxl.Workbook()
    excerpt.active.title = details_name
    for row in [details[0], *pcns]:
        excerpt[details_name].append(row)
    excerpt.create_sheet(partners_name)
    for row in [partners[0], *spells]:
        excerpt[partners_name].append(row)
    excerpt.save(HERE / "ePCN_2019-12.xlsx")
    print(f"ePCN_2019-12.xlsx: {len(pcns)} PCNs, {len(spells)} spells")


if __name__ == "__main__":
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/nhs-data")
    networks(data, register(data))
