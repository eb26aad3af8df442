"""Reading a member register file (.xlsx or .csv) into rows of plain cell values.

No ORM here: the import model turns ``RegisterFileError`` codes into translated messages.
A formula cell whose result Excel never saved (a file written by a script, or by LibreOffice
with recalculation off) reads as empty in openpyxl; such a cell becomes ``{"formula": text}``
so that its row is reported instead of silently losing the value.
"""
import csv
import datetime
import io
import zipfile

import openpyxl


class RegisterFileError(ValueError):
    """A file that cannot be read as a register; ``code`` keys the translated message."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def json_cell(value):
    """A cell as JSON: dates as ISO text, which the date parser reads back."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def is_formula(value):
    return isinstance(value, dict) and "formula" in value


def read_register(data, filename=""):
    """All rows of the file as lists of JSON-able cell values, trailing empty rows dropped.

    Raises RegisterFileError("empty" | "not_xlsx" | "not_spreadsheet").
    """
    name = (filename or "").lower()
    if not data or not data.strip():
        raise RegisterFileError("empty")
    if zipfile.is_zipfile(io.BytesIO(data)):
        rows = _read_xlsx(data)
    elif name.endswith((".csv", ".txt")) or not name:
        rows = _read_csv(data)
    else:
        raise RegisterFileError("not_spreadsheet")
    while rows and all(cell in (None, "") for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise RegisterFileError("empty")
    return rows


def _read_xlsx(data):
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - any unreadable zip is reported the same way
        raise RegisterFileError("not_xlsx") from None
    try:
        rows = []
        for cached, written in zip(values.worksheets[0].iter_rows(values_only=True),
                                   formulas.worksheets[0].iter_rows(values_only=True)):
            row = [json_cell(cell) for cell in cached]
            for index, cell in enumerate(row):
                if cell is None and index < len(written) and isinstance(written[index], str) \
                        and written[index].startswith("="):
                    row[index] = {"formula": written[index]}
            rows.append(row)
        return rows
    finally:
        values.close()
        formulas.close()


def _read_csv(data):
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):  # latin-1 reads any byte
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise RegisterFileError("not_spreadsheet")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return [[cell if cell != "" else None for cell in row]
            for row in csv.reader(io.StringIO(text), dialect)]
