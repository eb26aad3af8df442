import base64
import datetime
import gzip
import io
import json
import logging
from urllib.parse import quote as url_quote

import openpyxl
from psycopg2 import OperationalError

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, email_normalize, formatLang, mute_logger

from ..tools import member_parsing, person_match, register_rows
from ..tools.bulk_create import bulk_create
from ..tools.register_file import RegisterFileError, is_formula, read_register

_logger = logging.getLogger(__name__)


def _pack(data):
    return base64.b64encode(gzip.compress(json.dumps(data, default=str).encode(), 1))


def _unpack(data):
    return json.loads(gzip.decompress(base64.b64decode(data)))


def _cell_text(value):
    if value is None:
        return ""
    return value["formula"] if is_formula(value) else str(value)

# Above this many rows the import runs in the background, so no browser request times out.
BACKGROUND_ROWS = 5000
# problems listed in the form; the downloadable file holds them all
SHOWN_PROBLEMS = 100
PROGRESS_EVERY = 2000
# a background import that met a concurrent transaction or a lost connection is run again
RETRY_SECONDS = 60
# stored computed fields of res.partner that are known for a new person without parent
PARTNER_COMPUTED = ("complete_name", "partner_share", "email_normalized", "phone_sanitized",
                    "commercial_partner_id", "commercial_company_name", "company_registry",
                    "user_id", "image_1024", "image_512", "image_256", "image_128")
PARTNER_FIELDS = {
    "first_name": "member_first_name", "last_name": "member_last_name", "gender": "gender",
    "birth_date": "birth_date", "phone": "phone", "village": "village",
    "national_id": "national_id", "email": "email",
}


class ImportRefused(UserError):
    """An import refused for a rejected row: the background import keeps its row and
    problem codes, so that the message is read in the reader's language."""

    def __init__(self, message, row, columns):
        super().__init__(message)
        self.row = row
        self.columns = columns


class CoupMemberImport(models.Model):
    """A member register taken out of Excel: upload, map columns, dry run, then import.

    The import is all or nothing: it runs in one transaction, and only when no row is in
    error, unless the user chose to skip the rejected rows (they get them back as an .xlsx
    with a column saying why). A wrong detail (a phone, a birth date) is a warning: the member
    is imported without it. Re-importing a file matches the people already registered (member
    number, national ID, phone and name, name and birth date) and creates nothing twice.
    Reading and checking are plain functions (``tools/register_file``,
    ``tools/register_rows``); this model keeps the wizard's state, the database and the words.
    """

    _name = "coup.member.import"
    _description = "Member Register Import"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", string="Cooperative", required=True, index=True,
        default=lambda self: self.env.company)
    file = fields.Binary(string="Register", attachment=True, required=True,
                         help="An .xlsx or .csv file, one member a row.")
    filename = fields.Char()
    state = fields.Selection(
        [("draft", "Upload"), ("mapped", "Columns"), ("checked", "Checked"),
         ("queued", "Importing"), ("done", "Imported"), ("failed", "Failed")],
        default="draft", required=True, readonly=True)
    header_row = fields.Integer(string="Header Row", readonly=True,
                                help="Row of the file that holds the column headers.")
    rows_file = fields.Binary(
        string="Rows Read", attachment=True, readonly=True, copy=False,
        help="The header and rows as read from the file (compressed JSON), so that the file is "
             "read only once.")
    parsed_file = fields.Binary(
        string="Rows Parsed", attachment=True, readonly=True, copy=False,
        help="The rows' values as the last check read them with the current columns (compressed "
             "JSON), so that the import does not parse them again.")
    column_ids = fields.One2many("coup.member.import.column", "import_id", string="Columns")
    skip_invalid = fields.Boolean(
        string="Skip Rejected Rows",
        help="Import the valid rows and leave out the rows in error; download them to fix them.")
    row_count = fields.Integer(string="Rows", readonly=True)
    error_count = fields.Integer(string="Rejected Rows", readonly=True)
    warning_count = fields.Integer(
        string="Rows with Warnings", readonly=True,
        help="Members imported without a detail that could not be read (a phone, a date).")
    duplicate_count = fields.Integer(
        string="Repeated Rows", readonly=True,
        help="Rows that repeat an earlier row of the file word for word: imported once.")
    word_ids = fields.Many2many(
        "coup.member.import.word", string="Words to Decide", readonly=True, copy=False,
        help="Words of the file that the import does not know: say once what they mean, and "
             "the cooperative's next imports read them so.")
    new_count = fields.Integer(string="New Members", readonly=True)
    matched_count = fields.Integer(string="Already Registered", readonly=True)
    # not a column of the import: the background job commits its progress apart while its own
    # transaction stays open, and under REPEATABLE READ that transaction could then no longer
    # write the import's row (a serialization failure at the very end, after all the work)
    progress = fields.Float(compute="_compute_progress", inverse="_inverse_progress",
                            readonly=True)
    # The report is kept as data (problem codes, their values, counts) and written out when it
    # is read, in the reader's language: a French secretary and a Spanish accountant read the
    # same import each in theirs, whoever ran it.
    preview_data = fields.Json(readonly=True, copy=False,
                               help="The header and first rows of the file, as read.")
    report_data = fields.Json(
        readonly=True, copy=False,
        help="The problems of the first rejected and warned rows (column, value, problem code), "
             "and what the import did, rendered in the reader's language.")
    problems_file = fields.Binary(
        string="Rows to Fix (data)", attachment=True, readonly=True, copy=False,
        help="Every rejected or warned row as read, with its problem codes (compressed JSON): "
             "the file of rows to fix is written from it, in the reader's language.")
    preview_html = fields.Html(string="Preview", compute="_compute_report", sanitize=False)
    error_html = fields.Html(string="Errors", compute="_compute_report", sanitize=False)
    warning_html = fields.Html(string="Warnings", compute="_compute_report", sanitize=False)
    result_data = fields.Json(readonly=True, copy=False,
                              help="What the import did, or why it failed (a code and values).")
    result_message = fields.Text(compute="_compute_report")
    rejected_filename = fields.Char(compute="_compute_report")
    rejected_file = fields.Binary(string="Rejected Rows File", compute="_compute_rejected_file")

    def write(self, vals):
        if "file" in vals:
            vals.update(state="draft", rows_file=False, parsed_file=False, header_row=0)
        return super().write(vals)

    @api.depends("filename", "create_date")
    def _compute_name(self):
        for record in self:
            record.name = record.filename or _("Member register")

    # ------------------------------------------------------------------ the report, as read

    @api.depends("preview_data", "report_data", "result_data", "filename", "column_ids.field_key",
                 "company_id.name", "company_id.country_id")
    @api.depends_context("lang")
    def _compute_report(self):
        for record in self:
            report = record.report_data or {}
            legacy = report.get("legacy") or {}  # imports made before 18.0.2.1.0
            preview = record.preview_data
            record.preview_html = record._preview_html(preview["header"], preview["rows"]) \
                if preview else legacy.get("preview_html", False)
            record.error_html = record._problem_table(report, "errors", _(
                "… and %(count)s more rejected rows: download the file of rows to fix.")) \
                if "errors" in report else legacy.get("error_html", False)
            record.warning_html = record._problem_table(report, "warnings", _(
                "… and %(count)s more rows with warnings: download the file of rows to fix.")) \
                if "warnings" in report else legacy.get("warning_html", False)
            record.result_message = record._result_message(record.result_data) \
                if record.result_data else legacy.get("result_message", False)
            record.rejected_filename = report.get("to_fix") and _(
                "rows_to_fix_%s.xlsx", (record.filename or "register").rsplit(".", 1)[0])

    @api.depends("problems_file", "report_data")
    @api.depends_context("lang")
    def _compute_rejected_file(self):
        for record in self:
            record.rejected_file = base64.b64encode(record._rejected_workbook()) \
                if record.problems_file else False

    def _result_message(self, result):
        """What the import did (or why it failed), in the reader's language."""
        if result["code"] == "done":
            return _(
                "Members imported: %(done)s (new: %(new)s, already registered: %(matched)s). "
                "Rejected rows skipped: %(skipped)s. Rows with warnings: %(warned)s. Repeated "
                "rows imported once: %(repeated)s.", **result["args"])
        if result["code"] == "rejected":
            number, problems = result["args"]["row"]
            return _("Nothing was imported: %s", self.format_error(
                *self._problem_lines(number, problems, result["args"].get("columns"))[0]))
        if result["code"] == "crashed":
            return _("The import failed and nothing was written: %s", result["args"]["error"])
        return result["args"]["error"]  # a refusal, in the words it was given

    # ------------------------------------------------------------------ reading the file

    def _read_rows(self):
        """All rows of the file as lists of cell values; a clear error for anything else."""
        self.ensure_one()
        if not self.file:
            if self.filename:
                raise UserError(_("The file %s is empty.", self.filename))
            raise UserError(_("Upload the member register first."))
        return self._coup_read_register(base64.b64decode(self.file), self.filename)

    @api.model
    def _coup_read_register(self, data, filename):
        """The rows of a register file (.xlsx or CSV) as lists of cell values, or a UserError
        naming the file and what is wrong with it; for every import of a register (members,
        the capital register)."""
        try:
            return read_register(data, filename)
        except RegisterFileError as error:
            raise UserError({
                "empty": _("The file %s is empty.", filename or ""),
                "not_xlsx": _("The file %s is not an Excel workbook (.xlsx) we can read.",
                              filename or ""),
                "not_spreadsheet": _("The file %s is not a spreadsheet: upload an Excel workbook "
                                     "(.xlsx) or a CSV file.", filename or ""),
            }[error.code]) from None

    def action_read_file(self):
        """Find the header row (even below a title row) and match the columns."""
        for record in self:
            rows = record._read_rows()
            index = member_parsing.find_header_row(rows)
            if index is None:
                raise UserError(_(
                    "No header row found in the first rows of %s: the file needs a row of column "
                    "titles such as Nom, Prénom, Sexe, Téléphone (or Apellidos, Nombres, Sexo, "
                    "Celular).", record.filename))
            header, body = rows[index], rows[index + 1:]
            if not body:
                raise UserError(_("The file %s has headers but no member rows.", record.filename))
            columns, used = [], set()
            for position, title in enumerate(header):
                if title in (None, ""):
                    continue
                key = member_parsing.match_header(title)
                if key in used:
                    key = False
                used.add(key)
                sample = ", ".join(_cell_text(member_parsing.clean_cell(row[position]))
                                   for row in body[:3]
                                   if position < len(row) and row[position] is not None)
                columns.append({"sequence": position, "header": str(title), "sample": sample[:80],
                                "field_key": key})
            record.column_ids.unlink()
            record.write({
                "rows_file": _pack({"header": header, "rows": body}),
                "parsed_file": False,
                "header_row": index + 1, "row_count": len(body), "state": "mapped",
                "column_ids": [fields.Command.create(c) for c in columns],
                "error_count": 0, "warning_count": 0, "duplicate_count": 0,
                "word_ids": [fields.Command.clear()],
                "report_data": False, "problems_file": False, "result_data": False,
                "preview_data": {"header": [_cell_text(h) for h in header],
                                 "rows": [[_cell_text(c)[:40] for c in row]
                                          for row in body[:10]]},
            })
        return True

    def _preview_html(self, header, rows):
        labels = dict(self.column_ids._fields["field_key"]._description_selection(self.env))
        return self.env["ir.qweb"]._render("coup_member_registry.member_import_preview", {
            "header": header, "ignored": _("ignored"),
            "mapped": {c.sequence: labels[c.field_key] for c in self.column_ids if c.field_key},
            "rows": [["" if i >= len(row) else row[i] for i in range(len(header))]
                     for row in rows]})

    # ------------------------------------------------------------------ checking rows

    def _column_map(self):
        """{field key: column position}; a clear error when two columns claim one field."""
        positions = {}
        for column in self.column_ids.filtered("field_key"):
            if column.field_key in positions:
                other = self.column_ids.filtered(
                    lambda c: c.sequence == positions[column.field_key])
                raise UserError(_(
                    "The columns %(first)s and %(second)s are both imported as %(field)s: "
                    "keep only one.", first=other.header, second=column.header,
                    field=dict(self.column_ids._fields["field_key"]._description_selection(
                        self.env))[column.field_key]))
            positions[column.field_key] = column.sequence
        if not {"name", "first_name", "last_name"} & positions.keys():
            raise UserError(_("Choose the column that holds the members' names."))
        return positions

    def _problem_messages(self):
        """Problem codes of ``tools/register_rows`` as sentences that follow the value."""
        return {
            "gender": _("is not a gender we know (use H/F, Homme/Femme, Masculino/Femenino, M/F, "
                        "or say what it means under Words to Decide): imported without gender"),
            "date": _("is not a date (use dd/mm/yyyy): imported without it"),
            "birth_date_range": _("is not a possible birth date (in the future or before "
                                  "1900): imported without birth date"),
            "phone": _("is not a valid phone number of %(country)s: imported without phone"),
            "email": _("is not an e-mail address: imported without e-mail"),
            "membership_type": _("is not a member type we know (Principal, Affilié, Titular, "
                                 "Afiliado, or say what it means under Words to Decide)"),
            "relation": _("is not a relation we know (conjoint, enfant, parent, frère, autre, or "
                          "say what it means under Words to Decide): imported as “other”"),
            "formula": _("is a formula whose result was never saved in the file: open the file "
                         "in Excel or LibreOffice, save it, and upload it again"),
            "too_long": _("is %(length)s characters long, more than the %(max)s a register "
                          "holds"),
            "name_required": _("is required: every member needs a name"),
            "same_row": _("is the same row as row %(row)s: imported once"),
            "number_conflict": _("is given to rows %(first)s and %(second)s with different "
                                 "data: keep one of them"),
            "number_taken": _("is already the member number of another member of %(company)s"),
            "same_person": _("is the same person as row %(row)s (accents, case, spacing and "
                             "date formats aside): imported once"),
            "principal_required": _("is required for an affiliated member"),
            "principal_self": _("is the member's own number"),
            "principal_unknown": _("is not a principal member in the file or in %(company)s"),
            "principal_on_principal": _("is given for a principal member: leave it empty or set "
                                        "the type to affiliated"),
            "principal_rejected": _("is rejected (row %(row)s), so this member is too"),
        }

    def _problem_lines(self, number, problems, headers=None):
        """(row, column, value, message) of each problem of row ``number``, ready to show;
        ``headers``: {field key: the file's column header} when the problems were found."""
        messages = self._problem_messages()
        if headers is None:
            headers = {c.field_key: c.header for c in self.column_ids if c.field_key}
        labels = dict(self.column_ids._fields["field_key"]._description_selection(self.env))
        args = {"company": self.company_id.name,
                "country": self.company_id.country_id.name or _("the cooperative's country")}
        lines = []
        for key, value, code, extra in problems:
            column = headers.get(key) or labels.get(key) or _("Name")
            lines.append((number, column, value, messages[code] % dict(args, **extra)))
        return lines

    def _parse_rows(self, rows, positions):
        """Every row read into clean values, errors and warnings (``tools/register_rows``)."""
        self.ensure_one()
        words = self.env["coup.member.import.word"]._words_for(self.company_id)
        return register_rows.parse_rows(
            rows, positions, self.header_row + 1, self.company_id.country_id.code,
            fields.Date.context_today(self), words)

    def _known(self, only=None):
        """What the cooperative and the database already hold, fetched in a few queries.

        ``only`` (a device's few rows: {"numbers", "partner_ids", "names"}) narrows the
        register to the members those rows can meet: their numbers and principals' numbers,
        the people found for them, their names (as ``person_match.name_key`` compares them:
        words in any order). A phone registering one member then reads a handful of rows,
        not a register of thousands."""
        company = self.company_id
        cr = self.env.cr
        known = register_rows.empty_known(company.country_id.code)
        narrow = SQL()
        if only is not None:
            narrow = SQL("""
                AND (m.member_number = ANY(%s) OR m.partner_id = ANY(%s)
                     OR (SELECT string_agg(word, ' ' ORDER BY word COLLATE "C")
                           FROM regexp_split_to_table(trim(regexp_replace(
                                lower(translate(p.name, %s, %s)), '[^a-z0-9]+', ' ', 'g')),
                                ' ') word) = ANY(%s))
            """, list(only["numbers"]), list(only["partner_ids"]), person_match.SQL_ACCENTS,
                person_match.SQL_PLAIN, list(only["names"]))
        cr.execute(SQL("""
            SELECT m.id, m.member_number, m.partner_id, m.membership_type, p.name
              FROM coup_membership m JOIN res_partner p ON p.id = m.partner_id
             WHERE m.company_id = %s %s
        """, company.id, narrow))
        for mid, number, partner_id, mtype, name in cr.fetchall():
            known.by_number[number] = (mid, partner_id, mtype, name)
            known.by_partner[partner_id] = mid
            key = person_match.name_key(name)
            known.by_coop_name[key] = None if key in known.by_coop_name else partner_id
        return known

    def _check_rows(self, parsed, positions, narrow=False):
        """Cross-row checks and matching with the register: member numbers, principals,
        people already in the database. Adds ``partner_id`` and ``membership_id`` to rows.
        ``narrow``: a device's few rows, checked against the part of the register they can
        meet (``_known``) rather than all of it."""
        self.ensure_one()
        nids = [r["values"]["national_id"] for r in parsed if r["values"].get("national_id")]
        births = [r["values"]["birth_date"] for r in parsed if r["values"].get("birth_date")]
        phones = [r["values"]["phone"][-8:] for r in parsed if r["values"].get("phone")]
        # candidates in one query: the same national ID, birth date or name (accents and case
        # folded in SQL as a first sieve); tools/person_match then decides who is who
        self.env.cr.execute(SQL("""
            SELECT id, national_id, phone, name, birth_date FROM res_partner
             WHERE active AND NOT is_company
               AND (national_id = ANY(%s) OR birth_date = ANY(%s)
                    OR (phone IS NOT NULL
                        AND right(regexp_replace(phone, '[^0-9]', '', 'g'), 8) = ANY(%s))
                    OR trim(regexp_replace(lower(translate(name, %s, %s)), '[^a-z0-9]+', ' ',
                                           'g')) = ANY(%s))
             ORDER BY id
        """, nids, births, phones, person_match.SQL_ACCENTS, person_match.SQL_PLAIN,
            [n for n in {person_match.sql_name(register_rows.row_name(r["values"]))
                         for r in parsed} if n]))
        people = self.env.cr.fetchall()
        known = self._known({
            "numbers": {n for r in parsed for n in (r["values"].get("member_number"),
                                                    r["values"].get("principal_number")) if n},
            "partner_ids": {row[0] for row in people},
            "names": {person_match.name_key(register_rows.row_name(r["values"]))
                      for r in parsed}} if narrow else None)
        for pid, nid, phone, name, birth in people:
            # phones are stored as typed ("62 45 79 65"): compared in E.164, as the file's
            known.people.add(pid, name, phone, nid, birth)
        register_rows.check_rows(parsed, known)
        return {number: vals[:3] for number, vals in known.by_number.items()}

    @staticmethod
    def _row_name(values):
        return register_rows.row_name(values)

    @staticmethod
    def _coup_phone_key(phone, region):
        """A stored phone in E.164 to compare with the file's, or as stored if it is none."""
        try:
            return member_parsing.parse_phone(phone, region)
        except member_parsing.ParseError:
            return phone

    def _rows(self):
        """{"header": [...], "rows": [[...], ...]} as read from the file."""
        if not self.rows_file:
            self.action_read_file()
        return _unpack(self.rows_file)

    def _parsed_rows(self, positions):
        """Rows parsed with the current columns: from the last check when there is one."""
        if self.parsed_file:
            parsed = _unpack(self.parsed_file)
            for row in parsed:
                for key in ("birth_date", "join_date"):
                    if row["values"].get(key):
                        row["values"][key] = datetime.date.fromisoformat(row["values"][key])
                for kind in ("errors", "warnings"):
                    row[kind] = [register_rows.Problem(*p) for p in row[kind]]
            return parsed
        parsed = self._parse_rows(self._rows()["rows"], positions)
        if not parsed:
            raise UserError(_("The file %s has headers but no member rows.", self.filename))
        self.parsed_file = _pack(parsed)
        return parsed

    def _analyse(self):
        """Parse and check every row; returns (parsed rows, db member numbers)."""
        self.ensure_one()
        positions = self._column_map()
        parsed = self._parsed_rows(positions)
        db_by_number = self._check_rows(parsed, positions)
        return parsed, db_by_number

    def action_check(self):
        """Dry run: validate every row and count what the import would do; writes no member."""
        for record in self:
            if record.state == "draft":
                record.action_read_file()
            record.parsed_file = False
            parsed, __ = record._analyse()
            record._store_check(parsed)
        return True

    def _store_check(self, parsed):
        """The counts, and the problems as codes: the report is written when it is read."""
        counts = register_rows.summary(parsed)
        bad = [r for r in parsed if r["errors"]]
        warned = [r for r in parsed if not r["errors"] and r["warnings"]]
        words = self.env["coup.member.import.word"]._note_unknown(
            self.company_id, register_rows.unknown_words(parsed))
        to_fix = sorted(bad + warned, key=lambda r: r["row"])
        vals = dict(counts, state="checked", result_data=False,
                    report_data=self._report_data(bad, warned),
                    problems_file=to_fix and _pack({
                        "header": self._rows()["header"],
                        "rows": [[r["row"], r["raw"], bool(r["errors"]),
                                  r["errors"] or r["warnings"]] for r in to_fix]}),
                    word_ids=[fields.Command.set(words.filtered(lambda w: not w.decided).ids)])
        self.write(vals)

    def _report_data(self, bad, warned):
        """What the form shows of a check: the problems of the first rows of each kind, with
        the file's column headers of the time."""
        return {
            "columns": {c.field_key: c.header for c in self.column_ids if c.field_key},
            "errors": [[r["row"], r["errors"]] for r in bad[:SHOWN_PROBLEMS]],
            "warnings": [[r["row"], r["warnings"]] for r in warned[:SHOWN_PROBLEMS]],
            "more": {"errors": max(len(bad) - SHOWN_PROBLEMS, 0),
                     "warnings": max(len(warned) - SHOWN_PROBLEMS, 0)},
            "to_fix": bool(bad or warned),
        }

    def _problem_table(self, report, kind, more_text):
        """The first rows' problems, and how many rows are not shown."""
        rows = report.get(kind)
        if not rows:
            return False
        columns = report.get("columns")
        lines = [(line_number, column or "", _cell_text(value), message)
                 for number, problems in rows
                 for line_number, column, value, message in self._problem_lines(
                     number, problems, columns)]
        more = report.get("more", {}).get(kind)
        more = more_text % {"count": self._format_count(more)} if more else False
        return self.env["ir.qweb"]._render("coup_member_registry.member_import_problems",
                                           {"lines": lines, "more": more})

    def _format_count(self, count):
        return formatLang(self.env, count, digits=0)

    def format_error(self, row, column, value, message):
        return _("Row %(row)s, column %(column)s, value “%(value)s”: %(message)s",
                 row=row, column=column, value=_cell_text(value), message=message)

    def _rejected_workbook(self):
        """The rows to fix as they were in the file, with what became of them and why."""
        data = _unpack(self.problems_file)
        header = data["header"]
        columns = (self.report_data or {}).get("columns")
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Rows to fix"))
        sheet.append([_("Row"), *[_cell_text(h) for h in header], _("Result"), _("Why")])
        rejected, imported = _("Rejected"), _("Imported with warnings")
        reason = _("%(column)s “%(value)s” %(message)s")
        for number, raw, is_rejected, problems in data["rows"]:
            reasons = "; ".join(
                reason % {"column": column, "value": _cell_text(value), "message": message}
                for __, column, value, message in self._problem_lines(number, problems, columns))
            sheet.append([number, *[_cell_text(c) if is_formula(c) else c for c in raw],
                          rejected if is_rejected else imported, reasons])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    # ------------------------------------------------------------------ importing

    def action_import(self):
        """Import now, or in the background for a large file."""
        self.ensure_one()
        if self.state in ("draft", "mapped"):
            self.action_check()
        if self.state not in ("checked", "failed"):
            raise UserError(_("This register has already been imported."))
        if self.error_count and not self.skip_invalid:
            raise UserError(_(
                "Rows in error in %(file)s: %(count)s. Fix them, or tick “Skip Rejected Rows” "
                "to import the valid rows only. Nothing was imported.",
                count=self.error_count, file=self.filename))
        if self.row_count > BACKGROUND_ROWS and not self.env.context.get("coup_import_now"):
            self.write({"state": "queued"})
            self.env.cr.execute(SQL(
                "DELETE FROM coup_member_import_progress WHERE import_id = %s", self.id))
            self.env.ref("coup_member_registry.ir_cron_coup_member_import")._trigger()
            return True
        self._run_import()
        return True

    def _run_import(self):
        """Write the members in one transaction: all rows, or none."""
        self.ensure_one()
        parsed, db_by_number = self._analyse()
        bad = [r for r in parsed if r["errors"]]
        if bad and not self.skip_invalid:
            row = bad[0]
            raise ImportRefused(_("Nothing was imported: %s", self.format_error(
                *self._problem_lines(row["row"], row["errors"])[0])), row=[row["row"], row["errors"]],
                columns={c.field_key: c.header for c in self.column_ids if c.field_key})
        good = [r for r in parsed if not r["errors"] and not r["duplicate_of"]]
        counts = register_rows.summary(parsed)
        new = counts["new_count"]
        self._notify_progress(10)
        partners = self._import_partners(good)
        self._notify_progress(60)
        self._import_memberships(good, partners, db_by_number)
        self._notify_progress(100)
        self.write(dict(counts, state="done", result_data={"code": "done", "args": {
            "done": len(good), "new": new, "matched": len(good) - new, "skipped": len(bad),
            "warned": counts["warning_count"], "repeated": counts["duplicate_count"]}}))

    def _partner_vals(self, values):
        vals = {field: values[key] for key, field in PARTNER_FIELDS.items() if values.get(key)}
        vals["name"] = self._row_name(values)
        return vals

    def _import_partners(self, rows):
        """Insert the new people in one set-based batch; update the known ones only where the
        file says something else."""
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            mail_notrack=True)
        new_rows = [r for r in rows if not r["partner_id"]]
        known = [r for r in rows if r["partner_id"]]
        country = self.company_id.country_id.id or False
        country_code = self.company_id.country_id.code
        # members speak their cooperative's language, not the language of who imports them
        lang = self.company_id.partner_id.lang or self.env.lang
        has_sanitized = "phone_sanitized" in Partner._fields
        vals_list = []
        for row in new_rows:
            vals = self._partner_vals(row["values"])
            vals.update(type="contact", country_id=country, lang=lang, complete_name=vals["name"],
                        partner_share=True, email_normalized=email_normalize(vals.get("email")))
            if has_sanitized:
                vals["phone_sanitized"] = vals.get("phone") or False
            vals_list.append(vals)
        created = bulk_create(Partner, vals_list, computed_by_caller=PARTNER_COMPUTED)
        if created:
            self.env.cr.execute(SQL(
                "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
                created.ids))
            created.invalidate_recordset(["commercial_partner_id"])
        for row, partner in zip(new_rows, created):
            row["partner_id"] = partner.id
        if known:
            field_names = list(PARTNER_FIELDS.values()) + ["name"]
            partners = Partner.browse([r["partner_id"] for r in known])
            partners.fetch(field_names)
            for row, partner in zip(known, partners):
                vals = self._partner_vals(row["values"])
                changes = {f: v for f, v in vals.items() if (partner[f] or False) != v}
                if "phone" in changes and partner.phone and self._coup_phone_key(
                        partner.phone, country_code) == changes["phone"]:
                    del changes["phone"]  # the same number as typed by hand: kept as typed
                if changes:
                    partner.write(changes)
        return created

    def _import_memberships(self, rows, partners, db_by_number):
        """Principal members first, then their households, each in one set-based batch."""
        Membership = self.env["coup.membership"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
        company = self.company_id
        number_to_id = {number: mid for number, (mid, __, __) in db_by_number.items()}
        existing = Membership.browse([r["membership_id"] for r in rows if r["membership_id"]])
        existing.fetch(["member_number", "membership_type", "principal_membership_id",
                        "relation"])
        missing = [r for r in rows if not r["membership_id"]
                   and not r["values"].get("member_number")]
        for row, number in zip(missing, company._coup_next_member_numbers(len(missing))):
            row["values"]["member_number"] = number
        today = fields.Date.context_today(self)
        for mtype in ("principal", "affiliated"):
            create_rows, vals_list = [], []
            for row in rows:
                values = row["values"]
                if values["membership_type"] != mtype:
                    continue
                vals = {"membership_type": mtype, "member_number": values.get("member_number")}
                if mtype == "affiliated":
                    vals["principal_membership_id"] = number_to_id[values["principal_number"]]
                    vals["relation"] = values.get("relation") or "other"
                if row["membership_id"]:
                    membership = Membership.browse(row["membership_id"])
                    if not vals["member_number"]:
                        del vals["member_number"]
                    changes = {f: v for f, v in vals.items()
                               if (membership[f].id if f == "principal_membership_id"
                                   else membership[f]) != v}
                    if changes:
                        membership.write(changes)
                    number_to_id[membership.member_number] = membership.id
                    continue
                vals.update(partner_id=row["partner_id"], company_id=company.id, state="active",
                            join_date=values.get("join_date") or today, active=True)
                create_rows.append(row)
                vals_list.append(vals)
            created = bulk_create(Membership, vals_list)
            for row, membership_id in zip(create_rows, created.ids):
                row["membership_id"] = membership_id
                number_to_id[row["values"]["member_number"]] = membership_id
        company._coup_member_sequence_skip([r["values"].get("member_number") for r in rows])

    def init(self):
        # the progress of background imports, a row each, committed apart (_notify_progress);
        # no foreign key: the row may be written before the import's own row is committed
        self.env.cr.execute("""
            CREATE TABLE IF NOT EXISTS coup_member_import_progress (
                import_id integer PRIMARY KEY, percent double precision NOT NULL)""")

    def unlink(self):
        self.env.cr.execute(SQL(
            "DELETE FROM coup_member_import_progress WHERE import_id = ANY(%s)", self.ids))
        return super().unlink()

    @api.depends("state")
    def _compute_progress(self):
        done = self.filtered(lambda r: r.state == "done")
        done.progress = 100.0
        rest = (self - done).filtered("id")
        percents = dict(self.env.execute_query(SQL(
            "SELECT import_id, percent FROM coup_member_import_progress WHERE import_id IN %s",
            tuple(rest.ids)))) if rest else {}
        for record in self - done:
            record.progress = percents.get(record.id, 0.0)

    def _inverse_progress(self):
        records = self.filtered("id")
        if records:
            self.env.cr.execute(SQL(
                """INSERT INTO coup_member_import_progress (import_id, percent)
                   SELECT * FROM unnest(%s::int[], %s::float8[])
                   ON CONFLICT (import_id) DO UPDATE SET percent = EXCLUDED.percent""",
                records.ids, [r.progress or 0.0 for r in records]))

    def _notify_progress(self, percent):
        """Progress of a background import, committed apart so the form can show it while
        the import's own transaction stays open (and all or nothing)."""
        if not self.env.context.get("coup_import_background"):
            return
        # best effort: never wait for another transaction holding the row (as when the import
        # was queued in the same, uncommitted transaction)
        try:
            with self.env.registry.cursor() as cr, mute_logger("odoo.sql_db"):
                cr.execute("SET LOCAL lock_timeout = '1s'")
                cr.execute(SQL(
                    """INSERT INTO coup_member_import_progress (import_id, percent)
                       VALUES (%s, %s)
                       ON CONFLICT (import_id) DO UPDATE SET percent = EXCLUDED.percent""",
                    self.id, percent))
        except OperationalError as error:
            _logger.info("Progress of member import %s not shown: %s", self.id, error)

    @api.model
    def _cron_run_queued_imports(self):
        for record in self.search([("state", "=", "queued")]):
            try:
                with self.env.cr.savepoint():
                    record.with_context(coup_import_background=True)._run_import()
            except (OperationalError, *PG_CONCURRENCY_EXCEPTIONS_TO_RETRY) as error:
                # a concurrent transaction or a lost connection, not the file: the import stays
                # queued, all or nothing, and runs again in a minute
                # (the savepoint took back what it wrote)
                _logger.warning("Member import %s met %s; it runs again in %s s", record.id,
                                type(error).__name__, RETRY_SECONDS)
                self.env.ref("coup_member_registry.ir_cron_coup_member_import")._trigger(
                    fields.Datetime.now() + datetime.timedelta(seconds=RETRY_SECONDS))
                self.env.cr.commit()
                continue
            except ImportRefused as error:
                record.write({"state": "failed", "result_data": {"code": "rejected", "args": {
                    "row": error.row, "columns": error.columns}}})
            except UserError as error:
                record.write({"state": "failed", "result_data": {"code": "refused", "args": {
                    "error": str(error)}}})
            except Exception as error:  # noqa: BLE001 - reported to the user, logged in full
                _logger.exception("Member import %s failed", record.id)
                record.write({"state": "failed", "result_data": {"code": "crashed", "args": {
                    "error": str(error)}}})
            self.env.cr.commit()

    def action_refresh(self):
        return True

    def action_download_rejected(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/coup.member.import/%s/rejected_file/%s?download=true" % (
                self.id, url_quote(self.rejected_filename or "rows.xlsx")),
            "target": "self",
        }

    def action_view_members(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_member_registry.coup_membership_action")
        action["domain"] = [("company_id", "=", self.company_id.id)]
        return action

    @api.model
    def _load_demo_file(self, company_xmlid, module_path):
        """Demo data: the sample registers go through the real import."""
        from odoo.tools.misc import file_open
        company = self.env.ref(company_xmlid)
        with file_open(module_path, "rb") as handle:
            record = self.create({
                "company_id": company.id, "filename": module_path.rsplit("/", 1)[-1],
                "file": base64.b64encode(handle.read()), "skip_invalid": True})
        record.with_company(company).action_read_file()
        record.with_company(company).with_context(coup_import_now=True).action_import()
        return record
